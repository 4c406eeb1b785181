package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/events"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type eventsOptions struct {
	cmdutil.Base
	in        cmdutil.Inputs
	win       cmdutil.Window
	out       cmdutil.Output
	within    parse.Period
	withinSet bool
	kinds     []string
	strict    bool
}

func newEventsCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *eventsOptions) error) *cobra.Command {
	opts := &eventsOptions{Base: cmdutil.Base{Streams: s, Global: g}, within: parse.Period{Days: 30}}
	cmd := command("events", "events --customers <file> [--within 30d] [--event birthday|anniversary]", "Customers whose birthday or anniversary is coming up", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runEvents), opts.in.Of(cmdutil.NeedCustomers), opts.win.RegisterAsOf, opts.out.Register)
	cmdutil.WindowFlag(cmd, &opts.within, &opts.withinSet, "within", "list events in the `period` starting at --as-of (default 30d)")
	cmd.Flags().StringSliceVar(&opts.kinds, "event", nil, "list only events of `kind` (birthday, anniversary); repeatable")
	_ = cmd.RegisterFlagCompletionFunc("event", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return events.Kinds, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "stop at the first malformed date instead of counting it")
	return cmd
}

func runEvents(ctx context.Context, opts *eventsOptions) error {
	kinds, err := events.ParseKinds(opts.kinds)
	if err != nil {
		return usererr.Usagef("--event %v", err)
	}
	if err := opts.in.Require(cmdutil.NeedCustomers); err != nil {
		return err
	}
	asOf, err := opts.win.Date(opts.Global.Clock())
	if err != nil {
		return err
	}
	fs := opts.Files(ctx, &opts.in)
	defer fs.Close()
	cust := fs.File(opts.in.Customers, schema.Customers)
	return fs.Write(&opts.out, "events", func(out *cmdutil.Target) ([]string, error) {
		return events.Write(ctx, cust, events.Options{AsOf: asOf, Within: opts.within, Kinds: kinds, Strict: opts.strict}, out)
	})
}
