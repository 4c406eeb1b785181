package contact

import (
	"context"
	"fmt"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

// Entry is one contact to record: the row contact add appends, and the
// one that keeps a complaint's earlier state.
type Entry struct {
	Customer string
	At       string // as written: 2026-11-22 10:15, or the day alone
	Staff    string
	Channel  string // the channel's first name
	Summary  string
}

// Fields are the columns a contacts file needs for an Entry.
var Fields = []schema.Field{schema.CustomerID, schema.ContactedAt, schema.Staff, schema.Channel, schema.Summary}

// NewEntry checks what contact add was given: a channel of channels (by
// any spelling), staff and a summary; the customer and the time are the
// caller's to check.
func NewEntry(channels contactlog.Vocab, customer, channel, staff, summary string) (Entry, error) {
	if err := contactlog.Given([2]string{"channel", channel}, [2]string{"staff", staff}, [2]string{"summary", summary}); err != nil {
		return Entry{}, err
	}
	ch, err := channels.Find(channel)
	if err != nil {
		return Entry{}, usererr.Usage(err)
	}
	return Entry{Customer: customer, Staff: staff, Channel: ch.Name, Summary: summary}, nil
}

// Add appends e to the contacts file opts names (its Kind and Required
// are set here).
func Add(ctx context.Context, opts contactlog.Options, e Entry) error {
	opts.Kind, opts.Required = schema.Contacts, Fields
	_, err := contactlog.Append(ctx, opts, func(f *contactlog.File) ([]string, error) {
		row := f.Row()
		f.Set(row, schema.CustomerID, e.Customer)
		f.Set(row, schema.ContactedAt, e.At)
		f.Set(row, schema.Staff, e.Staff)
		f.Set(row, schema.Channel, e.Channel)
		f.Set(row, schema.Summary, e.Summary)
		return row, nil
	})
	return err
}

// Write writes the contacts found to out: one row each (Columns), or
// with summary their counts by by (channels under their first name of
// v); it returns the line for standard error.
func Write(found []Contact, summary bool, by string, v contactlog.Vocab, out sink.Rows) ([]string, error) {
	customers := map[string]bool{}
	for _, c := range found {
		if c.Customer != "" {
			customers[c.Customer] = true
		}
	}
	line := fmt.Sprintf("%s with %s", english.Count(len(found), "contact"), english.Count(len(customers), "customer"))
	if summary {
		if err := out.WriteHeader(SummaryColumns(by)); err != nil {
			return nil, err
		}
		for _, gr := range Summarise(found, by, v) {
			if err := out.Write(gr.Cells()); err != nil {
				return nil, err
			}
		}
		return []string{line}, nil
	}
	if err := out.WriteHeader(Columns); err != nil {
		return nil, err
	}
	for _, c := range found {
		if err := out.Write(c.Cells()); err != nil {
			return nil, err
		}
	}
	return []string{line}, nil
}

// Flag is a flag of contacts and whether it was given.
type Flag struct {
	Name string
	Set  bool
}

// DueAlone refuses, with --due, the first of the flags given that
// choose contacts rather than customers.
func DueAlone(flags ...Flag) error {
	for _, f := range flags {
		if f.Set {
			return usererr.Usagef("--due lists customers, not contacts: --%s does not go with it", f.Name)
		}
	}
	return nil
}
