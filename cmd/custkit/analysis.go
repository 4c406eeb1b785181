package main

import (
	"context"
	"fmt"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
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

// report prints an operation's summary lines on standard error, each after
// "custkit: <verb>: ", unless -q.
func (g *globalOptions) report(s *cmdutil.Streams, verb string, lines ...string) {
	if g.quiet {
		return
	}
	for _, line := range lines {
		fmt.Fprintf(s.Err, "custkit: %s: %s\n", verb, line)
	}
}

// opened are the inputs of a run, closed together.
type opened []*input.Input

// Close closes every input opened.
func (o *opened) Close() {
	for _, in := range *o {
		in.Close()
	}
}

// file opens list as kind's input, as an operation takes it, and keeps it
// in o to be closed.
func (o *opened) file(ctx context.Context, s *cmdutil.Streams, g *globalOptions, f *inputFlags, list string, kind schema.Kind) (record.File, error) {
	in, err := f.open(ctx, s, g, list, kind)
	if err != nil {
		return record.File{}, err
	}
	*o = append(*o, in)
	return record.File{Reader: in.Reader, Binding: in.Binding}, nil
}

// optional is file for an input that may not be given: nil when list is
// empty.
func (o *opened) optional(ctx context.Context, s *cmdutil.Streams, g *globalOptions, f *inputFlags, list string, kind schema.Kind) (*record.File, error) {
	if list == "" {
		return nil, nil
	}
	file, err := o.file(ctx, s, g, f, list, kind)
	if err != nil {
		return nil, err
	}
	return &file, nil
}

// runFiles opens a run's inputs as operations take them, one after
// another, and closes them together (Close). After a failure it opens
// nothing more and err keeps that failure, so that a command asks for all
// its inputs and looks at err once; write and writeSet return it before
// opening any output. lists are the lists opened, which no output may
// overwrite.
type runFiles struct {
	opened
	ctx   context.Context
	s     *cmdutil.Streams
	g     *globalOptions
	f     *inputFlags
	lists []string
	err   error
}

func openFiles(ctx context.Context, s *cmdutil.Streams, g *globalOptions, f *inputFlags) *runFiles {
	return &runFiles{ctx: ctx, s: s, g: g, f: f}
}

// file opens list as kind's input (see opened.file).
func (fs *runFiles) file(list string, kind schema.Kind) record.File {
	if fs.err != nil {
		return record.File{}
	}
	fs.lists = append(fs.lists, list)
	var file record.File
	file, fs.err = fs.opened.file(fs.ctx, fs.s, fs.g, fs.f, list, kind)
	return file
}

// optional is file for an input that may not be given: nil when list is
// empty or the input could not be opened.
func (fs *runFiles) optional(list string, kind schema.Kind) *record.File {
	if list == "" {
		return nil
	}
	if file := fs.file(list, kind); fs.err == nil {
		return &file
	}
	return nil
}

// write is outputFlags.write with the run's inputs, after they opened.
func (fs *runFiles) write(out *outputFlags, verb string, fill func(*target) ([]string, error)) error {
	if fs.err != nil {
		return fs.err
	}
	return out.write(fs.ctx, fs.s, fs.g, verb, fs.lists, fill)
}

// writeSet is outputFlags.writeSet with the run's inputs, after they
// opened.
func (fs *runFiles) writeSet(out *outputFlags, verb string, sides []sideOutput, fill func(*outputSet) ([]string, error)) error {
	if fs.err != nil {
		return fs.err
	}
	return out.writeSet(fs.ctx, fs.s, fs.g, verb, fs.lists, sides, fill)
}

// ledgerInputs are the flags ledger and segment share: the files, the
// dates and the store whose sales they count.
type ledgerInputs struct {
	in           inputFlags
	win          cmdutil.Window
	stores       []string
	keyNormalize bool
	perStore     bool // --per-store, of ledger and segment
}

func (f *ledgerInputs) register(cmd *cobra.Command) {
	f.in.register(cmd, needCustomers|needSales)
	f.win.Register(cmd)
	cmd.Flags().StringSliceVar(&f.stores, "store", nil, "count only the sales of store `id`; repeat or use a comma list")
	cmd.Flags().BoolVar(&f.keyNormalize, "key-normalize", false, "match customer ids after trimming, width folding and dropping leading zeros")
}

// settings turns the flags into the ledger's settings.
func (f *ledgerInputs) settings(now func() time.Time) (ledger.Settings, error) {
	if err := f.in.require(needSales); err != nil {
		return ledger.Settings{}, err
	}
	win, asOf, err := f.win.Window(now)
	if err != nil {
		return ledger.Settings{}, err
	}
	return ledger.Settings{Filter: record.SaleFilter{Window: win, Stores: f.stores}, AsOf: asOf, KeyNormalize: f.keyNormalize, PerStore: f.perStore}, nil
}

// write opens the customers file, when given, and the sales file, and
// writes what list makes of them with the flags' settings to out (see
// outputFlags.write).
func (f *ledgerInputs) write(ctx context.Context, s *cmdutil.Streams, g *globalOptions, out *outputFlags, verb string, list func(ledger.Input, ledger.Settings, *target) ([]string, error)) error {
	st, err := f.settings(g.clock())
	if err != nil {
		return err
	}
	fs := openFiles(ctx, s, g, &f.in)
	defer fs.Close()
	in := ledger.Input{Customers: fs.optional(f.in.customers, schema.Customers), Sales: fs.file(f.in.sales, schema.Sales)}
	return fs.write(out, verb, func(t *target) ([]string, error) { return list(in, st, t) })
}

// rows is the side output of flag as operations take it: nil (no sink at
// all) when it was not asked for.
func (set *outputSet) rows(flag string) sink.Rows {
	if t := set.side(flag); t != nil {
		return t
	}
	return nil
}

// write opens the output the flags describe, has fill write to it,
// commits it and prints the lines fill returns (see report). When fill
// fails, nothing is left at -o.
func (o *outputFlags) write(ctx context.Context, s *cmdutil.Streams, g *globalOptions, verb string, inputs []string, fill func(*target) ([]string, error)) error {
	return o.writeSet(ctx, s, g, verb, inputs, nil, func(set *outputSet) ([]string, error) { return fill(set.main) })
}

// writeSet is write for a main output with side outputs (see openSet).
func (o *outputFlags) writeSet(ctx context.Context, s *cmdutil.Streams, g *globalOptions, verb string, inputs []string, sides []sideOutput, fill func(*outputSet) ([]string, error)) error {
	set, err := o.openSet(ctx, s, g, inputs, sides...)
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
	g.report(s, verb, lines...)
	return nil
}

// thresholds are the segment thresholds of the run's config (segment:).
func thresholds(g *globalOptions) (segment.Thresholds, error) {
	return g.cfg.Segment.ThresholdsIn(g.cfg.file)
}
