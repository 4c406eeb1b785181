package report

import (
	"context"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
)

// Period is a range of days, both ends included.
type Period struct{ Since, Until time.Time }

// Days is the number of days in p.
func (p Period) Days() int { return int(p.Until.Sub(p.Since).Hours()/24) + 1 }

// Has reports whether day d (midnight UTC) is in p.
func (p Period) Has(d time.Time) bool { return !d.Before(p.Since) && !d.After(p.Until) }

// Periods are the report's period and those it is compared with.
type Periods struct {
	Current, Previous, LastYear Period
	// Months are the first days of the months of the sales chart.
	Months []time.Time
}

// NewPeriods returns the period [since, asOf] (since zero: the first day of
// asOf's month), the period of as many days just before it, the same days
// a year earlier, and the months of the chart: the twelve months up to
// asOf's, or from since's month when that is earlier.
func NewPeriods(since, asOf time.Time) Periods {
	if since.IsZero() {
		since = time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	cur := Period{since, asOf}
	n := cur.Days()
	p := Periods{Current: cur,
		Previous: Period{since.AddDate(0, 0, -n), since.AddDate(0, 0, -1)},
		LastYear: Period{since.AddDate(-1, 0, 0), asOf.AddDate(-1, 0, 0)}}
	last := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
	first := last.AddDate(0, -11, 0)
	if m := time.Date(since.Year(), since.Month(), 1, 0, 0, 0, 0, time.UTC); m.Before(first) {
		first = m
	}
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		p.Months = append(p.Months, m)
	}
	return p
}

// earliest is the first day any figure of p needs.
func (p Periods) earliest() time.Time {
	e := p.Months[0]
	for _, t := range []time.Time{p.Current.Since, p.Previous.Since, p.LastYear.Since} {
		if t.Before(e) {
			e = t
		}
	}
	return e
}

// Figures are the sales of a period, of the whole shop or one store.
type Figures struct {
	Sales    parse.Decimal // net amount, walk-ins included
	Receipts int           // receipts with a purchase (a receipt of returns only is none)
	Lines    int
	// customers are the member customers with a receipt in the period,
	// repeaters those of them with two receipts or more.
	customers, repeaters int
}

// Customers is the number of distinct member customers with a receipt.
func (f *Figures) Customers() int { return f.customers }

// Repeaters is the number of those with two receipts or more.
func (f *Figures) Repeaters() int { return f.repeaters }

// Product is one product's sales in the period.
type Product struct {
	ID, Name string
	Quantity parse.Decimal
	Sales    parse.Decimal
}

// Pair is two products bought on the same receipt.
type Pair struct {
	A, B     Product // their IDs and names
	Receipts int     // receipts with both
	Lift     float64 // how much likelier together than apart
}

// Sales is what one pass over the sales file gathers for the report.
type Sales struct {
	Periods  Periods
	Current  *Figures
	Previous *Figures
	LastYear *Figures
	Months   []*Figures          // by Periods.Months
	Stores   map[string]*Figures // in the current period
	Before   map[string]*Figures // per store, in the previous period
	HasStore bool                // the file has a store column
	Products []Product           // of the current period, by sales, highest first
	Pairs    []Pair              // of the chart's months, strongest first
	HasItems bool                // the file has a product column
	Counts   record.SaleCounts
}

// ScanSales reads the sales file once and sums it by period, month, store
// and product, walk-ins included (customers counted are members), as
// [Build] does in the ledger's pass (see pass.go).
func ScanSales(ctx context.Context, sales record.File, p Periods, stores []string, keyNormalize bool) (*Sales, error) {
	t, err := newSalesTap(sales, p, stores, keyNormalize)
	if err != nil {
		return nil, err
	}
	if err := t.Start(nil); err != nil {
		return nil, err
	}
	type block struct{ merge func() error }
	work := func(b *rows.Block) (block, error) {
		line, merge, err := t.Block(b, nil)
		if err != nil {
			return block{}, err
		}
		err = b.Each(line)
		b.Release()
		return block{merge}, err
	}
	emit := func(b block) error { return b.merge() }
	if err := rows.EachBlock(ctx, sales.Reader, rows.Workers(), work, emit); err != nil {
		return nil, err
	}
	return t.result(), nil
}
