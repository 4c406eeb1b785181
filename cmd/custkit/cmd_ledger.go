package main

import (
	"context"
	"fmt"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runLedger(cmd.Context(), opts)
		},
	}
	opts.src.register(cmd)
	opts.out.register(cmd)
	cmd.Flags().IntVar(&opts.top, "top", 0, "list only the first `N` customers of the order")
	enumFlag(cmd, &opts.by, "by", "", "", ledger.Orders, "order of the rows (default visits with --top, else customer)")
	cmd.Flags().BoolVar(&opts.src.perStore, "per-store", false, "a ledger per store: a store column first, each customer once per store they bought at, ranked (and --top) within each store")
	return cmd
}

func runLedger(ctx context.Context, opts *ledgerOptions) error {
	if opts.top < 0 {
		return usererr.Usagef("--top must be a positive number")
	}
	by := ledger.By(opts.by)
	if by == "" {
		by = ledger.DefaultOrder(opts.top)
	}
	l, err := opts.src.build(ctx, opts.streams, opts.global)
	if err != nil {
		return err
	}
	order, err := l.Order(by, opts.top)
	if err != nil {
		return err
	}
	out, err := opts.out.open(ctx, opts.streams, opts.global, opts.src.in.customers, opts.src.in.sales)
	if err != nil {
		return err
	}
	defer out.Abort()
	if err := writeLedger(out, l, order); err != nil {
		return err
	}
	if err := out.Commit(); err != nil {
		return err
	}
	l.report(opts.streams, opts.global, "ledger")
	return nil
}

func writeLedger(out *target, l *builtLedger, order []int) error {
	cols := customer.NewListing(l.customers, ledger.Columns...)
	if err := out.WriteHeader(perStoreRow(l.Ledger, -1, cols.Header())); err != nil {
		return err
	}
	for _, i := range order {
		if err := out.Write(perStoreRow(l.Ledger, i, cols.Row(l.Customer(i), l.ID(i), l.Entry(i).Cells(l.asOf)...))); err != nil {
			return err
		}
	}
	return nil
}

// perStoreRow puts the store of entry i (the header's "store" when i < 0)
// before row, for a ledger per store; other ledgers' rows are as they are.
func perStoreRow(l *ledger.Ledger, i int, row []string) []string {
	if !l.PerStore() {
		return row
	}
	st := "store"
	if i >= 0 {
		st = l.Store(i)
	}
	return append([]string{st}, row...)
}

// ledgerInputs are the flags ledger and segment share: the files, the
// dates and the store whose sales they count.
type ledgerInputs struct {
	in           inputFlags
	win          windowFlags
	stores       []string
	keyNormalize bool
	perStore     bool // --per-store, of ledger only
	now          func() time.Time
}

func (f *ledgerInputs) register(cmd *cobra.Command) {
	f.in.register(cmd, needCustomers|needSales)
	f.win.register(cmd)
	cmd.Flags().StringSliceVar(&f.stores, "store", nil, "count only the sales of store `id`; repeat or use a comma list")
	cmd.Flags().BoolVar(&f.keyNormalize, "key-normalize", false, "match customer ids after trimming, width folding and dropping leading zeros")
	f.now = time.Now
}

// builtLedger is a ledger with what printing it needs.
type builtLedger struct {
	*ledger.Ledger
	customers *customer.Index // nil without --customers
	asOf      time.Time
	// customersFile names the customers file for the summary, "" if none.
	customersFile string
}

// build opens the inputs and makes the ledger.
func (f *ledgerInputs) build(ctx context.Context, s *streams, g *globalOptions) (*builtLedger, error) {
	if err := require(f.in.sales, "sales"); err != nil {
		return nil, err
	}
	win, asOf, err := f.win.window(f.now)
	if err != nil {
		return nil, err
	}
	if win.Until.IsZero() || win.Until.After(asOf) {
		win.Until = asOf // the ledger as of the end of that day
	}
	l := &builtLedger{asOf: asOf}
	opts := ledger.Options{Filter: record.SaleFilter{Window: win, Stores: f.stores, Normalize: customer.Normalizer(f.keyNormalize)}, PerStore: f.perStore}
	if f.in.customers != "" {
		cust, err := f.in.open(ctx, s, g, f.in.customers, schema.Customers)
		if err != nil {
			return nil, err
		}
		defer cust.Close()
		if opts.Customers, err = customer.LoadEvery(ctx, cust.Reader, cust.Binding, f.keyNormalize); err != nil {
			return nil, err
		}
		l.customers, l.customersFile = opts.Customers, cust.Name()
	}
	sales, err := f.in.open(ctx, s, g, f.in.sales, schema.Sales)
	if err != nil {
		return nil, err
	}
	defer sales.Close()
	if l.Ledger, err = ledger.Run(ctx, record.File{Reader: sales.Reader, Binding: sales.Binding}, opts); err != nil {
		return nil, err
	}
	return l, nil
}

// report prints the summary of the sales read, unless -q.
func (l *builtLedger) report(s *streams, g *globalOptions, cmd string) {
	if g.quiet {
		return
	}
	for _, line := range l.Summary(l.customersFile) {
		fmt.Fprintf(s.err, "custkit: %s: %s\n", cmd, line)
	}
}
