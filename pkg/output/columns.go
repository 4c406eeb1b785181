package output

import (
	"strings"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// A column selection (--columns) chooses and orders the columns of an
// output by name: a logical field (customer_id, postal_code: every column
// that holds it, by its name or an alias, as header mapping finds it), a
// column's header name compared as header mapping compares names
// (schema.Normalize), or the name of a column an operation computes
// (visits, spend). It is applied by a writer around the format's writer,
// so every format and every command get the same selection.

// pickColumns finds each name of want in header and returns the columns'
// indices in want's order, each column once. With strict, a name no column
// answers to is a usage error that offers the nearest names; else it is
// passed over (a screen's default columns, of which a command's output
// may lack some).
func pickColumns(header, want []string, aliases map[string]schema.Aliases, strict bool) ([]int, error) {
	taken := make([]bool, len(header))
	norms := make([]string, len(header))
	for i, h := range header {
		norms[i] = schema.Normalize(h)
	}
	var idx []int
	take := func(i int) {
		if !taken[i] {
			taken[i] = true
			idx = append(idx, i)
		}
	}
	for _, name := range want {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if found := columnsNamed(header, norms, name, aliases); len(found) > 0 {
			for _, i := range found {
				take(i)
			}
			continue
		}
		if strict {
			return nil, unknownColumn(name, header)
		}
	}
	return idx, nil
}

// columnsNamed returns the columns of header that name stands for: the
// column of that exact name, else those whose normalised name is name's,
// else those that hold the logical field name.
func columnsNamed(header, norms []string, name string, aliases map[string]schema.Aliases) []int {
	for i, h := range header {
		if h == name {
			return []int{i}
		}
	}
	n := schema.Normalize(name)
	var found []int
	for i := range header {
		if norms[i] == n {
			found = append(found, i)
		}
	}
	if len(found) > 0 {
		return found
	}
	if f, ok := schema.LookupField(name); ok {
		return schema.ColumnsOf(header, f, aliases)
	}
	return nil
}

// unknownColumn is the usage error of a --columns name that no column of
// the output answers to, with the nearest column names and the list.
func unknownColumn(name string, header []string) error {
	n := schema.Normalize(name)
	best, near := -1, ""
	for _, h := range header {
		d := english.Distance(n, schema.Normalize(h))
		if d <= max(2, len([]rune(n))/3) && (best < 0 || d < best) {
			best, near = d, h
		}
	}
	err := usererr.Usagef("--columns: the output has no column %q", name)
	if near != "" {
		err = usererr.Usagef("--columns: the output has no column %q; did you mean %q?", name, near)
	}
	return usererr.WithHint(err, "its columns are %s (a logical field such as customer_id or postal_code names the column that holds it)", strings.Join(header, ", "))
}

// selectWriter writes the chosen columns of each row to the format's
// writer. It has no fast path (sink.Encoder): a selection sees every row.
type selectWriter struct {
	Writer
	want    []string
	aliases map[string]schema.Aliases
	idx     []int
	row     []string
}

// selectNoter is a selectWriter over a printed format, which takes notes
// between its tables (history's card).
type selectNoter struct{ *selectWriter }

func (w selectNoter) Note(line string) error { return w.Writer.(Noter).Note(line) }

// withSelection wraps w in the selection of opts.Columns, if any.
func withSelection(w Writer, opts Options) Writer {
	if len(opts.Columns) == 0 {
		return w
	}
	s := &selectWriter{Writer: w, want: opts.Columns, aliases: opts.ColumnAliases}
	if _, ok := w.(Noter); ok {
		return selectNoter{s}
	}
	return s
}

// Shown returns the columns w writes of a header: the selected ones when
// w selects columns, else header itself; an unknown selected column is
// the error WriteHeader would return.
func Shown(w Writer, header []string) ([]string, error) {
	var s *selectWriter
	switch v := w.(type) {
	case *selectWriter:
		s = v
	case selectNoter:
		s = v.selectWriter
	default:
		return header, nil
	}
	idx, err := pickColumns(header, s.want, s.aliases, true)
	if err != nil {
		return nil, err
	}
	return pick(nil, header, idx), nil
}

func (w *selectWriter) WriteHeader(cols []string) error {
	idx, err := pickColumns(cols, w.want, w.aliases, true)
	if err != nil {
		return err
	}
	w.idx = idx
	return w.Writer.WriteHeader(pick(nil, cols, idx))
}

func (w *selectWriter) Write(row []string) error {
	w.row = pick(w.row[:0], row, w.idx)
	return w.Writer.Write(w.row)
}

// pick appends the cells idx names of row to dst; a row shorter than the
// header gives empty cells.
func pick(dst, row []string, idx []int) []string {
	for _, i := range idx {
		if i < len(row) {
			dst = append(dst, row[i])
		} else {
			dst = append(dst, "")
		}
	}
	return dst
}
