package main

import (
	"context"

	"github.com/custkit/custkit/pkg/history"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type historyOptions struct {
	streams      *streams
	global       *globalOptions
	in           inputFlags
	out          outputFlags
	ids          []string
	oldestFirst  bool
	keyNormalize bool
}

func newHistoryCmd(s *streams, g *globalOptions, runF func(context.Context, *historyOptions) error) *cobra.Command {
	opts := &historyOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "history <customer-id>... --customers <file> --sales <file> [--contacts <file>] [--complaints <file>]",
		Short: "One or more customers' purchases, contacts and complaints as a timeline",
		Long: `History shows what a customer has bought before, and what they told the
shop: the purchases grouped by receipt (a receipt id on one day in one
store), and the contacts and complaints when --contacts and --complaints
(or the config file) name those files. Events are listed newest first
unless --oldest-first; events at the same time keep file order.

As a table or markdown (the default on a terminal) each customer gets a
顧客カルテ (customer card): the customer's columns, one row per receipt
(date, store, lines, products, receipt total), contact or complaint, and the
totals. Personal data is masked unless --reveal.

As csv, tsv, json or jsonl there is one row per event, keyed by
customer_id, with an event column: sale (one row per sales line, the lines
of a receipt together), return (a receipt's return lines: a return kind,
or a negative quantity or amount), contact or complaint. Columns an event
does not have are empty. Voided receipts (a void column) are left out.

Ids are matched as text (000123 is not 123) unless --key-normalize. If any
id is not in the customers file, history prints nothing and names every
missing id (exit status 1).`,
		Example: `  custkit history 000101 --customers examples/customers.csv --sales examples/sales.csv --contacts examples/contacts.csv
  custkit history 000101 000125 --config examples/custkit.yaml --oldest-first
  custkit history 000125 --config examples/custkit.yaml --format csv`,
		Args: atLeastOne("customer id", "custkit history 000101"),
		RunE: runs(opts, runF, runHistory, func(_ *cobra.Command, args []string) { opts.ids = args }),
	}
	opts.in.register(cmd, needCustomers|needSales|needContacts|needComplaints)
	opts.out.register(cmd)
	cmd.Flags().BoolVar(&opts.oldestFirst, "oldest-first", false, "list the oldest event first")
	cmd.Flags().BoolVar(&opts.keyNormalize, "key-normalize", false, "match ids after trimming, width folding and dropping leading zeros")
	return cmd
}

func runHistory(ctx context.Context, opts *historyOptions) error {
	if err := opts.in.require(needCustomers | needSales); err != nil {
		return err
	}
	fs := openFiles(ctx, opts.streams, opts.global, &opts.in)
	defer fs.Close()
	in := history.Input{Customers: fs.file(opts.in.customers, schema.Customers), Sales: fs.file(opts.in.sales, schema.Sales),
		Contacts: fs.optional(opts.in.contacts, schema.Contacts), Complaints: fs.optional(opts.in.complaints, schema.Complaints)}
	return fs.write(&opts.out, "history", func(out *target) ([]string, error) {
		return history.Write(ctx, in, history.Options{IDs: opts.ids, KeyNormalize: opts.keyNormalize}, opts.oldestFirst, out)
	})
}
