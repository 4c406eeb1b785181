package main

import (
	"context"

	"github.com/custkit/custkit/pkg/ledger"
	"github.com/spf13/cobra"
)

type ledgerOptions struct {
	streams *streams
	global  *globalOptions
	src     ledgerInputs
	out     outputFlags
	top     int
	by      string
}

func newLedgerCmd(s *streams, g *globalOptions, runF func(context.Context, *ledgerOptions) error) *cobra.Command {
	opts := &ledgerOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "ledger --sales <file> [--customers <file>] [--top N --by visits|spend|recent]",
		Short: "The customer ledger: visits, first and last visit, spend",
		Long: `Ledger sums the sales file per customer:

  visits                 distinct receipts (see below)
  first_visit            day of the first purchase
  last_visit             day of the last purchase
  days_since_last_visit  days from last_visit to --as-of (default today)
  lines                  sales lines
  quantity               sum of quantity (a line without one counts 1)
  spend                  sum of amount (a line without one: quantity ×
                         unit_price, or nothing)
  average_spend          spend per visit, rounded to 2 decimal places

A visit is one receipt: a receipt id on one day at one store, as buyers
counts receipts. Registers that restart their receipt numbers every day,
or number them per store, reuse ids; the same id on another day or at
another store is another visit. The lines of one receipt count as one visit
wherever they are in the file. A line with an empty receipt id counts as a
visit of its day and store; without a receipt_id column, each distinct time
of sale is a visit.

Voids and returns: the lines of a receipt voided at the register (a void
column: 取消区分, void, ...) are left out and counted on standard error. A
return (a return kind: 返品, 払い戻し, refund; or a negative quantity or
amount) is netted: quantity and spend are net, and a receipt of returns
only is no visit.

With --customers, every column of the customers file comes first, customers
without any sale are listed with zero visits (registered but never bought),
and lines whose customer id is not in the customers file are left out and
counted. Without it, only the customers found in the sales file are listed.

Walk-in lines (empty customer id) are left out; the summary on standard
error counts them (not with -q). Sales after --as-of are left out too: the
ledger is the one of the end of that day. --since, --until and --within
narrow the dates further; --store keeps the sales of the stores named.

Order: --by visits (most first), spend (highest first) or recent (latest
last visit first; customers without visits last); ties go by customer_id.
--top N keeps the first N rows and implies --by visits unless --by says
otherwise. Without either, rows come in customers-file order with
--customers, else by customer_id.

Per store: --per-store makes a ledger for each store, with a store column
first: a customer who bought at two stores has a row at each, with the
visits, lines and spend of that store, and the order and --top apply
within each store (each store's own ranking). Only customers who bought
at a store are listed under it.`,
		Example: `  # the ten best customers of the shop, by spend
  custkit ledger --config examples/custkit.yaml --top 10 --by spend --as-of 2026-11-22

  # each store's three best customers, by spend
  custkit ledger --config examples/custkit.yaml --per-store --top 3 --by spend --as-of 2026-11-22

  # every customer, registered ones without purchases included
  custkit ledger --customers examples/customers.csv --sales examples/sales.csv --as-of 2026-11-22`,
		Args: noArgs,
		RunE: runs(opts, runF, runLedger),
	}
	opts.src.register(cmd)
	opts.out.register(cmd)
	cmd.Flags().IntVar(&opts.top, "top", 0, "list only the first `N` customers of the order")
	enumFlag(cmd, &opts.by, "by", "", "", ledger.Orders, "order of the rows (default visits with --top, else customer)")
	cmd.Flags().BoolVar(&opts.src.perStore, "per-store", false, "a ledger per store: a store column first, each customer once per store they bought at, ranked (and --top) within each store")
	return cmd
}

func runLedger(ctx context.Context, opts *ledgerOptions) error {
	s, g := opts.streams, opts.global
	lo := ledger.ListOptions{By: ledger.By(opts.by), Top: opts.top}
	if err := lo.Check(); err != nil {
		return err
	}
	return opts.src.write(ctx, s, g, &opts.out, "ledger", func(in ledger.Input, st ledger.Settings, out *target) ([]string, error) {
		lo.Settings = st
		return ledger.List(ctx, in, lo, out)
	})
}
