package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/usererr"

	"github.com/custkit/custkit/pkg/buyers"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/product"
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runBuyers(cmd.Context(), opts)
		},
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

// buyersSpec turns the flags into the operation's options.
func (opts *buyersOptions) spec() (buyers.Options, error) {
	var bo buyers.Options
	if opts.all && opts.any {
		return bo, usererr.Usagef("--all and --any contradict each other; use one")
	}
	m, err := product.New(product.Selection{Products: opts.products, Categories: opts.categories, NameContains: opts.names})
	if err != nil {
		return bo, usererr.Usagef("product selection: %v", err)
	}
	if opts.all && m.Empty() {
		return bo, usererr.Usagef("--all needs products to buy: give --product, --category or --name-contains")
	}
	if opts.all && m.Terms() > product.MaxTerms {
		return bo, usererr.Usagef("--all takes at most %d products, categories and words; got %d", product.MaxTerms, m.Terms())
	}
	if len(opts.exclude) > 0 {
		if bo.Exclude, err = product.New(product.Selection{Products: opts.exclude}); err != nil {
			return bo, usererr.Usagef("--exclude-product: %v", err)
		}
	}
	if opts.minCount < 0 {
		return bo, usererr.Usagef("--min-count must not be negative")
	}
	if opts.minAmount != "" {
		if bo.MinAmount, err = parse.Amount(opts.minAmount); err != nil {
			return bo, usererr.Usagef("--min-amount %q %v", opts.minAmount, err)
		}
		bo.HasMinAmount = true
	}
	if bo.Window, _, err = opts.window.window(opts.now); err != nil {
		return bo, err
	}
	for _, st := range opts.stores {
		bo.Stores = append(bo.Stores, strings.TrimSpace(st))
	}
	bo.Match, bo.All, bo.MinCount, bo.CountBy = m, opts.all, opts.minCount, buyers.CountBy(opts.countBy)
	bo.KeyNormalize = opts.keyNormalize
	return bo, nil
}

func runBuyers(ctx context.Context, opts *buyersOptions) error {
	s, g := opts.streams, opts.global
	if err := require(opts.in.sales, "sales"); err != nil {
		return err
	}
	if opts.unmatched != "" && opts.in.customers == "" {
		return usererr.Usagef("--unmatched lists lines whose customer is not in --customers; give --customers too")
	}
	if opts.unmatched != "" && opts.in.sales == "-" {
		return usererr.Usagef("--unmatched reads the sales file a second time; --sales cannot be standard input with it")
	}
	bo, err := opts.spec()
	if err != nil {
		return err
	}
	sales, err := opts.in.open(ctx, s, g, opts.in.sales, schema.Sales)
	if err != nil {
		return err
	}
	defer sales.Close()
	if err := buyers.Check(sales.Name(), sales.Binding, bo); err != nil {
		return err
	}
	var cust *input.Input
	if opts.in.customers != "" {
		if cust, err = opts.in.open(ctx, s, g, opts.in.customers, schema.Customers); err != nil {
			return err
		}
		defer cust.Close()
	}
	outs, err := opts.out.openSet(ctx, s, g, []string{opts.in.customers, opts.in.sales}, sideOutput{"--unmatched", opts.unmatched})
	if err != nil {
		return err
	}
	defer outs.Abort()
	out, unmatched := outs.main, outs.side("--unmatched")

	res, err := buyers.Scan(ctx, sales.Reader, sales.Binding, bo)
	if err != nil {
		return err
	}
	sum := buyersSummary{Stats: res.Stats, customersFile: opts.in.customers}
	if err := writeBuyers(ctx, opts, cust, res.Buyers, out, &sum); err != nil {
		return err
	}
	if unmatched != nil {
		if err := writeUnmatchedLines(ctx, opts, bo, sum.unknown, unmatched); err != nil {
			return err
		}
	}
	if err := outs.Commit(); err != nil {
		return err
	}
	if !g.quiet {
		fmt.Fprintf(s.err, "custkit: buyers: %s\n", sum.String())
		for _, w := range res.Stats.Sales.Warnings(sales.Name()) {
			fmt.Fprintf(s.err, "custkit: buyers: %s\n", w)
		}
	}
	return nil
}

