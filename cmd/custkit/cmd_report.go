package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/report"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	base
	in           inputFlags
	win          cmdutil.Window
	out          outputFlags
	since        string
	stores       []string
	keyNormalize bool
	title        string
	lang         string
}

func newReportCmd(s *cmdutil.Streams, g *globalOptions, runF func(context.Context, *reportOptions) error) *cobra.Command {
	opts := &reportOptions{base: base{s, g}}
	cmd := command("report", "report --sales <file> [--customers <file>] -o shop.html", "The shop at a glance: one HTML file with charts, for a phone or a desktop", cmdutil.NoArgs, runs(opts, runF, runReport))
	opts.in.register(cmd, needCustomers|needSales|needComplaints)
	opts.win.RegisterAsOf(cmd)
	opts.out.registerDocument(cmd, output.HTML)
	fl := cmd.Flags()
	fl.StringVar(&opts.since, "since", "", "the first `date` of the period (default the first day of --as-of's month)")
	fl.StringSliceVar(&opts.stores, "store", nil, "count only the sales of store `id`; repeat or use a comma list")
	fl.BoolVar(&opts.keyNormalize, "key-normalize", false, "match customer ids after trimming, width folding and dropping leading zeros")
	fl.StringVar(&opts.title, "title", "", "the report's `title` (default 店舗レポート or Shop report)")
	cmdutil.EnumFlag(cmd, &opts.lang, "lang", "", "", report.Langs, "the language of the labels (default from LC_ALL, LC_MESSAGES, LANG: ja* is ja, else en)")
	return cmd
}

func runReport(ctx context.Context, opts *reportOptions) error {
	s, g := opts.streams, opts.global
	ro := report.Options{Title: opts.title, Stores: opts.stores, KeyNormalize: opts.keyNormalize, Now: g.clock()()}
	var err error
	if ro.Lang, err = report.ChooseLang(opts.lang, s.Getenv); err != nil {
		return err
	}
	if err := opts.in.require(needSales); err != nil {
		return err
	}
	if !opts.out.toFile() && s.StdoutTTY {
		return usererr.WithHint(usererr.Usagef("report writes an HTML file, which a terminal cannot show"), "write it with -o shop.html and open that in a browser")
	}
	if ro.AsOf, err = opts.win.Date(g.clock()); err != nil {
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
