package events

import (
	"context"
	"io"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
)

// FromIndex finds the events of the customers of idx, a customers file
// held whole (customer.LoadEvery: every column in its payloads), as Run
// finds them in the file itself: for a command that has loaded the file
// already (report), so that it is not read again.
func FromIndex(ctx context.Context, idx *customer.Index, opts Options) (Result, error) {
	dec := record.NewDecoder(idx.File, idx.Binding)
	i := 0
	var rec rows.Record
	next := func() (*rows.Record, error) {
		if i == idx.Len() {
			return nil, io.EOF
		}
		rec.File, rec.Line = idx.FileOf(i), idx.Line(i)
		rec.Fields = customer.AppendCells(rec.Fields[:0], idx.Payload(i))
		i++
		return &rec, nil
	}
	found, counts, err := collect(ctx, next, dec, opts)
	return Result{Events: found, Counts: counts}, err
}
