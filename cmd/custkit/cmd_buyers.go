package main

import (
	"context"
	"time"

	"github.com/custkit/custkit/pkg/buyers"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type buyersOptions struct {
	streams      *streams
	global       *globalOptions
	in           inputFlags
	out          outputFlags
	window       windowFlags
	now          func() time.Time
	products     []string
	categories   []string
	names        []string
	exclude      []string
	stores       []string
	all, any     bool
	minCount     int
	countBy      string
	minAmount    string
	sortBy       string
	unmatched    string
	keyNormalize bool
}

func newBuyersCmd(s *streams, g *globalOptions, runF func(context.Context, *buyersOptions) error) *cobra.Command {
	opts := &buyersOptions{streams: s, global: g, now: time.Now}
	cmd := &cobra.Command{
		Use:   "buyers --sales <file> [--customers <file>] [--product <id>...] [--since <date>] [--within <period>]",
		Short: "Distinct customers who bought matching products",
		Long: `Buyers lists each customer who bought a matching product once, with the
customer's own columns from --customers followed by the matching purchases:

  first_purchase, last_purchase  dates of the first and last matching line
  receipts                       distinct receipts: a receipt id on one day in one store
  lines                          matching sales lines
  quantity                       their quantities (a line without one counts as 1)
  amount                         their amounts (quantity × unit price without an amount column)

Products: --product takes ids and glob patterns (P00* matches P0042; * is
any run of characters, ? one character), repeated or as a comma list;
--category matches a category as a whole; --name-contains matches a word in
the product name. Categories and names are compared after NFKC and case
folding, so ｸﾀﾆ finds クタニ. Each id, pattern, category and word is a term:
--any (the default) keeps customers who bought any term, --all those who
bought every term, in the same receipt or not. Without a selection every
product counts. --exclude-product drops customers who ever bought a
matching product: over the whole sales file, whatever the window and store.

Voids and returns: the lines of a receipt voided at the register (a void
column: 取消区分, void, ...) are left out and counted on standard error. A
return (a return kind: 返品, 払い戻し, refund; or a negative quantity or
amount) is netted: a customer bought a term when the net quantity of
their matching lines is above zero; receipts and dates count purchases only.

Window and place: --since and --until take dates, --within 12mo|90d|2y counts
whole days back from --as-of (default today); --store keeps one or more
stores' lines.

Thresholds: --min-count N keeps customers with at least N receipts (--count-by
lines: N matching lines); --min-amount keeps those whose matching lines add
up to at least that amount.

Rows are sorted by customer id (as text, byte by byte) unless --sort says
otherwise: figures largest first, last_purchase most recent first,
first_purchase earliest first. Walk-in lines (no customer id) are skipped.
A customer id that is not in --customers is left out and counted on
standard error; --unmatched FILE writes those sales lines. Without
--customers the rows have customer_id and the purchase columns.

The output keeps the customers file's column names, so it is valid
--customers input for the next command (a purchase column read back is
replaced by the new one). Ids match as text (000123 is not 123) unless
--key-normalize.

The sales file is read once, on all cores; memory follows the customers
who match, not the sales lines. The customers file is then streamed once for
the matching customers' rows.`,
		Example: `  # who bought the Kutani teacup in the 12 months up to 2026-11-22
  custkit buyers --customers examples/customers.csv --sales examples/sales.csv --product P0042 --within 12mo --as-of 2026-11-22

  # bought the teacup but never its saucer
  custkit buyers --config examples/custkit.yaml --product P0042 --exclude-product P0043

  # bought both, biggest spenders first, as a table
  custkit buyers --config examples/custkit.yaml --product P0042,P0043 --all --sort amount --format table

  # bought any 九谷焼 at least three times (receipts) at the station store
  custkit buyers --config examples/custkit.yaml --name-contains 九谷焼 --store S02 --min-count 3`,
		Args: noArgs,
		RunE: runs(opts, runF, runBuyers),
	}
	opts.in.register(cmd, needCustomers|needSales)
	opts.out.register(cmd)
	opts.window.register(cmd)
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.products, "product", nil, "product `id` or glob pattern (P00*); repeat or use a comma list")
	fl.StringArrayVar(&opts.categories, "category", nil, "product `category`, matched as a whole after NFKC and case folding; repeatable")
	fl.StringArrayVar(&opts.names, "name-contains", nil, "`word` the product name contains, after NFKC and case folding; repeatable")
	fl.BoolVar(&opts.any, "any", false, "keep customers who bought any of the selected products (the default)")
	fl.BoolVar(&opts.all, "all", false, "keep customers who bought every selected product, category and word")
	fl.StringSliceVar(&opts.exclude, "exclude-product", nil, "drop customers who ever bought this product `id` or pattern, in any window or store")
	fl.StringSliceVar(&opts.stores, "store", nil, "only sales lines of this store `id`; repeat or use a comma list")
	fl.IntVar(&opts.minCount, "min-count", 0, "keep customers with at least `n` receipts (or lines, see --count-by)")
	enumFlag(cmd, &opts.countBy, "count-by", "", string(buyers.ByReceipts), []string{string(buyers.ByReceipts), string(buyers.ByLines)}, "what --min-count counts")
	fl.StringVar(&opts.minAmount, "min-amount", "", "keep customers whose matching lines add up to at least `amount`")
	enumFlag(cmd, &opts.sortBy, "sort", "", string(buyers.SortID), buyers.SortKeys, "row order")
	fl.StringVar(&opts.unmatched, "unmatched", "", "also write the matching sales lines whose customer id is not in --customers to `file`")
	fl.BoolVar(&opts.keyNormalize, "key-normalize", false, "match ids after trimming, width folding and dropping leading zeros")
	return cmd
}

func runBuyers(ctx context.Context, opts *buyersOptions) error {
	if err := opts.in.require(needSales); err != nil {
		return err
	}
	q := buyers.Request{Products: opts.products, Categories: opts.categories, Names: opts.names, Exclude: opts.exclude, Stores: opts.stores,
		All: opts.all, Any: opts.any, MinCount: opts.minCount, CountBy: opts.countBy, MinAmount: opts.minAmount, KeyNormalize: opts.keyNormalize,
		Unmatched: opts.unmatched != "", HasCustomers: opts.in.customers != "", SalesStdin: opts.in.sales == "-"}
	bo, err := q.Options()
	if err != nil {
		return err
	}
	if bo.Window, _, err = opts.window.window(opts.now); err != nil {
		return err
	}
	fs := openFiles(ctx, opts.streams, opts.global, &opts.in)
	defer fs.Close()
	in := buyers.Input{CustomersFile: opts.in.customers, Sales: fs.file(opts.in.sales, schema.Sales), Customers: fs.optional(opts.in.customers, schema.Customers),
		Reopen: func() (record.File, error) { f := fs.file(opts.in.sales, schema.Sales); return f, fs.err }}
	return fs.writeSet(&opts.out, "buyers", []sideOutput{{"--unmatched", opts.unmatched}}, func(outs *outputSet) ([]string, error) {
		return buyers.Write(ctx, in, bo, buyers.SortKey(opts.sortBy), buyers.Outputs{Buyers: outs.main, Unmatched: outs.rows("--unmatched")})
	})
}
