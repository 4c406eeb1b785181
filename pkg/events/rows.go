package events

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/parse"
)

// ParseKinds checks the kinds of event asked for by name.
func ParseKinds(names []string) ([]Kind, error) {
	var kinds []Kind
	for _, n := range names {
		if !slices.Contains(Kinds, n) {
			return nil, fmt.Errorf("%q is not one of %s", n, strings.Join(Kinds, ", "))
		}
		kinds = append(kinds, Kind(n))
	}
	return kinds, nil
}

// Columns are the columns an event adds after the customer's own.
var Columns = []string{"event", "date", "days_until", "years"}

// Computed are the event's cells in Columns order.
func (e Event) Computed() []string {
	return []string{string(e.Kind), parse.FormatDate(e.Date), strconv.Itoa(e.DaysUntil), strconv.Itoa(e.Years)}
}

// Summary is the one-line report of a run for standard error: customers
// read, events found, the window's first and last day, and the dates
// left out, per kind.
func (r Result) Summary(opts Options) string {
	last := opts.Within.After(opts.AsOf).AddDate(0, 0, -1)
	return fmt.Sprintf("%s: %s from %s to %s%s", english.Count(r.Counts.Customers, "customer"), english.Count(len(r.Events), "event"),
		parse.FormatDate(opts.AsOf), parse.FormatDate(last), r.Counts.skipped())
}

// skipped says which dates were empty or malformed, per kind.
func (c Counts) skipped() string {
	var b strings.Builder
	for _, k := range Kinds {
		e, m := c.Empty[Kind(k)], c.Malformed[Kind(k)]
		if e+m == 0 {
			continue
		}
		fmt.Fprintf(&b, "; %s: %d empty", k, e)
		if m > 0 {
			fmt.Fprintf(&b, ", %d malformed or after --as-of (see --strict)", m)
		}
	}
	return b.String()
}
