package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
)

// version, commit and date are stamped by the release build.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// run executes one command line and returns the exit status. Only main
// calls os.Exit, so deferred cleanup (temporary files) always runs.
func run(args []string, s *streams) int { return runHooked(args, s, nil) }

// runHooked is run with a function that a purge calls after each step that
// changes a file. Only the crash tests pass one, from a command registered
// in the test binary alone; custkit itself always runs with nil, and no
// flag or variable can set it.
func runHooked(args []string, s *streams, afterFileOp func(string)) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd(s, afterFileOp)
	root.SetArgs(args)
	return exitCode(s, root.ExecuteContext(ctx))
}

// globalOptions are the flags every command has, the config they load, and
// the record of what the run does with customer data.
type globalOptions struct {
	configFile string
	quiet      bool
	cfg        *settings
	access     *access
	// afterFileOp is the crash tests' hook into purge; nil otherwise.
	afterFileOp func(string)
	// ctx is the run's context, cancelled by an interrupt: outputs stop
	// writing and commit nothing once it is (nil in unit tests of a runX).
	ctx context.Context
}

func newRootCmd(s *streams, afterFileOp func(string)) *cobra.Command {
	g := &globalOptions{access: &access{now: time.Now, hashes: openHashCache(s)}, afterFileOp: afterFileOp}
	root := &cobra.Command{
		Use:   "custkit <command> [flags]",
		Short: "Customer management over flat CSV files",
		Long: `custkit joins a shop's customers and sales CSV exports by customer number
and answers the daily questions: purchase history, who bought what, the
customer ledger, and mailing lists. It reads real exports (Shift_JIS, BOMs,
Japanese headers) and masks personal data in what it prints.`,
		Example: `  custkit join --customers examples/customers.csv --sales examples/sales.csv
  custkit check --config examples/custkit.yaml`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			g.ctx = cmd.Context()
			cfg, err := loadSettings(cmd, g.configFile, s.getenv)
			g.cfg = cfg
			return err
		},
	}
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetIn(s.in)
	root.PersistentFlags().StringVar(&g.configFile, "config", "", "read settings from `file` (default ./custkit.yaml, then $XDG_CONFIG_HOME/custkit/config.yaml)")
	root.PersistentFlags().BoolVarP(&g.quiet, "quiet", "q", false, "print no summary or progress on standard error")
	root.SetFlagErrorFunc(flagError)
	root.Version = versionLine()
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().Bool("version", false, "print the version of custkit, as custkit version does")
	subcommands(root)
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
		newAuditCmd(s, g),
		newLedgerCmd(s, g, nil),
		newSegmentCmd(s, g, nil),
		newRecommendCmd(s, g, nil),
		newEventsCmd(s, g, nil),
		newVersionCmd(s),
		newGenDocsCmd(s),
	)
	for _, c := range root.Commands() {
		wrap(c, s, g)
	}
	return root
}

// wrap installs, on c and its subcommands, what every command shares:
// argument-count errors are usage errors, and a run that read customer
// data leaves an entry in the access log, whatever its outcome.
func wrap(c *cobra.Command, s *streams, g *globalOptions) {
	if c.HasSubCommands() && c.RunE == nil && c.Run == nil {
		subcommands(c)
	}
	for _, sub := range c.Commands() {
		wrap(sub, s, g)
	}
	wrapArgs(c)
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			return logAccess(s, g, cmd, args, run(cmd, args))
		}
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
			return &usageError{err}
		}
		return nil
	}
}
