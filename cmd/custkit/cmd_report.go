package main

import (
	"context"

	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/report"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	streams      *streams
	global       *globalOptions
	in           inputFlags
	win          windowFlags
	out          outputFlags
	since        string
	stores       []string
	keyNormalize bool
	title        string
	lang         string
}

func newReportCmd(s *streams, g *globalOptions, runF func(context.Context, *reportOptions) error) *cobra.Command {
	opts := &reportOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "report --sales <file> [--customers <file>] -o shop.html",
		Short: "The shop at a glance: one HTML file with charts, for a phone or a desktop",
		Long: `Report writes one self-contained HTML file: its styles and charts are
inside it, and it asks for nothing over the network, so it can be mailed,
opened on a phone and printed on A4. It shows

  headline figures  sales, receipts, sales per receipt, customers (members
                    with a receipt), new customers (first purchase in the
                    period) and repeat rate (customers with two receipts or
                    more), against the previous period of as many days and
                    the same days a year earlier
  sales by month    a chart of the twelve months up to --as-of (from
                    --since's month when that is earlier)
  stores compared   each store's sales, receipts, customers and sales per
                    receipt in the period, against the previous period
  customer ranking  the top 20 by visits and by spend, to --as-of
  segments          the customers of each segment, as segment counts them
  products          the top 10 products of the period, and the pairs most
                    often bought on one receipt in the chart's months,
                    those bought together more often than chance (lift
                    above 1) only (a
                    receipt's lines in any order within their day; in a
                    file sorted otherwise than by date, by product say, a
                    receipt whose lines have a later day's between them
                    counts as two)
  events            birthdays and anniversaries of the next 30 days
  complaints        the open ones (a status other than 完了, done,
                    resolved ...), when a complaints file is given

The period is --since (default the first day of --as-of's month) to
--as-of (default today); the table shows each compared period's dates,
"—" where the files hold no sales, and a rate's change in percentage
points. Sales count walk-ins; customers count members. A receipt is told
apart from the receipts of its day, as sales tells them: in a file that
goes back in date order, a receipt whose lines have a later day's between
them counts as two. What the figures leave out (walk-ins, voided
receipts, ids not in the customers file) is printed on standard error and
said on the page.
A section the files cannot fill (no store column, no customers file ...)
says so instead.

Names and the other personal columns are masked unless --reveal, which the
access log records. A file holding personal data (names in the ranking, a
birthday column, complaint texts) is written with mode 0600 and tracked
in the export manifest until --expires.

Labels are in Japanese or English: --lang ja|en, by default Japanese when
LC_ALL, LC_MESSAGES or LANG (the first set) starts with "ja".`,
		Example: `  # this month so far, for the shop's owner
  custkit report --config examples/custkit.yaml --as-of 2026-11-22 -o shop.html

  # the year to date of one store, in English
  custkit report --config examples/custkit.yaml --as-of 2026-11-22 --since 2026-01-01 --store S01 --lang en -o s01.html`,
		Args: noArgs,
		RunE: runs(opts, runF, runReport),
	}
	opts.in.register(cmd, needCustomers|needSales|needComplaints)
	opts.win.registerAsOf(cmd)
	opts.out.registerDocument(cmd, output.HTML)
	fl := cmd.Flags()
	fl.StringVar(&opts.since, "since", "", "the first `date` of the period (default the first day of --as-of's month)")
	fl.StringSliceVar(&opts.stores, "store", nil, "count only the sales of store `id`; repeat or use a comma list")
	fl.BoolVar(&opts.keyNormalize, "key-normalize", false, "match customer ids after trimming, width folding and dropping leading zeros")
	fl.StringVar(&opts.title, "title", "", "the report's `title` (default 店舗レポート or Shop report)")
	enumFlag(cmd, &opts.lang, "lang", "", "", report.Langs, "the language of the labels (default from LC_ALL, LC_MESSAGES, LANG: ja* is ja, else en)")
	return cmd
}

func runReport(ctx context.Context, opts *reportOptions) error {
	s, g := opts.streams, opts.global
	ro := report.Options{Title: opts.title, Stores: opts.stores, KeyNormalize: opts.keyNormalize, Now: g.clock()()}
	var err error
	if ro.Lang, err = report.ChooseLang(opts.lang, s.getenv); err != nil {
		return err
	}
	if err := opts.in.require(needSales); err != nil {
		return err
	}
	if err := report.CheckFiles(opts.in.sales, opts.in.customers); err != nil {
		return err
	}
	if !opts.out.toFile() && s.stdoutTTY {
		return usererr.WithHint(usererr.Usagef("report writes an HTML file, which a terminal cannot show"), "write it with -o shop.html and open that in a browser")
	}
	if ro.AsOf, err = opts.win.date(g.clock()); err != nil {
		return err
	}
	if ro.Since, err = report.Since(opts.since); err != nil {
		return err
	}
	if ro.Thresholds, err = thresholds(g); err != nil {
		return err
	}
	if err := ro.Check(); err != nil {
		return err
	}
	fs := openFiles(ctx, s, g, &opts.in)
	defer fs.Close()
	// Each input is opened once, when the report reads it; -o may
	// overwrite none of the three.
	fs.lists = []string{opts.in.customers, opts.in.sales, opts.in.complaints}
	in := report.Input{
		Sales: func() (record.File, error) { return fs.opened.file(ctx, s, g, &opts.in, opts.in.sales, schema.Sales) },
		Customers: func() (*record.File, error) {
			return fs.opened.optional(ctx, s, g, &opts.in, opts.in.customers, schema.Customers)
		},
		Complaints: func() (*record.File, error) {
			return fs.opened.optional(ctx, s, g, &opts.in, opts.in.complaints, schema.Complaints)
		},
	}
	return fs.write(&opts.out, "report", func(t *target) ([]string, error) {
		return report.Write(ctx, in, ro, t)
	})
}
