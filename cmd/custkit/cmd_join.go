package main

import (
	"context"
	"fmt"

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
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runJoin(cmd.Context(), opts)
		},
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
	s, g := opts.streams, opts.global
	if err := require(opts.in.customers, "customers"); err != nil {
		return err
	}
	if err := require(opts.in.sales, "sales"); err != nil {
		return err
	}
	if opts.withoutSales && opts.joinType != "inner" {
		return usageErrorf("--customers-without-sales lists customers; it cannot be combined with --type")
	}
	cust, err := opts.in.open(s, g, opts.in.customers, schema.Customers)
	if err != nil {
		return err
	}
	defer cust.Close()
	sales, err := opts.in.open(s, g, opts.in.sales, schema.Sales)
	if err != nil {
		return err
	}
	defer sales.Close()

	out, err := opts.out.open(s, g, opts.in.customers, opts.in.sales)
	if err != nil {
		return err
	}
	defer out.Abort()
	unmatched, err := opts.out.openSidecar(s, g, "--unmatched", opts.unmatched, opts.in.customers, opts.in.sales)
	if err != nil {
		return err
	}
	if unmatched != nil {
		defer unmatched.Abort()
	}

	jopts := join.Options{Type: join.Type(opts.joinType), KeyNormalize: opts.keyNormalize}
	if unmatched != nil {
		jopts.Unmatched = unmatched
	}
	stats, keysChanged, err := joinFiles(ctx, cust, sales, out, jopts, opts.withoutSales)
	if err != nil {
		return err
	}
	if err := out.Commit(); err != nil {
		return err
	}
	if unmatched != nil {
		if err := unmatched.Commit(); err != nil {
			return err
		}
	}
	if !g.quiet {
		fmt.Fprintf(s.err, "custkit: join: %s\n", stats.Summary())
		if opts.keyNormalize {
			fmt.Fprintf(s.err, "custkit: join: --key-normalize changed %d customer ids and %d sales ids\n", keysChanged, stats.KeysChanged)
		}
	}
	return nil
}

// joinFiles loads the customers and streams the sales through the join,
// choosing the fast, pre-encoded path when the output format allows it.
func joinFiles(ctx context.Context, cust, sales *input, out *target, jopts join.Options, withoutSales bool) (join.Stats, int, error) {
	lopts := join.LoadOptions{KeyNormalize: jopts.KeyNormalize}
	if withoutSales {
		all := make([]int, len(cust.Header()))
		for i := range all {
			all[i] = i
		}
		lopts.Payload = join.PlainPayload(all)
		idx, err := join.LoadContext(ctx, cust.Reader, cust.Binding, lopts)
		if err != nil {
			return join.Stats{}, 0, err
		}
		st, err := join.WithoutSales(ctx, idx, sales.Reader, sales.Binding, out, jopts)
		return st, idx.KeysChanged, err
	}
	layout := join.NewLayout(jopts.Type, sales.Binding, cust.Binding)
	if err := out.WriteHeader(layout.Header); err != nil {
		return join.Stats{}, 0, err
	}
	enc, fast := out.encoder()
	if u, ok := jopts.Unmatched.(*target); ok {
		jopts.UnmatchedEncoder, _ = u.encoder()
		fast = fast && jopts.UnmatchedEncoder != nil
	}
	if fast {
		jopts.Encoder = enc
		lopts.Payload = join.PayloadFor(enc, layout, len(sales.Header()))
	} else {
		lopts.Payload = join.PlainPayload(layout.CustomerCol)
	}
	idx, err := join.LoadContext(ctx, cust.Reader, cust.Binding, lopts)
	if err != nil {
		return join.Stats{}, 0, err
	}
	st, err := join.Run(ctx, idx, sales.Reader, sales.Binding, layout, out, jopts)
	return st, idx.KeysChanged, err
}
