package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/custkit/custkit/pkg/history"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
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
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ids = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runHistory(cmd.Context(), opts)
		},
	}
	opts.in.register(cmd, needCustomers|needSales|needContacts|needComplaints)
	opts.out.register(cmd)
	cmd.Flags().BoolVar(&opts.oldestFirst, "oldest-first", false, "list the oldest event first")
	cmd.Flags().BoolVar(&opts.keyNormalize, "key-normalize", false, "match ids after trimming, width folding and dropping leading zeros")
	return cmd
}

func runHistory(ctx context.Context, opts *historyOptions) error {
	s, g := opts.streams, opts.global
	if err := require(opts.in.customers, "customers"); err != nil {
		return err
	}
	if err := require(opts.in.sales, "sales"); err != nil {
		return err
	}
	hopts := history.Options{IDs: opts.ids, KeyNormalize: opts.keyNormalize}
	cust, err := opts.in.open(ctx, s, g, opts.in.customers, schema.Customers)
	if err != nil {
		return err
	}
	defer cust.Close()
	found, err := history.Find(ctx, record.File{Reader: cust.Reader, Binding: cust.Binding}, hopts)
	var missing *history.MissingError
	if errors.As(err, &missing) && !opts.keyNormalize {
		return usererr.WithHint(err, "ids match as text (000123 is not 123); --key-normalize also drops leading zeros and folds full-width digits")
	}
	if err != nil {
		return err
	}
	b := history.NewBuilder(found, hopts)
	if err := addHistoryFiles(ctx, opts, b); err != nil {
		return err
	}
	out, err := opts.out.open(ctx, s, g, opts.in.customers, opts.in.sales, opts.in.contacts, opts.in.complaints)
	if err != nil {
		return err
	}
	defer out.Abort()
	card := history.Card{Header: cust.Header(), IDCol: cust.Binding.Col(schema.CustomerID),
		Contacts: opts.in.contacts != "", Complaints: opts.in.complaints != ""}
	timelines := b.Timelines(opts.oldestFirst)
	if out.Printed() {
		out.Holds(card.Header)
		err = card.Print(out, timelines)
	} else {
		err = card.WriteRows(out, timelines)
	}
	if err != nil {
		return err
	}
	if err := out.Commit(); err != nil {
		return err
	}
	if !g.quiet && b.Sales.Voided > 0 {
		fmt.Fprintf(s.err, "custkit: history: %s left out\n", b.Sales.Voids())
	}
	if !g.quiet && b.Sales.Other > 0 {
		fmt.Fprintf(s.err, "custkit: history: %s left out: only 取引区分 1 is a sale\n", b.Sales.Others())
	}
	if !g.quiet {
		for _, w := range b.Sales.Warnings(opts.in.sales) {
			fmt.Fprintf(s.err, "custkit: history: %s\n", w)
		}
	}
	return nil
}

// addHistoryFiles reads the sales file and, when given, the contacts and
// complaints files into the builder.
func addHistoryFiles(ctx context.Context, opts *historyOptions, b *history.Builder) error {
	files := []struct {
		path string
		kind schema.Kind
		add  func(context.Context, record.File) error
	}{
		{opts.in.sales, schema.Sales, b.AddSales},
		{opts.in.contacts, schema.Contacts, b.AddContacts},
		{opts.in.complaints, schema.Complaints, b.AddComplaints},
	}
	for _, f := range files {
		if f.path == "" {
			continue
		}
		in, err := opts.in.open(ctx, opts.streams, opts.global, f.path, f.kind)
		if err != nil {
			return err
		}
		err = f.add(ctx, record.File{Reader: in.Reader, Binding: in.Binding})
		in.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
