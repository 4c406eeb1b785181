// Package segment scores customers by recency, frequency and monetary value
// (RFM) and names the segment each falls in, as of a date.
//
// It is an operation of the data path that runs on a [ledger.Ledger]: the
// ledger's visits, last visit and spend are the F, R and M, so a segment
// run reads the sales file exactly as a ledger run does and adds only the
// scoring, which is a sort of the customers who bought.
//
// # Scores
//
// Each of R, F and M is a score from 1 to 5 over the customers who bought:
// a customer's score is 1 + 5k/n rounded down, where n is the number of
// customers who bought and k the number whose value is strictly worse
// (an earlier last visit, fewer visits, less spend). Without ties that is
// the quintile: the bottom fifth scores 1, the top fifth 5. Customers with
// equal values always share a score, the score of the lowest place the
// tie covers: a tie across a quintile boundary is scored down, never
// split. Customers without a purchase have no scores.
//
// # New customers
//
// A customer is new when the customers file says they registered within
// NewWithin up to the date (Options.Registered, from its registered_at
// column): a sales file of one month would otherwise make every buyer
// new. A customer whose registration day is not known is new when their
// first visit in the sales is within NewWithin, as without the column.
// [Warnings] says when the sales cover too short a span for the rules.
//
// # Segments
//
// The first rule that matches names the segment:
//
//	never     registered, no purchase (only with a customers file)
//	new       registered (or, without a registration day, first visit)
//	          within Thresholds.NewWithin up to the date
//	lapsed    no visit within Thresholds.LapseAfter up to the date
//	one-time  exactly one visit
//	at-risk   F >= Thresholds.AtRiskMinF and R <= Thresholds.AtRiskMaxR: was frequent, not recent
//	loyal     F >= Thresholds.LoyalMinF and M >= Thresholds.LoyalMinM
//	repeat    every other customer with two visits or more
package segment

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Name is a segment name.
type Name string

// The segments, in the order a summary lists them.
const (
	Loyal   Name = "loyal"
	Repeat  Name = "repeat"
	New     Name = "new"
	OneTime Name = "one-time"
	AtRisk  Name = "at-risk"
	Lapsed  Name = "lapsed"
	Never   Name = "never"
)

// Names lists the segments in summary order, for flag help and completion.
var Names = []string{string(Loyal), string(Repeat), string(New), string(OneTime), string(AtRisk), string(Lapsed), string(Never)}

// Thresholds are the settings of the rules that name the segments.
type Thresholds struct {
	NewWithin  parse.Period // registered (else a first visit) this recent makes a customer new
	LapseAfter parse.Period // no visit for this long makes a customer lapsed
	LoyalMinF  int          // loyal: F score at least this...
	LoyalMinM  int          // ...and M score at least this
	AtRiskMinF int          // at-risk: F score at least this...
	AtRiskMaxR int          // ...and R score at most this
}

// DefaultThresholds are the thresholds used when the config sets none:
// new within 90 days, lapsed after a year, loyal with F and M of 4 or 5,
// at-risk with F of 4 or 5 and R of 1 or 2.
func DefaultThresholds() Thresholds {
	return Thresholds{NewWithin: parse.Period{Days: 90}, LapseAfter: parse.Period{Years: 1},
		LoyalMinF: 4, LoyalMinM: 4, AtRiskMinF: 4, AtRiskMaxR: 2}
}

// Check reports a score threshold outside 1-5.
func (r Thresholds) Check() error {
	for _, s := range []struct {
		name string
		v    int
	}{{"loyal_min_frequency", r.LoyalMinF}, {"loyal_min_monetary", r.LoyalMinM},
		{"at_risk_min_frequency", r.AtRiskMinF}, {"at_risk_max_recency", r.AtRiskMaxR}} {
		if s.v < 1 || s.v > 5 {
			return fmt.Errorf("segment.%s: %d is not a score from 1 to 5", s.name, s.v)
		}
	}
	return nil
}

// Score is one customer's scores and segment; R, F and M are 0 for a
// customer without a purchase.
type Score struct {
	R, F, M int
	Segment Name
}

// Options configure Run.
type Options struct {
	AsOf       time.Time  // the day the scores are as of
	Thresholds Thresholds // the segment rules' settings
	// Registered, when set, is each customer's registration day in the
	// customers file's order, zero where it is not known (see
	// [Registered]); the entries of a ledger per store find theirs
	// through [ledger.Ledger.Customer].
	Registered []time.Time
}

// Run scores every entry of the ledger as of opts.AsOf; the scores are in
// the ledger's entry order.
func Run(ctx context.Context, l *ledger.Ledger, opts Options) ([]Score, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	asOf, rules := opts.AsOf, opts.Thresholds
	n := l.Len()
	entries := make([]ledger.Entry, n)
	for i := range entries {
		entries[i] = l.Entry(i)
	}
	scores := make([]Score, n)
	for _, group := range storeGroups(l) {
		rank(entries, group, func(e *ledger.Entry) int64 { return e.Last.Unix() }, func(s *Score, v int) { s.R = v }, scores)
		rank(entries, group, func(e *ledger.Entry) int64 { return int64(e.Visits) }, func(s *Score, v int) { s.F = v }, scores)
		rank(entries, group, func(e *ledger.Entry) int64 { return int64(e.Spend) }, func(s *Score, v int) { s.M = v }, scores)
	}
	newSince := rules.NewWithin.Before(asOf).AddDate(0, 0, 1)
	lapseSince := rules.LapseAfter.Before(asOf).AddDate(0, 0, 1)
	for i := range scores {
		since := entries[i].First // what decides "new"
		c := i
		if l.PerStore() {
			c = l.Customer(i)
		}
		if c >= 0 && c < len(opts.Registered) && !opts.Registered[c].IsZero() {
			since = opts.Registered[c]
		}
		scores[i].Segment = name(&entries[i], &scores[i], rules, !since.Before(newSince), lapseSince)
	}
	return scores, nil
}

// Registered returns the registration day of every customer of x, in its
// order, zero where the registered_at cell is empty; nil when the file has
// no registered_at column. A cell that is not a date is an error naming
// it.
func Registered(x *customer.Index) ([]time.Time, error) {
	col := x.Binding.Col(schema.RegisteredAt)
	if col < 0 {
		return nil, nil
	}
	days := make([]time.Time, x.Len())
	for i := range days {
		cell := customer.Cell(x.Payload(i), col)
		if len(bytes.TrimSpace(cell)) == 0 {
			continue
		}
		t, err := parse.Date(string(cell))
		if err != nil {
			t, err = record.Serial(x.Binding, bytes.TrimSpace(cell), err)
		}
		if err != nil {
			return nil, &rows.Error{File: x.File, Line: x.Line(i), Column: x.Header[col], Value: string(cell),
				Err: fmt.Errorf("%w; correct it or leave it empty (then the first purchase decides who is new)", err)}
		}
		days[i] = t
	}
	return days, nil
}

// Warnings are the lines, for standard error, that say when the sales the
// ledger counted cover a shorter span than lapse_after (lapsed customers
// cannot be told from the others) or, without registration days,
// new_within (every buyer's first purchase looks recent).
func Warnings(l *ledger.Ledger, opts Options) []string {
	var first, last time.Time
	for i := range l.Len() {
		if e := l.Entry(i); e.Visits > 0 {
			if first.IsZero() || e.First.Before(first) {
				first = e.First
			}
			if e.Last.After(last) {
				last = e.Last
			}
		}
	}
	if first.IsZero() {
		return nil
	}
	span := fmt.Sprintf("the sales cover %s..%s (%d days)", parse.FormatDate(first), parse.FormatDate(last),
		int(last.Sub(first).Hours()/24)+1)
	// shorter says whether the days first..last are fewer than p.
	shorter := func(p parse.Period) bool { return first.After(p.Before(last.AddDate(0, 0, 1))) }
	var lines []string
	if p := opts.Thresholds.LapseAfter; shorter(p) {
		lines = append(lines, fmt.Sprintf("%s, shorter than lapse_after %s: lapsed and at-risk cannot be told apart", span, p))
	}
	if p := opts.Thresholds.NewWithin; opts.Registered == nil && shorter(p) {
		lines = append(lines, fmt.Sprintf("%s, shorter than new_within %s: every buyer's first purchase looks recent; a registered_at column in the customers file decides who is new", span, p))
	}
	return lines
}

// storeGroups returns the entries scored together: every entry, nil, for
// a ledger of the whole shop; one group per store for a ledger per store,
// whose quintiles are each store's own.
func storeGroups(l *ledger.Ledger) [][]int32 {
	if !l.PerStore() {
		return [][]int32{nil}
	}
	at := map[string]int{}
	var groups [][]int32
	for i := range l.Len() {
		st := l.Store(i)
		g, ok := at[st]
		if !ok {
			g = len(groups)
			at[st] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], int32(i))
	}
	return groups
}

// rank sets one score of every customer who bought among the entries of
// group (nil: all of them): the entries are sorted by value, and each run
// of equal values scores by where it starts.
func rank(entries []ledger.Entry, group []int32, value func(*ledger.Entry) int64, set func(*Score, int), scores []Score) {
	type pair struct {
		v int64
		i int32
	}
	var ps []pair
	add := func(i int32) {
		if entries[i].Visits > 0 {
			ps = append(ps, pair{value(&entries[i]), i})
		}
	}
	if group == nil {
		for i := range entries {
			add(int32(i))
		}
	} else {
		for _, i := range group {
			add(i)
		}
	}
	slices.SortFunc(ps, func(a, b pair) int { return cmp.Compare(a.v, b.v) })
	start := 0
	for k, p := range ps {
		if p.v != ps[start].v {
			start = k
		}
		set(&scores[p.i], 1+5*start/len(ps))
	}
}

// name applies the segment rules in order. isNew says whether the
// customer registered (or first visited) within the "new" window;
// lapseSince is the first day of the "not lapsed" window.
func name(e *ledger.Entry, s *Score, r Thresholds, isNew bool, lapseSince time.Time) Name {
	switch {
	case e.Visits == 0:
		return Never
	case isNew:
		return New
	case e.Last.Before(lapseSince):
		return Lapsed
	case e.Visits == 1:
		return OneTime
	case s.F >= r.AtRiskMinF && s.R <= r.AtRiskMaxR:
		return AtRisk
	case s.F >= r.LoyalMinF && s.M >= r.LoyalMinM:
		return Loyal
	}
	return Repeat
}

// Summary is one segment's line of a summary (of one store's, for a
// ledger per store).
type Summary struct {
	Store         string // the store, for a ledger per store; else ""
	Segment       Name
	Customers     int
	Spend         parse.Decimal
	CustomerShare float64 // of all customers listed (of the store), 0-1
	SpendShare    float64 // of all spend (of the store), 0-1
}

// Summarize counts customers and spend per segment, every segment in
// Names order, empty ones too, so that a table always has the same rows.
// For a ledger per store it does so for each store, the stores in order,
// each store's shares of its own customers and spend.
func Summarize(l *ledger.Ledger, scores []Score) []Summary {
	groups := storeGroups(l)
	if l.PerStore() {
		slices.SortFunc(groups, func(a, b []int32) int { return cmp.Compare(l.Store(int(a[0])), l.Store(int(b[0]))) })
	}
	var out []Summary
	for _, g := range groups {
		store := ""
		if g != nil {
			store = l.Store(int(g[0]))
		}
		out = append(out, summarize(l, scores, g, store)...)
	}
	return out
}

// summarize is Summarize over the entries of group (nil: all of them).
func summarize(l *ledger.Ledger, scores []Score, group []int32, store string) []Summary {
	out := make([]Summary, len(Names))
	at := map[Name]int{}
	for i, n := range Names {
		out[i].Store, out[i].Segment = store, Name(n)
		at[Name(n)] = i
	}
	var spend parse.Decimal
	n := 0
	add := func(i int) {
		e := l.Entry(i)
		row := &out[at[scores[i].Segment]]
		row.Customers++
		row.Spend += e.Spend
		spend += e.Spend
		n++
	}
	if group == nil {
		for i := range scores {
			add(i)
		}
	} else {
		for _, i := range group {
			add(int(i))
		}
	}
	for i := range out {
		if n > 0 {
			out[i].CustomerShare = float64(out[i].Customers) / float64(n)
		}
		if spend != 0 {
			out[i].SpendShare = out[i].Spend.Float() / spend.Float()
		}
	}
	return out
}
