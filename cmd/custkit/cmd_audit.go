package main

import (
	"context"

	"github.com/custkit/custkit/cmd/custkit/help"
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
		Use:     "show [--since <date>] [--command <name>]",
		Short:   "Print the access log",
		Long:    help.Long("audit show"),
		Example: help.Example("audit show"),
		Args:    noArgs,
		RunE:    runs(opts, runF, runAuditShow),
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
		Use:     "verify",
		Short:   "Check that no entry of the access log was edited, removed, inserted or reordered",
		Long:    help.Long("audit verify"),
		Example: help.Example("audit verify"),
		Args:    noArgs,
		RunE:    runs(opts, runF, runAuditVerify),
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
		Use:     "audit <command>",
		Short:   "Show and verify the access log",
		Long:    help.Long("audit"),
		Example: help.Example("audit"),
		Args:    noArgs,
	}
	cmd.AddCommand(newAuditShowCmd(s, g, nil), newAuditVerifyCmd(s, g, nil))
	return cmd
}
