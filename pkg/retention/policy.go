// Package retention is the scheduled purge: it decides, from a retention
// policy and an as-of date, which rows of the customers, sales, contacts and
// complaints files a shop may no longer keep, and replaces those files so
// that a crash at any moment leaves each of them wholly old or wholly new.
//
// It is an operation of the data path that replaces files itself. The steps:
//
//   - [Scan] reads the files (the sales file twice, once for each
//     customer's last purchase and once to count) and returns a [Plan]: per
//     file, how many rows are kept, deleted, anonymised, pseudonymised and
//     held, and the SHA-256 of every file as it was read. Memory follows the
//     number of customers, never the number of sales lines.
//   - [Runner.Apply] writes every new version as a temporary file beside
//     the old one, checks that no input changed since the scan, records the
//     plan in a journal (synced) and then renames the new versions over the
//     old ones one by one, marking each step in the journal; then it shreds
//     the replaced versions and the expired exports.
//   - [Runner.Pending] and [Runner.Resume] finish a run that was killed:
//     the journal says which files were to become which bytes, and the
//     hashes say how far the run got.
//
// A customer is inactive when their last purchase (or their registration, if
// they never bought) is older than the policy's inactive_after. Customer ids
// are matched after [customer.NormalizeKey], so that a sale written "105"
// counts for customer 000105: a purge must never miss a purchase.
package retention

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/parse"
)

// Action is what happens to an inactive customer.
type Action string

// The actions of the customers rule.
const (
	// Delete removes the customer's row.
	Delete Action = "delete"
	// Anonymize keeps the row with its store and registration date only,
	// and the customer id replaced by its keyed pseudonym, so that counts
	// of customers per store and year still add up.
	Anonymize Action = "anonymize"
)

// Actions lists the actions by name, for messages and completion.
var Actions = []string{string(Delete), string(Anonymize)}

// OnPurge is what happens to the sales lines of a purged customer that are
// still within the sales keep period.
type OnPurge string

// The choices of sales.on_customer_purge.
const (
	// Pseudonymize replaces the customer id by its keyed pseudonym: the
	// books keep the line, and the line no longer names the person.
	Pseudonymize OnPurge = "pseudonymize"
	// DeleteSales removes the lines.
	DeleteSales OnPurge = "delete"
)

// OnPurgeChoices lists the choices by name.
var OnPurgeChoices = []string{string(Pseudonymize), string(DeleteSales)}

// Policy is a retention policy, as the retention block of the config
// file states it.
type Policy struct {
	// Customers purges inactive customers; an empty Action purges none.
	Customers CustomerRule
	// Sales deletes lines older than Keep and says what becomes of the
	// lines of purged customers.
	Sales SalesRule
	// Contacts and Complaints delete rows older than their Keep. Rows of
	// purged customers are deleted whatever their age: they are notes
	// about the person, not books.
	Contacts, Complaints AgeRule
	// LegalHold is a CSV file with a customer id column; the rows of those
	// customers are never changed. "" is no hold.
	LegalHold string
	// MaxDelete is the largest share of customers one run may purge.
	MaxDelete Limit
}

// CustomerRule is the customers part of a policy.
type CustomerRule struct {
	InactiveAfter parse.Period
	Action        Action // "" when the policy has no customers rule
}

// AgeRule deletes rows older than Keep; Set is false when the policy has
// no such rule.
type AgeRule struct {
	Keep parse.Period
	Set  bool
}

// SalesRule is the sales part of a policy.
type SalesRule struct {
	AgeRule
	OnCustomerPurge OnPurge // "" means Pseudonymize
}

// onPurge returns the sales choice, Pseudonymize by default.
func (r SalesRule) onPurge() OnPurge {
	if r.OnCustomerPurge == "" {
		return Pseudonymize
	}
	return r.OnCustomerPurge
}

// Limit caps how many customers one run may purge: a share of all
// customers ("10%") or a number ("500").
type Limit struct {
	Percent float64 // used when IsPercent
	Count   int
	// IsPercent says which of the two applies.
	IsPercent bool
}

// DefaultLimit is the limit when neither the flag nor the config sets one.
var DefaultLimit = Limit{Percent: 10, IsPercent: true}

// ParseLimit reads "10%", "2.5%" or "500".
func ParseLimit(s string) (Limit, error) {
	t := strings.TrimSpace(s)
	if p, ok := strings.CutSuffix(t, "%"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || f < 0 || f > 100 {
			return Limit{}, fmt.Errorf("%q is not a share of customers (use 10%% or a number such as 500)", s)
		}
		return Limit{Percent: f, IsPercent: true}, nil
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 {
		return Limit{}, fmt.Errorf("%q is not a share of customers (use 10%% or a number such as 500)", s)
	}
	return Limit{Count: n}, nil
}

// String writes the limit as ParseLimit reads it.
func (l Limit) String() string {
	if l.IsPercent {
		return strconv.FormatFloat(l.Percent, 'f', -1, 64) + "%"
	}
	return strconv.Itoa(l.Count)
}

// Allows reports whether purging n of total customers stays within l.
func (l Limit) Allows(n, total int) bool {
	if !l.IsPercent {
		return n <= l.Count
	}
	return float64(n)*100 <= l.Percent*float64(total)
}

// Empty reports whether the policy has no rule at all.
func (p Policy) Empty() bool {
	return p.Customers.Action == "" && !p.Sales.Set && !p.Contacts.Set && !p.Complaints.Set
}

// OverLimit reports whether the plan purges more customers than its
// policy's MaxDelete allows.
func (p *Plan) OverLimit() bool {
	return !p.Policy.MaxDelete.Allows(p.Purged, p.Customers)
}

// RaisesLimit reports whether the policy's MaxDelete is above
// DefaultLimit for the plan's customers: a config file may lower the
// limit, never raise it.
func (p *Plan) RaisesLimit() bool {
	l, def := p.Policy.MaxDelete, DefaultLimit
	if l.IsPercent {
		return l.Percent > def.Percent
	}
	return !def.Allows(l.Count, p.Customers)
}
