package input

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/rows"
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
		notes := append(in.Notes(), bindingNotes(in.Binding, in.Name())...)
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
		for _, p := range in.parts {
			if notes := append(bindingNotes(p.binding, p.name), lacking(in.Binding, p.binding)...); len(notes) > 0 {
				lines = append(lines, fmt.Sprintf("%s: %s", p.name, strings.Join(notes, "; ")))
			}
		}
	}
	return lines
}

// lacking says which fields of the first file a later one, read under its
// own binding, has no column for: its lines leave them empty (a command
// that needs one refuses the file), so that a column only shown, such as
// a store, is not missing from some lines silently.
func lacking(first, b *schema.Binding) []string {
	var miss []string
	for _, f := range schema.SortedFields(first.Index) {
		// A date column holds the time when there is no time column; a
		// missing amount is the note on spend from unit prices.
		explained := f == schema.SoldTime || f == b.SpendField() && b.Priced != nil && b.Priced.Load()
		if b.Col(f) < 0 && !explained {
			miss = append(miss, string(f))
		}
	}
	if len(miss) == 0 {
		return nil
	}
	return []string{"no " + strings.Join(miss, ", ") + " column: empty in its lines"}
}

// bindingNotes are what a run chose about one input's columns: the known
// layout it read the file as, spend computed from unit prices, and the
// lines of the file named file whose empty quantity or amount the sums
// took a default that changes nothing for (the warnings are
// blankWarnings').
func bindingNotes(b *schema.Binding, file string) []string {
	if b == nil {
		return nil
	}
	var notes []string
	if b.Layout != nil {
		notes = append(notes, b.Layout.Note())
	}
	if b.Priced != nil && b.Priced.Load() {
		notes = append(notes, "no amount column: spend is quantity × unit price")
	}
	return append(notes, blankNotes(b.Blanks, file, false)...)
}

// blankNotes says, for the lines a command prints about the file named
// file once it has read it, how many lines of each kind of b it summed,
// the first, and what they were counted as (BlankNote): the kinds that
// are warnings (warn), or the others.
func blankNotes(b *schema.Blanks, file string, warn bool) []string {
	if b == nil {
		return nil
	}
	var notes []string
	for _, k := range b.List() {
		if k.Warn != warn {
			continue
		}
		if n := BlankNote(k, file); n != "" {
			notes = append(notes, n)
		}
	}
	return notes
}

// blankWarnings are the lines, each naming the file, of the empty cells
// of the file named file read under b that the sums counted as something
// a shop would not have meant (a quantity of 1, an amount of 0).
func blankWarnings(b *schema.Binding, file string) []string {
	if b == nil {
		return nil
	}
	var lines []string
	for _, n := range blankNotes(b.Blanks, file, true) {
		lines = append(lines, file+": "+n)
	}
	return lines
}

// BlankNote says how many lines of the file named file have the empty
// cell k, the first, and what they were counted as; "" if none:
//
//	warning: 1 line has no quantity (line 4): counted as 1
//	2 lines have no amount (first on line 5): counted as quantity × unit price
//	warning: 12 lines have no amount (first on line 3): counted as 0
func BlankNote(k schema.Blank, file string) string {
	n := k.Lines.Len()
	if n == 0 {
		return ""
	}
	warn := ""
	if k.Warn {
		warn = "warning: "
	}
	line := rows.LineOf(file, k.Lines.First())
	if n == 1 {
		return fmt.Sprintf("%s1 line has %s (line %d): counted as %s", warn, k.What, line, k.As)
	}
	return fmt.Sprintf("%s%d lines have %s (first on line %d): counted as %s", warn, n, k.What, line, k.As)
}

// Warnings are the lines to print once a command has succeeded, with -q
// too, as the answer they are about may be wrong: a contacts or complaints
// file whose last append was stopped part way (unfinishedAppend), the empty quantity and
// amount cells of each file counted as 1 and 0 (blankWarnings), and for
// each two sales files of the run that both hold a receipt (an export
// whose period overlaps another's), one such receipt, as its sales were
// counted twice (overlap.Pair.Warning).
func (o *Opener) Warnings() []string {
	var lines []string
	for _, in := range o.opened {
		if in.unfinished != "" {
			lines = append(lines, fmt.Sprintf("warning: %s: a write to it was stopped part way (%s is left): its last row may be only a part of one until the next contact add or complaint add to it cuts that part", in.Name(), in.unfinished))
		}
		lines = append(lines, blankWarnings(in.Binding, in.Name())...)
		for _, p := range in.parts {
			lines = append(lines, blankWarnings(p.binding, p.name)...)
		}
	}
	if o.receipts == nil {
		return lines
	}
	for _, p := range o.receipts.Pairs() {
		lines = append(lines, p.Warning())
	}
	return lines
}
