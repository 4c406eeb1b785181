package history

import (
	"context"
	"errors"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

// Input is what a history reads: the customers file, then the sales and,
// when given, the contacts and complaints files.
type Input struct {
	Customers, Sales     record.File
	Contacts, Complaints *record.File // nil when not given
}

// Printer is an output that prints cards when its format is a printed
// one (table, markdown); Holds tells it the columns of the text between
// its tables.
type Printer interface {
	CardSink
	Printed() bool
	Holds(cols []string)
}

// Write finds the customers of opts.IDs, reads their events, and writes
// their timelines to out: as cards when out is a Printer of a printed
// format, else one row per event. It returns the lines for standard
// error.
func Write(ctx context.Context, in Input, opts Options, oldestFirst bool, out sink.Rows) ([]string, error) {
	found, known, err := find(ctx, in.Customers, opts)
	var missing *MissingError
	if errors.As(err, &missing) && !opts.KeyNormalize {
		return nil, usererr.WithHint(err, "ids match as text (000123 is not 123); --key-normalize also drops leading zeros and folds full-width digits")
	}
	if err != nil {
		return nil, err
	}
	b := NewBuilder(found, opts)
	b.WatchNear(known)
	if err := b.AddSales(ctx, in.Sales); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		file *record.File
		add  func(context.Context, record.File) error
	}{{in.Contacts, b.AddContacts}, {in.Complaints, b.AddComplaints}} {
		if f.file != nil {
			if err := f.add(ctx, *f.file); err != nil {
				return nil, err
			}
		}
	}
	card := Card{Header: in.Customers.Header(), IDCol: in.Customers.Binding.Col(schema.CustomerID),
		Contacts: in.Contacts != nil, Complaints: in.Complaints != nil}
	timelines := b.Timelines(oldestFirst)
	if p, ok := out.(Printer); ok && p.Printed() {
		p.Holds(card.Header)
		err = card.Print(p, timelines)
	} else {
		err = card.WriteRows(out, timelines)
	}
	if err != nil {
		return nil, err
	}
	var lines []string
	if b.Sales.Voided > 0 {
		lines = append(lines, b.Sales.Voids()+" left out")
	}
	if b.Sales.Other > 0 {
		lines = append(lines, b.Sales.Others()+" left out: only 取引区分 1 is a sale")
	}
	if n := b.Near.Note(in.Customers.Name()); n != "" {
		lines = append(lines, n)
	}
	return append(lines, b.Sales.Warnings(in.Sales.Name())...), nil
}
