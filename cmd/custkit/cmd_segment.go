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
	base
	src      ledgerInputs
	out      outputFlags
	segments []string
	summary  bool
}

func newSegmentCmd(s *cmdutil.Streams, g *globalOptions, runF func(context.Context, *segmentOptions) error) *cobra.Command {
	opts := &segmentOptions{base: base{s, g}}
	cmd := command("segment", "segment --sales <file> [--customers <file>] [--segment NAME]... [--summary]", "RFM scores and named segments: new, one-time, loyal, lapsed...", cmdutil.NoArgs, runs(opts, runF, runSegment), opts.src.register, opts.out.register)
	cmd.Flags().StringSliceVar(&opts.segments, "segment", nil, "keep only customers of segment `name` ("+strings.Join(segment.Names, ", ")+"); repeatable")
	_ = cmd.RegisterFlagCompletionFunc("segment", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return segment.Names, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.Flags().BoolVar(&opts.summary, "summary", false, "print counts, spend and shares per segment instead of customers")
	cmd.Flags().BoolVar(&opts.src.perStore, "per-store", false, "score within each store: a store column first, each customer once per store they bought at, with that store's quintiles")
	return cmd
}

func runSegment(ctx context.Context, opts *segmentOptions) error {
	s, g := opts.streams, opts.global
	keep, err := segment.Select(opts.segments)
	if err != nil {
		return usererr.Usagef("--segment %v", err)
	}
	so := segment.ListOptions{Keep: keep, Summary: opts.summary}
	if so.Thresholds, err = thresholds(g); err != nil {
		return err
	}
	return opts.src.write(ctx, s, g, &opts.out, "segment", func(in ledger.Input, st ledger.Settings, out *target) ([]string, error) {
		so.Settings = st
		return segment.List(ctx, in, so, out)
	})
}
