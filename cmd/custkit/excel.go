package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// headerRowOf reads --header-row for a file of the kind called kind: "3"
// is line 3 of every input, "customers=3,sales=1" names the line per kind
// of file; 0 (the default) finds the header. kind "" is a file of any
// kind (redact's), which only a plain number applies to.
func headerRowOf(spec, kind string) (int, error) {
	if spec == "" {
		return 0, nil
	}
	row := 0
	for _, part := range strings.Split(spec, ",") {
		k, n, named := strings.Cut(strings.TrimSpace(part), "=")
		if !named {
			k, n = "", k
		} else if _, ok := schema.KindByName(k); !ok {
			return 0, usererr.Usagef("--header-row: %q is not a kind of file; use customers, sales, contacts or complaints (customers=3)", k)
		}
		line, err := strconv.Atoi(n)
		if err != nil || line < 1 {
			return 0, usererr.Usagef("--header-row: %q is not a line number; give the header's line, 1 or more, as N or kind=N (customers=3)", n)
		}
		if k == "" || k == kind {
			row = line
		}
	}
	return row, nil
}

// noteInputs prints, once a command has succeeded, one line about each
// input it read whose header was not on line 1 or which had rows skipped
// (empty rows, the header repeated), so that no row is left out
// silently. -q prints nothing.
func noteInputs(s *streams, g *globalOptions) {
	if g.quiet {
		return
	}
	for _, in := range g.opened {
		if in.files > 1 {
			kind := in.kind
			if kind == "" {
				kind = "input"
			}
			fmt.Fprintf(s.err, "custkit: read %d %s files, from %s on\n", in.files, kind, in.Name())
		}
		notes := append(in.Notes(), bindingNotes(in.Binding)...)
		if len(notes) > 0 {
			fmt.Fprintf(s.err, "custkit: %s: %s\n", in.Name(), strings.Join(notes, "; "))
		}
	}
}

// bindingNotes are what a run chose about one input's columns: the known
// layout it read the file as, and spend computed from unit prices.
func bindingNotes(b *schema.Binding) []string {
	if b == nil {
		return nil
	}
	var notes []string
	if b.Layout != nil {
		notes = append(notes, "read as the "+b.Layout.Name+" layout")
	}
	if b.Priced != nil && b.Priced.Load() {
		notes = append(notes, "no amount column: spend is quantity × unit price")
	}
	return notes
}
