package events

import (
	"context"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/sink"
)

// Write finds the events of the customers file and writes them to out,
// each customer's columns followed by Columns; it returns the lines for
// standard error: the summary, then a warning for each customers column
// that one of Columns replaces.
func Write(ctx context.Context, customers record.File, opts Options, out sink.Rows) ([]string, error) {
	found, err := Run(ctx, customers, opts)
	if err != nil {
		return nil, err
	}
	layout := customer.NewLayout(customers.Header(), Columns)
	if err := out.WriteHeader(layout.Header); err != nil {
		return nil, err
	}
	for _, e := range found.Events {
		if err := out.Write(layout.Row(e.Cells, e.Computed())); err != nil {
			return nil, err
		}
	}
	return append([]string{found.Summary(opts)}, layout.Notes(customers.Name())...), nil
}