// writeBuyers looks the buyers up in the customers file (if any), sorts
// them and writes one row each.
func writeBuyers(ctx context.Context, opts *buyersOptions, cust *input.Input, bs []buyers.Buyer, out *target, sum *buyersSummary) error {
	var c buyers.Customers
	if cust != nil {
		c = buyers.Customers{Reader: cust.Reader, Binding: cust.Binding}
	}
	l, err := buyers.List(ctx, c, bs, buyers.ListOptions{Sort: buyers.SortKey(opts.sortBy), KeyNormalize: opts.keyNormalize})
	if err != nil {
		return err
	}
	sum.unknown, sum.unknownLines = l.Unknown, l.UnknownLines
	if err := out.WriteHeader(l.Header); err != nil {
		return err
	}
	for _, b := range l.Buyers {
		if err := out.Write(l.Row(b)); err != nil {
			return err
		}
	}
	sum.written = len(l.Buyers)
	return nil
}

// writeUnmatchedLines reads the sales file again for the lines of the
// customers that the customers file does not have.
func writeUnmatchedLines(ctx context.Context, opts *buyersOptions, bo buyers.Options, unknown []string, u *target) error {
	sales, err := opts.in.open(ctx, opts.streams, opts.global, opts.in.sales, schema.Sales)
	if err != nil {
		return err
	}
	defer sales.Close()
	if err := u.WriteHeader(sales.Header()); err != nil {
		return err
	}
	if len(unknown) == 0 {
		return nil
	}
	set := make(map[string]bool, len(unknown))
	for _, k := range unknown {
		set[k] = true
	}
	return buyers.Lines(ctx, sales.Reader, sales.Binding, bo, func(k []byte) bool { return set[string(k)] }, u.Write)
}

// buyersSummary is the report on standard error.
type buyersSummary struct {
	buyers.Stats
	customersFile string
	unknown       []string
	unknownLines  int
	written       int
}

func (s *buyersSummary) String() string {
	parts := []string{fmt.Sprintf("%s read; %d match: %s (skipped) and %s of %s",
		english.Count(s.Lines, "sales line"), s.Matching, english.Count(s.WalkIn, "walk-in line"), english.Count(s.Matching-s.WalkIn, "line"), english.Count(s.Customers, "customer"))}
	if s.Sales.Voided > 0 {
		parts = append(parts, s.Sales.Voids()+" left out")
	}
	if s.Sales.Other > 0 {
		parts = append(parts, s.Sales.Others()+" left out: only 取引区分 1 is a sale")
	}
	if s.Returned > 0 {
		parts = append(parts, fmt.Sprintf("%s whose purchases were returned", english.Count(s.Returned, "customer")))
	}
	if s.Excluded > 0 {
		parts = append(parts, fmt.Sprintf("%s excluded by --exclude-product", english.Count(s.Excluded, "customer")))
	}
	if s.Partial > 0 {
		parts = append(parts, fmt.Sprintf("%s without every product (--all)", english.Count(s.Partial, "customer")))
	}
	if s.BelowMin > 0 {
		parts = append(parts, fmt.Sprintf("%s below --min-count/--min-amount", english.Count(s.BelowMin, "customer")))
	}
	if len(s.unknown) > 0 {
		parts = append(parts, fmt.Sprintf("%s not in %s (%s)", english.Count(len(s.unknown), "customer"), s.customersFile, english.Count(s.unknownLines, "line")))
	}
	return strings.Join(parts, "; ") + fmt.Sprintf("; %s written", english.Count(s.written, "customer"))
}
