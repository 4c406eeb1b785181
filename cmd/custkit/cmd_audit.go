package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/spf13/cobra"
)

type auditShowOptions struct {
	cmdutil.Base
	out     cmdutil.Output
	since   string
	command string
}

func newAuditShowCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *auditShowOptions) error) *cobra.Command {
	opts := &auditShowOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("audit show", "show [--since <date>] [--command <name>]", "Print the access log", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runAuditShow), opts.out.RegisterReport)
	cmd.Flags().StringVar(&opts.since, "since", "", "only runs on or after `date` (2026-11-01)")
	cmd.Flags().StringVar(&opts.command, "command", "", "only runs of `command` (redact, exports shred...)")
	return cmd
}

func runAuditShow(ctx context.Context, opts *auditShowOptions) error {
	s, g := opts.Streams, opts.Global
	filter, err := audit.NewFilter(opts.since, opts.command)
	if err != nil {
		return err
	}
	path, err := g.AuditPath(s)
	if err != nil {
		return err
	}
	return opts.out.Write(ctx, s, g, "audit", nil, func(out *cmdutil.Target) ([]string, error) {
		so := audit.ShowOptions{Filter: filter, Full: !out.Format().Printed(), Note: cmdutil.Noter(s, "audit"), Quiet: g.Quiet}
		if out.Objects() {
			so.Object = out.WriteObject
		}
		return nil, audit.Show(ctx, path, out, so)
	})
}

type auditVerifyOptions struct {
	cmdutil.Base
}

func newAuditVerifyCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *auditVerifyOptions) error) *cobra.Command {
	opts := &auditVerifyOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("audit verify", "verify", "Check that no entry of the access log was edited, removed, inserted or reordered", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runAuditVerify))
	return cmd
}

func runAuditVerify(_ context.Context, opts *auditVerifyOptions) error {
	s, g := opts.Streams, opts.Global
	path, err := g.AuditPath(s)
	if err != nil {
		return err
	}
	return audit.VerifyLog(path, s.Out, cmdutil.Noter(s, "audit"))
}

func newAuditCmd(s *cmdutil.Streams, g *cmdutil.Global) *cobra.Command {
	cmd := command("audit", "audit <command>", "Show and verify the access log", cmdutil.NoArgs, nil)
	cmd.AddCommand(newAuditShowCmd(s, g, nil), newAuditVerifyCmd(s, g, nil))
	return cmd
}
