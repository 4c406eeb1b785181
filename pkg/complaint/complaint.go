// Package complaint follows complaints up: the ids given to new ones, the
// list of complaints with their age, oldest open first, and the counts by
// product, category, month, status or staff with the median days they
// took to close (with pkg/followup, which listing contacts shares).
// Writing the complaints file is pkg/contactlog's.
package complaint

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/followup"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// IDs numbers the complaints of one day: C20261122-001, C20261122-002 ...
// See each id already in the file, then take Next.
type IDs struct {
	prefix string
	last   int
}

// NewIDs numbers the complaints received on day.
func NewIDs(day time.Time) *IDs { return &IDs{prefix: "C" + day.Format("20060102") + "-"} }

// See notes an id already given.
func (x *IDs) See(id string) {
	if n, ok := strings.CutPrefix(strings.TrimSpace(id), x.prefix); ok {
		if v, err := strconv.Atoi(n); err == nil && v > x.last {
			x.last = v
		}
	}
}

// Next is the id after every id seen.
func (x *IDs) Next() string {
	x.last++
	return fmt.Sprintf("%s%03d", x.prefix, x.last)
}

// Complaint is one row of the complaints file, typed.
type Complaint struct {
	ID, Customer, Product, Category, Status, Staff, Summary, Resolution string
	Received, Closed                                                    time.Time // Closed is zero when not known
	IsClosed                                                            bool
	// NoStatus is set when the file has no status column: whether the
	// complaint is open is not known (IsClosed is false).
	NoStatus bool
	Line     int
}

// Options select and order the complaints listed.
type Options struct {
	Statuses contactlog.Vocab
	OpenOnly bool
	Since    time.Time // zero: no lower bound
	Products []string  // any of these product ids; nil: every product
	Customer string    // "": every customer
	AsOf     time.Time // the day ages count to
	// Categories maps a product id to its category, for a complaints
	// file without a category column (from the sales file).
	Categories map[string]string
	// Aliases are the config's header names of the complaints file, named
	// in the error and warning of a file without a status column.
	Aliases schema.Aliases
}

// CheckStatus refuses what needs the complaints file's status column
// when it has none: --open, and a summary (its open and
// median_days_to_close columns), which would count every complaint as
// open. The error is the one complaint add gives, with a hint naming the
// config's alias.
func CheckStatus(f record.File, summary bool, opts Options) error {
	switch {
	case opts.OpenOnly:
		return followup.Need(f, schema.Status, opts.Aliases, "--open needs it")
	case summary:
		return followup.Need(f, schema.Status, opts.Aliases, "--summary needs it for its open and median_days_to_close columns")
	}
	return nil
}

// Warnings are the lines to print after a list of the complaints of f:
// that the file has no status column, once.
func Warnings(f record.File, opts Options) []string {
	if w := followup.Lacks(f, schema.Status, opts.Aliases, "open and closed complaints are not told apart, and ages run to closed_at where given"); w != "" {
		return []string{w}
	}
	return nil
}

// Run reads the complaints file f in one pass and returns the complaints
// options select: the open ones first, oldest first, then the closed ones,
// oldest first. A status the vocabulary does not know is an error naming
// the line, column and value.
func Run(ctx context.Context, f record.File, opts Options) ([]Complaint, error) {
	b := f.Binding
	get := func(rec *rows.Record, field schema.Field) string { return followup.Cell(rec, b, field) }
	var out []Complaint
	terms := map[string]contactlog.Term{}
	noStatus := b.Col(schema.Status) < 0
	err := followup.Scan(ctx, f, func(rec *rows.Record) error {
		c := Complaint{ID: get(rec, schema.ComplaintID), Customer: get(rec, schema.CustomerID), Product: get(rec, schema.ProductID),
			Category: get(rec, schema.Category), Status: get(rec, schema.Status), Staff: get(rec, schema.Staff),
			Summary: rec.Field(b.Col(schema.Summary)), Resolution: rec.Field(b.Col(schema.Resolution)), NoStatus: noStatus, Line: rec.Line}
		if c.Category == "" && opts.Categories != nil {
			c.Category = opts.Categories[c.Product]
		}
		if c.Status != "" {
			t, ok := terms[c.Status] // a column of a few words: each looked up once
			if !ok {
				var err error
				if t, err = opts.Statuses.Find(c.Status); err != nil {
					known := strings.Join(err.(*contactlog.UnknownError).Known, ", ")
					return &rows.Error{File: rec.In(f.Reader.Name()), Line: rec.Line, Column: b.Header[b.Col(schema.Status)], Value: c.Status,
						Err: fmt.Errorf("is not a status (known: %s); add it to follow_up.statuses in the config", known)}
				}
				terms[c.Status] = t
			}
			c.IsClosed = t.Closed
		}
		var err error
		if c.Received, err = followup.Date(rec, f, schema.ReceivedAt); err != nil {
			return err
		}
		if c.Closed, err = followup.Date(rec, f, schema.ClosedAt); err != nil {
			return err
		}
		if keep(c, opts) {
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].IsClosed != out[j].IsClosed {
			return !out[i].IsClosed
		}
		return out[i].Received.Before(out[j].Received)
	})
	return out, nil
}

