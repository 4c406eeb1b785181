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
	base
	in           inputFlags
	out          outputFlags
	window       cmdutil.Window
	by           []string
	compare      string
	stores       []string
	products     []string
	categories   []string
	keyNormalize bool
}

func newSalesCmd(s *cmdutil.Streams, g *globalOptions, runF func(context.Context, *salesOptions) error) *cobra.Command {
	opts := &salesOptions{base: base{s, g}}
	cmd := command("sales", "sales --sales <file> [--by day|week|month|weekday|hour|store|product|category,...] [--compare previous|last-year]", "Sales totals by day, week, month, weekday, hour, store, product or category", cmdutil.NoArgs, runs(opts, runF, runSales), opts.in.of(needSales), opts.out.register, opts.window.Register)
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
	if so.Window, _, err = opts.window.Window(opts.global.clock()); err != nil {
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
