package main

import (
	"context"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/spf13/cobra"
)

type auditShowOptions struct {
	streams *streams
	global  *globalOptions
	out     outputFlags
	since   string
	command string
}

func newAuditShowCmd(s *streams, g *globalOptions, runF func(context.Context, *auditShowOptions) error) *cobra.Command {
	opts := &auditShowOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "show [--since <date>] [--command <name>]",
		Short: "Print the access log",
		Long: `Show prints the access log, one row per run. A table shows the essentials;
csv, tsv, json and jsonl carry every field, hashes included. Lines that
are not intact entries are skipped with a warning: run "custkit audit
verify" to find out what happened to them.`,
		Example: `  custkit audit show
  custkit audit show --since 2026-11-01 --command redact
  custkit audit show --format jsonl -o access-2026-11.jsonl`,
		Args: noArgs,
		RunE: runs(opts, runF, runAuditShow),
	}
	opts.out.registerReport(cmd)
	cmd.Flags().StringVar(&opts.since, "since", "", "only runs on or after `date` (2026-11-01)")
	cmd.Flags().StringVar(&opts.command, "command", "", "only runs of `command` (redact, exports shred...)")
	return cmd
}

func runAuditShow(ctx context.Context, opts *auditShowOptions) error {
	s, g := opts.streams, opts.global
	filter, err := audit.NewFilter(opts.since, opts.command)
	if err != nil {
		return err
	}
	path, err := g.auditPath(s)
	if err != nil {
		return err
	}
	return opts.out.write(ctx, s, g, "audit", nil, func(out *target) ([]string, error) {
		so := audit.ShowOptions{Filter: filter, Full: !out.Format().Printed(), Note: noter(s, "audit"), Quiet: g.quiet}
		if out.Objects() {
			so.Object = out.WriteObject
		}
		return nil, audit.Show(ctx, path, out, so)
	})
}

type auditVerifyOptions struct {
	streams *streams
	global  *globalOptions
}

func newAuditVerifyCmd(s *streams, g *globalOptions, runF func(context.Context, *auditVerifyOptions) error) *cobra.Command {
	opts := &auditVerifyOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check that no entry of the access log was edited, removed, inserted or reordered",
		Long: `Verify checks every line of the access log: its own hash, and its link to
the entry before. It names the first line where the chain breaks and what
broke it (an edited entry, a removed, inserted or reordered one). On
success it prints the number of entries and the head: the hash of the last
entry. Keep the head elsewhere; a later log whose chain does not pass
through it was cut at the end.

A line cut off by an interrupted write (a full disk, a crash) is torn: it
is named in a warning on standard error, and the chain is verified past
it, as the next run's entry links to the last whole entry before the tear.
A torn line costs that one entry, not the rest of the log, and an edit
made after it is still found. A torn line alone does not fail the check.

EXIT STATUS
  0  the chain is intact (torn lines, if any, are warned about)
  1  it is broken, or the log cannot be read`,
		Example: `  custkit history 000101 --config examples/custkit.yaml > /dev/null
  custkit audit verify`,
		Args: noArgs,
		RunE: runs(opts, runF, runAuditVerify),
	}
	return cmd
}

func runAuditVerify(_ context.Context, opts *auditVerifyOptions) error {
	s, g := opts.streams, opts.global
	path, err := g.auditPath(s)
	if err != nil {
		return err
	}
	return audit.VerifyLog(path, s.out, noter(s, "audit"))
}

func newAuditCmd(s *streams, g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit <command>",
		Short: "Show and verify the access log",
		Long: `Every run that reads customer data appends one line to the access log: the
time, the OS user and host, the command and its flags, each input file with
its SHA-256, each output (standard output or a file) with the rows and
columns written, the purpose (--purpose), whether --reveal showed personal
data, and whether the run succeeded. shred and exports shred record the
files they destroyed.

The log is $XDG_STATE_HOME/custkit/audit.jsonl (mode 0600) unless audit.log
in the config says otherwise; it must be a regular file you own. It is
opened before a run reads anything: a log that cannot be written stops
the run before it prints, writes or destroys anything. Each line carries the hash of the line before
it, so that an edited, removed, inserted or reordered line breaks the chain
and "custkit audit verify" finds it. Removing the last lines leaves a valid
shorter chain: keep the head verify prints somewhere else (a daily mail, a
ticket) to catch that too.`,
		Example: `  # every run that reads customer data leaves an entry
  custkit history 000101 --config examples/custkit.yaml > /dev/null
  custkit audit show --since 2026-11-01
  custkit audit show --command history --format json
  custkit audit verify`,
		Args: noArgs,
	}
	cmd.AddCommand(newAuditShowCmd(s, g, nil), newAuditVerifyCmd(s, g, nil))
	return cmd
}
