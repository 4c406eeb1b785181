package ledger

import (
	"context"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

// Input is what a ledger reads: the sales file and, when given, the
// customers file.
type Input struct {
	Sales     record.File
	Customers *record.File // nil: only the customers found in the sales
}

// Settings say which sales a ledger counts and as of which day: what
// ledger and segment share.
type Settings struct {
	// Filter selects the lines (window and stores); a window that ends
	// after AsOf, or has no end, ends at AsOf: the ledger is the one of
	// the end of that day.
	Filter       record.SaleFilter
	AsOf         time.Time
	KeyNormalize bool // match customer ids after customer.NormalizeKey
	PerStore     bool // an entry per store and customer (Options.PerStore)
	Tap          Tap  // another sum of the same lines (Options.Tap)
}

// Built is a ledger with what listing it needs: the customers file's
// index (nil without one) and the day it is as of.
type Built struct {
	*Ledger
	Customers *customer.Index
	AsOf      time.Time
	// customersFile names the customers file for the summary, "" if none.
	customersFile string
	// replaced are the warnings about the customers file's columns that
	// Write's computed ones replaced, for Lines.
	replaced []string
}

// Build loads the customers file, when given, and reads the sales into a
// ledger.
func Build(ctx context.Context, in Input, s Settings) (*Built, error) {
	b := &Built{AsOf: s.AsOf}
	f := s.Filter
	if f.Window.Until.IsZero() || f.Window.Until.After(s.AsOf) {
		f.Window.Until = s.AsOf
	}
	f.Normalize = customer.Normalizer(s.KeyNormalize)
	opts := Options{Filter: f, PerStore: s.PerStore, Tap: s.Tap}
	if in.Customers != nil {
		idx, err := customer.LoadEvery(ctx, in.Customers.Reader, in.Customers.Binding, s.KeyNormalize)
		if err != nil {
			return nil, err
		}
		opts.Customers, b.Customers, b.customersFile = idx, idx, in.Customers.Name()
	}
	var err error
	if b.Ledger, err = Run(ctx, in.Sales, opts); err != nil {
		return nil, err
	}
	return b, nil
}

// Lines is the summary of the sales read, for standard error, and after
// Write the customers file's columns that it replaced.
func (b *Built) Lines() []string {
	return append(b.Summary(b.customersFile), b.replaced...)
}

// ListOptions configure List.
type ListOptions struct {
	Settings
	By  By  // the order; "" is DefaultOrder(Top)
	Top int // keep the first Top rows; 0 keeps all
}

// Check refuses options that cannot be listed, before any file is read.
func (o ListOptions) Check() error {
	if o.Top < 0 {
		return usererr.Usagef("--top must be a positive number")
	}
	return nil
}

// List builds the ledger and writes it to out, one row per customer: the
// customer's columns, then Columns. It returns the lines for standard
// error (see Built.Lines).
func List(ctx context.Context, in Input, opts ListOptions, out sink.Rows) ([]string, error) {
	if err := opts.Check(); err != nil {
		return nil, err
	}
	if opts.By == "" {
		opts.By = DefaultOrder(opts.Top)
	}
	b, err := Build(ctx, in, opts.Settings)
	if err != nil {
		return nil, err
	}
	order, err := b.Order(opts.By, opts.Top)
	if err != nil {
		return nil, err
	}
	if err := b.Write(out, order, func(i int) []string { return b.Entry(i).Cells(b.AsOf) }, Columns...); err != nil {
		return nil, err
	}
	return b.Lines(), nil
}

// Write writes the entries of order to out: each customer's columns, then
// the computed columns cols with the cells of cells(i); a ledger per store
// has the store first. A customers column named like one of cols is
// replaced by it, and Lines says so.
func (b *Built) Write(out sink.Rows, order []int, cells func(i int) []string, cols ...string) error {
	listing := customer.NewListing(b.Customers, cols...)
	b.replaced = listing.Notes(b.customersFile)
	if err := out.WriteHeader(b.perStoreRow(-1, listing.Header())); err != nil {
		return err
	}
	for _, i := range order {
		if row := cells(i); row != nil {
			if err := out.Write(b.perStoreRow(i, listing.Row(b.Customer(i), b.ID(i), row...))); err != nil {
				return err
			}
		}
	}
	return nil
}

// perStoreRow puts the store of entry i (the header's "store" when i < 0)
// before row, for a ledger per store; other ledgers' rows are as they are.
func (b *Built) perStoreRow(i int, row []string) []string {
	if !b.PerStore() {
		return row
	}
	st := "store"
	if i >= 0 {
		st = b.Store(i)
	}
	return append([]string{st}, row...)
}