func keep(c Complaint, opts Options) bool {
	switch {
	case opts.OpenOnly && c.IsClosed:
		return false
	case !opts.Since.IsZero() && (c.Received.IsZero() || c.Received.Before(opts.Since)):
		return false
	case opts.Customer != "" && c.Customer != opts.Customer:
		return false
	case opts.Products != nil && !slices.Contains(opts.Products, c.Product):
		return false
	}
	return true
}

// Columns are the columns of the list.
var Columns = []string{"complaint_id", "customer_id", "received_at", "age_days", "status", "product_id", "staff", "summary", "resolution", "closed_at"}

// Age is the days from the complaint's receipt to its close, or to asOf
// while it is open; -1 when not known (no date received, or closed
// without a date). Without a status (NoStatus), the close is closed_at
// when the row has one.
func (c Complaint) Age(asOf time.Time) int {
	if c.Received.IsZero() {
		return -1
	}
	end := asOf
	if c.NoStatus && !c.Closed.IsZero() {
		end = c.Closed
	}
	if c.IsClosed {
		if c.Closed.IsZero() {
			return -1
		}
		end = c.Closed
	}
	return followup.Days(c.Received, end)
}

// Cells are c's cells in the order of Columns.
func (c Complaint) Cells(asOf time.Time) []string {
	age := ""
	if a := c.Age(asOf); a >= 0 {
		age = strconv.Itoa(a)
	}
	return []string{c.ID, c.Customer, followup.Day(c.Received), age, c.Status, c.Product, c.Staff, c.Summary, c.Resolution, followup.Day(c.Closed)}
}

// By is what a summary counts complaints by.
type By string

// The summaries.
const (
	ByProduct  By = "product"
	ByCategory By = "category"
	ByMonth    By = "month"
	ByStatus   By = "status"
	ByStaff    By = "staff"
)

// Bys lists every By, for help and errors.
var Bys = []By{ByProduct, ByCategory, ByMonth, ByStatus, ByStaff}

// ParseBy reads --by.
func ParseBy(s string) (By, error) {
	names := make(followup.Bys, len(Bys))
	for i, b := range Bys {
		names[i] = string(b)
	}
	b, err := names.Parse(s)
	return By(b), err
}

// Group is one line of a summary.
type Group struct {
	Key        string
	Complaints int
	Open       int
	// CloseDays are the days each closed complaint with both dates took.
	CloseDays []int
}

// SummaryColumns are the columns of a summary by b.
func SummaryColumns(b By) []string {
	return []string{string(b), "complaints", "open", "median_days_to_close"}
}

// Cells are g's cells in the order of SummaryColumns.
func (g Group) Cells() []string {
	median := ""
	if n := len(g.CloseDays); n > 0 {
		d := slices.Clone(g.CloseDays)
		slices.Sort(d)
		if n%2 == 1 {
			median = strconv.Itoa(d[n/2])
		} else {
			median = strconv.FormatFloat(float64(d[n/2-1]+d[n/2])/2, 'f', -1, 64)
		}
	}
	return []string{g.Key, strconv.Itoa(g.Complaints), strconv.Itoa(g.Open), median}
}

// Summarise counts cs by b: most complaints first, then by key (by month:
// in month order). A complaint without a value for b counts under
// "(none)".
func Summarise(cs []Complaint, b By) []Group {
	var gs followup.Groups[Group]
	for _, c := range cs {
		var key string
		switch b {
		case ByProduct:
			key = c.Product
		case ByCategory:
			key = c.Category
		case ByMonth:
			key = followup.Month(c.Received)
		case ByStatus:
			key = c.Status
		case ByStaff:
			key = c.Staff
		}
		g := gs.At(key)
		g.Complaints++
		if !c.IsClosed {
			g.Open++
		} else if a := c.Age(time.Time{}); a >= 0 {
			g.CloseDays = append(g.CloseDays, a)
		}
	}
	sorted := gs.Sorted(b == ByMonth, func(g *Group) int { return g.Complaints })
	out := make([]Group, len(sorted))
	for i, s := range sorted {
		out[i] = s.Val
		out[i].Key = s.Key
	}
	return out
}
