package ledger

import (
	"fmt"
	"strconv"
	"time"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/parse"
)

// Columns are the columns a ledger adds after each customer's own.
var Columns = []string{"visits", "first_visit", "last_visit", "days_since_last_visit", "lines", "quantity", "spend", "average_spend"}

// Cells are the entry's cells in Columns order, the days since the last
// visit counted to asOf (empty without a visit).
func (e Entry) Cells(asOf time.Time) []string {
	since := ""
	if d, ok := e.DaysSince(asOf); ok {
		since = strconv.Itoa(d)
	}
	return []string{strconv.Itoa(e.Visits), parse.FormatDate(e.First), parse.FormatDate(e.Last), since,
		strconv.Itoa(e.Lines), e.Quantity.String(), e.Spend.String(), e.AverageSpend().String()}
}

// DefaultOrder is the order of a listing that names none: by visits for
// a top N, else by customer.
func DefaultOrder(top int) By {
	if top > 0 {
		return ByVisits
	}
	return ByCustomer
}

// countedFor is whom the lines were counted for: customers, or with
// Options.PerStore the store–customer pairs and the customers among them.
func (l *Ledger) countedFor() string {
	if !l.perStore {
		return english.Count(l.Buyers(), "customer")
	}
	pairs := 0
	people := map[string]bool{}
	for i := range l.accs.n {
		if l.accs.at(i).visits > 0 {
			pairs++
			people[l.ID(i)] = true
		}
	}
	return fmt.Sprintf("%s (%s)", english.Count(pairs, "store–customer pair"), english.Count(len(people), "customer"))
}

// Summary is the report of the sales read, for standard error: the lines
// counted and left out, and those whose customer is not in the customers
// file (named customersFile); then, if --key-normalize changed ids, how
// many.
func (l *Ledger) Summary(customersFile string) []string {
	st := l.Stats
	msg := fmt.Sprintf("%s: %d counted for %s; left out: %s",
		english.Count(st.Lines, "sales line"), st.Counted(), l.countedFor(), st.LeftOut())
	if st.Unknown > 0 {
		msg += fmt.Sprintf(", %d with a customer id not in %s", st.Unknown, customersFile)
	}
	lines := []string{msg}
	if n := st.Near.Note(customersFile); n != "" {
		lines = append(lines, n)
	}
	if st.KeysChanged > 0 {
		lines = append(lines, "--key-normalize changed "+english.Count(st.KeysChanged, "sales id"))
	}
	return append(lines, st.Warnings(l.file)...)
}
