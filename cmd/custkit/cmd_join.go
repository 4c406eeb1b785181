package main

import (
	"context"

	"github.com/custkit/custkit/pkg/join"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type joinOptions struct {
	streams      *streams
	global       *globalOptions
	in           inputFlags
	out          outputFlags
	joinType     string
	withoutSales bool
	keyNormalize bool
	unmatched    string
}

func newJoinCmd(s *streams, g *globalOptions, runF func(context.Context, *joinOptions) error) *cobra.Command {
	opts := &joinOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "join --customers <file> --sales <file> [--type {inner|left|anti|semi}]",
		Short: "Every sales line with its customer's columns",
		Long: `Join matches each sales line to its customer by customer id and writes the
sales columns followed by the customer's columns. A customer column whose
name or field the sales file also has is prefixed "customer_" (store_id
becomes customer_store_id), so no column is dropped; when that name is
taken too, the prefix is doubled, and further copies are numbered
(customer_memo_2).

  inner  sales lines whose customer is known (default)
  left   every sales line; customer columns empty when there is none
  anti   sales lines whose customer id is not in the customers file
  semi   sales lines whose customer is known, sales columns only

Walk-in lines (empty customer id) are counted, never matched. A summary of
matched, walk-in and unknown lines goes to standard error (not with -q).

Customer ids match exactly: 000123 is not 123. --key-normalize trims them,
folds full-width characters and drops leading zeros of numeric ids, and
reports how many ids it changed.

The customers file is held in memory (one entry per customer); the sales
file is streamed, on all cores.`,
		Example: `  custkit join --customers examples/customers.csv --sales examples/sales.csv
  custkit join --config examples/custkit.yaml --type anti --unmatched unknown.csv
  custkit join --config examples/custkit.yaml --customers-without-sales`,
		Args: noArgs,
		RunE: runs(opts, runF, runJoin),
	}
	opts.in.register(cmd, needCustomers|needSales)
	opts.out.register(cmd)
	enumFlag(cmd, &opts.joinType, "type", "", "inner", join.Types, "join type")
	cmd.Flags().BoolVar(&opts.withoutSales, "customers-without-sales", false, "list the customers who have no sales line instead")
	cmd.Flags().BoolVar(&opts.keyNormalize, "key-normalize", false, "match ids after trimming, width folding and dropping leading zeros")
	cmd.Flags().StringVar(&opts.unmatched, "unmatched", "", "also write the sales lines with an unknown customer id to `file`")
	return cmd
}

func runJoin(ctx context.Context, opts *joinOptions) error {
	if err := opts.in.require(needCustomers | needSales); err != nil {
		return err
	}
	jopts := join.Options{Type: join.Type(opts.joinType), WithoutSales: opts.withoutSales, KeyNormalize: opts.keyNormalize}
	if err := jopts.Check(); err != nil {
		return err
	}
	opts.in.keepLines = true // the lines are written out as they stand
	fs := openFiles(ctx, opts.streams, opts.global, &opts.in)
	defer fs.Close()
	cust, sales := fs.file(opts.in.customers, schema.Customers), fs.file(opts.in.sales, schema.Sales)
	return fs.writeSet(&opts.out, "join", []sideOutput{{"--unmatched", opts.unmatched}}, func(outs *outputSet) ([]string, error) {
		jopts.Out, jopts.Unmatched = outs.main, outs.rows("--unmatched")
		stats, err := join.Run(ctx, join.Input{Customers: cust.Reader, CustomersBinding: cust.Binding, Sales: sales.Reader, SalesBinding: sales.Binding}, jopts)
		return stats.Report(opts.keyNormalize), err
	})
}
