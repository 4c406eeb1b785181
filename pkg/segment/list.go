package segment

import (
	"context"

	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/sink"
)

// ListOptions configure List.
type ListOptions struct {
	ledger.Settings
	Thresholds Thresholds
	Keep       Selection // the segments listed; empty lists all
	Summary    bool      // one row per segment instead of one per customer
}

// List builds the ledger of the input, scores it and writes to out the
// customers of the kept segments (their columns, then Columns, in
// customers-file order, else by customer id), or with opts.Summary one
// row per segment. With opts.PerStore every customer is scored within each
// store they bought at, each store's quintiles its own, and the rows (or
// the summary's) have the store first. It returns the lines for standard error: the ledger's
// summary, then the warnings about the span of the sales.
func List(ctx context.Context, in ledger.Input, opts ListOptions, out sink.Rows) ([]string, error) {
	b, err := ledger.Build(ctx, in, opts.Settings)
	if err != nil {
		return nil, err
	}
	sopts := Options{AsOf: b.AsOf, Thresholds: opts.Thresholds}
	if b.Customers != nil {
		if sopts.Registered, err = Registered(b.Customers); err != nil {
			return nil, err
		}
	}
	scores, err := Run(ctx, b.Ledger, sopts)
	if err != nil {
		return nil, err
	}
	if opts.Summary {
		err = writeSummary(out, Summarize(b.Ledger, scores), opts.Keep, b.PerStore())
	} else {
		err = writeScores(out, b, scores, opts.Keep)
	}
	if err != nil {
		return nil, err
	}
	lines := b.Lines()
	for _, w := range Warnings(b.Ledger, sopts) {
		lines = append(lines, "warning: "+w)
	}
	return lines, nil
}

func writeScores(out sink.Rows, b *ledger.Built, scores []Score, keep Selection) error {
	order, err := b.Order(ledger.ByCustomer, 0)
	if err != nil {
		return err
	}
	return b.Write(out, order, func(i int) []string {
		if !keep.Has(scores[i].Segment) {
			return nil
		}
		return scores[i].Cells()
	}, Columns...)
}

// writeSummary writes the summary's rows; a summary per store has the
// store first.
func writeSummary(out sink.Rows, sum []Summary, keep Selection, perStore bool) error {
	header := SummaryColumns
	if perStore {
		header = append([]string{"store"}, header...)
	}
	if err := out.WriteHeader(header); err != nil {
		return err
	}
	for _, s := range sum {
		if keep.Has(s.Segment) {
			row := s.Cells()
			if perStore {
				row = append([]string{s.Store}, row...)
			}
			if err := out.Write(row); err != nil {
				return err
			}
		}
	}
	return nil
}
