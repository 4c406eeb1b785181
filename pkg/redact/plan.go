package redact

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// Options are what a plan needs beyond its policy.
type Options struct {
	// Key is the secret of the hash operation. A policy that hashes is
	// refused without one: an unkeyed hash of a phone number is undone by
	// hashing every possible number.
	Key []byte
	// AsOf is the date ages are counted to.
	AsOf time.Time
	// Aliases are the config's extra header names, by kind of file.
	Aliases map[string]schema.Aliases
	// ExcelSerial has the generalisations of dates (year, age band) read
	// an Excel serial day number as the date it is, as every command
	// reads date columns with the config's dates: {excel_serial: true}.
	ExcelSerial bool
}

// ErrNoKey is returned for a policy that hashes when no key is given.
var ErrNoKey = errors.New("the policy hashes values but no key was given")

// MinKeyLen is the shortest key accepted, in bytes.
const MinKeyLen = 16

// Plan is a policy bound to one file's header: which column each output
// column comes from and what is done to it.
type Plan struct {
	file      string
	header    []string // output header
	cols      []column // one per output column
	key       []byte
	asOf      time.Time
	serial    bool // Options.ExcelSerial
	untouched []string
}

// column is one output column.
type column struct {
	src   int
	op    Op // "" copies the value
	field schema.Field
	first int
	last  int
	char  rune
	email bool
	to    Generalisation
	value []byte
}

// NewPlan binds p to the header of the file in reads. Every rule must
// find at least one column; the error names the rule's column, the
// columns the file has and the header's line, with a hint at --header-row
// when the header looks like a title row. Errors name the file as in
// does.
func NewPlan(p Policy, in *rows.Reader, opts Options) (*Plan, error) {
	file, header := in.Name(), in.Header()
	if p.NeedsKey() && len(opts.Key) == 0 {
		return nil, ErrNoKey
	}
	if p.NeedsKey() && len(opts.Key) < MinKeyLen {
		return nil, fmt.Errorf("the hash key is %d bytes; use at least %d", len(opts.Key), MinKeyLen)
	}
	personal := schema.PersonalColumns(header, opts.Aliases, nil)
	rules := make([]*column, len(header))
	for i := range p {
		r := &p[i]
		cols, field := findColumns(r.Column, header, opts.Aliases)
		if len(cols) == 0 {
			return nil, noColumn(in, r.Column)
		}
		for _, c := range cols {
			f := field
			if f == "" {
				f = fieldOf(header[c], personal[c])
			}
			col, err := bindRule(r, c, f)
			if err != nil {
				return nil, &rows.Error{File: file, Line: in.HeaderLine(), Column: header[c], Err: err}
			}
			rules[c] = col
		}
	}
	plan := &Plan{file: file, key: opts.Key, asOf: opts.AsOf, serial: opts.ExcelSerial}
	for i, h := range header {
		col := rules[i]
		if col == nil {
			col = &column{src: i}
			if personal[i] != "" {
				plan.untouched = append(plan.untouched, h)
			}
		}
		if col.op == Drop {
			continue
		}
		plan.header = append(plan.header, h)
		plan.cols = append(plan.cols, *col)
	}
	return plan, nil
}

// noColumn is the error of a rule naming column, which the header of the
// file in reads lacks. A header of one name and empty cells is a title
// row taken for the header (no row below it names the customer id, see
// input.Opener.OpenRows): the hint says how to name the header's line.
func noColumn(in *rows.Reader, column string) error {
	header := in.Header()
	err := &rows.Error{File: in.Name(), Line: in.HeaderLine(), Err: fmt.Errorf("the policy names column %q, which the file does not have (columns: %s)", column, strings.Join(header, ", "))}
	if !looksLikeTitle(header) {
		return err
	}
	return usererr.WithHint(err, "line %d looks like a title, not the header; give the header's line: --header-row <line>", in.HeaderLine())
}

// looksLikeTitle reports whether a header row is one name followed or
// preceded by empty cells only, as a spreadsheet writes a title above a
// table (顧客名簿（2024年12月現在）,,,,).
func looksLikeTitle(header []string) bool {
	named := 0
	for _, h := range header {
		if strings.TrimSpace(h) != "" {
			named++
		}
	}
	return len(header) > 1 && named == 1
}

// findColumns finds the columns a rule names. A logical field finds every
// column holding it (phone finds both 電話番号 and 携帯番号, so that none is
// missed) and is returned; any other name finds the columns so named.
func findColumns(name string, header []string, aliases map[string]schema.Aliases) ([]int, schema.Field) {
	if f, ok := schema.LookupField(name); ok {
		return schema.ColumnsOf(header, f, aliases), f
	}
	var cols []int
	n := schema.Normalize(name)
	for i, h := range header {
		if schema.Normalize(h) == n {
			cols = append(cols, i)
		}
	}
	return cols, ""
}

