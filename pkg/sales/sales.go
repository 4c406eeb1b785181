// Package sales totals a sales file by day, ISO week, month, weekday, hour,
// store, product or category, or any combination of them: per group the
// receipts, distinct member customers, walk-in share, lines, quantity, net
// amount, average per receipt, returns and voids; and, with a comparison,
// the same figures for the previous period or the same period a year
// earlier, and the change.
//
// It is an operation of the data path: [Run] streams the sales file once
// through [record.SaleScanner] (walk-ins kept and counted apart, voided
// receipts left out and counted per group, other transactions left out),
// nets each line with [record.Totals.Net] and tells receipts apart with
// [record.ReceiptKeys], the rules every command shares. A receipt counts in
// a group when it has a line in the group that is no return: a receipt made
// only of returns is no visit, but its amounts are taken off the net.
//
// # Memory
//
// Memory follows the groups, not the lines: each group holds its figures
// and the numbers of its distinct member customers (4 bytes each, so a
// group holds at most the customers who bought in it); the customer ids
// are numbered once. Distinct receipts are told apart with a set of the
// receipts of the day being read (a receipt's key includes its day), which
// is emptied when the day changes; a file whose lines go back in date
// order keeps every receipt's 8-byte hash from then on, so the counts stay
// exact whatever the order of the lines.
package sales

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/product"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Dim is a dimension a report is grouped by.
type Dim string

// The dimensions of --by.
const (
	Day      Dim = "day"      // 2026-11-22
	Week     Dim = "week"     // ISO week, Monday to Sunday: 2026-W47
	Month    Dim = "month"    // 2026-11
	Weekday  Dim = "weekday"  // Mon … Sun, in that order
	Hour     Dim = "hour"     // 00 … 23, from the time of sale
	Store    Dim = "store"    // store_id
	Product  Dim = "product"  // product_id
	Category Dim = "category" // category as written
)

// Dims are the dimensions, in the order the help lists them.
var Dims = []Dim{Day, Week, Month, Weekday, Hour, Store, Product, Category}

// ParseDims reads a --by list (day, month,store, ...). A dimension named
// twice, or one not in Dims, is an error.
func ParseDims(list []string) ([]Dim, error) {
	var out []Dim
	for _, s := range list {
		d := Dim(strings.ToLower(strings.TrimSpace(s)))
		if !slices.Contains(Dims, d) {
			names := make([]string, len(Dims))
			for i, x := range Dims {
				names[i] = string(x)
			}
			return nil, fmt.Errorf("--by %q is not a dimension; use %s", s, strings.Join(names, ", "))
		}
		if slices.Contains(out, d) {
			return nil, fmt.Errorf("--by names %s twice", d)
		}
		out = append(out, d)
	}
	return out, nil
}

// Compare is the period a report is compared with.
type Compare string

// The comparisons of --compare.
const (
	NoCompare Compare = ""
	Previous  Compare = "previous"  // the period of equal length just before
	LastYear  Compare = "last-year" // the same days a year earlier
)

// Options configure Run.
type Options struct {
	// By are the dimensions, outermost first; none gives one group, the
	// whole period.
	By []Dim
	// Window is the period reported; a zero window takes every date (and
	// allows no comparison).
	Window parse.Window
	// Stores keeps only these stores' lines; empty keeps every store.
	Stores []string
	// Match keeps only the lines of matching products; nil keeps every
	// line.
	Match *product.Matcher
	// Compare adds the figures of another period.
	Compare Compare
	// Normalize, if set, rewrites customer ids before they are counted
	// (customer.NormalizeKey for --key-normalize).
	Normalize func([]byte) ([]byte, bool)
}

// Figures are one group's totals over one period.
type Figures struct {
	Receipts       int           // distinct receipts with a purchase (a line that is no return)
	WalkIns        int           // those of them without a customer id
	Customers      int           // distinct member customers with a purchase
	Lines          int           // sales lines, returns included
	Quantity       parse.Decimal // net of returns
	Net            parse.Decimal // the lines' amounts, net of returns
	Returns        int           // return lines
	Returned       parse.Decimal // the amount returned, as a positive number
	Voided         int           // lines of voided receipts, left out of every other figure
	VoidedReceipts int           // distinct voided receipts
}

// WalkInShare is the share of receipts without a customer id, 0 to 1; ok
// is false without receipts.
func (f Figures) WalkInShare() (share float64, ok bool) {
	if f.Receipts == 0 {
		return 0, false
	}
	return float64(f.WalkIns) / float64(f.Receipts), true
}

// Average is the net amount per receipt, rounded to a whole unit (half
// away from zero); ok is false without receipts.
func (f Figures) Average() (avg parse.Decimal, ok bool) {
	if f.Receipts == 0 {
		return 0, false
	}
	den := int64(f.Receipts) * int64(parse.DecimalScale)
	num := int64(f.Net)
	if num >= 0 {
		num += den / 2
	} else {
		num -= den / 2
	}
	return parse.Decimal(num/den) * parse.DecimalScale, true
}

// Group is one row of a report: its values of the dimensions, in the
// order of Options.By, its figures, and the figures of the comparison
// period (zero without one).
type Group struct {
	Key      []string
	Figures  Figures
	Compared Figures
	sortKey  []string
}

// Report is what Run returns.
type Report struct {
	By      []Dim
	Compare Compare
	Period  parse.Window // Options.Window
	// Against is the comparison period; zero without one.
	Against parse.Window
	// Groups in the order of their keys: dates and hours in time order,
	// weekdays Monday first, stores, products and categories as text.
	Groups []Group
	// Total and ComparedTotal are the figures of the whole period (a
	// receipt or customer in two groups counts once here).
	Total, ComparedTotal Figures
	// Counts is what the sale filter did with the lines: walk-ins are
	// kept, so Counts.WalkIn is the walk-in lines counted.
	Counts record.SaleCounts
	// Outside counts the lines between the comparison period and the
	// period (of --compare last-year), left out; Counts counts them as
	// kept, and their voids among its voids.
	Outside int
}

// period tells which period a line falls in.
type period uint8

const (
	outside period = iota
	current
	compared
)

// CompareWindow returns the window of the comparison c of w: for
// Previous, as many days ending the day before w starts; for LastYear, the
// same dates a year earlier (29 February becomes 1 March). w must have
// both bounds.
func CompareWindow(w parse.Window, c Compare) (parse.Window, error) {
	if c == NoCompare {
		return parse.Window{}, nil
	}
	if w.Since.IsZero() || w.Until.IsZero() {
		return parse.Window{}, fmt.Errorf("--compare %s needs a period with a start and an end: give --since and --until, or --within", c)
	}
	switch c {
	case Previous:
		days := int(w.Until.Sub(w.Since).Hours()/24+0.5) + 1
		return parse.Window{Since: w.Since.AddDate(0, 0, -days), Until: w.Since.AddDate(0, 0, -1)}, nil
	case LastYear:
		return parse.Window{Since: w.Since.AddDate(-1, 0, 0), Until: w.Until.AddDate(-1, 0, 0)}, nil
	}
	return parse.Window{}, fmt.Errorf("--compare %q is not a comparison; use previous or last-year", string(c))
}

// Check reports, before any line is read, a dimension or filter that
// needs a column the file lacks, naming the column.
func Check(f record.File, opts Options) error {
	dec := f.Decoder()
	if err := dec.Require(schema.SoldAt, "sales by date"); err != nil {
		return err
	}
	for _, d := range opts.By {
		switch d {
		case Store:
			if err := dec.Require(schema.StoreID, "--by store"); err != nil {
				return err
			}
		case Product:
			if err := dec.Require(schema.ProductID, "--by product"); err != nil {
				return err
			}
		case Category:
			if err := dec.Require(schema.Category, "--by category"); err != nil {
				return err
			}
		}
	}
	if m := opts.Match; m != nil {
		if m.NeedsID() {
			if err := dec.Require(schema.ProductID, "--product"); err != nil {
				return err
			}
		}
		if m.NeedsCategory() {
			if err := dec.Require(schema.Category, "--category"); err != nil {
				return err
			}
		}
	}
	return dec.RequireSpend()
}

// acc is one group's state while the file is read.
type acc struct {
	idx          int32
	key, sortKey []string
	fig          [3]Figures             // by period (current, compared)
	custs        [3]map[uint32]struct{} // distinct customers by period
}

// seenKey is a receipt counted in a group (group -1: in the total) in a
// period.
type seenKey struct {
	group int32
	per   period
	h     uint64
}

// pass is Run's state.
type pass struct {
	opts            Options
	dec             *record.Decoder
	scan            *record.SaleScanner
	totals          record.Totals
	keys            record.ReceiptKeys
	store, prod     record.Column
	cat, name       record.Column
	soldAt          record.Column
	hasClock        bool
	against         parse.Window
	offset          int // days a compared line moves forward (Previous)
	index           map[string]int
	accs            []*acc
	total           [3]Figures
	totalCusts      [3]map[uint32]struct{}
	custIDs         map[string]uint32
	seed            maphash.Seed
	seen            map[seenKey]struct{}
	seenDay         int64
	outside         int
	disordered      bool
	keyBuf, rcptBuf []byte
}

