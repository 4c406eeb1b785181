package cmdutil

import (
	"context"

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
func (o *Output) openSidecar(ctx context.Context, s *Streams, g *Global, flag, path string, inputs ...string) (*Target, error) {
	if path == "" {
		return nil, nil
	}
	if path == "-" && !o.ToFile() {
		return nil, usererr.Usagef("%s - would mix its rows into the main output on standard output; give it a file, or write the main output with -o", flag)
	}
	if o.ToFile() && outfile.SameFile(path, o.Path) {
		return nil, usererr.Usagef("%s and -o both name %s; give each its own file", flag, path)
	}
	side := *o
	side.Path, side.Format, side.Reveal, side.sidecar = path, "", false, flag
	side.Columns, side.Wide = nil, false // --columns chooses the main output's columns
	if format, _ := side.ResolveFormat(s); format.Printed() || format == output.VCard {
		side.Format = string(output.CSV)
	}
	return side.Open(ctx, s, g, inputs...)
}

// SideOutput names a side output a command may write beside its main one:
// its flag (--unmatched, --rejects, --dedupe-report) and the path given to
// it, "" when it was not asked for.
type SideOutput struct {
	Flag, Path string
}

// OutputSet is a command's main output and the side outputs beside it.
// They are opened together, made visible together by Commit and removed
// together by Abort, so that a failed run leaves none of them.
type OutputSet struct {
	Main  *Target
	sides map[string]*Target // by flag; only those asked for
	order []*Target          // the side outputs in the order they were opened
}

// OpenSet opens the main output and then each side output that was asked
// for (see openSidecar); inputs are the command's input paths, which none
// of them may overwrite. On failure, whatever was opened is removed.
func (o *Output) OpenSet(ctx context.Context, s *Streams, g *Global, inputs []string, sides ...SideOutput) (*OutputSet, error) {
	main, err := o.Open(ctx, s, g, inputs...)
	if err != nil {
		return nil, err
	}
	set := &OutputSet{Main: main, sides: map[string]*Target{}}
	for _, sd := range sides {
		t, err := o.openSidecar(ctx, s, g, sd.Flag, sd.Path, inputs...)
		if err != nil {
			set.Abort()
			return nil, err
		}
		if t != nil {
			set.sides[sd.Flag] = t
			set.order = append(set.order, t)
		}
	}
	return set, nil
}

// Side is the side output of flag; nil when it was not asked for.
func (set *OutputSet) Side(flag string) *Target { return set.sides[flag] }

// Commit makes the side outputs and then the main output visible: when
// the main output is there, so is every side output that was asked for.
func (set *OutputSet) Commit() error {
	for _, t := range set.order {
		if err := t.Commit(); err != nil {
			return err
		}
	}
	return set.Main.Commit()
}

// Abort removes every output not yet committed; it is safe to defer.
func (set *OutputSet) Abort() {
	for _, t := range set.order {
		t.Abort()
	}
	set.Main.Abort()
}
