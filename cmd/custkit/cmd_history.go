package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/custkit/custkit/pkg/english"
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/history"
	"github.com/custkit/custkit/pkg/parse"
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
of a receipt together), contact or complaint. Columns an event does not
have are empty.

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
	hopts := history.Options{KeyNormalize: opts.keyNormalize}
	cust, err := opts.in.open(s, g, opts.in.customers, schema.Customers)
	if err != nil {
		return err
	}
	defer cust.Close()
	found, err := history.Find(ctx, cust.Reader, cust.Binding, opts.ids, hopts)
	var missing *history.MissingError
	if errors.As(err, &missing) && !opts.keyNormalize {
		return withHint(err, "ids match as text (000123 is not 123); --key-normalize also drops leading zeros and folds full-width digits")
	}
	if err != nil {
		return err
	}
	b := history.NewBuilder(found, hopts)
	if err := addHistoryFiles(ctx, opts, b); err != nil {
		return err
	}
	out, err := opts.out.open(s, g, opts.in.customers, opts.in.sales, opts.in.contacts, opts.in.complaints)
	if err != nil {
		return err
	}
	defer out.Abort()
	card := historyCard{out: out, header: cust.Header(), idCol: cust.Binding.Col(schema.CustomerID),
		contacts: opts.in.contacts != "", complaints: opts.in.complaints != ""}
	timelines := b.Timelines(opts.oldestFirst)
	if out.Printed() {
		err = card.print(timelines)
	} else {
		err = card.rows(timelines)
	}
	if err != nil {
		return err
	}
	return out.Commit()
}

