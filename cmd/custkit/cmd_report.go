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
	cmdutil.Base
	in           cmdutil.Inputs
	win          cmdutil.Window
	out          cmdutil.Output
	since        string
	stores       []string
	keyNormalize bool
	title        string
	lang         string
}

func newReportCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *reportOptions) error) *cobra.Command {
	opts := &reportOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("report", "report --sales <file> [--customers <file>] -o shop.html", "The shop at a glance: one HTML file with charts, for a phone or a desktop", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runReport))
	opts.in.Register(cmd, cmdutil.NeedCustomers|cmdutil.NeedSales|cmdutil.NeedComplaints)
	opts.win.RegisterAsOf(cmd)
	opts.out.RegisterDocument(cmd, output.HTML)
	fl := cmd.Flags()
	fl.StringVar(&opts.since, "since", "", "the first `date` of the period (default the first day of --as-of's month)")
	fl.StringSliceVar(&opts.stores, "store", nil, "count only the sales of store `id`; repeat or use a comma list")
	fl.BoolVar(&opts.keyNormalize, "key-normalize", false, "match customer ids after trimming, width folding and dropping leading zeros")
	fl.StringVar(&opts.title, "title", "", "the report's `title` (default 店舗レポート or Shop report)")
	cmdutil.EnumFlag(cmd, &opts.lang, "lang", "", "", report.Langs, "the language of the labels (default from LC_ALL, LC_MESSAGES, LANG: ja* is ja, else en)")
	return cmd
}

func runReport(ctx context.Context, opts *reportOptions) error {
	s, g := opts.Streams, opts.Global
	ro := report.Options{Title: opts.title, Stores: opts.stores, KeyNormalize: opts.keyNormalize, Now: g.Clock()()}
	var err error
	if ro.Lang, err = report.ChooseLang(opts.lang, s.Getenv); err != nil {
		return err
	}
	if err := opts.in.Require(cmdutil.NeedSales); err != nil {
		return err
	}
	if !opts.out.ToFile() && s.StdoutTTY {
		return usererr.WithHint(usererr.Usagef("report writes an HTML file, which a terminal cannot show"), "write it with -o shop.html and open that in a browser")
	}
	if ro.AsOf, err = opts.win.Date(g.Clock()); err != nil {
		return err
	}
	if ro.Since, err = report.Since(opts.since); err != nil {
		return err
	}
	if ro.Thresholds, err = cmdutil.Thresholds(g); err != nil {
		return err
	}
	if err := ro.Check(); err != nil {
		return err
	}
	fs := cmdutil.OpenFiles(ctx, s, g, &opts.in)
	defer fs.Close()
	// Each input is opened once, when the report reads it; -o may
	// overwrite none of the three.
	fs.Lists = []string{opts.in.Customers, opts.in.Sales, opts.in.Complaints}
	in := report.Input{
		Sales: func() (record.File, error) { return fs.Opened.File(ctx, s, g, &opts.in, opts.in.Sales, schema.Sales) },
		Customers: func() (*record.File, error) {
			return fs.Opened.Optional(ctx, s, g, &opts.in, opts.in.Customers, schema.Customers)
		},
		Complaints: func() (*record.File, error) {
			return fs.Opened.Optional(ctx, s, g, &opts.in, opts.in.Complaints, schema.Complaints)
		},
	}
	return fs.Write(&opts.out, "report", func(t *cmdutil.Target) ([]string, error) {
		return report.Write(ctx, in, ro, t)
	})
}
