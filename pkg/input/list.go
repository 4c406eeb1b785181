package input

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// This file holds what lets an input name several files: the flag value
// that gathers them (repeated flags, comma lists, a list in the config
// file), the expansion of quoted globs, and the way the files are read as
// one (rows.Reader.Chain, each later file's columns placed in the first
// file's order).

// FileList is the value of an input flag that takes several files: every
// --sales given, and every name of a comma list, joined by commas into the
// string it points to (so that "" is still "not given" and a single file
// is its name). It is a pflag.SliceValue.
type FileList struct{ P *string }

// String returns the names, joined by commas.
func (l FileList) String() string { return *l.P }

// Type names the value in help texts.
func (l FileList) Type() string { return "stringSlice" }

// Set adds the names of a comma list.
func (l FileList) Set(v string) error {
	for _, name := range strings.Split(v, ",") {
		if err := l.Append(strings.TrimSpace(name)); err != nil {
			return err
		}
	}
	return nil
}

// Append adds one file name.
func (l FileList) Append(name string) error {
	if name == "" {
		return nil
	}
	if *l.P != "" {
		*l.P += ","
	}
	*l.P += name
	return nil
}

// Replace sets the names.
func (l FileList) Replace(names []string) error {
	*l.P = ""
	for _, n := range names {
		if err := l.Append(n); err != nil {
			return err
		}
	}
	return nil
}

// GetSlice returns the names.
func (l FileList) GetSlice() []string {
	if *l.P == "" {
		return nil
	}
	return strings.Split(*l.P, ",")
}

// ExpandFiles turns an input flag's value into its files: a comma list of
// names and glob patterns (exports/2024-*.csv, quoted so that custkit, not
// the shell, expands it), each pattern's files in sorted order. A pattern
// that matches nothing is an error naming it.
func ExpandFiles(list, flag string) ([]string, error) {
	var files []string
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if name == "-" || !strings.ContainsAny(name, "*?[") {
			files = append(files, name)
			continue
		}
		if _, err := os.Lstat(name); err == nil {
			files = append(files, name) // a file whose name holds * or [
			continue
		}
		matches, err := filepath.Glob(name)
		if err != nil {
			return nil, usererr.Usagef("--%s: %q is not a valid pattern: %v", flag, name, err)
		}
		if len(matches) == 0 {
			return nil, usererr.WithHint(fmt.Errorf("--%s: no file matches %q", flag, name), "check the pattern given to --%s (or %s: in the config file); a relative pattern in the config file is relative to the config's directory", flag, flag)
		}
		sort.Strings(matches)
		files = append(files, matches...)
	}
	return files, nil
}

// PatternOf is a glob pattern that ExpandFiles turns into files and no
// other file, for a hint that says how to quote what the shell expanded:
// dir/*.csv where it will do, else the parts the names share around a *
// (reg/sales-2026-*.csv); "" when there is none (files in directories of
// different depths, a name that holds a pattern character).
func PatternOf(files []string) string {
	if len(files) < 2 {
		return ""
	}
	var parts [][]string
	for _, f := range files {
		if strings.ContainsAny(f, "*?[\\,") {
			return ""
		}
		p := strings.Split(filepath.ToSlash(f), "/")
		if len(parts) > 0 && len(p) != len(parts[0]) {
			return ""
		}
		parts = append(parts, p)
	}
	for _, shared := range []bool{false, true} {
		pattern := make([]string, len(parts[0]))
		for i := range pattern {
			pattern[i] = componentPattern(parts, i, shared)
		}
		if p := filepath.FromSlash(strings.Join(pattern, "/")); globIs(p, files) {
			return p
		}
	}
	return ""
}

