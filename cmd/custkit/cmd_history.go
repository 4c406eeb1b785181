package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/history"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type historyOptions struct {
	cmdutil.Base
	in           cmdutil.Inputs
	out          cmdutil.Output
	ids          []string
	oldestFirst  bool
	keyNormalize bool
}

func newHistoryCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *historyOptions) error) *cobra.Command {
	opts := &historyOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("history", "history <customer-id>... --customers <file> --sales <file> [--contacts <file>] [--complaints <file>]", "One or more customers' purchases, contacts and complaints as a timeline", cmdutil.AtLeastOneWord("customer id", "custkit history 000101"), cmdutil.Runs(opts, runF, runHistory, func(_ *cobra.Command, args []string) { opts.ids = args }), opts.in.Of(cmdutil.NeedCustomers|cmdutil.NeedSales|cmdutil.NeedContacts|cmdutil.NeedComplaints), opts.out.Register)
	cmd.Flags().BoolVar(&opts.oldestFirst, "oldest-first", false, "list the oldest event first")
	cmd.Flags().BoolVar(&opts.keyNormalize, "key-normalize", false, "match ids after trimming, width folding and dropping leading zeros")
	return cmd
}

func runHistory(ctx context.Context, opts *historyOptions) error {
	if err := opts.in.Require(cmdutil.NeedCustomers | cmdutil.NeedSales); err != nil {
		return err
	}
	fs := opts.Files(ctx, &opts.in)
	defer fs.Close()
	in := history.Input{Customers: fs.File(opts.in.Customers, schema.Customers), Sales: fs.File(opts.in.Sales, schema.Sales),
		Contacts: fs.Optional(opts.in.Contacts, schema.Contacts), Complaints: fs.Optional(opts.in.Complaints, schema.Complaints)}
	return fs.Write(&opts.out, "history", func(out *cmdutil.Target) ([]string, error) {
		return history.Write(ctx, in, history.Options{IDs: opts.ids, KeyNormalize: opts.keyNormalize}, opts.oldestFirst, out)
	})
}