// Run totals the sales file f. A line that cannot be read (a malformed
// date or amount, an unknown void or kind value) stops it with an error
// naming the file, line, column and value; so does a line without a time
// of day under --by hour.
func Run(ctx context.Context, f record.File, opts Options) (*Report, error) {
	if err := Check(f, opts); err != nil {
		return nil, err
	}
	against, err := CompareWindow(opts.Window, opts.Compare)
	if err != nil {
		return nil, err
	}
	dec := f.Decoder()
	hull := opts.Window
	if opts.Compare != NoCompare {
		hull.Since = against.Since
	}
	scan, err := record.NewSaleScanner(dec, record.SaleFilter{Window: hull, Stores: opts.Stores, Normalize: opts.Normalize, KeepWalkIns: true}, true)
	if err != nil {
		return nil, err
	}
	p := &pass{opts: opts, dec: dec, scan: scan, totals: dec.Totals(), keys: dec.ReceiptKeys(),
		store: dec.Column(schema.StoreID), prod: dec.Column(schema.ProductID), cat: dec.Column(schema.Category),
		name: dec.Column(schema.ProductName), soldAt: dec.Column(schema.SoldAt), hasClock: dec.Has(schema.SoldTime),
		against: against, index: map[string]int{}, custIDs: map[string]uint32{}, seed: maphash.MakeSeed(),
		seen: map[seenKey]struct{}{}, seenDay: -1 << 62}
	if opts.Compare == Previous {
		p.offset = int(opts.Window.Since.Sub(against.Since).Hours()/24 + 0.5)
	}
	for i := range p.totalCusts {
		p.totalCusts[i] = map[uint32]struct{}{}
	}
	r := f.Reader
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := p.line(rec); err != nil {
			return nil, err
		}
	}
	return p.report(), nil
}

