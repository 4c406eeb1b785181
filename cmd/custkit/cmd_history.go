package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/history"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type historyOptions struct {
	base
	in           inputFlags
	out          outputFlags
	ids          []string
	oldestFirst  bool
	keyNormalize bool
}

func newHistoryCmd(s *cmdutil.Streams, g *globalOptions, runF func(context.Context, *historyOptions) error) *cobra.Command {
	opts := &historyOptions{base: base{s, g}}
	cmd := command("history", "history <customer-id>... --customers <file> --sales <file> [--contacts <file>] [--complaints <file>]", "One or more customers' purchases, contacts and complaints as a timeline", cmdutil.AtLeastOne("customer id", "custkit history 000101"), runs(opts, runF, runHistory, func(_ *cobra.Command, args []string) { opts.ids = args }), opts.in.of(needCustomers|needSales|needContacts|needComplaints), opts.out.register)
	cmd.Flags().BoolVar(&opts.oldestFirst, "oldest-first", false, "list the oldest event first")
	cmd.Flags().BoolVar(&opts.keyNormalize, "key-normalize", false, "match ids after trimming, width folding and dropping leading zeros")
	return cmd
}

func runHistory(ctx context.Context, opts *historyOptions) error {
	if err := opts.in.require(needCustomers | needSales); err != nil {
		return err
	}
	fs := opts.files(ctx, &opts.in)
	defer fs.Close()
	in := history.Input{Customers: fs.file(opts.in.customers, schema.Customers), Sales: fs.file(opts.in.sales, schema.Sales),
		Contacts: fs.optional(opts.in.contacts, schema.Contacts), Complaints: fs.optional(opts.in.complaints, schema.Complaints)}
	return fs.write(&opts.out, "history", func(out *target) ([]string, error) {
		return history.Write(ctx, in, history.Options{IDs: opts.ids, KeyNormalize: opts.keyNormalize}, opts.oldestFirst, out)
	})
}
