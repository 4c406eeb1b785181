package record

import (
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Column is one logical field of a [Decoder]'s file, resolved to its column
// once, so that a pass over millions of lines reads fields without a lookup
// per line. A Column of a field the file lacks reads as empty everywhere.
type Column struct {
	d     *Decoder
	field schema.Field
	col   int
	// clock is the column of the time of day that completes a date
	// written without one (sold_at beside sold_time), -1 if none.
	clock int
}

// Column returns the column of f. sold_at is read with sold_time when the
// file has both: the day of the one and the time of the other.
func (d *Decoder) Column(f schema.Field) Column {
	c := Column{d: d, field: f, col: d.binding.Col(f), clock: -1}
	if f == schema.SoldAt && c.col >= 0 {
		c.clock = d.binding.Col(schema.SoldTime)
	}
	return c
}

// Present reports whether the file has the column.
func (c Column) Present() bool { return c.col >= 0 }

// Prefix returns how many leading fields of a record reach the column: its
// index plus one, or 0 if the file lacks it. A pass that reads a few
// columns splits that many fields of each record ([rows.Block.EachPrefix]).
func (c Column) Prefix() int { return max(c.col, c.clock) + 1 }

// Bytes returns the raw text of the field in rec, nil if absent. It aliases
// the record.
func (c Column) Bytes(rec *rows.Record) []byte {
	if c.col < 0 || c.col >= len(rec.Fields) {
		return nil
	}
	return rec.Fields[c.col]
}

// Date parses the field in rec. ok is false when the column is absent or
// the cell is empty (after trimming); a malformed date is an error.
func (c Column) Date(rec *rows.Record) (t time.Time, ok bool, err error) {
	b := trim(c.Bytes(rec))
	if len(b) == 0 {
		return time.Time{}, false, nil
	}
	t, err = parse.DateBytes(b)
	if err != nil {
		if t, err = Serial(c.d.binding, b, err); err != nil {
			return time.Time{}, false, c.d.errorf(rec, c.field, err)
		}
	}
	if c.clock >= 0 {
		return c.withClock(rec, t)
	}
	return t, true, nil
}

// withClock sets the time of day of t from the clock column, when the
// cell has one: the day of the date column and the time of the other.
func (c Column) withClock(rec *rows.Record, t time.Time) (time.Time, bool, error) {
	if c.clock >= len(rec.Fields) {
		return t, true, nil
	}
	b := trim(rec.Fields[c.clock])
	if len(b) == 0 {
		return t, true, nil
	}
	d, err := parse.TimeOfDay(string(b))
	if err != nil {
		return time.Time{}, false, c.d.errorf(rec, schema.SoldTime, err)
	}
	y, m, day := t.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, t.Location()).Add(d), true, nil
}

// RequireDate is Date for a field every row must have: an empty cell is an
// error too.
func (c Column) RequireDate(rec *rows.Record) (time.Time, error) {
	t, ok, err := c.Date(rec)
	if err == nil && !ok {
		err = c.d.errorf(rec, c.field, ErrEmpty)
	}
	return t, err
}

// Error returns a rows.Error about the field in rec, for checks that
// operations make themselves.
func (c Column) Error(rec *rows.Record, err error) error { return c.d.errorf(rec, c.field, err) }

// Decimal parses the field in rec as an amount or quantity. ok is false
// when the column is absent or the cell is empty; a malformed number is an
// error.
func (c Column) Decimal(rec *rows.Record) (v parse.Decimal, ok bool, err error) {
	if v, ok := digits(c.Bytes(rec)); ok {
		return v, true, nil
	}
	b := trim(c.Bytes(rec))
	if len(b) == 0 {
		return 0, false, nil
	}
	v, err = parse.AmountBytes(b)
	if err != nil {
		return 0, false, c.d.errorf(rec, c.field, err)
	}
	return v, true, nil
}

// digits reads a cell of plain ASCII digits, as most quantities and
// amounts are, without the general parser's layers; ok is false for
// anything else (empty, signs, separators, decimals, more than 14 digits).
func digits(b []byte) (parse.Decimal, bool) {
	if len(b) == 0 || len(b) > 14 {
		return 0, false
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return parse.Decimal(v) * parse.DecimalScale, true
}
