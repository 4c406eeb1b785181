package main

import (
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/custkit/custkit/cmd/custkit/help"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/interrupt"
	"github.com/spf13/cobra"
)

// version, commit and date are stamped by the release build.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// versionLine is what custkit version and custkit --version print.
func versionLine() string {
	line := "custkit " + version
	if commit != "" {
		line += fmt.Sprintf(" (commit %s, built %s)", commit, date)
	}
	return line + fmt.Sprintf(" %s/%s %s", runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// run executes one command line and returns the exit status. Only main
// calls os.Exit, so deferred cleanup (temporary files) always runs; the
// one exception is a second interrupt (see pkg/interrupt).
func run(args []string, s *cmdutil.Streams) int { return runHooked(args, s, nil) }

// runHooked is run with a function that a purge calls after each step that
// changes a file. Only the crash tests pass one, from a command registered
// in the test binary alone; custkit itself always runs with nil, and no
// flag or variable can set it.
func runHooked(args []string, s *cmdutil.Streams, afterFileOp func(string)) int {
	return runAt(args, s, afterFileOp, time.Now)
}

// runAt is runHooked with a clock that says what day it is. Only the test
// binary passes another clock than time.Now (to run a purge on a fixed
// day); no flag or variable can set it.
func runAt(args []string, s *cmdutil.Streams, afterFileOp func(string), now func() time.Time) int {
	ctx, stop := interrupt.Context(s.Err, os.Exit)
	defer stop()
	root := newRootCmdAt(s, afterFileOp, now)
	return cmdutil.ExitCode(s, cmdutil.Execute(ctx, root, args))
}

func newRootCmd(s *cmdutil.Streams, afterFileOp func(string)) *cobra.Command {
	return newRootCmdAt(s, afterFileOp, time.Now)
}

// newRootCmdAt is newRootCmd with the clock that says what day it is.
func newRootCmdAt(s *cmdutil.Streams, afterFileOp func(string), now func() time.Time) *cobra.Command {
	g := &cmdutil.Global{Access: access.New(access.Options{Hashes: access.OpenHashCache(s.Getenv), Getenv: s.Getenv}), AfterFileOp: afterFileOp, Now: now}
	root := &cobra.Command{
		Use:           "custkit <command> [flags]",
		Short:         "Customer management over flat CSV files",
		Long:          help.Long("custkit"),
		Example:       help.Example("custkit"),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if !cmdutil.UsesConfig(cmd) {
				g.Cfg = &cmdutil.Settings{}
				return nil
			}
			cfg, err := cmdutil.LoadSettings(cmd, g.ConfigFile, s.Getenv)
			g.Cfg = cfg
			if err != nil {
				return err
			}
			for _, w := range cfg.Warnings {
				fmt.Fprintf(s.Err, "custkit: %s\n", w)
			}
			if cmd.Annotations[cmdutil.QuietConfigLine] == "" {
				cmdutil.PrintConfigLine(s, g)
			}
			return nil
		},
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetIn(s.In)
	root.PersistentFlags().StringVar(&g.ConfigFile, "config", "", "read settings from `file` (default ./custkit.yaml, then $XDG_CONFIG_HOME/custkit/config.yaml)")
	root.PersistentFlags().BoolVarP(&g.Quiet, "quiet", "q", false, "print no summary or progress on standard error")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return cmdutil.FlagError(c, cmdutil.AsRepeated(err)) })
	root.Version = versionLine()
	// After a word that is no command (custkit byers --version), the word
	// is refused instead (cmdutil.Execute).
	root.SetVersionTemplate("{{if not .Flags.Args}}{{.Version}}\n{{end}}")
	root.Flags().Bool("version", false, "print the version of custkit, as custkit version does")
	cmdutil.Subcommands(root)
	root.AddCommand(
		newJoinCmd(s, g, nil),
		newCheckCmd(s, g, nil),
		newBuyersCmd(s, g, nil),
		newHistoryCmd(s, g, nil),
		newMailingCmd(s, g, nil),
		newPurgeCmd(s, g, nil),
		newRedactCmd(s, g, nil),
		newExportsCmd(s, g),
		newShredCmd(s, g, nil),
		newEncryptCmd(s, g, nil),
		newDecryptCmd(s, g, nil),
		newRekeyCmd(s, g, nil),
		newAuditCmd(s, g),
		newLedgerCmd(s, g, nil),
		newSalesCmd(s, g, nil),
		newSegmentCmd(s, g, nil),
		newRecommendCmd(s, g, nil),
		newEventsCmd(s, g, nil),
		newContactCmd(s, g, nil),
		newContactsCmd(s, g, nil),
		newComplaintCmd(s, g, nil, nil),
		newComplaintsCmd(s, g, nil),
		newReportCmd(s, g, nil),
		newVersionCmd(s),
		newGenDocsCmd(s),
	)
	for _, c := range root.Commands() {
		cmdutil.Wrap(c, s, g)
	}
	cmdutil.HelpTopics(root)
	cmdutil.OnlyOnce(root)
	return root
}

// command is a command named name (as typed after custkit, "audit show"),
// with its long help and examples from cmd/custkit/help and the flags of
// groups (the register methods of cmdutil.Inputs, cmdutil.Output, cmdutil.Window …);
// args and run may be nil (a command that only groups others).
func command(name, use, short string, args cobra.PositionalArgs, run func(*cobra.Command, []string) error, groups ...func(*cobra.Command)) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short, Long: help.Long(name), Example: help.Example(name), Args: args, RunE: run}
	for _, register := range groups {
		register(cmd)
	}
	return cmd
}
