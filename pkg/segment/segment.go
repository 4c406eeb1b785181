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
// # Segments
//
// The first rule that matches names the segment:
//
//	never     registered, no purchase (only with a customers file)
//	new       first visit within Thresholds.NewWithin up to the date
//	lapsed    no visit within Thresholds.LapseAfter up to the date
//	one-time  exactly one visit
//	at-risk   F >= Thresholds.AtRiskMinF and R <= Thresholds.AtRiskMaxR: was frequent, not recent
//	loyal     F >= Thresholds.LoyalMinF and M >= Thresholds.LoyalMinM
//	repeat    every other customer with two visits or more
package segment

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/parse"
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
	NewWithin  parse.Period // a first visit this recent makes a customer new
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
	rank(entries, func(e *ledger.Entry) int64 { return e.Last.Unix() }, func(s *Score, v int) { s.R = v }, scores)
	rank(entries, func(e *ledger.Entry) int64 { return int64(e.Visits) }, func(s *Score, v int) { s.F = v }, scores)
	rank(entries, func(e *ledger.Entry) int64 { return int64(e.Spend) }, func(s *Score, v int) { s.M = v }, scores)
	newSince := rules.NewWithin.Before(asOf).AddDate(0, 0, 1)
	lapseSince := rules.LapseAfter.Before(asOf).AddDate(0, 0, 1)
	for i := range scores {
		scores[i].Segment = name(&entries[i], &scores[i], rules, newSince, lapseSince)
	}
	return scores, nil
}

// rank sets one score of every customer who bought: the entries are sorted
// by value, and each run of equal values scores by where it starts.
func rank(entries []ledger.Entry, value func(*ledger.Entry) int64, set func(*Score, int), scores []Score) {
	type pair struct {
		v int64
		i int32
	}
	var ps []pair
	for i := range entries {
		if entries[i].Visits > 0 {
			ps = append(ps, pair{value(&entries[i]), int32(i)})
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

// name applies the segment rules in order. newSince and lapseSince are the
// first days of the "new" and "not lapsed" windows.
func name(e *ledger.Entry, s *Score, r Thresholds, newSince, lapseSince time.Time) Name {
	switch {
	case e.Visits == 0:
		return Never
	case !e.First.Before(newSince):
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

// Summary is one segment's line of a summary.
type Summary struct {
	Segment       Name
	Customers     int
	Spend         parse.Decimal
	CustomerShare float64 // of all customers listed, 0-1
	SpendShare    float64 // of all spend, 0-1
}

// Summarize counts customers and spend per segment, every segment in
// Names order, empty ones too, so that a table always has the same rows.
func Summarize(l *ledger.Ledger, scores []Score) []Summary {
	out := make([]Summary, len(Names))
	at := map[Name]int{}
	for i, n := range Names {
		out[i].Segment = Name(n)
		at[Name(n)] = i
	}
	var spend parse.Decimal
	for i, s := range scores {
		e := l.Entry(i)
		row := &out[at[s.Segment]]
		row.Customers++
		row.Spend += e.Spend
		spend += e.Spend
	}
	for i := range out {
		if len(scores) > 0 {
			out[i].CustomerShare = float64(out[i].Customers) / float64(len(scores))
		}
		if spend != 0 {
			out[i].SpendShare = out[i].Spend.Float() / spend.Float()
		}
	}
	return out
}
