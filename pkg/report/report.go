// Package report writes the shop at a glance: one self-contained HTML file
// with the period's headline figures against the previous period and last
// year, sales by month, the stores compared, the customer ranking,
// segments, top products and pairs bought together, the coming birthdays
// and anniversaries, and the open complaints.
//
// It reads the sales file once: the ledger's pass (the ranking, the
// segments and who is new) carries its own sums, by period, month, store
// and product, and the pairs bought together, as a [ledger.Tap] (see
// pass.go); [ScanSales] makes the same sums in a pass of their own. It
// reads the customers file once, into the ledger's index, where the
// events are found too. Every section that the files cannot fill
// is left out with a note saying what is missing. Charts are inline SVG
// written here, so that the file asks for nothing over the network.
package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/events"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/segment"
	"github.com/custkit/custkit/pkg/usererr"
)

// Input opens the files a report reads; each is called once. Customers and Complaints return nil when
// the file is not given.
type Input struct {
	Sales      func() (record.File, error)
	Customers  func() (*record.File, error)
	Complaints func() (*record.File, error)
}

// Options say what the report covers and how it is labelled.
type Options struct {
	AsOf  time.Time // the last day of the period
	Since time.Time // the first; zero: the first day of AsOf's month
	// Stores keeps the sales of these stores only; empty keeps all.
	Stores       []string
	Title        string // "" is the default title of Lang
	Lang         Lang
	KeyNormalize bool
	Thresholds   segment.Thresholds
	// Now is when the report is made, printed at its foot.
	Now time.Time
}

// Check refuses options that cannot make a report, before any file is
// opened.
func (o Options) Check() error {
	if !o.Since.IsZero() && o.Since.After(o.AsOf) {
		return usererr.Usagef("--since %s is after --as-of %s", o.Since.Format(time.DateOnly), o.AsOf.Format(time.DateOnly))
	}
	return o.Thresholds.Check()
}

// Document is where a report is written: its bytes, the mask of personal
// values, and the columns whose values it holds (so that a file holding
// personal data is kept as such).
type Document interface {
	WriteDocument(p []byte) error
	Mask(column, value string) string
	Holds(cols []string)
}

// Top is the length of the customer rankings; TopProducts and TopPairs
// those of the product lists; EventDays how far ahead events are listed.
const (
	Top         = 20
	TopProducts = 10
	TopPairs    = 10
	EventDays   = 30
)

// Write reads the input, writes the report to doc and returns the lines
// for standard error.
func Write(ctx context.Context, in Input, opts Options, doc Document) ([]string, error) {
	if err := opts.Check(); err != nil {
		return nil, err
	}
	v, err := Build(ctx, in, opts, doc)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := v.Render(&buf); err != nil {
		return nil, err
	}
	if err := doc.WriteDocument(buf.Bytes()); err != nil {
		return nil, err
	}
	return v.lines, nil
}

