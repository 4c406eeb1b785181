package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/english"
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

With --by category the rows are categories instead: a customer counts for
a category when they bought a product of it other than P.

With --customer C it suggests products C has not bought, from C's
neighbours: the customers who share at least --min-shared products with C
(default 2, or 1 when C bought a single product). A product scores the sum,
over the neighbours who bought it, of how alike they are to C (products in
common / products of either, the Jaccard index); the reason column says
how many neighbours bought it.

Walk-in lines (no customer id) are left out and counted on standard error.
--since, --until, --within and --store choose the sales read.`,
		Example: `  # what goes with the Kutani teacup
  custkit recommend --config examples/custkit.yaml --product P0042

  # the categories its buyers also buy
  custkit recommend --config examples/custkit.yaml --product P0042 --by category

  # suggestions for one customer
  custkit recommend --config examples/custkit.yaml --customer 000105 --top 5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRecommend(cmd.Context(), opts)
		},
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
	fl.BoolVar(&opts.keyNormalize, "key-normalize", false, "match customer ids after trimming, width folding and dropping leading zeros")
	return cmd
}

func runRecommend(ctx context.Context, opts *recommendOptions) error {
	if (opts.product == "") == (opts.customer == "") {
		return usageErrorf("give one of --product and --customer")
	}
	if opts.top < 0 || opts.minCustomers < 0 || opts.minShared < 0 {
		return usageErrorf("--top, --min-customers and --min-shared take numbers from 0")
	}
	if err := require(opts.in.sales, "sales"); err != nil {
		return err
	}
	win, _, err := opts.win.window(opts.now)
	if err != nil {
		return err
	}
	sales, err := opts.in.open(ctx, opts.streams, opts.global, opts.in.sales, schema.Sales)
	if err != nil {
		return err
	}
	defer sales.Close()
	ropts := recommend.Options{By: recommend.By(opts.by), Product: opts.product,
		Filter: record.SaleFilter{Window: win, Stores: opts.stores, Normalize: customer.Normalizer(opts.keyNormalize)}}
	b, err := recommend.Build(ctx, sales.Reader, record.NewDecoder(sales.Name(), sales.Binding), ropts)
	if err != nil {
		return err
	}
	out, err := opts.out.open(ctx, opts.streams, opts.global, opts.in.sales)
	if err != nil {
		return err
	}
	defer out.Abort()
	cols := itemColumns(ropts.By, sales.Binding)
	var note string
	if opts.product != "" {
		note, err = writeAlsoBought(out, b, cols, opts)
	} else {
		note, err = writeSuggestions(out, b, cols, opts)
	}
	if err != nil {
		return err
	}
	if err := out.Commit(); err != nil {
		return err
	}
	if !opts.global.quiet {
		st := b.Stats
		fmt.Fprintf(opts.streams.err, "custkit: recommend: %s: %d read for %s; left out: %s; %s\n",
			english.Count(st.Lines, "sales line"), st.Kept, english.Count(b.Customers(), "customer"), st.LeftOut(), note)
	}
	return nil
}

// itemColumns are the leading columns of a row: the item, and with
// products their name and category when the sales file has them.
type itemCols struct {
	header     []string
	name, cats bool
}

func itemColumns(by recommend.By, sales *schema.Binding) itemCols {
	if by == recommend.ByCategory {
		return itemCols{header: []string{"category"}}
	}
	c := itemCols{header: []string{"product_id"}, name: sales.Col(schema.ProductName) >= 0, cats: sales.Col(schema.Category) >= 0}
	if c.name {
		c.header = append(c.header, "product_name")
	}
	if c.cats {
		c.header = append(c.header, "category")
	}
	return c
}

func (c itemCols) cells(item, name, category string, rest ...string) []string {
	row := []string{item}
	if c.name {
		row = append(row, name)
	}
	if c.cats {
		row = append(row, category)
	}
	return append(row, rest...)
}

func writeAlsoBought(out *target, b *recommend.Baskets, cols itemCols, opts *recommendOptions) (string, error) {
	if err := out.WriteHeader(append(cols.header, "customers", "support", "confidence", "lift")); err != nil {
		return "", err
	}
	buyers, pairs := b.AlsoBought(opts.minCustomers, opts.top)
	for _, p := range pairs {
		row := cols.cells(p.Item, p.Name, p.Category, strconv.Itoa(p.Customers), ratio(p.Support), ratio(p.Confidence), ratio(p.Lift))
		if err := out.Write(row); err != nil {
			return "", err
		}
	}
	if buyers == 0 {
		return fmt.Sprintf("no customer bought %s", opts.product), nil
	}
	return fmt.Sprintf("%s was bought by %s", opts.product, english.Count(buyers, "customer")), nil
}

func writeSuggestions(out *target, b *recommend.Baskets, cols itemCols, opts *recommendOptions) (string, error) {
	sugg, nb, err := b.ForCustomer(opts.customer, opts.minShared, opts.minCustomers, opts.top)
	if err != nil {
		return "", err
	}
	if err := out.WriteHeader(append(cols.header, "score", "customers", "reason")); err != nil {
		return "", err
	}
	what := "products"
	if opts.by == string(recommend.ByCategory) {
		what = "categories"
	}
	for _, s := range sugg {
		reason := fmt.Sprintf("bought by %d of the %s %d+ %s", s.Customers, english.CountAs(nb.Count, "customer who shares", "customers who share"), nb.Shared, what)
		if err := out.Write(cols.cells(s.Item, s.Name, s.Category, ratio(s.Score), strconv.Itoa(s.Customers), reason)); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%s %d+ %s with %s", english.CountAs(nb.Count, "customer shares", "customers share"), nb.Shared, what, opts.customer), nil
}

// ratio writes a measure with four decimal places.
func ratio(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }
