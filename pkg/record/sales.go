package record

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"sync"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// SaleFilter selects the sales lines an operation counts: lines with a
// customer id (walk-ins are counted apart), of one store, within a window
// of days.
type SaleFilter struct {
	Window parse.Window // sold_at must fall in it; a zero window takes every date
	Stores []string     // store_id must be one of them; empty takes every store
	// Normalize, if set, rewrites customer ids before anything else and
	// reports whether it changed one: customer.NormalizeKey for --key-normalize.
	Normalize func(id []byte) ([]byte, bool)
	// KeepWalkIns hands out walk-in lines too, with an empty Customer,
	// when they pass the store and the window: for operations that write
	// or count them (join, buyers). Without it a walk-in line is left out
	// before anything else.
	KeepWalkIns bool
	// KeepVoids hands out the lines of voided receipts too, for operations
	// that copy lines rather than count purchases (join). Without it a
	// line whose void column says so is left out and counted (see
	// [SaleScanner.Scan]).
	KeepVoids bool
}

// SaleCounts says what a [SaleScanner] did with the lines it saw.
type SaleCounts struct {
	Lines       int // lines seen
	Kept        int // lines that passed the filter
	WalkIn      int // lines with an empty customer id (with KeepWalkIns: those kept)
	OtherStore  int // lines of a store not in SaleFilter.Stores
	OutOfWindow int // lines dated outside SaleFilter.Window
	KeysChanged int // customer ids that key normalisation altered
	// Voided counts lines left out as voided, VoidedReceipts their
	// distinct receipts ([ReceiptKeys]).
	Voided, VoidedReceipts int
	// PartlyVoided counts receipts with the void flag on some of their
	// lines only (found between adjacent lines); PartlyVoidedLine is the
	// first such line in the file.
	PartlyVoided, PartlyVoidedLine int
	// Other counts lines of transactions that are not sales (a 取引区分
	// other than 1: cash in or out, points, tips), left out before
	// anything else; OtherKinds are their classes.
	Other      int
	OtherKinds OtherKinds
}

// Add adds o to c.
func (c *SaleCounts) Add(o SaleCounts) {
	c.Lines += o.Lines
	c.Kept += o.Kept
	c.WalkIn += o.WalkIn
	c.OtherStore += o.OtherStore
	c.OutOfWindow += o.OutOfWindow
	c.KeysChanged += o.KeysChanged
	c.Voided += o.Voided
	c.VoidedReceipts += o.VoidedReceipts
	c.PartlyVoided += o.PartlyVoided
	c.Other += o.Other
	c.OtherKinds |= o.OtherKinds
	if o.PartlyVoidedLine > 0 && (c.PartlyVoidedLine == 0 || o.PartlyVoidedLine < c.PartlyVoidedLine) {
		c.PartlyVoidedLine = o.PartlyVoidedLine
	}
}

// Sale is what a [SaleScanner] hands out for a kept line.
type Sale struct {
	Customer []byte    // the customer id; aliases the record
	SoldAt   time.Time // zero unless the scanner reads dates
}

// SaleScanner applies a [SaleFilter] to sales lines one at a time. It keeps
// state between lines (the last date parsed), so each goroutine needs its
// own: make one per block with [SaleScanner.Clone].
type SaleScanner struct {
	filter   SaleFilter
	stores   map[string]bool // SaleFilter.Stores; nil takes every store
	id       Column
	store    Column
	soldAt   Column
	withDate bool
	lastRaw  []byte // the sold_at text last parsed, copied
	lastT    time.Time
	lastIn   bool // lastT is in the window
	days     parse.DayCache
	// The void rule, only when the file has a void column (and the filter
	// does not keep voids): the lines of a voided receipt are left out.
	// carry says a line's state may be the line before's (VoidLines), so
	// that every line is judged as Scan, Void or Pass first sees it, and
	// judged is the state of the line being scanned.
	void     VoidLines
	carry    bool
	judged   judged
	keys     ReceiptKeys
	voids    *voidSet // the voided receipts, shared by every clone
	lastKey  []byte   // the receipt key of the last line checked, and its flag
	nextKey  []byte   // a buffer for the next key
	lastVoid bool
	// class is the transaction class column, only when the file has one
	// (and the filter does not keep voids): other transactions are left out.
	class *ClassFlag
	// overlap tells the receipts of the lines the filter keeps to the
	// run's sales files, only when the run reads two or more
	// (Decoder.Overlap): a receipt two files both hold is counted twice
	// only if kept.
	overlap *Overlap
	// after says that a line that passed the rest of the filter has more
	// to go through: the void rule, or overlap. One test for both, as the
	// void rule alone took before: a run of one file pays nothing more.
	after bool
	// Counts accumulates over every line scanned.
	Counts SaleCounts
}