// line adds one sales line.
func (p *pass) line(rec *rows.Record) error {
	voidedBefore, receiptsBefore := p.scan.Counts.Voided, p.scan.Counts.VoidedReceipts
	sale, ok, err := p.scan.Scan(rec)
	if err != nil {
		return err
	}
	voided := p.scan.Counts.Voided > voidedBefore
	if !ok && !voided {
		return nil
	}
	per := p.periodOf(sale.SoldAt)
	if per == outside {
		p.outside++
		return nil
	}
	if m := p.opts.Match; m != nil && m.Match(p.prod.Bytes(rec), p.name.Bytes(rec), p.cat.Bytes(rec)) == 0 {
		return nil
	}
	g, err := p.group(rec, sale.SoldAt, per)
	if err != nil {
		return err
	}
	if voided {
		g.fig[per].Voided++
		p.total[per].Voided++
		if p.scan.Counts.VoidedReceipts > receiptsBefore {
			p.total[per].VoidedReceipts++
		}
		// The receipt in this group: counted once per group.
		if p.firstIn(g, per, rec, sale.SoldAt, true) {
			g.fig[per].VoidedReceipts++
		}
		return nil
	}
	qty, amount, ret, err := p.totals.Net(rec)
	if err != nil {
		return err
	}
	for _, f := range []*Figures{&g.fig[per], &p.total[per]} {
		f.Lines++
		f.Quantity += qty
		f.Net += amount
		if ret {
			f.Returns++
			f.Returned -= min(amount, 0)
		}
	}
	if ret {
		return nil
	}
	walkIn := len(sale.Customer) == 0
	if p.firstIn(g, per, rec, sale.SoldAt, false) {
		g.fig[per].Receipts++
		g.fig[per].WalkIns += b2i(walkIn)
	}
	if p.firstIn(nil, per, rec, sale.SoldAt, false) {
		p.total[per].Receipts++
		p.total[per].WalkIns += b2i(walkIn)
	}
	if !walkIn {
		id, ok := p.custIDs[string(sale.Customer)]
		if !ok {
			id = uint32(len(p.custIDs))
			p.custIDs[string(sale.Customer)] = id
		}
		if g.custs[per] == nil {
			g.custs[per] = map[uint32]struct{}{}
		}
		g.custs[per][id] = struct{}{}
		p.totalCusts[per][id] = struct{}{}
	}
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// periodOf tells the period of a line sold at t (already in the hull of
// both periods).
func (p *pass) periodOf(t time.Time) period {
	if p.opts.Compare == NoCompare || p.opts.Window.Contains(t) {
		return current
	}
	if p.against.Contains(t) {
		return compared
	}
	return outside
}

// firstIn reports whether rec's receipt is new in group g (nil: the
// total) and period per. Voided receipts are kept apart from sold ones.
func (p *pass) firstIn(g *acc, per period, rec *rows.Record, at time.Time, voided bool) bool {
	day := at.Unix() / 86400
	if at.Unix()%86400 < 0 {
		day--
	}
	if day != p.seenDay && !p.disordered {
		if day < p.seenDay {
			p.disordered = true
		} else {
			clear(p.seen)
			p.seenDay = day
		}
	}
	p.rcptBuf = p.keys.Append(p.rcptBuf[:0], rec, at)
	if voided {
		p.rcptBuf = append(p.rcptBuf, 0, 'v')
	}
	k := seenKey{group: -1, per: per, h: maphash.Bytes(p.seed, p.rcptBuf)}
	if g != nil {
		k.group = g.idx
	}
	if _, ok := p.seen[k]; ok {
		return false
	}
	p.seen[k] = struct{}{}
	return true
}

// group returns the group of rec, sold at t in period per, made on first
// use. A compared line of a date dimension is grouped as the day it moves
// to in the period (a year later, or the period's length later), so that
// it lines up with the group it is compared with; weekdays and hours stay
// as they were.
func (p *pass) group(rec *rows.Record, t time.Time, per period) (*acc, error) {
	moved := t
	if per == compared {
		if p.opts.Compare == LastYear {
			moved = t.AddDate(1, 0, 0)
		} else {
			moved = t.AddDate(0, 0, p.offset)
		}
	}
	p.keyBuf = p.keyBuf[:0]
	for i, d := range p.opts.By {
		if i > 0 {
			p.keyBuf = append(p.keyBuf, 0)
		}
		switch d {
		case Day:
			p.keyBuf = moved.AppendFormat(p.keyBuf, "2006-01-02")
		case Week:
			y, w := moved.ISOWeek()
			p.keyBuf = strconv.AppendInt(p.keyBuf, int64(y), 10)
			p.keyBuf = append(p.keyBuf, '-', 'W', byte('0'+w/10), byte('0'+w%10))
		case Month:
			p.keyBuf = moved.AppendFormat(p.keyBuf, "2006-01")
		case Weekday:
			p.keyBuf = append(p.keyBuf, t.Weekday().String()[:3]...)
		case Hour:
			if err := p.requireTime(rec); err != nil {
				return nil, err
			}
			h := t.Hour()
			p.keyBuf = append(p.keyBuf, byte('0'+h/10), byte('0'+h%10))
		case Store:
			p.keyBuf = append(p.keyBuf, bytes.TrimSpace(p.store.Bytes(rec))...)
		case Product:
			p.keyBuf = append(p.keyBuf, bytes.TrimSpace(p.prod.Bytes(rec))...)
		case Category:
			p.keyBuf = append(p.keyBuf, bytes.TrimSpace(p.cat.Bytes(rec))...)
		}
	}
	if i, ok := p.index[string(p.keyBuf)]; ok {
		return p.accs[i], nil
	}
	a := &acc{idx: int32(len(p.accs))}
	for _, part := range bytes.Split(p.keyBuf, []byte{0}) {
		a.key = append(a.key, string(part))
	}
	if len(p.opts.By) == 0 {
		a.key = nil
	}
	for i, d := range p.opts.By {
		s := a.key[i]
		if d == Weekday {
			// Monday first, as ISO weeks are.
			s = strconv.Itoa((int(t.Weekday())+6)%7) + s
		}
		a.sortKey = append(a.sortKey, s)
	}
	p.index[string(p.keyBuf)] = len(p.accs)
	p.accs = append(p.accs, a)
	return a, nil
}

// requireTime refuses a line whose time of sale has no time of day: a
// file without a sold_time column whose sold_at is a date alone.
func (p *pass) requireTime(rec *rows.Record) error {
	if p.hasClock {
		return nil
	}
	raw := p.soldAt.Bytes(rec)
	if bytes.ContainsAny(raw, ":時") {
		return nil
	}
	return p.soldAt.Error(rec, fmt.Errorf("has no time of day, and the file has no %s column; --by hour needs the time of each sale: export it in sold_at (2026-11-22 10:15) or as a time column (時刻, 会計時間, Time)", schema.SoldTime))
}

// report sorts the groups and counts their customers.
func (p *pass) report() *Report {
	r := &Report{By: p.opts.By, Compare: p.opts.Compare, Period: p.opts.Window, Against: p.against,
		Counts: p.scan.Counts, Outside: p.outside}
	for _, a := range p.accs {
		g := Group{Key: a.key, sortKey: a.sortKey, Figures: a.fig[current], Compared: a.fig[compared]}
		g.Figures.Customers, g.Compared.Customers = len(a.custs[current]), len(a.custs[compared])
		r.Groups = append(r.Groups, g)
	}
	slices.SortFunc(r.Groups, func(a, b Group) int { return slices.Compare(a.sortKey, b.sortKey) })
	r.Total, r.ComparedTotal = p.total[current], p.total[compared]
	r.Total.Customers, r.ComparedTotal.Customers = len(p.totalCusts[current]), len(p.totalCusts[compared])
	return r
}
