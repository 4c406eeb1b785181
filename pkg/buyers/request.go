package buyers

import (
	"context"
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/product"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

// Request is what a buyers listing was asked for on the command line;
// Options checks it and turns it into the options of Scan.
type Request struct {
	Products, Categories, Names []string // --product, --category, --name-contains
	Exclude                     []string // --exclude-product
	Stores                      []string
	All, Any                    bool
	MinCount                    int
	CountBy                     string
	MinAmount                   string // "" sets no minimum
	KeyNormalize                bool
	// Unmatched asks for the lines of customers the customers file
	// lacks, which needs a customers file (HasCustomers) and a sales file
	// that can be read twice (not SalesStdin).
	Unmatched, HasCustomers, SalesStdin bool
}

// Options checks the request; every refusal is a usage error. The
// window is the caller's to set.
func (q Request) Options() (Options, error) {
	var bo Options
	if q.Unmatched && !q.HasCustomers {
		return bo, usererr.Usagef("--unmatched lists lines whose customer is not in --customers; give --customers too")
	}
	if q.Unmatched && q.SalesStdin {
		return bo, usererr.Usagef("--unmatched reads the sales file a second time; --sales cannot be standard input with it")
	}
	if q.All && q.Any {
		return bo, usererr.Usagef("--all and --any contradict each other; use one")
	}
	m, err := product.New(product.Selection{Products: q.Products, Categories: q.Categories, NameContains: q.Names})
	if err != nil {
		return bo, usererr.Usagef("product selection: %v", err)
	}
	if q.All && m.Empty() {
		return bo, usererr.Usagef("--all needs products to buy: give --product, --category or --name-contains")
	}
	if q.All && m.Terms() > product.MaxTerms {
		return bo, usererr.Usagef("--all takes at most %d products, categories and words; got %d", product.MaxTerms, m.Terms())
	}
	if len(q.Exclude) > 0 {
		if bo.Exclude, err = product.New(product.Selection{Products: q.Exclude}); err != nil {
			return bo, usererr.Usagef("--exclude-product: %v", err)
		}
	}
	if q.MinCount < 0 {
		return bo, usererr.Usagef("--min-count must not be negative")
	}
	if q.MinAmount != "" {
		if bo.MinAmount, err = parse.Amount(q.MinAmount); err != nil {
			return bo, usererr.Usagef("--min-amount %q %v", q.MinAmount, err)
		}
		bo.HasMinAmount = true
	}
	for _, st := range q.Stores {
		bo.Stores = append(bo.Stores, strings.TrimSpace(st))
	}
	bo.Match, bo.All, bo.MinCount, bo.CountBy = m, q.All, q.MinCount, CountBy(q.CountBy)
	bo.KeyNormalize = q.KeyNormalize
	return bo, nil
}

// Input is what a buyers listing reads.
type Input struct {
	Sales     record.File
	Customers *record.File // nil: rows of customer_id and the purchases
	// CustomersFile names the customers file in the summary.
	CustomersFile string
	// Reopen opens the sales file again, for the unmatched lines; only
	// called when Outputs.Unmatched is set.
	Reopen func() (record.File, error)
}

// Outputs are where a buyers listing goes: the buyers, and the sales
// lines of customers the customers file lacks (nil when not asked for).
type Outputs struct {
	Buyers, Unmatched sink.Rows
}

// Write scans the sales, looks the buyers up in the customers file,
// writes them sorted by sort, then the unmatched lines, and returns the
// lines for standard error.
func Write(ctx context.Context, in Input, opts Options, sort SortKey, outs Outputs) ([]string, error) {
	if err := Check(in.Sales.Name(), in.Sales.Binding, opts); err != nil {
		return nil, err
	}
	res, err := Scan(ctx, in.Sales.Reader, in.Sales.Binding, opts)
	if err != nil {
		return nil, err
	}
	var c Customers
	if in.Customers != nil {
		c = Customers{Reader: in.Customers.Reader, Binding: in.Customers.Binding}
	}
	l, err := List(ctx, c, res.Buyers, ListOptions{Sort: sort, KeyNormalize: opts.KeyNormalize})
	if err != nil {
		return nil, err
	}
	if err := outs.Buyers.WriteHeader(l.Header); err != nil {
		return nil, err
	}
	for _, b := range l.Buyers {
		if err := outs.Buyers.Write(l.Row(b)); err != nil {
			return nil, err
		}
	}
	if outs.Unmatched != nil {
		if err := writeUnmatched(ctx, in, opts, l.Unknown, outs.Unmatched); err != nil {
			return nil, err
		}
	}
	sum := outcome{Stats: res.Stats, customersFile: in.CustomersFile, unknown: len(l.Unknown), unknownLines: l.UnknownLines, written: len(l.Buyers)}
	lines := []string{sum.String()}
	if n := l.Near.Note(in.CustomersFile); n != "" {
		lines = append(lines, n)
	}
	lines = append(lines, l.layout.Notes(in.CustomersFile)...)
	return append(lines, res.Stats.Sales.Warnings(in.Sales.Name())...), nil
}

// writeUnmatched reads the sales file again for the lines of the
// customers that the customers file does not have.
func writeUnmatched(ctx context.Context, in Input, opts Options, unknown []string, out sink.Rows) error {
	sales, err := in.Reopen()
	if err != nil {
		return err
	}
	if err := out.WriteHeader(sales.Header()); err != nil {
		return err
	}
	if len(unknown) == 0 {
		return nil
	}
	set := make(map[string]bool, len(unknown))
	for _, k := range unknown {
		set[k] = true
	}
	return Lines(ctx, sales.Reader, sales.Binding, opts, func(k []byte) bool { return set[string(k)] }, out.Write)
}

// outcome is the report on standard error.
type outcome struct {
	Stats
	customersFile string
	unknown       int
	unknownLines  int
	written       int
}

func (s *outcome) String() string {
	parts := []string{fmt.Sprintf("%s read; %d match: %s (skipped) and %s of %s",
		english.Count(s.Lines, "sales line"), s.Matching, english.Count(s.WalkIn, "walk-in line"), english.Count(s.Matching-s.WalkIn, "line"), english.Count(s.Customers, "customer"))}
	if s.Sales.Voided > 0 {
		parts = append(parts, s.Sales.Voids()+" left out")
	}
	if s.Sales.Other > 0 {
		parts = append(parts, s.Sales.Others()+" left out: only 取引区分 1 is a sale")
	}
	if s.Returned > 0 {
		parts = append(parts, fmt.Sprintf("%s whose purchases were returned", english.Count(s.Returned, "customer")))
	}
	if s.Excluded > 0 {
		parts = append(parts, fmt.Sprintf("%s excluded by --exclude-product", english.Count(s.Excluded, "customer")))
	}
	if s.Partial > 0 {
		parts = append(parts, fmt.Sprintf("%s without every product (--all)", english.Count(s.Partial, "customer")))
	}
	if s.BelowMin > 0 {
		parts = append(parts, fmt.Sprintf("%s below --min-count/--min-amount", english.Count(s.BelowMin, "customer")))
	}
	if s.unknown > 0 {
		parts = append(parts, fmt.Sprintf("%s not in %s (%s)", english.Count(s.unknown, "customer"), s.customersFile, english.Count(s.unknownLines, "line")))
	}
	return strings.Join(parts, "; ") + fmt.Sprintf("; %s written", english.Count(s.written, "customer"))
}
