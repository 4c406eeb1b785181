package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

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
csv and tsv carry every field, hashes included, as text; json and jsonl
write each entry as the log line holds it, every field with its type
(numbers, booleans, lists of inputs and outputs as arrays of objects, a
purge's counts, the previous entry's hash). Lines that
are not intact entries are skipped with a warning: run "custkit audit
verify" to find out what happened to them.`,
		Example: `  custkit audit show
  custkit audit show --since 2026-11-01 --command redact
  custkit audit show --format jsonl -o access-2026-11.jsonl`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runAuditShow(cmd.Context(), opts)
		},
	}
	opts.out.registerReport(cmd)
	cmd.Flags().StringVar(&opts.since, "since", "", "only runs on or after `date` (2026-11-01)")
	cmd.Flags().StringVar(&opts.command, "command", "", "only runs of `command` (redact, exports shred...)")
	return cmd
}

func runAuditShow(ctx context.Context, opts *auditShowOptions) error {
	s, g := opts.streams, opts.global
	filter := audit.Filter{Command: opts.command}
	if opts.since != "" {
		d, err := parse.Date(opts.since)
		if err != nil {
			return usererr.Usagef("--since %q %v", opts.since, err)
		}
		filter.Since = d
	}
	path, err := g.auditPath(s)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		if !g.quiet {
			fmt.Fprintf(s.err, "custkit: audit: no access log at %s yet\n", path)
		}
		f = nil
	} else if err != nil {
		return err
	}
	out, err := opts.out.open(ctx, s, g)
	if err != nil {
		return err
	}
	defer out.Abort()
	full, objects := !out.Format().Printed(), out.Objects()
	header := audit.Header(full)
	if objects {
		header = audit.Fields
	}
	if err := out.WriteHeader(header); err != nil {
		return err
	}
	if f != nil {
		defer f.Close()
		err = audit.Read(f, func(line int, e audit.Entry, lerr error) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if lerr != nil {
				fmt.Fprintf(s.err, "custkit: audit: %s:%v; skipped (run custkit audit verify)\n", path, strings.TrimPrefix(lerr.Error(), "line "))
				return nil
			}
			if !filter.Keep(e) {
				return nil
			}
			if objects {
				b, err := json.Marshal(e)
				if err != nil {
					return err
				}
				return out.WriteObject(b)
			}
			return out.Write(audit.Row(e, full))
		})
		if err != nil {
			return err
		}
	}
	return out.Commit()
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runAuditVerify(cmd.Context(), opts)
		},
	}
	return cmd
}

func runAuditVerify(_ context.Context, opts *auditVerifyOptions) error {
	s, g := opts.streams, opts.global
	path, err := g.auditPath(s)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return usererr.WithHint(fmt.Errorf("%s does not exist", path), "nothing has been logged yet, or the log was removed")
	}
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := audit.Verify(f)
	for _, n := range rep.Torn {
		fmt.Fprintf(s.err, "custkit: audit: warning: %s:%d: %v; verified past it\n", path, n, audit.ErrCutOff)
	}
	var le *audit.LineError
	if errors.As(err, &le) {
		broken := fmt.Errorf("%s:%d: %v", path, le.Line, strings.TrimPrefix(le.Error(), fmt.Sprintf("line %d: ", le.Line)))
		keep := "keep a copy of the log as it is before looking further"
		switch le.Line {
		case 1:
			return usererr.WithHint(broken, "%s", keep)
		case 2:
			return usererr.WithHint(broken, "line 1 is intact; %s", keep)
		}
		return usererr.WithHint(broken, "lines 1-%d are intact; %s", le.Line-1, keep)
	}
	if err != nil {
		return err
	}
	if rep.Entries == 0 {
		fmt.Fprintln(s.out, "ok: the log is empty")
		return nil
	}
	fmt.Fprintf(s.out, "ok: %s, chain intact; head %s (entry %d)\n", english.CountAs(rep.Entries, "entry", "entries"), rep.Head, rep.HeadSeq)
	return nil
}
