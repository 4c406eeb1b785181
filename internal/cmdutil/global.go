package cmdutil

import (
	"context"
	"fmt"
	"time"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/keys"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

// Global holds the flags every command has, the config they load, and
// the record of what the run does with customer data.
type Global struct {
	ConfigFile string
	Quiet      bool
	Cfg        *Settings
	Access     *access.Record
	// AfterFileOp is the crash tests' hook into purge; nil otherwise.
	AfterFileOp func(string)
	// Now is the clock that says what day it is today: time.Now, except
	// in the test binary; nil (in unit tests of a runX) is time.Now.
	Now func() time.Time
	// Keys are the run's age identity and what it decrypted.
	Keys keys.Keys
	// opened are the inputs the run read, for the lines noteInputs prints.
	opened []*input.Opener
	// Command is the command being run, as typed after custkit
	// ("ledger", "audit show"); "" in a unit test of a runX.
	Command string
}

// UsesConfig reports whether a command reads the config file: every one
// but those about custkit itself, which work whatever the config says.
func UsesConfig(cmd *cobra.Command) bool {
	for c := cmd; c != nil; c = c.Parent() {
		switch c.Name() {
		case "version", "gen-docs", "help", "completion":
			return false
		}
	}
	return true
}

// QuietConfigLine is the annotation of a command that does not name its
// config file on standard error when it starts, because it prints nothing
// unless asked (purge, with -v or --dry-run).
const QuietConfigLine = "custkit-quiet-config-line"

// PrintConfigLine names the config file in use, once per run, unless -q.
func PrintConfigLine(s *Streams, g *Global) {
	if g.Quiet || g.Cfg == nil || g.Cfg.Path == "" {
		return
	}
	fmt.Fprintf(s.Err, "custkit: %s\n", config.Line(g.Cfg.Path))
}

// Clock returns the clock that says what day it is today.
func (g *Global) Clock() func() time.Time {
	if g == nil || g.Now == nil {
		return time.Now
	}
	return g.Now
}

// Wrap installs, on c and its subcommands, what every command shares:
// argument-count errors are usage errors, file-list flags remember where
// they were given (for files the shell expanded, see NoArgs), and a run
// that read customer data leaves an entry in the access log, whatever its
// outcome.
func Wrap(c *cobra.Command, s *Streams, g *Global) {
	if c.HasSubCommands() && c.RunE == nil && c.Run == nil {
		Subcommands(c)
	}
	for _, sub := range c.Commands() {
		Wrap(sub, s, g)
	}
	trackFiles(c)
	WrapArgs(c)
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			BeginAccess(g, cmd, args)
			err := run(cmd, args)
			if err == nil {
				noteInputs(s, g)
			}
			return LogAccess(s, g, err)
		}
	}
}

// Runs is the RunE of a command whose flags fill opts: it calls runF when a
// test gives one, else run, the command's own. take, when given, keeps the
// positional arguments in opts first.
func Runs[O any](opts O, runF, run func(context.Context, O) error, take ...func(*cobra.Command, []string)) func(*cobra.Command, []string) error {
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

// WrapArgs makes argument-count errors usage errors (exit 2).
func WrapArgs(c *cobra.Command) {
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
