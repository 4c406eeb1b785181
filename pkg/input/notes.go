package input

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/schema"
)

// Notes are the lines to print, once a command has succeeded, about the
// inputs o opened, in the order they were opened: the number of files of
// an input read from several, and for each file whose header was not on
// line 1 or which had rows skipped (empty rows, the header repeated), or
// which was read as a known layout, what was done, so that no row is left
// out silently.
func (o *Opener) Notes() []string {
	var lines []string
	for _, in := range o.opened {
		if in.files > 1 {
			kind := in.kind
			if kind == "" {
				kind = "input"
			}
			lines = append(lines, fmt.Sprintf("read %d %s files, from %s on", in.files, kind, in.Name()))
		}
		notes := append(in.Notes(), bindingNotes(in.Binding)...)
		if in.sheet != "" {
			// The summary names the sheet read, which was picked.
			line := "read " + in.Name()
			if len(notes) > 0 {
				line += ": " + strings.Join(notes, "; ")
			}
			lines = append(lines, line)
		} else if len(notes) > 0 {
			lines = append(lines, fmt.Sprintf("%s: %s", in.Name(), strings.Join(notes, "; ")))
		}
	}
	return lines
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
