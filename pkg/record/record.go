// Package record reads typed values out of rows: the step of the data path
// between the header binding ([schema.Binding]) and the operations.
//
// A [Decoder] knows which column holds each logical field of one file and
// parses a field only when an operation asks for it, so that a filter on
// product_id never pays for parsing dates and amounts of lines it drops.
// Every malformed value comes back as a [rows.Error] naming the file, line,
// column and value.
package record

import (
	"bytes"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Decoder reads the logical fields of one file's records.
type Decoder struct {
	file           string
	binding        *schema.Binding
	dates, numbers []schema.Field // typed fields the file has
	typed          []typedColumn  // the same, with their columns, for Validate
}

// typedColumn is a typed field and its column. Validate runs on every line
// of a large file, so it looks the columns up once, not per line.
type typedColumn struct {
	field schema.Field
	col   int
	date  bool
}

// NewDecoder returns a Decoder for records of the file named file whose
// header was bound as b.
func NewDecoder(file string, b *schema.Binding) *Decoder {
	d := &Decoder{file: file, binding: b}
	for _, f := range schema.DateFields {
		if c := b.Col(f); c >= 0 {
			d.dates = append(d.dates, f)
			d.typed = append(d.typed, typedColumn{field: f, col: c, date: true})
		}
	}
	for _, f := range schema.NumberFields {
		if c := b.Col(f); c >= 0 {
			d.numbers = append(d.numbers, f)
			d.typed = append(d.typed, typedColumn{field: f, col: c})
		}
	}
	return d
}

// Validate parses every typed field of rec (dates, amounts, quantities)
// and returns the first malformed one as an error. Empty cells pass.
// Commands that pass values through without using them call it, so that a
// bad value is reported rather than copied.
func (d *Decoder) Validate(rec *rows.Record) error {
	for _, t := range d.typed {
		if t.col >= len(rec.Fields) {
			continue
		}
		b := trim(rec.Fields[t.col])
		if len(b) == 0 {
			continue
		}
		var err error
		if t.date {
			if _, err = parse.DateBytes(b); err != nil {
				_, err = Serial(d.binding, b, err)
			}
		} else {
			_, err = parse.AmountBytes(b)
		}
		if err != nil {
			return d.errorf(rec, t.field, err)
		}
	}
	return nil
}

// trim is bytes.TrimSpace with a shortcut for the usual cell, which starts
// and ends with a printable ASCII byte.
func trim(b []byte) []byte {
	if n := len(b); n > 0 && b[0] > ' ' && b[0] < 0x7f && b[n-1] > ' ' && b[n-1] < 0x7f {
		return b
	}
	return bytes.TrimSpace(b)
}

// File returns the name of the file whose records d reads.
func (d *Decoder) File() string { return d.file }

// Binding returns the header binding.
func (d *Decoder) Binding() *schema.Binding { return d.binding }

// HeaderError is err, about the header of the file d reads (a column it
// lacks), as an error naming the file and the header's line.
func (d *Decoder) HeaderError(err error) *rows.Error {
	return HeaderError(d.file, d.binding, err)
}

// HeaderError is err, about the header of the file named file bound as b,
// as an error naming the file and the header's line (which a title row
// above it moves from line 1: schema.Binding.HeaderLine).
func HeaderError(file string, b *schema.Binding, err error) *rows.Error {
	return &rows.Error{File: file, Line: b.HeaderLine(), Err: err}
}

// Has reports whether the file has a column for f.
func (d *Decoder) Has(f schema.Field) bool { return d.binding.Col(f) >= 0 }

// Bytes returns the raw text of f in rec, or nil if the file has no such
// column. It aliases the record.
func (d *Decoder) Bytes(rec *rows.Record, f schema.Field) []byte {
	return d.Column(f).Bytes(rec)
}

// Text returns f in rec as a string, "" if absent.
func (d *Decoder) Text(rec *rows.Record, f schema.Field) string {
	return string(d.Bytes(rec, f))
}

// Date parses f in rec. ok is false when the file has no such column or the
// cell is empty (after trimming); a malformed date is an error.
func (d *Decoder) Date(rec *rows.Record, f schema.Field) (t time.Time, ok bool, err error) {
	return d.Column(f).Date(rec)
}

// Decimal parses f in rec as an amount or quantity. ok is false when the
// file has no such column or the cell is empty; a malformed number is an
// error.
func (d *Decoder) Decimal(rec *rows.Record, f schema.Field) (v parse.Decimal, ok bool, err error) {
	return d.Column(f).Decimal(rec)
}

// RequireDate is Date for a field every row must have: an empty cell is an
// error too.
func (d *Decoder) RequireDate(rec *rows.Record, f schema.Field) (time.Time, error) {
	return d.Column(f).RequireDate(rec)
}

// errorf wraps err in a rows.Error for field f of rec.
func (d *Decoder) errorf(rec *rows.Record, f schema.Field, err error) error {
	col, val := string(f), ""
	if c := d.binding.Col(f); c >= 0 {
		col = d.binding.Header[c]
		if c < len(rec.Fields) {
			val = string(rec.Fields[c])
		}
	}
	return &rows.Error{File: rec.In(d.file), Line: rec.Line, Column: col, Value: val, Err: err}
}

// Error returns a rows.Error about field f of rec, for checks that
// operations make themselves (an unknown consent value, say).
func (d *Decoder) Error(rec *rows.Record, f schema.Field, err error) error {
	return d.errorf(rec, f, err)
}

type emptyError struct{}

func (emptyError) Error() string { return "is empty" }

// ErrEmpty is the Err of the [rows.Error] of a cell that every line must
// fill and that is empty: a sales line's sold_at, which the commands that
// read dates refuse (RequireDate).
var ErrEmpty error = emptyError{}

// Serial is the second reading of a date cell b that the date parser
// refused with err: when the binding allows Excel serial day numbers
// ([schema.Binding.ExcelSerial]) and b is a number, the date it is, or
// why it is no date; otherwise err. Callers reach it only on the error
// path, so that reading dates costs nothing more when the setting is off.
func Serial(b *schema.Binding, cell []byte, err error) (time.Time, error) {
	if b == nil || !b.ExcelSerial {
		return time.Time{}, err
	}
	return parse.SerialOr(string(cell), err)
}
