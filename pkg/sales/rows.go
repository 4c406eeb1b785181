package sales

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/sink"

	"github.com/custkit/custkit/pkg/parse"
)

// FigureColumns are the columns of one period's figures, after the
// dimensions.
var FigureColumns = []string{"receipts", "customers", "walk_in_pct", "lines", "quantity", "net_amount",
	"average_receipt", "returns", "returned_amount", "voided_receipts", "voided_lines"}

// changed are the figures whose change a comparison shows.
var changed = []string{"receipts", "customers", "lines", "quantity", "net_amount", "average_receipt"}

// Prefix is the prefix of the compared period's columns: previous_ or
// last_year_.
func (c Compare) Prefix() string {
	if c == LastYear {
		return "last_year_"
	}
	return "previous_"
}

// Columns returns the header of the report's rows: the dimensions, the
// figures, and with a comparison the compared figures (previous_receipts
// ...) and each change, absolute and in percent (receipts_change,
// receipts_change_pct ...).
func (r *Report) Columns() []string {
	var h []string
	for _, d := range r.By {
		h = append(h, string(d))
	}
	h = append(h, FigureColumns...)
	if r.Compare == NoCompare {
		return h
	}
	for _, c := range FigureColumns {
		h = append(h, r.Compare.Prefix()+c)
	}
	for _, c := range changed {
		h = append(h, c+"_change", c+"_change_pct")
	}
	return h
}

// Cells returns g's row in the order of Columns.
func (r *Report) Cells(g Group) []string {
	row := append([]string(nil), g.Key...)
	row = append(row, g.Figures.Cells()...)
	if r.Compare == NoCompare {
		return row
	}
	row = append(row, g.Compared.Cells()...)
	now, then := g.Figures.values(), g.Compared.values()
	for i := range changed {
		row = append(row, change(now[i], then[i])...)
	}
	return row
}

// Cells returns the figures in the order of FigureColumns. Shares and
// averages of a period without receipts are empty.
func (f Figures) Cells() []string {
	share, avg := "", ""
	if s, ok := f.WalkInShare(); ok {
		share = strconv.FormatFloat(s*100, 'f', 1, 64)
	}
	if a, ok := f.Average(); ok {
		avg = a.String()
	}
	return []string{strconv.Itoa(f.Receipts), strconv.Itoa(f.Customers), share, strconv.Itoa(f.Lines),
		f.Quantity.String(), f.Net.String(), avg, strconv.Itoa(f.Returns), f.Returned.String(),
		strconv.Itoa(f.VoidedReceipts), strconv.Itoa(f.Voided)}
}

// value is a figure that a comparison shows the change of; ok is false
// when it has no value (an average without receipts).
type value struct {
	d  parse.Decimal
	ok bool
}

// values returns the figures named by changed, in that order.
func (f Figures) values() []value {
	n := func(i int) value { return value{parse.Decimal(i) * parse.DecimalScale, true} }
	avg, ok := f.Average()
	return []value{n(f.Receipts), n(f.Customers), n(f.Lines), {f.Quantity, true}, {f.Net, true}, {avg, ok}}
}

// change is now − then and the change in percent of then, one decimal;
// the percent is empty when then is zero (or either has no value).
func change(now, then value) []string {
	if !now.ok || !then.ok {
		return []string{"", ""}
	}
	pct := ""
	if then.d != 0 {
		pct = strconv.FormatFloat(float64(now.d-then.d)/float64(abs(then.d))*100, 'f', 1, 64)
	}
	return []string{(now.d - then.d).String(), pct}
}

func abs(d parse.Decimal) parse.Decimal { return max(d, -d) }

// Summary returns the lines for standard error about the sales file named
// file: what was read, counted (the walk-in receipts when there are any)
// and left out, then the scanner's warnings.
func (r *Report) Summary(file string) []string {
	c := r.Counts
	receipts := english.Count(r.Total.Receipts, "receipt")
	if r.Total.WalkIns > 0 {
		receipts += fmt.Sprintf(" (%d of them walk-in)", r.Total.WalkIns)
	}
	parts := []string{fmt.Sprintf("%s read; %s, %s, net %s in %s",
		english.Count(c.Lines, "sales line"), receipts,
		english.Count(r.Total.Customers, "member customer"), r.Total.Net, english.Count(len(r.Groups), "group"))}
	var out []string
	if c.OtherStore > 0 {
		out = append(out, fmt.Sprintf("%d of other stores", c.OtherStore))
	}
	if n := c.OutOfWindow + r.Outside; n > 0 {
		out = append(out, fmt.Sprintf("%d outside the dates", n))
	}
	if c.Voided > 0 {
		out = append(out, c.Voids())
	}
	if c.Other > 0 {
		out = append(out, c.Others())
	}
	if len(out) > 0 {
		parts = append(parts, "left out: "+strings.Join(out, ", "))
	}
	lines := []string{strings.Join(parts, "; ")}
	if n := r.Twins.Note(); n != "" {
		lines = append(lines, n)
	}
	return append(lines, c.Warnings(file)...)
}

// Write runs the report on f and writes its rows to out (Columns, then
// each group's Cells); it returns the summary for standard error.
func Write(ctx context.Context, f record.File, opts Options, out sink.Rows) ([]string, error) {
	rep, err := Run(ctx, f, opts)
	if err != nil {
		return nil, err
	}
	if err := out.WriteHeader(rep.Columns()); err != nil {
		return nil, err
	}
	for _, grp := range rep.Groups {
		if err := out.Write(rep.Cells(grp)); err != nil {
			return nil, err
		}
	}
	return rep.Summary(f.Reader.Name()), nil
}
