// Package followup is what listing the contacts and the complaints staff
// recorded shares: one pass over the file with its dates typed (Scan,
// Date), the days between two dates, the choice of what a summary counts
// by (Bys), and the summary's groups (Groups): one per key, most first,
// or in key order for months. pkg/complaint and pkg/contact list and count
// their own rows with it.
package followup

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// Scan calls fn with each record of f in file order, in one pass, and
// stops at the first error or when ctx is done.
func Scan(ctx context.Context, f record.File, fn func(*rows.Record) error) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := f.Reader.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// Need refuses the file f when it has no column for field, which an
// answer (a flag, a summary) depends on: every row would count as having
// none. The error is the one a write to the file gives, "f.csv:1: no
// column maps to status (tried ...)", then why ("--open needs it"), and
// a hint naming the config's alias; aliases are the config's for f's
// kind.
func Need(f record.File, field schema.Field, aliases schema.Aliases, why string) error {
	b := f.Binding
	if b.Col(field) >= 0 {
		return nil
	}
	err := record.HeaderError(f.Reader.Name(), b, fmt.Errorf("%w: %s", b.Missing(field, aliases), why))
	return usererr.WithHint(err, "%s", b.AliasHint(field))
}

// Lacks is the warning, for the lines a command prints after its answer,
// that the file f has no column for field, so that the answer, given
// without it, says so once: "warning: f.csv: no column maps to channel
// (tried ...): <consequence>; name the column ..."; "" when f has one.
func Lacks(f record.File, field schema.Field, aliases schema.Aliases, consequence string) string {
	b := f.Binding
	if b.Col(field) >= 0 {
		return ""
	}
	return fmt.Sprintf("warning: %s: %v: %s; %s", f.Reader.Name(), b.Missing(field, aliases), consequence, b.AliasHint(field))
}

// Cell is the trimmed cell of field in rec; "" when the file has no
// column for it.
func Cell(rec *rows.Record, b *schema.Binding, field schema.Field) string {
	return strings.TrimSpace(rec.Field(b.Col(field)))
}

// Date is the date (and time) in the cell of field: zero when the cell is
// empty or the file has no such column, an error naming the file, line,
// column and value when it is not a date.
func Date(rec *rows.Record, f record.File, field schema.Field) (time.Time, error) {
	c := f.Binding.Col(field)
	v := strings.TrimSpace(rec.Field(c))
	if v == "" {
		return time.Time{}, nil
	}
	t, err := parse.Date(v)
	if err != nil {
		return t, &rows.Error{File: rec.In(f.Reader.Name()), Line: rec.Line, Column: f.Binding.Header[c], Value: v, Err: err}
	}
	return t, nil
}

// Days is the number of calendar days from the day of from to the day of
// to (negative when to is earlier).
func Days(from, to time.Time) int {
	f := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	t := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	return int(t.Sub(f).Hours() / 24)
}

// Day writes t as 2026-11-22, and a zero t as "".
func Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Month is the key of t in a summary by month, 2026-11; "" for a zero t.
func Month(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01")
}

// Bys are the names a summary may count by, for one kind of file.
type Bys []string

// Parse reads --by: one of the names, in any case.
func (bs Bys) Parse(s string) (string, error) {
	for _, b := range bs {
		if b == strings.ToLower(strings.TrimSpace(s)) {
			return b, nil
		}
	}
	return "", fmt.Errorf("--by %q: summarise by one of %s", s, strings.Join(bs, ", "))
}

// None is the key of the rows without a value for what a summary counts
// by.
const None = "(none)"

// Groups gathers what a summary counts, one G per key, in the order the
// keys were first seen until Sorted.
type Groups[G any] struct {
	index map[string]int
	keys  []string
	vals  []G
}

// At returns the group of key ("" is None), made empty the first time.
func (gs *Groups[G]) At(key string) *G {
	if key == "" {
		key = None
	}
	if gs.index == nil {
		gs.index = map[string]int{}
	}
	i, ok := gs.index[key]
	if !ok {
		i = len(gs.keys)
		gs.index[key] = i
		gs.keys = append(gs.keys, key)
		var zero G
		gs.vals = append(gs.vals, zero)
	}
	return &gs.vals[i]
}

// Group is one key of a summary and what was counted under it.
type Group[G any] struct {
	Key string
	Val G
}

// Sorted returns the groups: in key order when byKey (months), else the
// largest by size first, then in key order.
func (gs *Groups[G]) Sorted(byKey bool, size func(*G) int) []Group[G] {
	out := make([]Group[G], len(gs.keys))
	for i, k := range gs.keys {
		out[i] = Group[G]{Key: k, Val: gs.vals[i]}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !byKey {
			if a, b := size(&out[i].Val), size(&out[j].Val); a != b {
				return a > b
			}
		}
		return out[i].Key < out[j].Key
	})
	return out
}
