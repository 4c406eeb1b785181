package main

import (
	"context"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/product"
	"github.com/custkit/custkit/pkg/sales"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type salesOptions struct {
	streams      *streams
	global       *globalOptions
	in           inputFlags
	out          outputFlags
	window       windowFlags
	now          func() time.Time
	by           []string
	compare      string
	stores       []string
	products     []string
	categories   []string
	keyNormalize bool
}

func newSalesCmd(s *streams, g *globalOptions, runF func(context.Context, *salesOptions) error) *cobra.Command {
	opts := &salesOptions{streams: s, global: g, now: time.Now}
	cmd := &cobra.Command{
		Use:   "sales --sales <file> [--by day|week|month|weekday|hour|store|product|category,...] [--compare previous|last-year]",
		Short: "Sales totals by day, week, month, weekday, hour, store, product or category",
		Long: `Sales totals the sales file per group of --by, one row a group:

  receipts         distinct receipts with a purchase (a receipt id on one
                   day in one store; a receipt of returns only is none)
  customers        distinct member customers with a purchase
  walk_in_pct      receipts without a customer id, in percent of receipts
  lines            sales lines, returns included
  quantity         net quantity (a line without one counts as 1)
  net_amount       the lines' amounts, net of returns
  average_receipt  net_amount per receipt, rounded to a whole unit
  returns          return lines (a return kind: 返品, 払い戻し, refund; or a
                   negative quantity or amount)
  returned_amount  what they took off, as a positive amount
  voided_receipts  receipts voided at the register (a void column: 取消区分,
  voided_lines     void, ...) and their lines, left out of every other figure

--by takes day (2026-11-22), week (ISO 8601 weeks, Monday to Sunday:
2026-W47; a week belongs to the year of its Thursday, so 2025-12-29 is in
2026-W01), month (2026-11), weekday (Mon to Sun,
Monday first), hour (00 to 23, from the time of sale; a file whose sales
have no time of day is an error), store, product (product_id) and category.
Combine them with a comma list (--by month,store): a row per combination
that has sales, the first dimension outermost. Without --by, one row holds
the whole period. A receipt with lines in two groups counts in each.

--compare previous adds the same figures for the period of equal length
just before (--since 2026-11-01 --until 2026-11-30 compares with 2026-10-02
to 2026-10-31), --compare last-year for the same dates a year earlier,
as previous_... or last_year_... columns, and each change, absolute and in
percent (receipts_change, receipts_change_pct, ...; the percent is empty
when the earlier figure is zero). A day, week or month of the earlier
period is shown in the row of the day it moves to (a year, or the period's
length, later); weekdays and hours compare with themselves. --compare
needs a period with both ends: --since and --until, or --within.

Window and selection: --since and --until take dates, --within 12mo|90d|2y
counts whole days back from --as-of (default today); --store keeps one or
more stores' lines; --product (ids or glob patterns, P00*) and --category
keep the lines of those products.

The figures hold no personal data, so an -o file is not tracked as an
export. The sales file is read once; memory follows the groups and the
customers in them, not the lines.`,
		Example: `  # sales by month and store in 2025
  custkit sales --sales examples/sales.csv --by month,store --since 2025-01-01 --until 2025-12-31

  # March 2026 against March 2025, by store
  custkit sales --config examples/custkit.yaml --by store --since 2026-03-01 --until 2026-03-31 --compare last-year

  # which hours sell tea wares
  custkit sales --config examples/custkit.yaml --by hour --category 茶器 --format table`,
		Args: noArgs,
		RunE: runs(opts, runF, runSales),
	}
	opts.in.register(cmd, needSales)
	opts.out.register(cmd)
	opts.window.register(cmd)
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.by, "by", nil, "group by `dims`: day, week, month, weekday, hour, store, product, category; a comma list combines them")
	enumFlag(cmd, &opts.compare, "compare", "", "", []string{string(sales.Previous), string(sales.LastYear)}, "also show the figures of the previous period or of last year, and the change")
	fl.StringSliceVar(&opts.stores, "store", nil, "only sales lines of this store `id`; repeat or use a comma list")
	fl.StringSliceVar(&opts.products, "product", nil, "only lines of this product `id` or glob pattern (P00*); repeat or use a comma list")
	fl.StringArrayVar(&opts.categories, "category", nil, "only lines of this product `category`, matched as a whole after NFKC and case folding; repeatable")
	fl.BoolVar(&opts.keyNormalize, "key-normalize", false, "count customer ids after trimming, width folding and dropping leading zeros")
	return cmd
}

// spec turns the flags into the operation's options.
func (opts *salesOptions) spec() (sales.Options, error) {
	var so sales.Options
	var err error
	if so.By, err = sales.ParseDims(opts.by); err != nil {
		return so, usererr.Usage(err)
	}
	if len(opts.products) > 0 || len(opts.categories) > 0 {
		if so.Match, err = product.New(product.Selection{Products: opts.products, Categories: opts.categories}); err != nil {
			return so, usererr.Usagef("product selection: %v", err)
		}
	}
	if so.Window, _, err = opts.window.window(opts.now); err != nil {
		return so, err
	}
	so.Compare = sales.Compare(opts.compare)
	if _, err := sales.CompareWindow(so.Window, so.Compare); err != nil {
		return so, usererr.Usage(err)
	}
	for _, st := range opts.stores {
		so.Stores = append(so.Stores, strings.TrimSpace(st))
	}
	so.Normalize = customer.Normalizer(opts.keyNormalize)
	return so, nil
}

func runSales(ctx context.Context, opts *salesOptions) error {
	if err := opts.in.require(needSales); err != nil {
		return err
	}
	so, err := opts.spec()
	if err != nil {
		return err
	}
	fs := openFiles(ctx, opts.streams, opts.global, &opts.in)
	defer fs.Close()
	f := fs.file(opts.in.sales, schema.Sales)
	if fs.err == nil {
		fs.err = sales.Check(f, so)
	}
	return fs.write(&opts.out, "sales", func(out *target) ([]string, error) {
		return sales.Write(ctx, f, so, out)
	})
}