// fieldOf guesses the field of a column named directly: its personal
// field, else the field its name spells.
func fieldOf(h string, personal schema.Field) schema.Field {
	if personal != "" && personal != schema.Other && personal != schema.Note {
		return personal
	}
	f, _ := schema.LookupField(h)
	return f
}

// bindRule resolves a rule's defaults for one column of field f.
func bindRule(r *Rule, src int, f schema.Field) (*column, error) {
	c := &column{src: src, op: r.Op, field: f, first: r.First, last: r.Last, char: r.Char, to: r.To, value: []byte(r.Value)}
	switch r.Op {
	case Mask:
		c.email = f == schema.Email
		if c.char == 0 {
			c.char = '*'
		}
		switch {
		case c.first < 0 && c.last < 0 && f == schema.Phone:
			c.first, c.last = 0, 4
		case c.first < 0 && c.last < 0 && (f == schema.Birthday || f == schema.Anniversary):
			c.first, c.last = 0, 0 // a first character tells the era of a 和暦 date, or the century
		case c.first < 0 && c.last < 0:
			c.first, c.last = 1, 0
		}
		c.first, c.last = max(c.first, 0), max(c.last, 0)
	case Generalise:
		if c.to == "" {
			c.to = defaultGeneralisation(f)
		}
		if c.to == "" {
			return nil, fmt.Errorf("say how to generalise it (generalise %s:<how>, how = %s)", r.Column, strings.Join(Generalisations, ", "))
		}
	}
	return c, nil
}

// defaultGeneralisation is what generalise does when not told.
func defaultGeneralisation(f schema.Field) Generalisation {
	switch f {
	case schema.Birthday:
		return AgeBand
	case schema.Anniversary, schema.RegisteredAt, schema.SoldAt:
		return Year
	case schema.PostalCode:
		return Postal3
	case schema.Address:
		return Prefecture
	}
	return ""
}

// Header returns the output header: the input's, without dropped columns.
func (p *Plan) Header() []string { return p.header }

// Untouched returns the personal-data columns that no rule changes, so
// that the caller can say they pass through as they are.
func (p *Plan) Untouched() []string { return p.untouched }

// worker applies a plan to rows; each goroutine has its own.
type worker struct {
	p     *Plan
	mac   hash.Hash
	sum   []byte
	buf   []byte
	cells [][]byte
	spans []int // start and end in buf of each changed cell, -1 if copied
	// unrecognised counts values a generalisation could not read (an
	// address without a prefecture, a postal code without 3 digits); they
	// are written empty.
	unrecognised int64
}

func (p *Plan) newWorker() *worker {
	w := &worker{p: p, cells: make([][]byte, len(p.cols)), spans: make([]int, 2*len(p.cols)), sum: make([]byte, 0, sha256.Size)}
	if len(p.key) > 0 {
		w.mac = hmac.New(sha256.New, p.key)
	}
	return w
}

// row returns the output cells of rec. They alias rec and the worker's
// buffer, valid until the next call.
func (w *worker) row(rec *rows.Record) ([][]byte, error) {
	w.buf = w.buf[:0]
	for i := range w.p.cols {
		c := &w.p.cols[i]
		v := rec.Fields[c.src]
		if c.op == "" || len(v) == 0 {
			w.cells[i], w.spans[2*i] = v, -1
			continue
		}
		start := len(w.buf)
		var err error
		if w.buf, err = w.apply(c, v); err != nil {
			return nil, &rows.Error{File: rec.In(w.p.file), Line: rec.Line, Column: w.p.header[i], Value: string(v), Err: err}
		}
		w.spans[2*i], w.spans[2*i+1] = start, len(w.buf)
	}
	for i := range w.cells {
		if s := w.spans[2*i]; s >= 0 {
			w.cells[i] = w.buf[s:w.spans[2*i+1]]
		}
	}
	return w.cells, nil
}

// apply appends the redacted form of v to the worker's buffer.
func (w *worker) apply(c *column, v []byte) ([]byte, error) {
	dst := w.buf
	switch c.op {
	case Mask:
		return appendMask(dst, v, c.first, c.last, c.char, c.email), nil
	case Hash:
		return appendToken(dst, w.mac, w.sum, v), nil
	case Replace:
		return append(dst, c.value...), nil
	}
	var ok bool
	switch c.to {
	case Year:
		return appendYear(dst, v, w.p.serial)
	case AgeBand:
		return appendAgeBand(dst, v, w.p.asOf, w.p.serial)
	case Postal3:
		dst, ok = appendPostal3(dst, v)
	case Prefecture, PrefectureCity:
		dst, ok = appendPrefecture(dst, v, c.to == PrefectureCity)
	}
	if !ok {
		w.unrecognised++
	}
	return dst, nil
}
