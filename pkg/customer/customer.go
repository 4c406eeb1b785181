// Package customer holds what operations know of the customers file. [Load]
// reads it into an [Index], one entry per customer keyed by customer id
// (the join, ledger, segment and purge look customers up in it), with
// [NormalizeKey] as the one rule for --key-normalize and [ErrEmptyID] and
// [DuplicateIDError] as the errors of a bad id. [Select] streams the file
// once and keeps only the rows an operation asks for, [Layout] shapes
// output rows as a customer's own columns followed by the columns the
// operation computed, and [Listing] does so for every customer of an Index.
//
// It serves the commands whose output is "customers, with something about
// each" (buyers, history, ledger, segment): their rows keep the customers
// file's column names, so that their output is valid customers input for the
// next command in a pipe.
package customer

import (
	"context"
	"fmt"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Row is one customer's row of the customers file.
type Row struct {
	Key    string   // the customer id as matched (normalised with KeyNormalize)
	File   string   // the customers file the row is in
	Line   int      // line in that file
	Fields []string // every column, as written
}

// SelectOptions configure Select.
type SelectOptions struct {
	// KeyNormalize matches ids after [NormalizeKey].
	KeyNormalize bool
	// Workers is the number of blocks parsed at once; 0 means one per CPU.
	Workers int
}

// Select reads the customers file r (bound as b) and returns, in file
// order, the rows whose key want accepts; want must be safe for concurrent
// use. A wanted id that appears twice is an error naming both lines. Memory
// follows the rows returned, not the file.
func Select(ctx context.Context, r *rows.Reader, b *schema.Binding, want func(key []byte) bool, opts SelectOptions) ([]Row, error) {
	idCol := b.Col(schema.CustomerID)
	workers := opts.Workers
	if workers == 0 {
		workers = rows.Workers()
	}
	var out []Row
	first := map[string]Row{}
	err := rows.EachBlock(ctx, r, workers, func(blk *rows.Block) ([]Row, error) {
		var found []Row
		// Only the id decides: the other fields are split for the rows
		// wanted, most often a few of many.
		err := blk.EachPrefix(idCol+1, func(rec *rows.Record) error {
			key := rec.Fields[idCol]
			if opts.KeyNormalize {
				key, _ = NormalizeKey(key)
			}
			if len(key) == 0 || !want(key) {
				return nil
			}
			rec.Extend(len(b.Header))
			fields := make([]string, len(rec.Fields))
			for i, f := range rec.Fields {
				fields[i] = string(f)
			}
			found = append(found, Row{Key: string(key), File: rec.In(r.Name()), Line: rec.Line, Fields: fields})
			return nil
		})
		blk.Release()
		return found, err
	}, func(found []Row) error {
		for _, row := range found {
			if prev, dup := first[row.Key]; dup {
				derr := &DuplicateIDError{First: prev.Line}
				if prev.File != row.File {
					derr.FirstFile = prev.File
				}
				if row.Key != row.Fields[idCol] {
					derr.As = row.Key
				}
				return &rows.Error{File: row.File, Line: row.Line, Column: r.Header()[idCol], Value: row.Fields[idCol], Err: derr}
			}
			first[row.Key] = Row{File: row.File, Line: row.Line}
		}
		out = append(out, found...)
		return nil
	})
	return out, err
}

// Layout is the header of rows made of a customer's columns followed by
// computed columns.
type Layout struct {
	Header []string
	keep   []int // the customer columns kept, in order
	// Replaced are the customer columns left out for a computed one.
	Replaced []Replaced
}

// Replaced is a customer column that a computed column replaces.
type Replaced struct {
	Column   string // as the customers file's header writes it
	Computed string
}

// NewLayout lays out the customer columns of header followed by computed.
// A customer column with the same name as a computed one (compared as
// header names are, see [schema.Normalize]) is left out: it holds the value
// an earlier run computed, and the new value replaces it. So a command's
// output can be read back as customers input and go through it again with
// the same columns. Such columns are listed in Replaced, for [Layout.Notes].
func NewLayout(header, computed []string) Layout {
	taken := map[string]string{}
	for _, c := range computed {
		taken[schema.Normalize(c)] = c
	}
	var l Layout
	for i, h := range header {
		if c, ok := taken[schema.Normalize(h)]; ok {
			l.Replaced = append(l.Replaced, Replaced{Column: h, Computed: c})
			continue
		}
		l.keep = append(l.keep, i)
		l.Header = append(l.Header, h)
	}
	l.Header = append(l.Header, computed...)
	return l
}

// Notes are the warnings for standard error about the Replaced columns
// of the customers file named file, one line per column: a value the file
// holds is not shown, and the user is told so.
func (l Layout) Notes(file string) []string {
	var lines []string
	for _, r := range l.Replaced {
		lines = append(lines, fmt.Sprintf("warning: %s: column %q is replaced by the computed %s (rename it to keep it)", file, r.Column, r.Computed))
	}
	return lines
}

// Row returns a row of the layout: the kept fields of the customer, then
// the computed cells.
func (l Layout) Row(fields, computed []string) []string {
	row := make([]string, 0, len(l.keep)+len(computed))
	for _, i := range l.keep {
		row = append(row, fields[i])
	}
	return append(row, computed...)
}
