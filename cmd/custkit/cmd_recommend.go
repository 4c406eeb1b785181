package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/recommend"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type recommendOptions struct {
	cmdutil.Base
	in           cmdutil.Inputs
	win          cmdutil.Window
	out          cmdutil.Output
	product      string
	customer     string
	by           string
	minCustomers int
	minShared    int
	top          int
	stores       []string
	keyNormalize bool
	perStore     bool
}

func newRecommendCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *recommendOptions) error) *cobra.Command {
	opts := &recommendOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("recommend", "recommend --sales <file> (--product P | --customer C) [--by product|category]", "Customers who bought this also bought", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runRecommend), opts.in.Of(cmdutil.NeedSales), opts.win.Register, opts.out.Register)
	fl := cmd.Flags()
	fl.StringVar(&opts.product, "product", "", "rank what the buyers of product `id` also bought")
	fl.StringVar(&opts.customer, "customer", "", "suggest products for customer `id`")
	cmdutil.EnumFlag(cmd, &opts.by, "by", "", string(recommend.ByProduct), recommend.Bys, "rank products or categories")
	fl.IntVar(&opts.minCustomers, "min-customers", 1, "keep rows bought by at least `N` customers (in common, or neighbours)")
	fl.IntVar(&opts.minShared, "min-shared", 0, "with --customer: neighbours share at least `N` products (default 2, or 1)")
	fl.IntVar(&opts.top, "top", 10, "keep the first `N` rows (0: all)")
	fl.StringSliceVar(&opts.stores, "store", nil, "read only the sales of store `id`; repeat or use a comma list")
	fl.BoolVar(&opts.perStore, "per-store", false, "with --product: rank within each store, a store column first, each customer's basket at each store")
	fl.BoolVar(&opts.keyNormalize, "key-normalize", false, "match customer ids after trimming, width folding and dropping leading zeros")
	return cmd
}

func runRecommend(ctx context.Context, opts *recommendOptions) error {
	q := recommend.Request{Customer: opts.customer, MinCustomers: opts.minCustomers, MinShared: opts.minShared, Top: opts.top}
	if err := q.Check(opts.product); err != nil {
		return err
	}
	if err := opts.in.Require(cmdutil.NeedSales); err != nil {
		return err
	}
	win, _, err := opts.win.Window(opts.Global.Clock())
	if err != nil {
		return err
	}
	ropts := recommend.Options{By: recommend.By(opts.by), Product: opts.product,
		Filter:   record.SaleFilter{Window: win, Stores: opts.stores, Normalize: customer.Normalizer(opts.keyNormalize)},
		PerStore: opts.perStore}
	fs := opts.Files(ctx, &opts.in)
	defer fs.Close()
	sales := fs.File(opts.in.Sales, schema.Sales)
	return fs.Write(&opts.out, "recommend", func(out *cmdutil.Target) ([]string, error) {
		return recommend.Write(ctx, sales, ropts, q, out)
	})
}
