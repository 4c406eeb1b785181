package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/buyers"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type buyersOptions struct {
	cmdutil.Base
	in           cmdutil.Inputs
	out          cmdutil.Output
	window       cmdutil.Window
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

func newBuyersCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *buyersOptions) error) *cobra.Command {
	opts := &buyersOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("buyers", "buyers --sales <file> [--customers <file>] [--product <id>...] [--since <date>] [--within <period>]", "Distinct customers who bought matching products", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runBuyers), opts.in.Of(cmdutil.NeedCustomers|cmdutil.NeedSales), opts.out.Register, opts.window.Register)
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.products, "product", nil, "product `id` or glob pattern (P00*); repeat or use a comma list")
	fl.StringArrayVar(&opts.categories, "category", nil, "product `category`, matched as a whole after NFKC and case folding; repeatable")
	fl.StringArrayVar(&opts.names, "name-contains", nil, "`word` the product name contains, after NFKC and case folding; repeatable")
	fl.BoolVar(&opts.any, "any", false, "keep customers who bought any of the selected products (the default)")
	fl.BoolVar(&opts.all, "all", false, "keep customers who bought every selected product, category and word")
	fl.StringSliceVar(&opts.exclude, "exclude-product", nil, "drop customers who ever bought this product `id` or pattern, in any window or store")
	fl.StringSliceVar(&opts.stores, "store", nil, "only sales lines of this store `id`; repeat or use a comma list")
	fl.IntVar(&opts.minCount, "min-count", 0, "keep customers with at least `n` receipts (or lines, see --count-by)")
	cmdutil.EnumFlag(cmd, &opts.countBy, "count-by", "", string(buyers.ByReceipts), []string{string(buyers.ByReceipts), string(buyers.ByLines)}, "what --min-count counts")
	fl.StringVar(&opts.minAmount, "min-amount", "", "keep customers whose matching lines add up to at least `amount`")
	cmdutil.EnumFlag(cmd, &opts.sortBy, "sort", "", string(buyers.SortID), buyers.SortKeys, "row order")
	fl.StringVar(&opts.unmatched, "unmatched", "", "also write the matching sales lines whose customer id is not in --customers to `file`")
	fl.BoolVar(&opts.keyNormalize, "key-normalize", false, "match ids after trimming, width folding and dropping leading zeros")
	return cmd
}

func runBuyers(ctx context.Context, opts *buyersOptions) error {
	if err := opts.in.Require(cmdutil.NeedSales); err != nil {
		return err
	}
	q := buyers.Request{Products: opts.products, Categories: opts.categories, Names: opts.names, Exclude: opts.exclude, Stores: opts.stores,
		All: opts.all, Any: opts.any, MinCount: opts.minCount, CountBy: opts.countBy, MinAmount: opts.minAmount, KeyNormalize: opts.keyNormalize,
		Unmatched: opts.unmatched != "", HasCustomers: opts.in.Customers != "", SalesStdin: opts.in.Sales == "-"}
	bo, err := q.Options()
	if err != nil {
		return err
	}
	if bo.Window, _, err = opts.window.Window(opts.Global.Clock()); err != nil {
		return err
	}
	fs := opts.Files(ctx, &opts.in)
	defer fs.Close()
	in := buyers.Input{CustomersFile: opts.in.Customers, Sales: fs.File(opts.in.Sales, schema.Sales), Customers: fs.Optional(opts.in.Customers, schema.Customers),
		Reopen: func() (record.File, error) { f := fs.File(opts.in.Sales, schema.Sales); return f, fs.Err }}
	return fs.WriteSet(&opts.out, "buyers", []cmdutil.SideOutput{{Flag: "--unmatched", Path: opts.unmatched}}, func(outs *cmdutil.OutputSet) ([]string, error) {
		return buyers.Write(ctx, in, bo, buyers.SortKey(opts.sortBy), buyers.Outputs{Buyers: outs.Main, Unmatched: outs.Rows("--unmatched")})
	})
}
