package check

import (
	"context"
	"fmt"
	"io"

	"github.com/custkit/custkit/pkg/sink"
)

// Text runs the check and writes the report for people to w; the summary
// ends it.
func Text(ctx context.Context, inputs []Input, opts Options, w io.Writer) (*Report, error) {
	rep, err := Run(ctx, inputs, opts)
	if err != nil {
		return nil, err
	}
	return rep, rep.WriteText(w)
}

// Rows runs the check and writes one row per finding to out (Columns),
// as they are found, every finding listed whatever opts.Keep says.
func Rows(ctx context.Context, inputs []Input, opts Options, out sink.Rows) (*Report, error) {
	if err := out.WriteHeader(Columns); err != nil {
		return nil, err
	}
	opts.Keep = 0
	opts.Emit = func(f *Finding) error { return out.Write(f.Cells()) }
	return Run(ctx, inputs, opts)
}

// Failure is the error of a check that found errors, nil for one that
// passed: "check: <summary>".
func (r *Report) Failure() error {
	if r.Errors() == 0 {
		return nil
	}
	return fmt.Errorf("check: %s", r.Summary())
}
