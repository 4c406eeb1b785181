package output

import (
	"bytes"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/schema"
	"golang.org/x/text/width"
)

// The typed formats (json, jsonl, xlsx) read each cell by its column's
// type (schema.ColumnTypes decides it, from the column's name) with the
// functions below. A cell that does not read as its type stays text, as
// it was written: typing never loses or changes a value.

// columnTypes returns the types of cols by opts.Types, or by the built-in
// names and aliases when the caller gave none.
func columnTypes(opts Options, cols []string) []schema.Type {
	if opts.Types != nil {
		if t := opts.Types(cols); len(t) == len(cols) {
			return t
		}
	}
	return schema.ColumnTypes(cols, nil)
}

// number reads v as a number of type t: a count, an amount (1,200, ¥1,200
// and the other spellings parse.Amount reads), or a share (12.3%, whose
// value is 12.3). Digits starting with a zero (0123) are a code, not a
// number, and stay text.
func number(t schema.Type, v []byte) (parse.Decimal, bool) {
	if t == schema.Percent {
		p, ok := bytes.CutSuffix(v, []byte("%"))
		if !ok {
			return 0, false
		}
		v = p
	}
	if leadingZero(v) {
		return 0, false
	}
	d, err := parse.AmountBytes(v)
	if err != nil {
		return 0, false
	}
	if t == schema.Integer && d%parse.DecimalScale != 0 {
		return 0, false
	}
	return d, true
}

// leadingZero reports whether the digits of v start with a 0 that is
// followed by another digit, as in 0123, ¥0123 or ０１２３.
func leadingZero(v []byte) bool {
	for _, c := range v {
		if c >= 0x80 {
			v = width.Fold.Bytes(v)
			break
		}
	}
	v = bytes.TrimLeft(v, " -+¥\\$")
	return len(v) >= 2 && v[0] == '0' && v[1] >= '0' && v[1] <= '9'
}

// boolean reads a flag: yes or no, true or false.
func boolean(v []byte) (value, ok bool) {
	switch string(bytes.ToLower(v)) {
	case "yes", "true":
		return true, true
	case "no", "false":
		return false, true
	}
	return false, false
}

// date reads a day or a day and time, and says whether it has a time of
// day.
func date(v []byte) (t time.Time, clock, ok bool) {
	d, err := parse.DateBytes(v)
	if err != nil {
		return time.Time{}, false, false
	}
	return d, d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0, true
}

// appendJSONValue appends v, a cell of a column of type t, as a JSON
// value: a number or a boolean when it reads as one, null when it is
// empty in a typed column, else a string as written.
func appendJSONValue(dst []byte, t schema.Type, v []byte) []byte {
	if t == schema.Text {
		return appendJSONString(dst, v)
	}
	if len(v) == 0 {
		return append(dst, "null"...)
	}
	switch t {
	case schema.Integer, schema.Number, schema.Percent:
		if d, ok := number(t, v); ok {
			return append(dst, d.String()...)
		}
	case schema.Bool:
		if b, ok := boolean(v); ok {
			if b {
				return append(dst, "true"...)
			}
			return append(dst, "false"...)
		}
	}
	return appendJSONString(dst, v)
}
