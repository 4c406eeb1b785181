package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/events"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type eventsOptions struct {
	streams   *streams
	global    *globalOptions
	in        inputFlags
	win       windowFlags
	out       outputFlags
	within    parse.Period
	withinSet bool
	kinds     []string
	strict    bool
	now       func() time.Time
}

func newEventsCmd(s *streams, g *globalOptions, runF func(context.Context, *eventsOptions) error) *cobra.Command {
	opts := &eventsOptions{streams: s, global: g, now: time.Now, within: parse.Period{Days: 30}}
	cmd := &cobra.Command{
		Use:   "events --customers <file> [--within 30d] [--event birthday|anniversary]",
		Short: "Customers whose birthday or anniversary is coming up",
		Long: `Events lists the customers whose birthday or wedding anniversary falls
within --within (default 30d) from --as-of (default today): 30d is the
as-of day and the 29 days after it.

Each row is the customer's columns followed by

  event       birthday or anniversary
  date        the day it falls on: this year's, or next year's when this
              year's has passed (a window across a year end finds January
              birthdays in December)
  days_until  days from --as-of; 0 is that day
  years       the age reached on a birthday, the years married on an
              anniversary

Someone born on 29 February has their birthday on 28 February in years
without a 29th. Rows come by date, then birthday before anniversary, then
in customers-file order.

Empty dates are counted on standard error. So are malformed ones and dates
after --as-of, which are not fatal unless --strict is given: then the first
one stops the command with its file, line and value.`,
		Example: `  # next month's birthdays and anniversaries
  custkit events --config examples/custkit.yaml --as-of 2026-11-22 --within 1mo

  # birthdays of the coming week
  custkit events --customers examples/customers.csv --within 7d --event birthday --as-of 2026-11-22`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runEvents(cmd.Context(), opts)
		},
	}
	opts.in.register(cmd, needCustomers)
	opts.win.registerAsOf(cmd)
	opts.out.register(cmd)
	windowFlag(cmd, &opts.within, &opts.withinSet, "within", "list events in the `period` starting at --as-of (default 30d)")
	cmd.Flags().StringSliceVar(&opts.kinds, "event", nil, "list only events of `kind` (birthday, anniversary); repeatable")
	_ = cmd.RegisterFlagCompletionFunc("event", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return events.Kinds, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "stop at the first malformed date instead of counting it")
	return cmd
}

func runEvents(_ context.Context, opts *eventsOptions) error {
	var kinds []events.Kind
	for _, k := range opts.kinds {
		if k != string(events.Birthday) && k != string(events.Anniversary) {
			return usageErrorf("--event %q is not one of %s", k, strings.Join(events.Kinds, ", "))
		}
		kinds = append(kinds, events.Kind(k))
	}
	if err := require(opts.in.customers, "customers"); err != nil {
		return err
	}
	asOf, err := opts.win.date(opts.now)
	if err != nil {
		return err
	}
	cust, err := opts.in.open(opts.streams, opts.global, opts.in.customers, schema.Customers)
	if err != nil {
		return err
	}
	defer cust.Close()
	eopts := events.Options{AsOf: asOf, Within: opts.within, Kinds: kinds, Strict: opts.strict}
	found, counts, err := events.Find(cust.Reader, record.NewDecoder(cust.Name(), cust.Binding), eopts)
	if err != nil {
		return err
	}
	out, err := opts.out.open(opts.streams, opts.global, opts.in.customers)
	if err != nil {
		return err
	}
	defer out.Abort()
	layout := customer.NewLayout(cust.Header(), []string{"event", "date", "days_until", "years"})
	if err := out.WriteHeader(layout.Header); err != nil {
		return err
	}
	for _, e := range found {
		row := layout.Row(e.Cells, []string{string(e.Kind), parse.FormatDate(e.Date), strconv.Itoa(e.DaysUntil), strconv.Itoa(e.Years)})
		if err := out.Write(row); err != nil {
			return err
		}
	}
	if err := out.Commit(); err != nil {
		return err
	}
	if !opts.global.quiet {
		last := opts.within.After(asOf).AddDate(0, 0, -1)
		fmt.Fprintf(opts.streams.err, "custkit: events: %s: %s from %s to %s%s\n",
			english.Count(counts.Customers, "customer"), english.Count(len(found), "event"), parse.FormatDate(asOf), parse.FormatDate(last), skipped(counts))
	}
	return nil
}

// skipped says which dates were empty or malformed, per kind.
func skipped(c events.Counts) string {
	var b strings.Builder
	for _, k := range events.Kinds {
		e, m := c.Empty[events.Kind(k)], c.Malformed[events.Kind(k)]
		if e+m == 0 {
			continue
		}
		fmt.Fprintf(&b, "; %s: %d empty", k, e)
		if m > 0 {
			fmt.Fprintf(&b, ", %d malformed or after --as-of (see --strict)", m)
		}
	}
	return b.String()
}