// componentPattern is the pattern of the i-th path component of parts:
// the component when all share it, else * with the extension all the
// last components share or, when shared, with all that their names share
// at either end.
func componentPattern(parts [][]string, i int, shared bool) string {
	first := parts[0][i]
	prefix, suffix := first, first
	for _, p := range parts[1:] {
		c := p[i]
		for !strings.HasPrefix(c, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
		for !strings.HasSuffix(c, suffix) {
			suffix = suffix[1:]
		}
	}
	if prefix == first && suffix == first {
		return first // the same in every path
	}
	for !utf8.ValidString(prefix) {
		prefix = prefix[:len(prefix)-1] // not in the middle of a character
	}
	for suffix != "" && !utf8.RuneStart(suffix[0]) {
		suffix = suffix[1:]
	}
	if !shared {
		prefix, suffix = "", ""
		if last := i == len(parts[0])-1; last {
			suffix = filepath.Ext(first)
			for _, p := range parts[1:] {
				if filepath.Ext(p[i]) != suffix {
					suffix = ""
				}
			}
		}
	}
	for _, p := range parts {
		if len(prefix)+len(suffix) > len(p[i]) {
			suffix = "" // the shared ends overlap in the shortest name
		}
	}
	return prefix + "*" + suffix
}

// globIs reports whether pattern matches exactly files.
func globIs(pattern string, files []string) bool {
	matches, err := filepath.Glob(pattern)
	if err != nil || len(matches) != len(files) {
		return false
	}
	want := make([]string, len(files))
	for i, f := range files {
		want[i] = filepath.Clean(f)
	}
	sort.Strings(want)
	for i, m := range matches {
		if filepath.Clean(m) != want[i] {
			return false
		}
	}
	return true
}

// placer lays out each later file of kind read with the first file, bound
// as first, in the first file's columns: a column that maps to a field
// goes where the first file has that field, and any other column where
// the first file has a column of the same name.
//
// Sales files are read each under its own binding (record.PerFile): the
// later file's binding, laid out as its records are (placed), is attached
// to the file (rows.Reader.SetMeta) and reaches every block of it. So
// files of different layouts are read together, each line's void and
// kind values, amount basis and time of sale read by its own file's
// columns: a field the first file lacks is placed after the first file's
// columns, and a field the later file lacks reads as empty in its lines
// (a command that needs it says so, naming the file; see record.PerFile).
//
// Files of the other kinds, whose operations read every file through the
// first file's binding, and files whose lines are written out as they are
// (KeepLines: join and redact) must map the same fields: a field one file
// has and the other lacks is an error, for the answer would silently
// differ between the files. KeepLines makes a column of either file that
// has no place in the other an error too; otherwise such a column, which
// no operation reads, is left out (of a later file) or empty (in its
// lines).
func (o *Opener) placer(kind schema.Kind, first *schema.Binding, firstName string, parts *[]part) rows.Placer {
	aliases := o.opts.Aliases[kind.Name]
	own := kind.Name == schema.Sales.Name && !o.opts.KeepLines
	return func(header []string, next *rows.Reader) ([]int, error) {
		h := next.Header()
		at := func(err error) error { return &rows.Error{File: next.Name(), Line: next.HeaderLine(), Err: err} }
		b, err := kind.Bind(h, aliases)
		if err != nil {
			return nil, bindHint(at(err).(*rows.Error), kind)
		}
		b.Basis = o.opts.Basis
		b.ExcelSerial = o.opts.ExcelSerial
		b.Line = next.HeaderLine()
		if b.Receipts = first.Receipts; b.Receipts != nil {
			// Named before its first block is read: the later file of a
			// pair is the one read later.
			b.Receipts.File(next.Name())
		}
		if c := b.KeepTogether(); c >= 0 {
			next.KeepTogether(c) // its own column, not the first file's
		}
		next.SkipTotals(b.TotalsRow()) // its own columns too
		remap := make([]int, len(header))
		used := make([]bool, len(h))
		same := len(h) == len(header)
		for j, name := range header {
			src := -1
			if fld := first.FieldOf(j); fld != "" {
				if src = b.Col(fld); src < 0 && !own {
					return nil, usererr.WithHint(at(fmt.Errorf("no column maps to %s, which %s has (%q)", fld, firstName, name)),
						"read files of one layout together, or name the column in the config file: aliases: {%s: {%s: [<header>]}}", kind.Name, fld)
				}
			} else {
				for i, hn := range h {
					if !used[i] && b.FieldOf(i) == "" && schema.Normalize(hn) == schema.Normalize(name) {
						src = i
						break
					}
				}
				if src < 0 && o.opts.KeepLines {
					return nil, usererr.WithHint(at(fmt.Errorf("has no column %q, which %s has; the output's header is the first file's", name, firstName)),
						"read files with the same columns together, or add the column to this file")
				}
			}
			remap[j] = src
			if src >= 0 {
				used[src] = true
			}
			same = same && src == j
		}
		for i, hn := range h {
			if used[i] {
				continue
			}
			if fld := b.FieldOf(i); fld != "" {
				if own {
					remap = append(remap, i) // after the first file's columns
					same = false
					continue
				}
				return nil, usererr.WithHint(at(fmt.Errorf("column %q (%s) has no place: %s has no %s column", hn, fld, firstName, fld)),
					"read files of one layout together, or give the file with the most columns first")
			}
			if o.opts.KeepLines {
				return nil, usererr.WithHint(at(fmt.Errorf("column %q has no place in the header of %s; the output's header is the first file's", hn, firstName)),
					"read files with the same columns together, or give the file with the most columns first")
			}
			same = false
		}
		if same {
			remap = nil
		}
		if own {
			pb := placed(b, remap)
			next.SetMeta(pb)
			*parts = append(*parts, part{name: next.Name(), binding: pb})
		}
		return remap, nil
	}
}

// part is a later file of a chained input read under its own binding.
type part struct {
	name    string
	binding *schema.Binding
}

// placed is b, the binding of a later file's own header, laid out as its
// records are after remap (nil: as they stand): each field at the column
// of the placed record that holds it. The header names of the placed
// columns are the later file's, so that messages name its columns.
func placed(b *schema.Binding, remap []int) *schema.Binding {
	if remap == nil {
		return b
	}
	p := *b
	p.Header = make([]string, len(remap))
	p.Index = make(map[schema.Field]int, len(b.Index))
	p.Unknown = nil
	for j, src := range remap {
		if src < 0 {
			p.Unknown = append(p.Unknown, j)
			continue
		}
		p.Header[j] = b.Header[src]
		if f := b.FieldOf(src); f != "" {
			p.Index[f] = j
		} else {
			p.Unknown = append(p.Unknown, j)
		}
	}
	return &p
}

// chainFiles makes in, the first of files, read the others after it, each
// opened when the one before it has been read to the end (and then
// closed), through openSource like every input. place lays out their
// columns; nil asks for the first file's header exactly.
func (o *Opener) chainFiles(ctx context.Context, in *Input, files []string, what, kind string, isHeader func([]string) bool, place rows.Placer) {
	in.files = len(files)
	rest := files[1:]
	in.Chain(func() (*rows.Reader, error) {
		if len(rest) == 0 {
			return nil, nil
		}
		if err := in.closeCurrent(); err != nil {
			return nil, err
		}
		next, err := o.openOne(ctx, rest[0], what, kind, isHeader)
		if err != nil {
			return nil, err
		}
		rest = rest[1:]
		in.current = next
		return next.Reader, nil
	}, place)
}