// addHistoryFiles reads the sales file and, when given, the contacts and
// complaints files into the builder.
func addHistoryFiles(ctx context.Context, opts *historyOptions, b *history.Builder) error {
	s, g := opts.streams, opts.global
	sales, err := opts.in.open(s, g, opts.in.sales, schema.Sales)
	if err != nil {
		return err
	}
	defer sales.Close()
	if err := b.AddSales(ctx, sales.Reader, sales.Binding); err != nil {
		return err
	}
	notes := []struct {
		path string
		kind schema.Kind
		add  func(*input) error
	}{
		{opts.in.contacts, schema.Contacts, func(in *input) error { return b.AddContacts(in.Reader, in.Binding) }},
		{opts.in.complaints, schema.Complaints, func(in *input) error { return b.AddComplaints(in.Reader, in.Binding) }},
	}
	for _, n := range notes {
		if n.path == "" {
			continue
		}
		in, err := opts.in.open(s, g, n.path, n.kind)
		if err != nil {
			return err
		}
		err = n.add(in)
		in.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// historyCard writes timelines: as cards for printed formats, as one row
// per event otherwise.
type historyCard struct {
	out                  *target
	header               []string // the customers file's header
	idCol                int
	contacts, complaints bool // whether those files were read
}

// historyColumns are the columns of the one-row-per-event formats.
var historyColumns = []string{"customer_id", "event", "date", "store_id", "receipt_id", "product_id", "product_name",
	"category", "quantity", "amount", "staff", "channel", "status", "summary", "resolution"}

func (c *historyCard) rows(timelines []history.Timeline) error {
	if err := c.out.WriteHeader(historyColumns); err != nil {
		return err
	}
	for _, tl := range timelines {
		id := tl.Customer.Fields[c.idCol]
		for _, ev := range tl.Events {
			for _, row := range eventRows(id, ev) {
				if err := c.out.Write(row); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// eventRows turns an event into rows of historyColumns: one per sales line
// for a receipt, one for a contact or complaint.
func eventRows(id string, ev history.Event) [][]string {
	if ev.Kind != history.Sale {
		n := ev.Note
		return [][]string{{id, string(ev.Kind), parse.FormatDateTime(ev.At), "", "", n.ProductID, "", "", "", "",
			n.Staff, n.Channel, n.Status, n.Summary, n.Resolution}}
	}
	r := ev.Receipt
	out := make([][]string, len(r.Items))
	for i, it := range r.Items {
		out[i] = []string{id, string(history.Sale), parse.FormatDateTime(it.At), r.Store, r.ID, it.ProductID, it.ProductName,
			it.Category, it.Quantity.String(), it.Amount.String(), "", "", "", "", ""}
	}
	return out
}

// cardColumns are the columns of a card's timeline table.
var cardColumns = []string{"date", "event", "store", "receipt", "lines", "detail", "amount"}

// print writes one 顧客カルテ per customer: its columns, masked like the
// table cells, then its timeline and totals.
func (c *historyCard) print(timelines []history.Timeline) error {
	for i, tl := range timelines {
		c.out.holds(c.header)
		lines := []string{"顧客カルテ " + tl.Customer.Fields[c.idCol]}
		if i > 0 {
			lines = append([]string{""}, lines...)
		}
		for col, h := range c.header {
			if v := tl.Customer.Fields[col]; col != c.idCol && v != "" {
				lines = append(lines, fmt.Sprintf("  %s: %s", h, c.out.Mask(h, v)))
			}
		}
		if err := c.notes(lines...); err != nil {
			return err
		}
		if err := c.timeline(tl); err != nil {
			return err
		}
		end := []string{c.totals(tl.Totals)}
		if len(tl.Events) > 0 {
			end = append([]string{""}, end...) // a blank line ends a markdown table
		}
		if err := c.notes(end...); err != nil {
			return err
		}
	}
	return nil
}

func (c *historyCard) notes(lines ...string) error {
	for _, l := range lines {
		if err := c.out.Note(l); err != nil {
			return err
		}
	}
	return nil
}

func (c *historyCard) timeline(tl history.Timeline) error {
	if len(tl.Events) == 0 {
		return c.notes("  (nothing recorded)")
	}
	if err := c.notes(""); err != nil {
		return err
	}
	if err := c.out.WriteHeader(cardColumns); err != nil {
		return err
	}
	for _, ev := range tl.Events {
		if err := c.out.Write(c.cardRow(ev)); err != nil {
			return err
		}
	}
	return nil
}

// cardRow is one row of the card's table.
func (c *historyCard) cardRow(ev history.Event) []string {
	at := cardTime(ev.At)
	switch ev.Kind {
	case history.Sale:
		r := ev.Receipt
		items := make([]string, len(r.Items))
		for i, it := range r.Items {
			items[i] = itemText(it)
		}
		return []string{at, string(ev.Kind), r.Store, r.ID, strconv.Itoa(len(r.Items)), strings.Join(items, ", "), r.Amount.String()}
	case history.Contact:
		n := ev.Note
		detail := strings.Trim(n.Channel+" / "+n.Staff, " /") + ": " + c.out.Mask(string(schema.Summary), n.Summary)
		return []string{at, string(ev.Kind), "", "", "", detail, ""}
	}
	n := ev.Note
	detail := strings.TrimSpace(n.ProductID + " [" + n.Status + "] " + c.out.Mask(string(schema.Summary), n.Summary))
	if n.Resolution != "" {
		detail += " → " + c.out.Mask(string(schema.Resolution), n.Resolution)
	}
	return []string{at, string(ev.Kind), "", "", "", detail, ""}
}

// itemText is a sales line in a card: the product name (or id), and the
// quantity when it is not one.
func itemText(it history.Item) string {
	s := it.ProductName
	if s == "" {
		s = it.ProductID
	}
	if it.Quantity != parse.DecimalScale {
		s += " ×" + it.Quantity.String()
	}
	return s
}

// cardTime writes a date, with the time of day when there is one.
func cardTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return parse.FormatDate(t)
	}
	return t.Format("2006-01-02 15:04")
}

func (c *historyCard) totals(t history.Totals) string {
	s := fmt.Sprintf("  totals: %s, %s, quantity %s, amount %s", english.Count(t.Receipts, "receipt"), english.Count(t.Lines, "line"), t.Quantity, t.Amount)
	if c.contacts {
		s += "; " + english.Count(t.Contacts, "contact")
	}
	if c.complaints {
		s += "; " + english.Count(t.Complaints, "complaint")
	}
	return s
}
