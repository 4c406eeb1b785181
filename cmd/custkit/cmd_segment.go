package main

import (
	"context"
	"strings"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/segment"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type segmentOptions struct {
	cmdutil.Base
	src      cmdutil.LedgerInputs
	out      cmdutil.Output
	segments []string
	summary  bool
}

func newSegmentCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *segmentOptions) error) *cobra.Command {
	opts := &segmentOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("segment", "segment --sales <file> [--customers <file>] [--segment NAME]... [--summary]", "RFM scores and named segments: new, one-time, loyal, lapsed...", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runSegment), opts.src.Register, opts.out.Register)
	cmd.Flags().StringSliceVar(&opts.segments, "segment", nil, "keep only customers of segment `name` ("+strings.Join(segment.Names, ", ")+"); repeatable")
	_ = cmd.RegisterFlagCompletionFunc("segment", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return segment.Names, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.Flags().BoolVar(&opts.summary, "summary", false, "print counts, spend and shares per segment instead of customers")
	cmd.Flags().BoolVar(&opts.src.PerStore, "per-store", false, "score within each store: a store column first, each customer once per store they bought at, with that store's quintiles")
	return cmd
}

func runSegment(ctx context.Context, opts *segmentOptions) error {
	s, g := opts.Streams, opts.Global
	keep, err := segment.Select(opts.segments)
	if err != nil {
		return usererr.Usagef("--segment %v", err)
	}
	so := segment.ListOptions{Keep: keep, Summary: opts.summary}
	if so.Thresholds, err = cmdutil.Thresholds(g); err != nil {
		return err
	}
	return opts.src.Write(ctx, s, g, &opts.out, "segment", func(in ledger.Input, st ledger.Settings, out *cmdutil.Target) ([]string, error) {
		so.Settings = st
		return segment.List(ctx, in, so, out)
	})
}
