package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/complaint"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type complaintsOptions struct {
	cmdutil.Base
	in       cmdutil.Inputs
	out      cmdutil.Output
	win      cmdutil.Window
	open     bool
	products []string
	customer string
	summary  bool
	by       string
}

func newComplaintsCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *complaintsOptions) error) *cobra.Command {
	opts := &complaintsOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("complaints", "complaints --complaints <file> [--open] [--since <date>] [--product <id>] [--customer <id>] [--summary --by product|category|month|status|staff]", "List complaints by age, oldest open first, or count them", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runComplaints), opts.in.Of(cmdutil.NeedComplaints|cmdutil.NeedSales), opts.out.Register, opts.win.RegisterAsOf)
	fl := cmd.Flags()
	fl.BoolVar(&opts.open, "open", false, "list only the complaints not closed")
	fl.StringVar(&opts.win.Since, "since", "", "only complaints received on or after `date` (2026-01-01 or 2026/01/01)")
	fl.StringSliceVar(&opts.products, "product", nil, "only complaints about these product `ids` (repeat, or a comma list)")
	fl.StringVar(&opts.customer, "customer", "", "only this customer's complaints, by `id`")
	fl.BoolVar(&opts.summary, "summary", false, "count the complaints --by a column instead of listing them")
	fl.StringVar(&opts.by, "by", "product", "what --summary counts by: product, category, month, status or staff")
	return cmd
}

func runComplaints(ctx context.Context, opts *complaintsOptions) error {
	g := opts.Global
	if err := opts.in.Require(cmdutil.NeedComplaints); err != nil {
		return err
	}
	by, err := complaint.ParseBy(opts.by)
	if err != nil {
		return usererr.Usage(err)
	}
	vocab, err := g.Cfg.FollowUp.StatusesIn(g.Cfg.Path)
	if err != nil {
		return err
	}
	win, asOf, err := opts.win.Window(g.Clock())
	if err != nil {
		return err
	}
	copts := complaint.Options{Statuses: vocab, OpenOnly: opts.open, Since: win.Since, Products: opts.products,
		Customer: opts.customer, AsOf: asOf, Aliases: g.Cfg.KindAliases[schema.Complaints.Name]}
	fs := opts.Files(ctx, &opts.in)
	defer fs.Close()
	if opts.summary && by == complaint.ByCategory && opts.in.Sales != "" {
		if sales := fs.File(opts.in.Sales, schema.Sales); fs.Err == nil {
			copts.Categories, fs.Err = complaint.Categories(ctx, sales)
		}
	} else if opts.in.Sales != "" {
		// Not read, but still an input that -o may not overwrite.
		fs.Lists = append(fs.Lists, opts.in.Sales)
	}
	in := fs.File(opts.in.Complaints, schema.Complaints)
	if fs.Err != nil {
		return fs.Err
	}
	if opts.summary {
		if err := complaint.CheckCategory(in, opts.in.Complaints, by, copts); err != nil {
			return err
		}
	}
	if err := complaint.CheckStatus(in, opts.summary, copts); err != nil {
		return err
	}
	found, err := complaint.Run(ctx, in, copts)
	if err != nil {
		return err
	}
	return fs.Write(&opts.out, "complaints", func(out *cmdutil.Target) ([]string, error) {
		lines, err := complaint.Write(found, opts.summary, by, asOf, out)
		return append(lines, complaint.Warnings(in, copts)...), err
	})
}
