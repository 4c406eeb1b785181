package customer

import (
	"fmt"
	"iter"
	"slices"
)

// Twins counts the distinct customer ids of a sales file that are equal
// to another of its ids after [NormalizeKey] (105 and 000105): without a
// customers file, and without --key-normalize, a command counts them as
// different customers, and says so once.
type Twins struct {
	IDs  int    // ids that share their normalised form with another
	A, B string // an example pair, the first in byte order
}

// FindTwins looks for twins among ids, which it reads twice: first for the
// ids that normalisation changes (none, mostly, and then it is done), then
// for every id whose normalised form is one of theirs. An id given twice
// counts once.
func FindTwins(ids iter.Seq[[]byte]) Twins {
	changed := map[string][]string{}
	for id := range ids {
		if n, ok := NormalizeKey(id); ok {
			changed[string(n)] = nil
		}
	}
	if len(changed) == 0 {
		return Twins{}
	}
	for id := range ids {
		n, _ := NormalizeKey(id)
		if g, ok := changed[string(n)]; ok && !slices.Contains(g, string(id)) {
			changed[string(n)] = append(g, string(id))
		}
	}
	var t Twins
	keys := make([]string, 0, len(changed))
	for k, g := range changed {
		if len(g) > 1 {
			keys = append(keys, k)
			t.IDs += len(g)
		}
	}
	if len(keys) > 0 {
		g := changed[slices.Min(keys)]
		slices.Sort(g)
		t.A, t.B = g[0], g[1]
	}
	return t
}

// Note is the line for standard error, or "" when there are no twins.
func (t Twins) Note() string {
	if t.IDs == 0 {
		return ""
	}
	return fmt.Sprintf("%d customer ids are one id after --key-normalize (e.g. %q ~ %q); give --key-normalize if they are the same customers", t.IDs, t.A, t.B)
}
