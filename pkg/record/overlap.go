package record

import (
	"bytes"
	"time"

	"github.com/custkit/custkit/pkg/overlap"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Overlap tells the receipts of sales lines to the run's overlap.Set
// (schema.Binding.Receipts), so that receipts two files both hold are
// found: a receipt ([ReceiptKeys]: its id, day and store, or its time of
// sale and store in a file without receipt ids) is told at its first
// line, a line whose receipt id differs from the line before's (in a
// file without receipt ids, whose time of sale or store does), or that
// starts a block or a file. The other lines cost a comparison of one
// cell; a receipt's first line costs a hash (and a date parse where the
// pass parses none), and its sketch's lock only when its hash is among
// the smallest of its day. Two receipts of one id on adjacent lines (a
// register that numbers each day's receipts from 1, its last receipt of
// a day followed by the next day's first) are then one: the second is
// not told, which can only miss an overlap, never make one.
//
// [SaleScanner] tells it the lines its filter keeps, those a pass counts
// (a receipt both files hold is counted twice only if kept); check every
// line. A line of a receipt told again (its lines split between two
// blocks, or by lines the filter leaves out; a time of sale that differs
// between them) is the same receipt to the sketch. A line without a
// date, or with an empty receipt id where the file has the column, is
// told nothing: it has no receipt to compare.
//
// Each goroutine needs its own: make one per block with [Overlap.Clone].
type Overlap struct {
	set                    *overlap.Set
	file                   string // the decoder's file, for records that name none
	receipt, soldAt, store Column

	// The line before: its file and cells.
	started                           bool
	name                              string
	lastID, lastAt, lastClock, lastSt []byte

	// The file being read, and sketches of it by store and day; last is
	// the one of the receipt before, which the next receipt mostly shares.
	f     *overlap.File
	cache []cached
	last  *cached
	days  parse.DayCache
	at    []byte // the date as written, for the sketch
}

// Overlap returns the teller of the lines of d's file to the run's
// receipts, or nil when the run reads one sales file (the binding has no
// schema.Binding.Receipts) or the file has no date, without which a
// receipt is no receipt of a day.
func (d *Decoder) Overlap() *Overlap {
	if d.binding.Receipts == nil || !d.Has(schema.SoldAt) {
		return nil
	}
	return &Overlap{set: d.binding.Receipts, file: d.file, receipt: d.Column(schema.ReceiptID),
		soldAt: d.Column(schema.SoldAt), store: d.Column(schema.StoreID)}
}

// Clone returns an Overlap of the same file that has seen no line; nil
// for nil.
func (o *Overlap) Clone() *Overlap {
	if o == nil {
		return nil
	}
	return &Overlap{set: o.set, file: o.file, receipt: o.receipt, soldAt: o.soldAt, store: o.store}
}

// Prefix returns how many leading fields of a record Line reads.
func (o *Overlap) Prefix() int {
	return max(o.receipt.Prefix(), o.soldAt.Prefix(), o.store.Prefix())
}

// Skips reports whether the run leaves rec's receipt out (overlap.Set.Skips):
// one hash of its receipt id, before the comparison of First.
func (o *Overlap) Skips(rec *rows.Record) bool {
	return o.receipt.Present() && o.set.Skips(trim(o.receipt.Bytes(rec)))
}

// Line looks at rec, the line after the last one given, and tells its
// receipt when the run looks at it (Skips) and rec is its first line
// (First): Tell with at, the time of sale a pass parsed already, or, when
// at is zero, the one parsed then (a line whose date does not parse is
// told nothing).
func (o *Overlap) Line(rec *rows.Record, at time.Time) {
	if o.Skips(rec) || !o.First(rec) {
		return
	}
	o.tellAt(rec, at)
}

// Receipt tells the receipt whose first line rec is, as Line does, when
// the run looks at it (Skips), for a pass that finds its receipts' first
// lines anyway and has taken the telling from its scanner
// ([SaleScanner.TakeOverlap]): a call a receipt instead of a look at
// every line. A receipt told twice (from two of its lines) is one.
func (o *Overlap) Receipt(rec *rows.Record, at time.Time) {
	if !o.Skips(rec) {
		o.tellAt(rec, at)
	}
}

// tellAt is Tell with at, or, when at is zero, the time of sale parsed
// from rec (a line whose date does not parse is told nothing).
func (o *Overlap) tellAt(rec *rows.Record, at time.Time) {
	if at.IsZero() {
		var ok bool
		if at, ok = o.date(rec); !ok {
			return
		}
	}
	o.Tell(rec, at)
}

// First looks at rec, the line after the last one given, and reports
// whether it is its receipt's first line, to be told (Tell) with its time
// of sale. A pass that parses dates anyway parses it once for both. A
// line of the receipt before costs the comparison of its receipt id cell
// with that line's (in a file without receipt ids, of its date, time and
// store cells).
func (o *Overlap) First(rec *rows.Record) bool {
	id := o.receipt.Bytes(rec)
	if o.started && bytes.Equal(id, o.lastID) && rec.File == o.name && (o.receipt.Present() || o.sameTime(rec)) {
		return false
	}
	o.remember(rec, id)
	return true
}

// sameTime reports whether rec's time of sale and store, which stand for
// its receipt in a file without receipt ids, are the line before's.
func (o *Overlap) sameTime(rec *rows.Record) bool {
	return bytes.Equal(o.soldAt.Bytes(rec), o.lastAt) && bytes.Equal(o.clock(rec), o.lastClock) && bytes.Equal(o.store.Bytes(rec), o.lastSt)
}

// remember keeps the cells of rec, a receipt's first line, to compare the
// next line with.
func (o *Overlap) remember(rec *rows.Record, id []byte) {
	if !o.started || rec.File != o.name {
		o.started, o.name, o.f, o.cache, o.last = true, rec.File, nil, nil, nil
	}
	o.lastID = append(o.lastID[:0], id...)
	if !o.receipt.Present() {
		o.lastAt = append(o.lastAt[:0], o.soldAt.Bytes(rec)...)
		o.lastClock = append(o.lastClock[:0], o.clock(rec)...)
		o.lastSt = append(o.lastSt[:0], o.store.Bytes(rec)...)
	}
}

// clock returns the cell of the time of day beside the date, nil if the
// file has none.
func (o *Overlap) clock(rec *rows.Record) []byte {
	if c := o.soldAt.clock; c >= 0 && c < len(rec.Fields) {
		return rec.Fields[c]
	}
	return nil
}

// Tell tells the receipt whose first line rec is (First), sold at t.
func (o *Overlap) Tell(rec *rows.Record, t time.Time) {
	id, day := trim(o.receipt.Bytes(rec)), DayOf(t)
	var h uint64
	switch {
	case !o.receipt.Present():
		h, id = overlap.HashTime(t.Unix()), nil
	case len(id) == 0:
		return
	default:
		h = overlap.HashID(id, day)
	}
	sk := o.sketch(rec, trim(o.store.Bytes(rec)), day)
	if !sk.Wants(h) {
		return
	}
	o.at = append(o.at[:0], trim(o.soldAt.Bytes(rec))...)
	if c := trim(o.clock(rec)); id == nil && len(c) > 0 {
		o.at = append(append(o.at, ' '), c...) // the time is the receipt's
	}
	sk.Add(h, rec.Line, id, o.at)
}

// cached is a sketch of the file being read, kept by an Overlap so that
// the receipts of a few stores taking turns, or of days out of order,
// find theirs without the file's lock.
type cached struct {
	sk    *overlap.Sketch
	day   int32
	store []byte
}

// sketch returns the sketch of store and day of rec's file: from the
// cache, else from the file (and then kept in the cache, in the slot of
// its day and store).
func (o *Overlap) sketch(rec *rows.Record, store []byte, day int32) *overlap.Sketch {
	if c := o.last; c != nil && c.day == day && bytes.Equal(c.store, store) {
		return c.sk
	}
	if o.cache == nil {
		o.cache = make([]cached, 256)
	}
	h := uint32(day) * 0x9e3779b1
	for _, c := range store {
		h = (h ^ uint32(c)) * 16777619
	}
	c := &o.cache[h>>24]
	o.last = c
	if c.sk != nil && c.day == day && bytes.Equal(c.store, store) {
		return c.sk
	}
	if o.f == nil {
		o.f = o.set.File(rec.In(o.file))
	}
	c.sk, c.day, c.store = o.f.Sketch(store, day), day, append(c.store[:0], store...)
	return c.sk
}

// date parses the time of sale of rec; ok is false when it is empty or
// does not parse (the pass that reads dates says so, not this).
func (o *Overlap) date(rec *rows.Record) (t time.Time, ok bool) {
	b := trim(o.soldAt.Bytes(rec))
	if len(b) == 0 {
		return t, false
	}
	t, err := o.days.Parse(b)
	if err != nil {
		if t, err = Serial(o.soldAt.d.binding, b, err); err != nil {
			return t, false
		}
	}
	if o.soldAt.clock >= 0 {
		if t, _, err = o.soldAt.withClock(rec, t); err != nil {
			return t, false
		}
	}
	return t, true
}
