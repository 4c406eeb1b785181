package cmdutil

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/segment"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/spf13/cobra"
)

// The wiring the analysis commands share: their inputs opened as the
// operations take them, and their summaries printed.

// Report prints an operation's summary lines on standard error, each after
// "custkit: <verb>: ". -q silences them but for warnings (a line that
// starts "warning: "): the answer they are about may be wrong, and
// errors and warnings are always printed (docs/cli-syntax.md).
func (g *Global) Report(s *Streams, verb string, lines ...string) {
	for _, line := range lines {
		if !g.Quiet || strings.HasPrefix(line, "warning: ") {
			fmt.Fprintf(s.Err, "custkit: %s: %s\n", verb, line)
		}
	}
}

// Opened are the inputs of a run, closed together.
type Opened []*input.Input

// Close closes every input opened.
func (o *Opened) Close() {
	for _, in := range *o {
		in.Close()
	}
}

// File opens list as kind's input, as an operation takes it, and keeps it
// in o to be closed.
func (o *Opened) File(ctx context.Context, s *Streams, g *Global, f *Inputs, list string, kind schema.Kind) (record.File, error) {
	in, err := f.Open(ctx, s, g, list, kind)
	if err != nil {
		return record.File{}, err
	}
	*o = append(*o, in)
	return record.File{Reader: in.Reader, Binding: in.Binding}, nil
}

// Optional is file for an input that may not be given: nil when list is
// empty.
func (o *Opened) Optional(ctx context.Context, s *Streams, g *Global, f *Inputs, list string, kind schema.Kind) (*record.File, error) {
	if list == "" {
		return nil, nil
	}
	file, err := o.File(ctx, s, g, f, list, kind)
	if err != nil {
		return nil, err
	}
	return &file, nil
}

// RunFiles opens a run's inputs as operations take them, one after
// another, and closes them together (Close). After a failure it opens
// nothing more and err keeps that failure, so that a command asks for all
// its inputs and looks at err once; write and writeSet return it before
// opening any output. lists are the lists opened, which no output may
// overwrite.
type RunFiles struct {
	Opened
	ctx   context.Context
	s     *Streams
	g     *Global
	f     *Inputs
	Lists []string
	Err   error
}

// OpenFiles begins opening the inputs of f for a run (see RunFiles).
func OpenFiles(ctx context.Context, s *Streams, g *Global, f *Inputs) *RunFiles {
	return &RunFiles{ctx: ctx, s: s, g: g, f: f}
}

// File opens list as kind's input (see Opened.File).
func (fs *RunFiles) File(list string, kind schema.Kind) record.File {
	if fs.Err != nil {
		return record.File{}
	}
	fs.Lists = append(fs.Lists, list)
	var file record.File
	file, fs.Err = fs.Opened.File(fs.ctx, fs.s, fs.g, fs.f, list, kind)
	return file
}

// Optional is file for an input that may not be given: nil when list is
// empty or the input could not be opened.
func (fs *RunFiles) Optional(list string, kind schema.Kind) *record.File {
	if list == "" {
		return nil
	}
	if file := fs.File(list, kind); fs.Err == nil {
		return &file
	}
	return nil
}

// Write is Output.Write with the run's inputs, after they opened.
func (fs *RunFiles) Write(out *Output, verb string, fill func(*Target) ([]string, error)) error {
	if fs.Err != nil {
		return fs.Err
	}
	return out.Write(fs.ctx, fs.s, fs.g, verb, fs.Lists, fill)
}

// WriteSet is Output.writeSet with the run's inputs, after they
// opened.
func (fs *RunFiles) WriteSet(out *Output, verb string, sides []SideOutput, fill func(*OutputSet) ([]string, error)) error {
	if fs.Err != nil {
		return fs.Err
	}
	return out.writeSet(fs.ctx, fs.s, fs.g, verb, fs.Lists, sides, fill)
}

// LedgerInputs are the flags ledger and segment share: the files, the
// dates and the store whose sales they count.
type LedgerInputs struct {
	In           Inputs
	Win          Window
	Stores       []string
	KeyNormalize bool
	PerStore     bool // --per-store, of ledger and segment
}

// Register adds the flags of ledger and segment's inputs to cmd.
func (f *LedgerInputs) Register(cmd *cobra.Command) {
	f.In.Register(cmd, NeedCustomers|NeedSales)
	f.Win.Register(cmd)
	cmd.Flags().StringSliceVar(&f.Stores, "store", nil, "count only the sales of store `id`; repeat or use a comma list")
	cmd.Flags().BoolVar(&f.KeyNormalize, "key-normalize", false, "match customer ids after trimming, width folding and dropping leading zeros")
}

// settings turns the flags into the ledger's settings.
func (f *LedgerInputs) settings(now func() time.Time) (ledger.Settings, error) {
	if err := f.In.Require(NeedSales); err != nil {
		return ledger.Settings{}, err
	}
	win, asOf, err := f.Win.Window(now)
	if err != nil {
		return ledger.Settings{}, err
	}
	return ledger.Settings{Filter: record.SaleFilter{Window: win, Stores: f.Stores}, AsOf: asOf, KeyNormalize: f.KeyNormalize, PerStore: f.PerStore}, nil
}

// Write opens the customers file, when given, and the sales file, and
// writes what list makes of them with the flags' settings to out (see
// Output.Write).
func (f *LedgerInputs) Write(ctx context.Context, s *Streams, g *Global, out *Output, verb string, list func(ledger.Input, ledger.Settings, *Target) ([]string, error)) error {
	st, err := f.settings(g.Clock())
	if err != nil {
		return err
	}
	fs := OpenFiles(ctx, s, g, &f.In)
	defer fs.Close()
	in := ledger.Input{Customers: fs.Optional(f.In.Customers, schema.Customers), Sales: fs.File(f.In.Sales, schema.Sales)}
	return fs.Write(out, verb, func(t *Target) ([]string, error) { return list(in, st, t) })
}

// Rows is the side output of flag as operations take it: nil (no sink at
// all) when it was not asked for.
func (set *OutputSet) Rows(flag string) sink.Rows {
	if t := set.Side(flag); t != nil {
		return t
	}
	return nil
}

// Write opens the output the flags describe, has fill write to it,
// commits it and prints the lines fill returns (see report). When fill
// fails, nothing is left at -o.
func (o *Output) Write(ctx context.Context, s *Streams, g *Global, verb string, inputs []string, fill func(*Target) ([]string, error)) error {
	return o.writeSet(ctx, s, g, verb, inputs, nil, func(set *OutputSet) ([]string, error) { return fill(set.Main) })
}

// writeSet is write for a main output with side outputs (see openSet).
func (o *Output) writeSet(ctx context.Context, s *Streams, g *Global, verb string, inputs []string, sides []SideOutput, fill func(*OutputSet) ([]string, error)) error {
	set, err := o.OpenSet(ctx, s, g, inputs, sides...)
	if err != nil {
		return err
	}
	defer set.Abort()
	lines, err := fill(set)
	if err != nil {
		return err
	}
	if err := set.Commit(); err != nil {
		return err
	}
	g.Report(s, verb, lines...)
	return nil
}

// Thresholds are the segment thresholds of the run's config (segment:).
func Thresholds(g *Global) (segment.Thresholds, error) {
	return g.Cfg.Segment.ThresholdsIn(g.Cfg.Path)
}
