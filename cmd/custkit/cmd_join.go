package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/join"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type joinOptions struct {
	cmdutil.Base
	in           cmdutil.Inputs
	out          cmdutil.Output
	joinType     string
	withoutSales bool
	keyNormalize bool
	unmatched    string
}

func newJoinCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *joinOptions) error) *cobra.Command {
	opts := &joinOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("join", "join --customers <file> --sales <file> [--type {inner|left|anti|semi}]", "Every sales line with its customer's columns", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runJoin), opts.in.Of(cmdutil.NeedCustomers|cmdutil.NeedSales), opts.out.Register)
	cmdutil.EnumFlag(cmd, &opts.joinType, "type", "", "inner", join.Types, "join type")
	cmd.Flags().BoolVar(&opts.withoutSales, "customers-without-sales", false, "list the customers who have no sales line instead")
	cmd.Flags().BoolVar(&opts.keyNormalize, "key-normalize", false, "match ids after trimming, width folding and dropping leading zeros")
	cmd.Flags().StringVar(&opts.unmatched, "unmatched", "", "also write the sales lines with an unknown customer id to `file`")
	return cmd
}

func runJoin(ctx context.Context, opts *joinOptions) error {
	if err := opts.in.Require(cmdutil.NeedCustomers | cmdutil.NeedSales); err != nil {
		return err
	}
	jopts := join.Options{Type: join.Type(opts.joinType), WithoutSales: opts.withoutSales, KeyNormalize: opts.keyNormalize}
	if err := jopts.Check(); err != nil {
		return err
	}
	opts.in.KeepLines = true // the lines are written out as they stand
	fs := opts.Files(ctx, &opts.in)
	defer fs.Close()
	cust, sales := fs.File(opts.in.Customers, schema.Customers), fs.File(opts.in.Sales, schema.Sales)
	return fs.WriteSet(&opts.out, "join", []cmdutil.SideOutput{{Flag: "--unmatched", Path: opts.unmatched}}, func(outs *cmdutil.OutputSet) ([]string, error) {
		jopts.Out, jopts.Unmatched = outs.Main, outs.Rows("--unmatched")
		stats, err := join.Run(ctx, join.Input{Customers: cust.Reader, CustomersBinding: cust.Binding, Sales: sales.Reader, SalesBinding: sales.Binding}, jopts)
		return stats.Report(opts.keyNormalize), err
	})
}
