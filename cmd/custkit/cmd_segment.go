package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/segment"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type segmentOptions struct {
	streams  *streams
	global   *globalOptions
	src      ledgerInputs
	out      outputFlags
	segments []string
	summary  bool
}

func newSegmentCmd(s *streams, g *globalOptions, runF func(context.Context, *segmentOptions) error) *cobra.Command {
	opts := &segmentOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "segment --sales <file> [--customers <file>] [--segment NAME]... [--summary]",
		Short: "RFM scores and named segments: new, one-time, loyal, lapsed...",
		Long: `Segment scores every customer by recency (R: the last visit), frequency
(F: visits) and monetary value (M: spend) as of --as-of (default today),
each from 1 to 5, and names their segment. It reads the sales exactly as
ledger does (same visits, same --since/--until/--within and --store; voided
receipts left out, returns netted).

Scores are quintiles over the customers who bought: a customer scores
1 + 5k/n rounded down, where n is the number of customers who bought and k
the number with a strictly worse value (an earlier last visit, fewer
visits, less spend). Customers with equal values share a score, that of
the lowest place their tie covers: a tie across a quintile boundary is
scored down, never split.

The first rule that matches names the segment:

  never     in the customers file, no purchase (needs --customers)
  new       registered within segment.new_within (default 90d) up to
            --as-of, by the registered_at column of --customers (登録日,
            入会日...); without one, first visit within new_within
  lapsed    no visit within segment.lapse_after (default 1y) up to --as-of
  one-time  exactly one visit
  at-risk   F >= at_risk_min_frequency (4) and R <= at_risk_max_recency (2)
  loyal     F >= loyal_min_frequency (4) and M >= loyal_min_monetary (4)
  repeat    every other customer with two visits or more

The thresholds are set in the config file's segment: section. When the
sales cover a shorter span than lapse_after (or, without registered_at,
new_within), a warning on standard error says so: a month of sales cannot
tell a lapsed customer from one who did not come that month.

Rows are the customer's columns (every column of --customers, else the
customer id) followed by r, f, m and segment, in customers-file order (else
by customer_id), so that the output feeds commands that read customer
rows. --segment keeps the named segments (repeat the flag for several).
--summary prints, instead, one row per segment: customers, their share of
all customers, spend and its share of all spend.

Per store: --per-store scores each store's customers among themselves,
with a store column first: a customer who bought at two stores has a row
at each, with R, F and M from that store's visits and spend and the
quintiles of that store's customers (--summary: each store's segments,
the shares of that store). Only customers who bought at a store are
listed under it, so there is no never segment.`,
		Example: `  # who came once, or not for a year, and should be won back
  custkit segment --config examples/custkit.yaml --segment one-time --segment lapsed --as-of 2026-11-22

  # ...and the labels to post them a card
  custkit segment --config examples/custkit.yaml --segment one-time --segment lapsed --as-of 2026-11-22 |
    custkit mailing --channel post

  # the shop at a glance
  custkit segment --config examples/custkit.yaml --summary --as-of 2026-11-22

  # each store's segments
  custkit segment --config examples/custkit.yaml --per-store --summary --as-of 2026-11-22`,
		Args: noArgs,
		RunE: runs(opts, runF, runSegment),
	}
	opts.src.register(cmd)
	opts.out.register(cmd)
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
	if so.Thresholds, err = g.cfg.Segment.Thresholds(); err != nil {
		return usererr.WithHint(fmt.Errorf("%s: %v", g.cfg.file, err), "see the segment: section in custkit segment --help")
	}
	return opts.src.write(ctx, s, g, &opts.out, "segment", func(in ledger.Input, st ledger.Settings, out *target) ([]string, error) {
		so.Settings = st
		return segment.List(ctx, in, so, out)
	})
}
