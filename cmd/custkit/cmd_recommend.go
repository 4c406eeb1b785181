package main

import (
	"context"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/recommend"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type recommendOptions struct {
	streams      *streams
	global       *globalOptions
	in           inputFlags
	win          windowFlags
	out          outputFlags
	product      string
	customer     string
	by           string
	minCustomers int
	minShared    int
	top          int
	stores       []string
	keyNormalize bool
	perStore     bool
	now          func() time.Time
}

func newRecommendCmd(s *streams, g *globalOptions, runF func(context.Context, *recommendOptions) error) *cobra.Command {
	opts := &recommendOptions{streams: s, global: g, now: time.Now}
	cmd := &cobra.Command{
		Use:   "recommend --sales <file> (--product P | --customer C) [--by product|category]",
		Short: "Customers who bought this also bought",
		Long: `Recommend reads the sales file once and keeps, per customer, the distinct
products (or, with --by category, categories) they bought.

With --product P it ranks the other products that P's buyers bought, by the
number of customers who bought both (ties by product id). Over the N
customers who bought anything in the sales read:

  customers   customers who bought both P and the product
  support     customers / N: how common the pair is
  confidence  customers / (customers who bought P): how often P's buyers
              buy the product
  lift        confidence / (customers who bought the product / N): how much
              more often P's buyers buy it than customers at large; above
              1 the two go together, below 1 they do not

Voided receipts (a void column) are left out. A customer bought a product
when the net quantity of their lines of it is above zero: a return (a line
of a return kind, 返品, refund, ..., or with a negative quantity or amount)
counts negative, so a product bought and returned, or only returned, is
not bought.

With --by category the rows are categories instead: a customer counts for
a category when they bought a product of it other than P.

With --customer C it suggests products C has not bought, from C's
neighbours: the customers who share at least --min-shared products with C
(default 2, or 1 when C bought a single product). A product scores the sum,
over the neighbours who bought it, of how alike they are to C (products in
common / products of either, the Jaccard index); the reason column says
how many neighbours bought it.

Per store: --per-store ranks within each store, for each store where P was
bought: a store column first, and a customer's basket at a store holds
what they bought there, so a customer of two stores is counted at each.
The measures count the store's customers only. It goes with --product.

Walk-in lines (no customer id) are left out and counted on standard error.
--since, --until, --within and --store choose the sales read.`,
		Example: `  # what goes with the Kutani teacup
  custkit recommend --config examples/custkit.yaml --product P0042

  # the categories its buyers also buy
  custkit recommend --config examples/custkit.yaml --product P0042 --by category

  # what goes with it at each store
  custkit recommend --config examples/custkit.yaml --product P0042 --per-store --top 3

  # suggestions for one customer
  custkit recommend --config examples/custkit.yaml --customer 000105 --top 5`,
		Args: noArgs,
		RunE: runs(opts, runF, runRecommend),
	}
	opts.in.register(cmd, needSales)
	opts.win.register(cmd)
	opts.out.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.product, "product", "", "rank what the buyers of product `id` also bought")
	fl.StringVar(&opts.customer, "customer", "", "suggest products for customer `id`")
	enumFlag(cmd, &opts.by, "by", "", string(recommend.ByProduct), recommend.Bys, "rank products or categories")
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
	if err := opts.in.require(needSales); err != nil {
		return err
	}
	win, _, err := opts.win.window(opts.now)
	if err != nil {
		return err
	}
	ropts := recommend.Options{By: recommend.By(opts.by), Product: opts.product,
		Filter:   record.SaleFilter{Window: win, Stores: opts.stores, Normalize: customer.Normalizer(opts.keyNormalize)},
		PerStore: opts.perStore}
	fs := openFiles(ctx, opts.streams, opts.global, &opts.in)
	defer fs.Close()
	sales := fs.file(opts.in.sales, schema.Sales)
	return fs.write(&opts.out, "recommend", func(out *target) ([]string, error) {
		return recommend.Write(ctx, sales, ropts, q, out)
	})
}
