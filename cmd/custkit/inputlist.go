package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// This file holds what lets an input flag name several files: the flag
// value that gathers them (repeated flags, comma lists, a list in the
// config file), the expansion of quoted globs, the way the files are read
// as one (rows.Reader.Chain, each later file's columns placed in the first
// file's order), and the rule that a flag which takes one value may not
// be given twice.

// fileList is the value of an input flag that takes several files: every
// --sales given, and every name of a comma list, joined by commas into the
// string the options hold (so that "" is still "not given" and a single
// file is its name).
type fileList struct{ p *string }

func (l fileList) String() string { return *l.p }
func (l fileList) Type() string   { return "stringSlice" }

func (l fileList) Set(v string) error {
	for _, name := range strings.Split(v, ",") {
		if err := l.Append(strings.TrimSpace(name)); err != nil {
			return err
		}
	}
	return nil
}

// Append adds one file name.
func (l fileList) Append(name string) error {
	if name == "" {
		return nil
	}
	if *l.p != "" {
		*l.p += ","
	}
	*l.p += name
	return nil
}

// Replace sets the names.
func (l fileList) Replace(names []string) error {
	*l.p = ""
	for _, n := range names {
		if err := l.Append(n); err != nil {
			return err
		}
	}
	return nil
}

// GetSlice returns the names.
func (l fileList) GetSlice() []string {
	if *l.p == "" {
		return nil
	}
	return strings.Split(*l.p, ",")
}

// expandFiles turns an input flag's value into its files: a comma list of
// names and glob patterns (exports/2024-*.csv, quoted so that custkit, not
// the shell, expands it), each pattern's files in sorted order. A pattern
// that matches nothing is an error naming it.
func expandFiles(list, flag string) ([]string, error) {
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

// placer lays out each later file of kind read with the first file, bound
// as first, in the first file's columns: a column that maps to a field
// goes where the first file has that field, and any other column where
// the first file has a column of the same name. A field one file has and
// the other lacks is an error, for the answer would silently differ
// between the files. keepLines (join and redact, which write the input's
// lines out) makes a column of either file that has no place in the other
// an error too; otherwise such a column, which no operation reads, is
// left out (of a later file) or empty (in its lines).
func (f *inputFlags) placer(g *globalOptions, kind schema.Kind, first *schema.Binding, firstName string) rows.Placer {
	aliases := g.cfg.aliases[kind.Name]
	return func(header []string, next *rows.Reader) ([]int, error) {
		h := next.Header()
		at := func(err error) error { return &rows.Error{File: next.Name(), Line: next.HeaderLine(), Err: err} }
		b, err := kind.Bind(h, aliases)
		if err != nil {
			return nil, usererr.WithHint(at(err), "name the column in the config file: aliases: {%s: {<field>: [<header>]}}", kind.Name)
		}
		remap := make([]int, len(header))
		used := make([]bool, len(h))
		same := len(h) == len(header)
		for j, name := range header {
			src := -1
			if fld := first.FieldOf(j); fld != "" {
				if src = b.Col(fld); src < 0 {
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
				if src < 0 && f.keepLines {
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
				return nil, usererr.WithHint(at(fmt.Errorf("column %q (%s) has no place: %s has no %s column", hn, fld, firstName, fld)),
					"read files of one layout together, or give the file with the most columns first")
			}
			if f.keepLines {
				return nil, usererr.WithHint(at(fmt.Errorf("column %q has no place in the header of %s; the output's header is the first file's", hn, firstName)),
					"read files with the same columns together, or give the file with the most columns first")
			}
			same = false
		}
		if same {
			return nil, nil
		}
		return remap, nil
	}
}

// chainFiles makes in, the first of files, read the others after it, each
// opened when the one before it has been read to the end (and then
// closed), through openSource like every input. place lays out their
// columns; nil asks for the first file's header exactly.
func (f *inputFlags) chainFiles(ctx context.Context, s *streams, g *globalOptions, in *input, files []string, what, kind string, isHeader func([]string) bool, place rows.Placer) {
	in.files = len(files)
	rest := files[1:]
	in.Chain(func() (*rows.Reader, error) {
		if len(rest) == 0 {
			return nil, nil
		}
		if err := in.closeCurrent(); err != nil {
			return nil, err
		}
		next, err := f.openOne(ctx, s, g, rest[0], what, kind, isHeader)
		if err != nil {
			return nil, err
		}
		rest = rest[1:]
		in.current = next
		return next.Reader, nil
	}, place)
}

// closeCurrent closes the file of in being read: in's own, or that of the
// later file of its chain.
func (in *input) closeCurrent() error {
	cur := in.current
	if cur == nil {
		return nil
	}
	in.current = nil
	if cur == in {
		in.bar.Done()
		return in.close()
	}
	return cur.Close()
}

// repeatedError is a flag that takes one value given twice.
type repeatedError struct {
	flag          string
	first, second string
}

func (e *repeatedError) Error() string {
	return fmt.Sprintf("--%s given twice (%q, then %q); it takes one value: give it once", e.flag, e.first, e.second)
}

// onceValue refuses a second, different value for a flag that takes one,
// where pflag would keep the last.
type onceValue struct {
	pflag.Value
	name  string
	set   bool
	first string
}

func (v *onceValue) Set(s string) error {
	if v.set && s != v.first {
		return &repeatedError{flag: v.name, first: v.first, second: s}
	}
	v.set, v.first = true, s
	return v.Value.Set(s)
}

// onceBool is onceValue for a boolean flag, which may be given without a
// value.
type onceBool struct{ *onceValue }

func (onceBool) IsBoolFlag() bool { return true }

// onlyOnce makes every flag of c (and of its subcommands) that takes one
// value a usage error when given twice with different values. List flags
// (--sales, --store, ...) gather every value, and a count flag counts.
func onlyOnce(c *cobra.Command) {
	for _, sub := range c.Commands() {
		onlyOnce(sub)
	}
	wrapFlag := func(fl *pflag.Flag) {
		switch fl.Value.(type) {
		case pflag.SliceValue, *onceValue, onceBool:
			return
		}
		if fl.Value.Type() == "count" {
			return
		}
		ov := &onceValue{Value: fl.Value, name: fl.Name}
		if bv, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && bv.IsBoolFlag() {
			fl.Value = onceBool{ov}
			return
		}
		fl.Value = ov
	}
	c.Flags().VisitAll(wrapFlag)
	c.PersistentFlags().VisitAll(wrapFlag)
}

// asRepeated turns pflag's report of a repeated flag into the plain
// message; other flag errors are returned as they are.
func asRepeated(err error) error {
	var re *repeatedError
	if errors.As(err, &re) {
		return re
	}
	return err
}