// Build reads the input and makes the report's contents, its personal
// values masked by doc (and the columns they come from told to it).
func Build(ctx context.Context, in Input, opts Options, doc Document) (*View, error) {
	p := NewPeriods(opts.Since, opts.AsOf)
	v := newView(opts, p)
	v.Masked = doc.Mask(string(schema.Name), "ab") != "ab"
	sales, err := in.Sales()
	if err != nil {
		return nil, err
	}
	tap, err := newSalesTap(sales, p, opts.Stores, opts.KeyNormalize)
	if err != nil {
		return nil, err
	}
	cust, err := in.Customers()
	if err != nil {
		return nil, err
	}
	b, err := ledger.Build(ctx, ledger.Input{Sales: sales, Customers: cust},
		ledger.Settings{Filter: record.SaleFilter{Stores: opts.Stores}, AsOf: opts.AsOf, KeyNormalize: opts.KeyNormalize, Tap: tap})
	if err != nil {
		return nil, err
	}
	s := tap.result()
	v.headline(s, b.Ledger)
	custName := ""
	if cust != nil {
		custName = cust.Name()
	}
	v.about(b.Stats, custName)
	v.months(s)
	v.stores(s)
	if err := v.ranking(b, doc); err != nil {
		return nil, err
	}
	if err := v.segments(ctx, b); err != nil {
		return nil, err
	}
	v.products(s)
	if b.Customers == nil {
		v.EventsNote = v.L["noCustomers"]
	} else if err := v.events(ctx, b.Customers, doc); err != nil {
		return nil, err
	}
	comp, err := in.Complaints()
	if err != nil {
		return nil, err
	}
	if comp != nil {
		if err := v.complaints(ctx, *comp, doc); err != nil {
			return nil, err
		}
	}
	v.lines = append(v.lines, b.Lines()...)
	v.lines = append(v.lines, fmt.Sprintf("%s to %s: %s read, %s in the period",
		p.Current.Since.Format(time.DateOnly), p.Current.Until.Format(time.DateOnly),
		count(s.Counts.Lines, "sales line"), count(s.Current.Lines, "line")))
	return v, nil
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// masker masks the values of one column of a file and tells the document
// it holds that column.
type masker struct {
	doc    Document
	header []string
}

// cell is rec's value of column col, masked; "" when there is no such
// column.
func (m masker) cell(cells []string, col int) string {
	if col < 0 || col >= len(cells) || col >= len(m.header) {
		return ""
	}
	m.doc.Holds([]string{m.header[col]})
	return m.doc.Mask(m.header[col], cells[col])
}

// events fills the birthdays and anniversaries of the next EventDays days,
// from the customers file the ledger holds.
func (v *View) events(ctx context.Context, cust *customer.Index, doc Document) error {
	if cust.Binding.Col(schema.Birthday) < 0 && cust.Binding.Col(schema.Anniversary) < 0 {
		v.EventsNote = v.L["noEventColumns"]
		return nil
	}
	res, err := events.FromIndex(ctx, cust, events.Options{AsOf: v.asOf, Within: parse.Period{Days: EventDays}})
	if err != nil {
		return err
	}
	m := masker{doc, cust.Binding.Header}
	idCol, nameCol := cust.Binding.Col(schema.CustomerID), cust.Binding.Col(schema.Name)
	for _, e := range res.Events {
		field := schema.Birthday
		if e.Kind == events.Anniversary {
			field = schema.Anniversary
		}
		row := EventRow{Kind: v.L[string(e.Kind)], Days: e.DaysUntil, ID: cellAt(e.Cells, idCol), Name: m.cell(e.Cells, nameCol)}
		// The day it falls on is shown as events shows it; the years
		// reached would give the date itself away, so they are shown
		// only when the document shows that column's values.
		row.Date, row.Years = e.Date.Format(time.DateOnly), "—"
		hdr := cust.Binding.Header[cust.Binding.Col(field)]
		doc.Holds([]string{hdr})
		if orig := "1970-01-01"; doc.Mask(hdr, orig) == orig {
			row.Years = fmt.Sprint(e.Years)
		}
		v.Events = append(v.Events, row)
	}
	if len(v.Events) == 0 {
		v.EventsNote = v.L["noEvents"]
	}
	return nil
}

func cellAt(cells []string, col int) string {
	if col < 0 || col >= len(cells) {
		return ""
	}
	return cells[col]
}

// closed are the complaint statuses of a complaint dealt with; any other
// status, or none, is open.
var closed = []string{"完了", "対応済", "対応済み", "解決", "解決済", "解決済み", "クローズ", "済", "closed", "done", "resolved", "complete", "completed", "finished"}

// Open reports whether a complaint of status s is still open.
func Open(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, c := range closed {
		if s == strings.ToLower(c) {
			return false
		}
	}
	return true
}

// complaints fills the complaints not yet closed.
func (v *View) complaints(ctx context.Context, comp record.File, doc Document) error {
	v.HasComplaints = true
	b := comp.Binding
	if b.Col(schema.Status) < 0 {
		v.ComplaintsNote = v.L["noStatus"]
		return nil
	}
	m := masker{doc, b.Header}
	dec := comp.Decoder()
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := comp.Reader.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if !Open(dec.Text(rec, schema.Status)) {
			continue
		}
		cells := make([]string, len(rec.Fields))
		for i, f := range rec.Fields {
			cells[i] = string(f)
		}
		row := ComplaintRow{ID: cellAt(cells, b.Col(schema.CustomerID)), Product: cellAt(cells, b.Col(schema.ProductID)),
			Status: cellAt(cells, b.Col(schema.Status)), Summary: m.cell(cells, b.Col(schema.Summary))}
		if t, ok, err := dec.Date(rec, schema.ReceivedAt); err != nil {
			return err
		} else if ok {
			row.Received = t.Format(time.DateOnly)
		}
		v.Complaints = append(v.Complaints, row)
	}
	if len(v.Complaints) == 0 {
		v.ComplaintsNote = v.L["noOpen"]
	}
	return nil
}

// Since is --since as the first day of the period; zero when since is
// empty (the first day of --as-of's month).
func Since(since string) (time.Time, error) {
	if since == "" {
		return time.Time{}, nil
	}
	t, err := parse.Date(since)
	if err != nil {
		return t, usererr.Usagef("--since %q %v", since, err)
	}
	return t, nil
}
