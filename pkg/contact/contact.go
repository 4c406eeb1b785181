// Package contact follows contacts up: the list of the contacts staff
// recorded, newest first, the counts by staff, channel or month, and the
// customers of chosen segments not contacted for a number of days (Due),
// to plan the next calls. Listing and counting share pkg/followup with
// pkg/complaint; writing the contacts file is pkg/contactlog's.
package contact

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/followup"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// Contact is one row of the contacts file, typed.
type Contact struct {
	Customer, Staff, Channel, Summary string
	At                                time.Time // zero when the cell is empty
	Line                              int
}

// Options select the contacts listed.
type Options struct {
	// Vocab is the channel vocabulary: a channel by any of its spellings
	// is its first name, in the filter and in a summary.
	Vocab    contactlog.Vocab
	Since    time.Time // zero: no lower bound
	Staff    []string  // any of these staff; nil: everyone
	Channels []string  // any of these channels, by any spelling; nil: every channel
	Customer string    // "": every customer
	// Aliases are the config's header names of the contacts file, named
	// in the error and warning of a file without a channel column.
	Aliases schema.Aliases
}

// CheckChannel refuses what needs the contacts file's channel column
// when it has none: --channel, and a summary by channel, which would find
// no contact by any channel, or count every one under (none). The error
// is the one contact add gives, with a hint naming the config's alias.
func CheckChannel(f record.File, summary bool, by string, opts Options) error {
	switch {
	case len(opts.Channels) > 0:
		return followup.Need(f, schema.Channel, opts.Aliases, "--channel needs it")
	case summary && by == ByChannel:
		return followup.Need(f, schema.Channel, opts.Aliases, "--summary --by channel needs it")
	}
	return nil
}

// Warnings are the lines to print after a list of the contacts of f:
// that the file has no channel column, once. A summary by staff or month
// shows no channel, and says nothing.
func Warnings(f record.File, summary bool, opts Options) []string {
	if summary {
		return nil
	}
	if w := followup.Lacks(f, schema.Channel, opts.Aliases, "the channel column is empty"); w != "" {
		return []string{w}
	}
	return nil
}

// channelOf is the name a channel is counted and filtered under: the
// vocabulary's first name, or the value as written when the vocabulary
// does not know it.
func channelOf(v contactlog.Vocab, s string) string {
	if t, err := v.Find(s); err == nil {
		return t.Name
	}
	return s
}

