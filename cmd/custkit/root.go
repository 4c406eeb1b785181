package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/custkit/custkit/cmd/custkit/help"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/interrupt"
	"github.com/custkit/custkit/pkg/keys"
	"github.com/custkit/custkit/pkg/usererr"
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
	root.SetArgs(args)
	return cmdutil.ExitCode(s, root.ExecuteContext(ctx))
}

// globalOptions are the flags every command has, the config they load, and
// the record of what the run does with customer data.
type globalOptions struct {
	configFile string
	quiet      bool
	cfg        *settings
	access     *access.Record
	// afterFileOp is the crash tests' hook into purge; nil otherwise.
	afterFileOp func(string)
	// now is the clock that says what day it is today: time.Now, except
	// in the test binary; nil (in unit tests of a runX) is time.Now.
	now func() time.Time
	// keys are the run's age identity and what it decrypted.
	keys keys.Keys
	// opened are the inputs the run read, for the lines noteInputs prints.
	opened []*input.Opener
	// command is the command being run, as typed after custkit
	// ("ledger", "audit show"); "" in a unit test of a runX.
	command string
}

func newRootCmd(s *cmdutil.Streams, afterFileOp func(string)) *cobra.Command {
	return newRootCmdAt(s, afterFileOp, time.Now)
}

// newRootCmdAt is newRootCmd with the clock that says what day it is.
func newRootCmdAt(s *cmdutil.Streams, afterFileOp func(string), now func() time.Time) *cobra.Command {
	g := &globalOptions{access: access.New(access.Options{Hashes: access.OpenHashCache(s.Getenv), Getenv: s.Getenv}), afterFileOp: afterFileOp, now: now}
	root := &cobra.Command{
		Use:           "custkit <command> [flags]",
		Short:         "Customer management over flat CSV files",
		Long:          help.Long("custkit"),
		Example:       help.Example("custkit"),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if !usesConfig(cmd) {
				g.cfg = &settings{}
				return nil
			}
			cfg, err := loadSettings(cmd, g.configFile, s.Getenv)
			g.cfg = cfg
			if err != nil {
				return err
			}
			for _, w := range cfg.warnings {
				fmt.Fprintf(s.Err, "custkit: %s\n", w)
			}
			if cmd.Annotations[quietConfigLine] == "" {
				printConfigLine(s, g)
			}
			return nil
		},
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetIn(s.In)
	root.PersistentFlags().StringVar(&g.configFile, "config", "", "read settings from `file` (default ./custkit.yaml, then $XDG_CONFIG_HOME/custkit/config.yaml)")
	root.PersistentFlags().BoolVarP(&g.quiet, "quiet", "q", false, "print no summary or progress on standard error")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return cmdutil.FlagError(c, asRepeated(err)) })
	root.Version = versionLine()
	root.SetVersionTemplate("{{.Version}}\n")
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
		wrap(c, s, g)
	}
	onlyOnce(root)
	return root
}

// usesConfig reports whether a command reads the config file: every one
// but those about custkit itself, which work whatever the config says.
func usesConfig(cmd *cobra.Command) bool {
	for c := cmd; c != nil; c = c.Parent() {
		switch c.Name() {
		case "version", "gen-docs", "help", "completion":
			return false
		}
	}
	return true
}

// quietConfigLine is the annotation of a command that does not name its
// config file on standard error when it starts, because it prints nothing
// unless asked (purge, with -v or --dry-run).
const quietConfigLine = "custkit-quiet-config-line"

// printConfigLine names the config file in use, once per run, unless -q.
func printConfigLine(s *cmdutil.Streams, g *globalOptions) {
	if g.quiet || g.cfg == nil || g.cfg.file == "" {
		return
	}
	fmt.Fprintf(s.Err, "custkit: %s\n", config.Line(g.cfg.file))
}

// clock returns the clock that says what day it is today.
func (g *globalOptions) clock() func() time.Time {
	if g == nil || g.now == nil {
		return time.Now
	}
	return g.now
}

// wrap installs, on c and its subcommands, what every command shares:
// argument-count errors are usage errors, and a run that read customer
// data leaves an entry in the access log, whatever its outcome.
func wrap(c *cobra.Command, s *cmdutil.Streams, g *globalOptions) {
	if c.HasSubCommands() && c.RunE == nil && c.Run == nil {
		cmdutil.Subcommands(c)
	}
	for _, sub := range c.Commands() {
		wrap(sub, s, g)
	}
	wrapArgs(c)
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			beginAccess(g, cmd, args)
			err := run(cmd, args)
			if err == nil {
				noteInputs(s, g)
			}
			return logAccess(s, g, err)
		}
	}
}

// command is a command named name (as typed after custkit, "audit show"),
// with its long help and examples from cmd/custkit/help and the flags of
// groups (the register methods of inputFlags, outputFlags, windowFlags …);
// args and run may be nil (a command that only groups others).
func command(name, use, short string, args cobra.PositionalArgs, run func(*cobra.Command, []string) error, groups ...func(*cobra.Command)) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short, Long: help.Long(name), Example: help.Example(name), Args: args, RunE: run}
	for _, register := range groups {
		register(cmd)
	}
	return cmd
}

// runs is the RunE of a command whose flags fill opts: it calls runF when a
// test gives one, else run, the command's own. take, when given, keeps the
// positional arguments in opts first.
func runs[O any](opts O, runF, run func(context.Context, O) error, take ...func(*cobra.Command, []string)) func(*cobra.Command, []string) error {
	if runF != nil {
		run = runF
	}
	return func(cmd *cobra.Command, args []string) error {
		for _, t := range take {
			t(cmd, args)
		}
		return run(cmd.Context(), opts)
	}
}

// wrapArgs makes argument-count errors usage errors (exit 2).
func wrapArgs(c *cobra.Command) {
	if c.Args == nil {
		return
	}
	check := c.Args
	c.Args = func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usererr.Usage(err)
		}
		return nil
	}
}
