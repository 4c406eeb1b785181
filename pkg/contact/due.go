package contact

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/followup"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/segment"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

// DefaultDueSegments are the segments Due plans calls for when none are
// named: the customers worth keeping, and those about to be lost.
var DefaultDueSegments = segment.Selection{segment.Loyal, segment.AtRisk}

// ParseDays reads --due: a whole number of days, 1 or more.
func ParseDays(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return 0, usererr.Usagef("--due %q: give the number of days without a contact, a whole number from 1 (--due 30)", s)
	}
	return n, nil
}

// ParseSegments reads --segment for Due: segment names, each checked,
// with the nearest name suggested for a slip; none is
// DefaultDueSegments.
func ParseSegments(names []string) (segment.Selection, error) {
	if len(names) == 0 {
		return DefaultDueSegments, nil
	}
	v := contactlog.Vocab{What: "segment"}
	for _, n := range segment.Names {
		v.Terms = append(v.Terms, contactlog.Term{Name: n})
	}
	var sel segment.Selection
	for _, n := range names {
		t, err := v.Find(n)
		if err != nil {
			return nil, usererr.Usage(err)
		}
		sel = append(sel, segment.Name(t.Name))
	}
	return sel, nil
}

// DueOptions configure Due.
type DueOptions struct {
	// Settings are the ledger's, as segment's: the sales up to AsOf.
	ledger.Settings
	Thresholds segment.Thresholds
	Segments   segment.Selection // the segments planned for
	Days       int               // due when not contacted in this many days up to AsOf
}

// Last returns each customer's last contact on or before the end of the
// day asOf, from one pass over the contacts file; with normalize, ids as
// customer.NormalizeKey makes them.
func Last(ctx context.Context, f record.File, asOf time.Time, normalize bool) (map[string]time.Time, error) {
	end := asOf.AddDate(0, 0, 1)
	last := map[string]time.Time{}
	norm := customer.Normalizer(normalize)
	err := followup.Scan(ctx, f, func(rec *rows.Record) error {
		id := []byte(followup.Cell(rec, f.Binding, schema.CustomerID))
		if norm != nil {
			id, _ = norm(id)
		}
		if len(id) == 0 {
			return nil
		}
		at, err := followup.Date(rec, f, schema.ContactedAt)
		if err != nil || at.IsZero() || !at.Before(end) {
			return err
		}
		if prev, ok := last[string(id)]; !ok || at.After(prev) {
			last[string(id)] = at
		}
		return nil
	})
	return last, err
}

// DueColumns are the columns Due adds after each customer's own.
var DueColumns = []string{"segment", "last_contact", "days_since_contact"}

// Due writes to out the customers of opts.Segments (scored as custkit
// segment scores them, from the customers and sales of in) whose last
// contact in the contacts file is opts.Days days or more before
// opts.AsOf, or who have none: their columns, then DueColumns; those never
// contacted first, then the oldest contact first, ties in customers-file
// order. It returns the lines for standard error.
func Due(ctx context.Context, in ledger.Input, contacts record.File, opts DueOptions, out sink.Rows) ([]string, error) {
	last, err := Last(ctx, contacts, opts.AsOf, opts.KeyNormalize)
	if err != nil {
		return nil, err
	}
	b, err := ledger.Build(ctx, in, opts.Settings)
	if err != nil {
		return nil, err
	}
	sopts := segment.Options{AsOf: b.AsOf, Thresholds: opts.Thresholds}
	if b.Customers != nil {
		if sopts.Registered, err = segment.Registered(b.Customers); err != nil {
			return nil, err
		}
	}
	scores, err := segment.Run(ctx, b.Ledger, sopts)
	if err != nil {
		return nil, err
	}
	order, err := b.Order(ledger.ByCustomer, 0)
	if err != nil {
		return nil, err
	}
	type due struct {
		at   time.Time // zero: never contacted
		days int
	}
	dues := make(map[int]due)
	var kept []int
	for _, i := range order {
		if !opts.Segments.Has(scores[i].Segment) {
			continue
		}
		id := b.ID(i)
		if norm := customer.Normalizer(opts.KeyNormalize); norm != nil {
			k, _ := norm([]byte(id))
			id = string(k)
		}
		at, ok := last[id]
		d := due{at: at, days: -1}
		if ok {
			if d.days = followup.Days(at, b.AsOf); d.days < opts.Days {
				continue
			}
		}
		dues[i] = d
		kept = append(kept, i)
	}
	slices.SortStableFunc(kept, func(i, j int) int {
		a, b := dues[i].at, dues[j].at
		switch {
		case a.IsZero() && b.IsZero():
			return 0
		case a.IsZero():
			return -1
		case b.IsZero():
			return 1
		}
		return a.Compare(b)
	})
	err = b.Write(out, kept, func(i int) []string {
		d := dues[i]
		days := ""
		if d.days >= 0 {
			days = strconv.Itoa(d.days)
		}
		return []string{string(scores[i].Segment), When(d.at), days}
	}, DueColumns...)
	if err != nil {
		return nil, err
	}
	never := 0
	for _, i := range kept {
		if dues[i].at.IsZero() {
			never++
		}
	}
	names := make([]string, len(opts.Segments))
	for i, n := range opts.Segments {
		names[i] = string(n)
	}
	lines := b.Lines()
	for _, w := range segment.Warnings(b.Ledger, sopts) {
		lines = append(lines, "warning: "+w)
	}
	lines = append(lines, fmt.Sprintf("%s due a contact (%s; none in the %s up to %s), %d never contacted",
		english.Count(len(kept), "customer"), strings.Join(names, ", "), english.Count(opts.Days, "day"), b.AsOf.Format("2006-01-02"), never))
	return lines, nil
}
