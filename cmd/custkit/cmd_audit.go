package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/spf13/cobra"
)

type auditShowOptions struct {
	base
	out     outputFlags
	since   string
	command string
}

func newAuditShowCmd(s *cmdutil.Streams, g *globalOptions, runF func(context.Context, *auditShowOptions) error) *cobra.Command {
	opts := &auditShowOptions{base: base{s, g}}
	cmd := command("audit show", "show [--since <date>] [--command <name>]", "Print the access log", cmdutil.NoArgs, runs(opts, runF, runAuditShow), opts.out.registerReport)
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
	base
}

func newAuditVerifyCmd(s *cmdutil.Streams, g *globalOptions, runF func(context.Context, *auditVerifyOptions) error) *cobra.Command {
	opts := &auditVerifyOptions{base: base{s, g}}
	cmd := command("audit verify", "verify", "Check that no entry of the access log was edited, removed, inserted or reordered", cmdutil.NoArgs, runs(opts, runF, runAuditVerify))
	return cmd
}

func runAuditVerify(_ context.Context, opts *auditVerifyOptions) error {
	s, g := opts.streams, opts.global
	path, err := g.auditPath(s)
	if err != nil {
		return err
	}
	return audit.VerifyLog(path, s.Out, noter(s, "audit"))
}

func newAuditCmd(s *cmdutil.Streams, g *globalOptions) *cobra.Command {
	cmd := command("audit", "audit <command>", "Show and verify the access log", cmdutil.NoArgs, nil)
	cmd.AddCommand(newAuditShowCmd(s, g, nil), newAuditVerifyCmd(s, g, nil))
	return cmd
}
