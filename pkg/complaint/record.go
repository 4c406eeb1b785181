package complaint

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

// Entry is one complaint to record (complaint add).
type Entry struct {
	Customer string
	Product  string // "" when none was named
	Summary  string
	Staff    string // "" when none was named
	At       string // when it was received, as written
	Status   contactlog.Term
}

// NewStatus checks what complaint add was given: a summary, and a status
// of statuses by any spelling, the first when status is empty.
func NewStatus(statuses contactlog.Vocab, summary, status string) (contactlog.Term, error) {
	if err := contactlog.Given([2]string{"summary", summary}); err != nil {
		return contactlog.Term{}, err
	}
	return statuses.Choose(status, statuses.Terms[0])
}

// Add appends e to the complaints file opts names with the next id of
// the day it was received, and returns that id. The file needs columns
// for the product and staff only when e names them.
func Add(ctx context.Context, opts contactlog.Options, e Entry) (string, error) {
	received, _ := parse.Date(e.At)
	opts.Kind = schema.Complaints
	opts.Required = []schema.Field{schema.CustomerID, schema.ComplaintID, schema.ReceivedAt, schema.Summary, schema.Status}
	if e.Product != "" {
		opts.Required = append(opts.Required, schema.ProductID)
	}
	if e.Staff != "" {
		opts.Required = append(opts.Required, schema.Staff)
	}
	var id string
	_, err := contactlog.Append(ctx, opts, func(f *contactlog.File) ([]string, error) {
		ids := NewIDs(received)
		idCol := f.Binding.Col(schema.ComplaintID)
		if err := f.Each(ctx, func(rec *rows.Record) error { ids.See(rec.Field(idCol)); return nil }); err != nil {
			return nil, err
		}
		id = ids.Next()
		row := f.Row()
		f.Set(row, schema.ComplaintID, id)
		f.Set(row, schema.CustomerID, e.Customer)
		f.Set(row, schema.ReceivedAt, e.At)
		f.Set(row, schema.ProductID, e.Product)
		f.Set(row, schema.Summary, e.Summary)
		f.Set(row, schema.Status, e.Status.Name)
		f.Set(row, schema.Staff, e.Staff)
		if e.Status.Closed {
			f.Set(row, schema.ClosedAt, e.At)
		}
		return row, nil
	})
	return id, err
}

// Change is what complaint update does to one complaint.
type Change struct {
	ID         string
	Status     contactlog.Term
	Staff      string
	Resolution string // "" leaves the resolution as it is
	Reopen     bool   // a closed complaint may change
	Statuses   contactlog.Vocab
	Today      string // closed_at of a complaint closed now
}

// NewChange checks what complaint update was given: a status of statuses
// and staff, and the channel of the contact that keeps the earlier state
// (by any spelling of channels; the last when channel is empty).
func NewChange(statuses, channels contactlog.Vocab, status, staff, channel string) (contactlog.Term, contactlog.Term, error) {
	var st, ch contactlog.Term
	if err := contactlog.Given([2]string{"status", status}); err != nil {
		return st, ch, err
	}
	if strings.TrimSpace(staff) == "" {
		return st, ch, usererr.Usagef("--staff is required: who handled the complaint")
	}
	st, err := statuses.Choose(status, contactlog.Term{})
	if err != nil {
		return st, ch, err
	}
	ch, err = channels.Choose(channel, channels.Terms[len(channels.Terms)-1])
	return st, ch, err
}

// Updated is a complaint as Update found it: its status before, and its
// customer.
type Updated struct {
	Before   string
	Customer string
}

