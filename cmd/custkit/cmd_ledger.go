package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/spf13/cobra"
)

type ledgerOptions struct {
	cmdutil.Base
	src cmdutil.LedgerInputs
	out cmdutil.Output
	top int
	by  string
}

func newLedgerCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *ledgerOptions) error) *cobra.Command {
	opts := &ledgerOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("ledger", "ledger --sales <file> [--customers <file>] [--top N --by visits|spend|recent]", "The customer ledger: visits, first and last visit, spend", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runLedger), opts.src.Register, opts.out.Register)
	cmd.Flags().IntVar(&opts.top, "top", 0, "list only the first `N` customers of the order")
	cmdutil.EnumFlag(cmd, &opts.by, "by", "", "", ledger.Orders, "order of the rows (default visits with --top, else customer)")
	cmd.Flags().BoolVar(&opts.src.PerStore, "per-store", false, "a ledger per store: a store column first, each customer once per store they bought at, ranked (and --top) within each store")
	return cmd
}

func runLedger(ctx context.Context, opts *ledgerOptions) error {
	s, g := opts.Streams, opts.Global
	lo := ledger.ListOptions{By: ledger.By(opts.by), Top: opts.top}
	if err := lo.Check(); err != nil {
		return err
	}
	return opts.src.Write(ctx, s, g, &opts.out, "ledger", func(in ledger.Input, st ledger.Settings, out *cmdutil.Target) ([]string, error) {
		lo.Settings = st
		return ledger.List(ctx, in, lo, out)
	})
}
