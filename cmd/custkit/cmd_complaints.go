package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/custkit/custkit/pkg/complaint"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type complaintsOptions struct {
	streams  *streams
	global   *globalOptions
	in       inputFlags
	out      outputFlags
	win      windowFlags
	open     bool
	products []string
	customer string
	summary  bool
	by       string
}

func newComplaintsCmd(s *streams, g *globalOptions, runF func(context.Context, *complaintsOptions) error) *cobra.Command {
	opts := &complaintsOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "complaints --complaints <file> [--open] [--since <date>] [--product <id>] [--customer <id>] [--summary --by product|category|month|status|staff]",
		Short: "List complaints by age, oldest open first, or count them",
		Long: `Complaints lists the complaints of the complaints file, one row each: its
id, customer, the day it was received, its age in days (to today while it
is open, to the day it was closed once it is), status, product, staff,
summary, resolution and closed_at. Open complaints come first, the oldest
first, then the closed ones. A status counts as closed as the config's
follow_up.statuses say (default: 完了).

--open lists only the open ones; --since only those received on or after a
day; --product only those about the products named (repeat, or a comma
list); --customer only one customer's.

--summary counts the complaints selected --by product, category, month
(received), status or staff: how many, how many are open, and the median
days the closed ones took to close (from received_at to closed_at). The
category is the complaints file's category column, else the product's
category in the sales file when --sales is given.

Personal data is masked on a terminal unless --reveal, as in every printed
output.`,
		Example: `  custkit complaints --config examples/custkit.yaml
  custkit complaints --config examples/custkit.yaml --open --as-of 2026-11-22
  custkit complaints --config examples/custkit.yaml --summary --by product
  custkit complaints --config examples/custkit.yaml --summary --by staff
  custkit complaints --complaints examples/complaints.csv --since 2025-06-01 --format csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runComplaints(cmd.Context(), opts)
		},
	}
	opts.in.register(cmd, needComplaints|needSales)
	opts.out.register(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&opts.open, "open", false, "list only the complaints not closed")
	fl.StringVar(&opts.win.since, "since", "", "only complaints received on or after `date` (2026-01-01 or 2026/01/01)")
	opts.win.registerAsOf(cmd)
	fl.StringSliceVar(&opts.products, "product", nil, "only complaints about these product `ids` (repeat, or a comma list)")
	fl.StringVar(&opts.customer, "customer", "", "only this customer's complaints, by `id`")
	fl.BoolVar(&opts.summary, "summary", false, "count the complaints --by a column instead of listing them")
	fl.StringVar(&opts.by, "by", "product", "what --summary counts by: product, category, month, status or staff")
	return cmd
}

func runComplaints(ctx context.Context, opts *complaintsOptions) error {
	s, g := opts.streams, opts.global
	if err := require(opts.in.complaints, "complaints"); err != nil {
		return err
	}
	by, err := complaint.ParseBy(opts.by)
	if err != nil {
		return usererr.Usage(err)
	}
	vocab, err := statuses(g)
	if err != nil {
		return err
	}
	win, asOf, err := opts.win.window(g.clock())
	if err != nil {
		return err
	}
	copts := complaint.Options{Statuses: vocab, OpenOnly: opts.open, Since: win.Since, Products: opts.products,
		Customer: opts.customer, AsOf: asOf}
	if opts.summary && by == complaint.ByCategory && opts.in.sales != "" {
		if copts.Categories, err = productCategories(ctx, opts); err != nil {
			return err
		}
	}
	in, err := opts.in.open(ctx, s, g, opts.in.complaints, schema.Complaints)
	if err != nil {
		return err
	}
	defer in.Close()
	if opts.summary && by == complaint.ByCategory && in.Binding.Col(schema.Category) < 0 && copts.Categories == nil {
		return usererr.Usagef("%s has no category column: give --sales to take each product's category from the sales file", opts.in.complaints)
	}
	found, err := complaint.Run(ctx, record.File{Reader: in.Reader, Binding: in.Binding}, copts)
	if err != nil {
		return err
	}
	inputs := []string{opts.in.complaints, opts.in.sales}
	out, err := opts.out.open(ctx, s, g, inputs...)
	if err != nil {
		return err
	}
	defer out.Abort()
	if opts.summary {
		groups := complaint.Summarise(found, by)
		if err := out.WriteHeader(complaint.SummaryColumns(by)); err != nil {
			return err
		}
		for _, gr := range groups {
			if err := out.Write(gr.Cells()); err != nil {
				return err
			}
		}
	} else {
		if err := out.WriteHeader(complaint.Columns); err != nil {
			return err
		}
		for _, c := range found {
			if err := out.Write(c.Cells(asOf)); err != nil {
				return err
			}
		}
	}
	if err := out.Commit(); err != nil {
		return err
	}
	if !g.quiet {
		open := 0
		for _, c := range found {
			if !c.IsClosed {
				open++
			}
		}
		fmt.Fprintf(s.err, "custkit: complaints: %s, %d open\n", english.Count(len(found), "complaint"), open)
	}
	return nil
}

// productCategories reads each product's category from the sales file:
// the first category a product's lines name.
func productCategories(ctx context.Context, opts *complaintsOptions) (map[string]string, error) {
	in, err := opts.in.open(ctx, opts.streams, opts.global, opts.in.sales, schema.Sales)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	pc, cc := in.Binding.Col(schema.ProductID), in.Binding.Col(schema.Category)
	if pc < 0 || cc < 0 {
		return nil, fmt.Errorf("%s: needs product_id and category columns to give complaints a category", opts.in.sales)
	}
	cats := map[string]string{}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rec, err := in.Reader.Next()
		if err == io.EOF {
			return cats, nil
		}
		if err != nil {
			return nil, err
		}
		p, c := strings.TrimSpace(rec.Field(pc)), strings.TrimSpace(rec.Field(cc))
		if _, seen := cats[p]; !seen && p != "" && c != "" {
			cats[p] = c
		}
	}
}