// Run reads the contacts file f in one pass and returns the contacts opts
// select, newest first (of two at the same time, the one recorded later
// first; contacts without a date last). A staff name or a channel asked
// for that no contact of the file has, nor the vocabulary knows, is a
// usage error that names the known ones and the nearest.
func Run(ctx context.Context, f record.File, opts Options) ([]Contact, error) {
	b := f.Binding
	staff, channels := map[string]bool{}, map[string]bool{}
	wantStaff, wantChannel := map[string]bool{}, map[string]bool{}
	for _, s := range opts.Staff {
		wantStaff[schema.Normalize(s)] = true
	}
	for _, c := range opts.Channels {
		wantChannel[schema.Normalize(channelOf(opts.Vocab, c))] = true
	}
	var out []Contact
	named := map[string]string{} // a column of a few words: each looked up once
	normalized := map[string]string{}
	normal := func(s string) string {
		n, ok := normalized[s]
		if !ok {
			n = schema.Normalize(s)
			normalized[s] = n
		}
		return n
	}
	err := followup.Scan(ctx, f, func(rec *rows.Record) error {
		c := Contact{Customer: followup.Cell(rec, b, schema.CustomerID), Staff: followup.Cell(rec, b, schema.Staff),
			Channel: followup.Cell(rec, b, schema.Channel), Summary: rec.Field(b.Col(schema.Summary)), Line: rec.Line}
		var err error
		if c.At, err = followup.Date(rec, f, schema.ContactedAt); err != nil {
			return err
		}
		channel, ok := named[c.Channel]
		if !ok {
			channel = channelOf(opts.Vocab, c.Channel)
			named[c.Channel] = channel
		}
		if c.Staff != "" {
			staff[c.Staff] = true
		}
		if channel != "" {
			channels[channel] = true
		}
		switch {
		case !opts.Since.IsZero() && (c.At.IsZero() || c.At.Before(opts.Since)):
		case opts.Customer != "" && c.Customer != opts.Customer:
		case len(wantStaff) > 0 && !wantStaff[normal(c.Staff)]:
		case len(wantChannel) > 0 && !wantChannel[normal(channel)]:
		default:
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := known("staff", opts.Staff, staff, contactlog.Vocab{}); err != nil {
		return nil, err
	}
	if err := known("channel", opts.Channels, channels, opts.Vocab); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.At.IsZero() != b.At.IsZero() {
			return b.At.IsZero()
		}
		if !a.At.Equal(b.At) {
			return a.At.After(b.At)
		}
		return a.Line > b.Line
	})
	return out, nil
}

// known checks that each value asked for is one the file holds or the
// vocabulary knows, by any spelling.
func known(what string, asked []string, seen map[string]bool, v contactlog.Vocab) error {
	all := contactlog.Vocab{What: what, Terms: slices.Clone(v.Terms)}
	names := make([]string, 0, len(seen))
	for s := range seen {
		if _, err := v.Find(s); err != nil || len(v.Terms) == 0 {
			names = append(names, s)
		}
	}
	slices.Sort(names)
	for _, s := range names {
		all.Terms = append(all.Terms, contactlog.Term{Name: s})
	}
	for _, s := range asked {
		if len(all.Terms) == 0 {
			return usererr.Usagef("--%s %q: no contact of the file names a %s", what, s, what)
		}
		if _, err := all.Find(s); err != nil {
			return usererr.Usage(err)
		}
	}
	return nil
}

// Columns are the columns of the list.
var Columns = []string{"customer_id", "contacted_at", "staff", "channel", "summary"}

// Cells are c's cells in the order of Columns, the time as When writes
// it.
func (c Contact) Cells() []string {
	return []string{c.Customer, When(c.At), c.Staff, c.Channel, c.Summary}
}

// When writes a contact's time: 2026-11-22 10:15, or 2026-11-22 at
// midnight (a file that gives days only); "" when zero.
func When(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Hour() == 0 && t.Minute() == 0:
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}

// The summaries.
const (
	ByStaff   = "staff"
	ByChannel = "channel"
	ByMonth   = "month"
)

// Bys lists what a summary counts by, for help and errors.
var Bys = followup.Bys{ByStaff, ByChannel, ByMonth}

// Group is one line of a summary: the contacts, and the customers they
// were with, each counted once.
type Group struct {
	Key       string
	Contacts  int
	customers map[string]struct{}
}

// Customers is the number of distinct customers of the group's contacts
// (a contact without a customer id counts none).
func (g Group) Customers() int { return len(g.customers) }

// SummaryColumns are the columns of a summary by b.
func SummaryColumns(b string) []string { return []string{b, "contacts", "customers"} }

// Cells are g's cells in the order of SummaryColumns.
func (g Group) Cells() []string {
	return []string{g.Key, strconv.Itoa(g.Contacts), strconv.Itoa(g.Customers())}
}

// Summarise counts cs by b (one of Bys): most contacts first, then by key;
// by month in month order. Channels count under the vocabulary's first
// name; a contact without a value for b counts under "(none)".
func Summarise(cs []Contact, b string, v contactlog.Vocab) []Group {
	var gs followup.Groups[Group]
	for _, c := range cs {
		var key string
		switch b {
		case ByStaff:
			key = c.Staff
		case ByChannel:
			key = channelOf(v, c.Channel)
		case ByMonth:
			key = followup.Month(c.At)
		}
		g := gs.At(key)
		g.Contacts++
		if c.Customer != "" {
			if g.customers == nil {
				g.customers = map[string]struct{}{}
			}
			g.customers[c.Customer] = struct{}{}
		}
	}
	sorted := gs.Sorted(b == ByMonth, func(g *Group) int { return g.Contacts })
	out := make([]Group, len(sorted))
	for i, s := range sorted {
		out[i] = s.Val
		out[i].Key = s.Key
	}
	return out
}