// NewSaleScanner returns a scanner of lines decoded by dec. withDate asks
// for Sale.SoldAt on every kept line, which makes the sold_at column
// required; a window needs it too. A filter that needs a column the file
// lacks is an error naming the field.
func NewSaleScanner(dec *Decoder, f SaleFilter, withDate bool) (*SaleScanner, error) {
	s := &SaleScanner{filter: f, id: dec.Column(schema.CustomerID), store: dec.Column(schema.StoreID),
		soldAt: dec.Column(schema.SoldAt), withDate: withDate || !f.Window.IsZero()}
	if v := dec.VoidLines(); v.Present() && !f.KeepVoids {
		s.void, s.keys, s.voids = v, dec.ReceiptKeys(), &voidSet{seen: map[uint64]bool{}, seed: maphash.MakeSeed()}
		s.carry = v.Carries()
	}
	if c := dec.ClassFlag(); c.Present() && !f.KeepVoids {
		s.class = &c
	}
	s.overlap = dec.Overlap()
	s.after = s.voids != nil || s.overlap != nil
	if len(f.Stores) > 0 {
		if err := dec.Require(schema.StoreID, "--store"); err != nil {
			return nil, err
		}
		s.stores = map[string]bool{}
		for _, st := range f.Stores {
			s.stores[st] = true
		}
	}
	if s.withDate {
		if err := dec.Require(schema.SoldAt, "dates"); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Require checks that the file has a column for f, which an operation
// needs for why ("spend", say).
func (d *Decoder) Require(f schema.Field, why string) error {
	if d.Has(f) {
		return nil
	}
	return d.HeaderError(fmt.Errorf("%w %s (needed for %s)", rows.ErrNoSuchField, f, why))
}

// Prefix returns how many leading fields of a record Scan reads (see
// [Column.Prefix]).
func (s *SaleScanner) Prefix() int {
	n := s.id.Prefix()
	if s.stores != nil {
		n = max(n, s.store.Prefix())
	}
	if s.withDate {
		n = max(n, s.soldAt.Prefix())
	}
	if s.voids != nil {
		n = max(n, s.void.Prefix(), s.keys.prefix())
	}
	if s.class != nil {
		n = max(n, s.class.Prefix())
	}
	if s.overlap != nil {
		n = max(n, s.overlap.Prefix())
	}
	return n
}

// Clone returns a scanner with the same filter and zero counts.
func (s *SaleScanner) Clone() *SaleScanner {
	c := *s
	c.lastRaw, c.days, c.Counts, c.lastKey, c.nextKey = nil, parse.DayCache{}, SaleCounts{}, nil, nil
	c.void.Forget()
	c.overlap = s.overlap.Clone()
	return &c
}

// TakeOverlap takes the telling of the lines' receipts to the run's
// overlap.Set from Scan, and returns the teller (nil when the run reads
// one sales file, see Decoder.Overlap): the caller tells each receipt of
// the lines Scan keeps at its first line with Overlap.Receipt. A pass
// that groups its lines by receipt (ledger's runs) finds first lines
// anyway; Scan's own look, at every line, took 8% of ledger's CPU over
// 36 monthly files. Call it on the scanner of one block (Clone).
func (s *SaleScanner) TakeOverlap() *Overlap {
	o := s.overlap
	s.overlap, s.after = nil, s.voids != nil
	return o
}

// Scan reads the customer id and, if needed, the date of rec and applies
// the filter. ok is false for a line the filter leaves out; err is a
// malformed or missing date, or a customer id a spreadsheet wrote in
// scientific notation ([Scientific]).
func (s *SaleScanner) Scan(rec *rows.Record) (sale Sale, ok bool, err error) {
	s.Counts.Lines++
	if s.carry {
		s.judge(rec)
	}
	if s.class != nil {
		// A transaction that is not a sale is no sales line at all: not a
		// walk-in, not of a store, not a purchase.
		k, other, err := s.class.Other(rec)
		if err != nil || other {
			if other {
				s.Counts.Other++
				s.Counts.OtherKinds |= k
			}
			return sale, false, err
		}
	}
	id := s.id.Bytes(rec)
	if Scientific(id) {
		return sale, false, s.id.Error(rec, ErrScientific)
	}
	if s.filter.Normalize != nil {
		var changed bool
		if id, changed = s.filter.Normalize(id); changed {
			s.Counts.KeysChanged++
		}
	}
	walkIn := len(id) == 0
	if walkIn && !s.filter.KeepWalkIns {
		s.Counts.WalkIn++
		return sale, false, nil
	}
	if s.stores != nil && !s.stores[string(s.store.Bytes(rec))] {
		s.Counts.OtherStore++
		return sale, false, nil
	}
	sale.Customer = id
	if s.withDate {
		var in bool
		if sale.SoldAt, in, err = s.date(rec); err != nil {
			return sale, false, err
		}
		if !in {
			s.Counts.OutOfWindow++
			return sale, false, nil
		}
	}
	if s.after {
		if s.voids != nil {
			if voided, err := s.voided(rec, sale.SoldAt); err != nil || voided {
				return sale, false, err
			}
		}
		if s.overlap != nil {
			s.overlap.Line(rec, sale.SoldAt) // a receipt both files hold counts twice only if kept
		}
	}
	if walkIn {
		s.Counts.WalkIn++
	}
	s.Counts.Kept++
	return sale, true, nil
}

// Void reports whether rec's void column marks it voided, or its
// transaction class says it is no sale (false when the filter keeps voids
// or the file has no such column), without counting it: for lines an
// operation looks at outside the filter. A line given to Void is not
// given to Scan.
func (s *SaleScanner) Void(rec *rows.Record) (bool, error) {
	if s.class != nil {
		if _, other, err := s.class.Other(rec); err != nil || other {
			return other, err
		}
	}
	switch {
	case s.voids == nil:
		return false, nil
	case s.carry:
		v, _, err := s.void.Judge(rec)
		return v, err
	}
	return s.void.Is(rec)
}

// Pass tells the scanner of a line the operation leaves out before Scan or
// Void see it (buyers' product selection): in a layout that writes the
// void flag on a receipt's first line only, the receipt's next line takes
// its void state from it (VoidLines). Elsewhere it does nothing.
func (s *SaleScanner) Pass(rec *rows.Record) {
	if s.carry {
		s.void.Judge(rec)
	}
}

// judged is the state VoidLines gave the line being scanned.
type judged struct {
	void, continued bool
	err             error
}

// judge judges rec, the line being scanned, before the rest of the filter
// may leave it out: its receipt's next line needs its state.
func (s *SaleScanner) judge(rec *rows.Record) {
	j := &s.judged
	j.void, j.continued, j.err = s.void.Judge(rec)
}

// voided applies the void rule to a line that passed the rest of the
// filter, and counts it. A register voids a whole receipt and its exports
// repeat the receipt's void flag on each of its lines (Smaregi's 取消区分 is
// a column of the 取引, docs/layouts.md), so each line is judged by its own
// flag. A receipt whose adjacent lines disagree is counted as partly
// voided, for a warning: its lines without the flag are counted. Shopify's
// orders export writes Financial Status on an order's first line only: a
// line after it with the cell empty is judged as it (VoidLines), and
// agrees with it.
func (s *SaleScanner) voided(rec *rows.Record, at time.Time) (bool, error) {
	var v, continued bool
	var err error
	if s.carry {
		v, continued, err = s.judged.void, s.judged.continued, s.judged.err
	} else {
		v, err = s.void.Is(rec)
	}
	if err != nil {
		return false, err
	}
	key := s.keys.Append(s.nextKey[:0], rec, at)
	if at.IsZero() {
		// Without parsed dates the time of sale as written tells the days
		// apart (registers reuse receipt ids every day).
		key = append(append(key, 0), s.soldAt.Bytes(rec)...)
	}
	if !continued && s.lastKey != nil && bytes.Equal(key, s.lastKey) && v != s.lastVoid {
		s.Counts.PartlyVoided++
		if s.Counts.PartlyVoidedLine == 0 {
			s.Counts.PartlyVoidedLine = rec.Line
		}
	}
	s.lastKey, s.nextKey, s.lastVoid = key, s.lastKey, v
	if !v {
		return false, nil
	}
	s.Counts.Voided++
	if s.voids.add(key) {
		s.Counts.VoidedReceipts++
	}
	return true, nil
}

// voidSet is the voided receipts seen by a scanner and its clones, so that
// a receipt whose lines fall in two blocks is counted once. Voids are rare:
// a lock per voided line costs nothing.
type voidSet struct {
	mu   sync.Mutex
	seed maphash.Seed
	seen map[uint64]bool
}

// add reports whether the receipt key is new.
func (v *voidSet) add(key []byte) bool {
	h := maphash.Bytes(v.seed, key)
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.seen[h] {
		return false
	}
	v.seen[h] = true
	return true
}

// date parses sold_at and says whether it is in the window, reusing the
// last result when the text repeats, as it does on every line of a
// receipt, and the last day when the date part repeats (parse.DayCache).
func (s *SaleScanner) date(rec *rows.Record) (t time.Time, in bool, err error) {
	if s.soldAt.clock >= 0 {
		// Two columns: read them together, without the cache of one.
		t, err = s.soldAt.RequireDate(rec)
		return t, err == nil && s.filter.Window.Contains(t), err
	}
	raw := s.soldAt.Bytes(rec)
	if s.lastRaw != nil && bytes.Equal(raw, s.lastRaw) {
		return s.lastT, s.lastIn, nil
	}
	b := trim(raw)
	if len(b) == 0 {
		t, err = s.soldAt.RequireDate(rec) // the error for an empty date
		return t, false, err
	}
	if t, err = s.days.Parse(b); err != nil {
		if t, err = Serial(s.soldAt.d.binding, b, err); err != nil {
			return t, false, s.soldAt.Error(rec, err)
		}
	}
	s.lastRaw, s.lastT, s.lastIn = append(s.lastRaw[:0], raw...), t, s.filter.Window.Contains(t)
	return t, s.lastIn, nil
}