// Update rewrites the complaint c names in the complaints file opts
// names: its status, staff and resolution, and closed_at set when it
// closes now or cleared when it is open. A closed complaint changes only
// with Reopen.
func Update(ctx context.Context, opts contactlog.Options, c Change) (Updated, error) {
	var u Updated
	opts.Kind = schema.Complaints
	opts.Required = []schema.Field{schema.ComplaintID, schema.CustomerID, schema.Status}
	if c.Resolution != "" {
		opts.Required = append(opts.Required, schema.Resolution)
	}
	match := func(l *contactlog.Layout, rec *rows.Record) bool {
		return strings.TrimSpace(rec.Field(l.Binding.Col(schema.ComplaintID))) == c.ID
	}
	_, _, err := contactlog.Rewrite(ctx, opts, match, func(l *contactlog.Layout, old []string) ([]string, error) {
		row := append([]string(nil), old...)
		u.Before = old[l.Binding.Col(schema.Status)]
		u.Customer = strings.TrimSpace(old[l.Binding.Col(schema.CustomerID)])
		if c.Statuses.Closed(u.Before) && !c.Reopen {
			return nil, usererr.WithHint(fmt.Errorf("complaint %s is closed (%s); nothing was written", c.ID, u.Before), "give --reopen to change a closed complaint")
		}
		l.Set(row, schema.Status, c.Status.Name)
		l.Set(row, schema.Staff, c.Staff)
		if c.Resolution != "" {
			l.Set(row, schema.Resolution, c.Resolution)
		}
		if c.Status.Closed && !c.Statuses.Closed(u.Before) {
			l.Set(row, schema.ClosedAt, c.Today)
		} else if !c.Status.Closed {
			l.Set(row, schema.ClosedAt, "")
		}
		return row, nil
	})
	if errors.Is(err, contactlog.ErrNotFound) {
		return u, fmt.Errorf("no complaint %s in %s; nothing was written (custkit complaints lists them)", c.ID, opts.Path)
	}
	return u, err
}

// History is the summary of the contact that keeps the complaint's state
// before the change: "[C20261122-001] 未対応 → 対応中: resolution".
func (c Change) History(before string) string {
	summary := fmt.Sprintf("[%s] %s → %s", c.ID, before, c.Status.Name)
	if c.Resolution != "" {
		summary += ": " + c.Resolution
	}
	return summary
}

// Categories reads each product's category from the sales file: the
// first category a product's lines name. A product id in scientific
// notation is an error: its lost digits may be a complained-of product's.
func Categories(ctx context.Context, sales record.File) (map[string]string, error) {
	pc, cc := sales.Binding.Col(schema.ProductID), sales.Binding.Col(schema.Category)
	if pc < 0 || cc < 0 {
		return nil, fmt.Errorf("%s: needs product_id and category columns to give complaints a category", sales.Reader.Name())
	}
	prod := sales.Decoder().Column(schema.ProductID)
	cats := map[string]string{}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rec, err := sales.Reader.Next()
		if err == io.EOF {
			return cats, nil
		}
		if err != nil {
			return nil, err
		}
		p, c := strings.TrimSpace(rec.Field(pc)), strings.TrimSpace(rec.Field(cc))
		if _, seen := cats[p]; !seen && p != "" && c != "" {
			if record.Scientific(prod.Bytes(rec)) {
				return nil, prod.Error(rec, record.ErrScientific)
			}
			cats[p] = c
		}
	}
}

// CheckCategory refuses counting by category when the complaints file
// (named name) has no category column and no sales file gave the
// products' categories.
func CheckCategory(f record.File, name string, by By, opts Options) error {
	if by == ByCategory && f.Binding.Col(schema.Category) < 0 && opts.Categories == nil {
		return usererr.Usagef("%s has no category column: give --sales to take each product's category from the sales file", name)
	}
	return nil
}

// Write writes the complaints found to out: one row each (Columns, ages
// to asOf), or with summary their counts by by; it returns the line for
// standard error.
func Write(found []Complaint, summary bool, by By, asOf time.Time, out sink.Rows) ([]string, error) {
	if summary {
		if err := out.WriteHeader(SummaryColumns(by)); err != nil {
			return nil, err
		}
		for _, gr := range Summarise(found, by) {
			if err := out.Write(gr.Cells()); err != nil {
				return nil, err
			}
		}
	} else {
		if err := out.WriteHeader(Columns); err != nil {
			return nil, err
		}
		for _, c := range found {
			if err := out.Write(c.Cells(asOf)); err != nil {
				return nil, err
			}
		}
	}
	open := 0
	for _, c := range found {
		if c.NoStatus {
			// Whether any is open is not known: the count alone.
			return []string{english.Count(len(found), "complaint")}, nil
		}
		if !c.IsClosed {
			open++
		}
	}
	return []string{fmt.Sprintf("%s, %d open", english.Count(len(found), "complaint"), open)}, nil
}
