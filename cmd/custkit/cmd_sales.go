package main

import (
	"context"
	"strings"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/product"
	"github.com/custkit/custkit/pkg/sales"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type salesOptions struct {
	cmdutil.Base
	in           cmdutil.Inputs
	out          cmdutil.Output
	window       cmdutil.Window
	by           []string
	compare      string
	stores       []string
	products     []string
	categories   []string
	keyNormalize bool
}

func newSalesCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *salesOptions) error) *cobra.Command {
	opts := &salesOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("sales", "sales --sales <file> [--by day|week|month|weekday|hour|store|product|category,...] [--compare previous|last-year]", "Sales totals by day, week, month, weekday, hour, store, product or category", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runSales), opts.in.Of(cmdutil.NeedSales), opts.out.Register, opts.window.Register)
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.by, "by", nil, "group by `dims`: day, week, month, weekday, hour, store, product, category; a comma list combines them")
	cmdutil.EnumFlag(cmd, &opts.compare, "compare", "", "", []string{string(sales.Previous), string(sales.LastYear)}, "also show the figures of the previous period or of last year, and the change")
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
	if so.Window, _, err = opts.window.Window(opts.Global.Clock()); err != nil {
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
	if err := opts.in.Require(cmdutil.NeedSales); err != nil {
		return err
	}
	so, err := opts.spec()
	if err != nil {
		return err
	}
	fs := cmdutil.OpenFiles(ctx, opts.Streams, opts.Global, &opts.in)
	defer fs.Close()
	f := fs.File(opts.in.Sales, schema.Sales)
	if fs.Err == nil {
		fs.Err = sales.Check(f, so)
	}
	return fs.Write(&opts.out, "sales", func(out *cmdutil.Target) ([]string, error) {
		return sales.Write(ctx, f, so, out)
	})
}
