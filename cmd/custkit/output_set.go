package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/outfile"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/usererr"
)

// openSidecar opens a second output beside the main one, such as
// --unmatched or --rejects (its flag), with the main output's encoding,
// formula guard, purpose and expiry and the same refusal to overwrite an
// input. Its format follows its file name's extension; a printed format or
// vCard becomes CSV, since a side file is for programs. An empty path
// gives nil; "-" is standard output only when the main output goes to a
// file, and the main output's own file is refused.
func (o *outputFlags) openSidecar(ctx context.Context, s *cmdutil.Streams, g *globalOptions, flag, path string, inputs ...string) (*target, error) {
	if path == "" {
		return nil, nil
	}
	if path == "-" && !o.toFile() {
		return nil, usererr.Usagef("%s - would mix its rows into the main output on standard output; give it a file, or write the main output with -o", flag)
	}
	if o.toFile() && outfile.SameFile(path, o.path) {
		return nil, usererr.Usagef("%s and -o both name %s; give each its own file", flag, path)
	}
	side := *o
	side.path, side.format, side.reveal, side.sidecar = path, "", false, flag
	side.columns, side.wide = nil, false // --columns chooses the main output's columns
	if format, _ := side.resolveFormat(s); format.Printed() || format == output.VCard {
		side.format = string(output.CSV)
	}
	return side.open(ctx, s, g, inputs...)
}

// sideOutput names a side output a command may write beside its main one:
// its flag (--unmatched, --rejects, --dedupe-report) and the path given to
// it, "" when it was not asked for.
type sideOutput struct {
	flag, path string
}

// outputSet is a command's main output and the side outputs beside it.
// They are opened together, made visible together by Commit and removed
// together by Abort, so that a failed run leaves none of them.
type outputSet struct {
	main  *target
	sides map[string]*target // by flag; only those asked for
	order []*target          // the side outputs in the order they were opened
}

// openSet opens the main output and then each side output that was asked
// for (see openSidecar); inputs are the command's input paths, which none
// of them may overwrite. On failure, whatever was opened is removed.
func (o *outputFlags) openSet(ctx context.Context, s *cmdutil.Streams, g *globalOptions, inputs []string, sides ...sideOutput) (*outputSet, error) {
	main, err := o.open(ctx, s, g, inputs...)
	if err != nil {
		return nil, err
	}
	set := &outputSet{main: main, sides: map[string]*target{}}
	for _, sd := range sides {
		t, err := o.openSidecar(ctx, s, g, sd.flag, sd.path, inputs...)
		if err != nil {
			set.Abort()
			return nil, err
		}
		if t != nil {
			set.sides[sd.flag] = t
			set.order = append(set.order, t)
		}
	}
	return set, nil
}

// side is the side output of flag; nil when it was not asked for.
func (set *outputSet) side(flag string) *target { return set.sides[flag] }

// Commit makes the side outputs and then the main output visible: when
// the main output is there, so is every side output that was asked for.
func (set *outputSet) Commit() error {
	for _, t := range set.order {
		if err := t.Commit(); err != nil {
			return err
		}
	}
	return set.main.Commit()
}

// Abort removes every output not yet committed; it is safe to defer.
func (set *outputSet) Abort() {
	for _, t := range set.order {
		t.Abort()
	}
	set.main.Abort()
}
