// Package events finds the customers whose birthday or wedding anniversary
// falls within the next days: the shop's reminder list for cards and
// offers.
//
// It is an operation of the data path that reads the customers file once,
// record by record, and keeps only the events it finds. An event's date is
// the next one on or after the as-of date: this year's, or next year's when
// this year's has passed, so a window across a year end finds January
// birthdays in late December. Someone born on 29 February has their
// birthday on 28 February in years without a 29th.
package events

import (
	"cmp"
	"context"
	"errors"
	"io"
	"slices"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Kind is a kind of event.
type Kind string

// The kinds of event, and the customers field each comes from.
const (
	Birthday    Kind = "birthday"
	Anniversary Kind = "anniversary"
)

// Kinds lists the kinds, for flag help and completion.
var Kinds = []string{string(Birthday), string(Anniversary)}

func (k Kind) field() schema.Field {
	if k == Anniversary {
		return schema.Anniversary
	}
	return schema.Birthday
}

// Options configure Run.
type Options struct {
	AsOf   time.Time    // the first day of the window
	Within parse.Period // its length: 30d is AsOf and the 29 days after it
	Kinds  []Kind       // the events looked for; empty means all
	// Strict makes a malformed date an error; otherwise it is counted.
	Strict bool
}

// Event is one customer's event in the window.
type Event struct {
	Kind      Kind
	Date      time.Time // the day it falls on
	DaysUntil int       // from Options.AsOf; 0 is that day
	Years     int       // the age reached (birthday), or the years married
	Line      int       // the customer's line in the customers file
	Cells     []string  // the customer's row, every column
}

// Counts says what Run saw.
type Counts struct {
	Customers int
	// Empty and Malformed count, per kind, the customers whose date is
	// empty, and whose date is not a date or is after Options.AsOf.
	Empty, Malformed map[Kind]int
}

// ErrFuture is the problem of a birthday or anniversary after the as-of
// date.
var ErrFuture = errors.New("is after the --as-of date")

// Result is what a run found: the events, and what it saw.
type Result struct {
	Events []Event
	Counts Counts
}

// Run reads the customers and returns their events in the window, by
// date, then kind (birthday first), then line. A kind whose column the
// file lacks is skipped, unless asked for by name in Options.Kinds. It
// gives up when ctx is cancelled.
func Run(ctx context.Context, customers record.File, opts Options) (Result, error) {
	found, counts, err := collect(ctx, customers.Reader.Next, customers.Decoder(), opts)
	return Result{Events: found, Counts: counts}, err
}

// collect finds the events of the records next returns, until io.EOF.
func collect(ctx context.Context, next func() (*rows.Record, error), dec *record.Decoder, opts Options) ([]Event, Counts, error) {
	kinds, err := columns(dec, opts.Kinds)
	if err != nil {
		return nil, Counts{}, err
	}
	end := opts.Within.After(opts.AsOf) // the first day after the window
	counts := Counts{Empty: map[Kind]int{}, Malformed: map[Kind]int{}}
	var found []Event
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, counts, ctx.Err()
		}
		rec, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, counts, err
		}
		counts.Customers++
		var cells []string
		for _, k := range kinds {
			orig, ok, err := k.col.Date(rec)
			if err == nil && ok && orig.After(opts.AsOf) {
				err = k.col.Error(rec, ErrFuture)
			}
			switch {
			case err != nil && opts.Strict:
				return nil, counts, err
			case err != nil:
				counts.Malformed[k.kind]++
				continue
			case !ok:
				counts.Empty[k.kind]++
				continue
			}
			date := Next(orig, opts.AsOf)
			if !date.Before(end) {
				continue
			}
			if cells == nil {
				cells = cellStrings(rec.Fields)
			}
			found = append(found, Event{Kind: k.kind, Date: date, DaysUntil: days(opts.AsOf, date),
				Years: date.Year() - orig.Year(), Line: rec.Line, Cells: cells})
		}
	}
	slices.SortFunc(found, func(a, b Event) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(slices.Index(Kinds, string(a.Kind)), slices.Index(Kinds, string(b.Kind))); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
	return found, counts, nil
}

type kindCol struct {
	kind Kind
	col  record.Column
}

// columns resolves the kinds asked for to their columns.
func columns(dec *record.Decoder, asked []Kind) ([]kindCol, error) {
	var out []kindCol
	if len(asked) == 0 {
		for _, k := range Kinds {
			if dec.Has(Kind(k).field()) {
				out = append(out, kindCol{Kind(k), dec.Column(Kind(k).field())})
			}
		}
		if len(out) == 0 {
			return nil, dec.Require(schema.Birthday, "events")
		}
		return out, nil
	}
	for _, k := range asked {
		if err := dec.Require(k.field(), string(k)+" events"); err != nil {
			return nil, err
		}
		out = append(out, kindCol{k, dec.Column(k.field())})
	}
	return out, nil
}

// Next returns the first anniversary of orig on or after asOf (both
// dates; times of day are ignored). 29 February falls on 28 February in
// years without one.
func Next(orig, asOf time.Time) time.Time {
	day := time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	for y := asOf.Year(); ; y++ {
		d := onYear(orig, y)
		if !d.Before(day) {
			return d
		}
	}
}

func onYear(orig time.Time, y int) time.Time {
	m, d := orig.Month(), orig.Day()
	if m == time.February && d == 29 && !leap(y) {
		d = 28
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// days counts the days from a to b, both dates.
func days(a, b time.Time) int {
	a = time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

func cellStrings(fields [][]byte) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = string(f)
	}
	return out
}
