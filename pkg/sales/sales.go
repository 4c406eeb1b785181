// Package sales totals a sales file by day, ISO week, month, weekday, hour,
// store, product or category, or any combination of them: per group the
// receipts, distinct member customers, walk-in share, lines, quantity, net
// amount, average per receipt, returns and voids; and, with a comparison,
// the same figures for the previous period or the same period a year
// earlier, and the change.
//
// It is an operation of the data path: [Run] reads the sales file once,
// on every core, through [record.SaleScanner] (walk-ins kept and counted apart, voided
// receipts left out and counted per group, other transactions left out),
// nets each line with [record.Totals.Net] and tells receipts apart with
// [record.ReceiptKeys], the rules every command shares. A receipt counts in
// a group when it has a line in the group that is no return: a receipt made
// only of returns is no visit, but its amounts are taken off the net.
//
// # Memory
//
// Memory follows the groups, not the lines. A group is a number, and
// its key text (kept once, in pages), figures and distinct member
// customers are entries in pages indexed by it (groups.go), found from
// the key through a table of group numbers: about 150 bytes a group with
// a few customers. Up to three customers' numbers are kept in place, more
// in a flat set of 4 bytes each at most half full, so a group holds at
// most the customers who bought in it; the customer ids are numbered once
// (record.IDs), and the total's customers are a bitmap of their numbers.
// The report's groups share the key text. The blocks of the file
// are summed on every core, each into its own groups, found by the line's
// codes (a date as a number of its calendar, a store, product or category
// as its number among the block's), with its member customers listed once
// a run of lines in a group and its receipts once a run of a receipt's
// consecutive lines; the merge, in file order, tells receipts apart with
// a set of the receipts of the day being read (a receipt's key includes
// its day), which is emptied when a later day starts; once the lines go
// back in date order the set keeps every receipt's 8-byte hash from then
// on. A receipt whose lines lie on both sides of such a step back, with a
// later day's lines between them, counts twice. No line allocates.
package sales

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/prefetch"
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
	// Workers is the number of blocks read at once; 0 takes every core.
	Workers int
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
	// Twins are the member customers' ids that are one after
	// customer.NormalizeKey, when Options.Normalize is not set.
	Twins customer.Twins
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
func Check(f record.File, opts Options) error { return check(f.Decoder(), opts) }

// check is Check on the decoder of one file of a chain.
func check(dec *record.Decoder, opts Options) error {
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

// rules are how the lines of one sales file of a chain are read
// (record.PerFile): its scanner, totals, receipt keys and columns, and
// how many leading fields of a line they read.
type rules struct {
	scan        *record.SaleScanner
	totals      record.Totals
	keys        record.ReceiptKeys
	store, prod record.Column
	cat, name   record.Column
	soldAt      record.Column
	receipt     record.Column
	hasClock    bool
	prefix      int
}

// pass is Run's state: what the workers share, read-only while the file
// is read, then the merged groups, which only the in-order merge touches.
type pass struct {
	opts       Options
	files      *record.PerFile[*rules]
	against    parse.Window
	offset     int  // days a compared line moves forward (Previous)
	dated      bool // a dimension of By is a date's (day, week, month, weekday)
	matchID    bool // Options.Match reads product ids
	byReceipt  bool // every dimension of By is a receipt's: a date's or the store
	seed       maphash.Seed
	workers    int
	chunks     sync.Pool // of *chunk, merged and ready for reuse
	groups     groups
	total      [3]Figures
	totalCusts [3]numBits
	ids        *record.IDs // the member customers, numbered
	seen       hashSet     // the receipts of day seenDay (see firstIn)
	seenDay    int64
	outside    int
	disordered bool
	counts     record.SaleCounts
	local      []int32 // a chunk's group numbers in groups, reused
}

// Run totals the sales file f. A line that cannot be read (a malformed
// date or amount, an unknown void or kind value, an id in scientific
// notation: the customer's, or the product's where a dimension or the
// selection reads it) stops it with an error naming the file, line,
// column and value; so does a line without a time of day under --by
// hour.
//
// The blocks of the file are read on every core (rows.EachBlock, with
// each file of a chain read under its own columns, record.PerFile): each
// block is summed into its own groups, and its receipts and customers
// are listed; the merge, in file order, adds the groups up and tells
// receipts and customers apart as a single pass would.
func Run(ctx context.Context, f record.File, opts Options) (*Report, error) {
	p, err := start(f, opts)
	if err != nil {
		return nil, err
	}
	if err := rows.EachBlock(ctx, f.Reader, p.workers, p.block, p.merge); err != nil {
		return nil, err
	}
	return p.report(), nil
}

// start checks the options against f and makes Run's pass.
func start(f record.File, opts Options) (*pass, error) {
	if err := Check(f, opts); err != nil {
		return nil, err
	}
	against, err := CompareWindow(opts.Window, opts.Compare)
	if err != nil {
		return nil, err
	}
	hull := opts.Window
	if opts.Compare != NoCompare {
		hull.Since = against.Since
	}
	filter := record.SaleFilter{Window: hull, Stores: opts.Stores, Normalize: opts.Normalize, KeepWalkIns: true}
	files, _, err := record.NewPerFile(f, func(dec *record.Decoder) (*rules, error) {
		if err := check(dec, opts); err != nil {
			return nil, err
		}
		scan, err := record.NewSaleScanner(dec, filter, true)
		if err != nil {
			return nil, err
		}
		r := &rules{scan: scan, totals: dec.Totals(), keys: dec.ReceiptKeys(),
			store: dec.Column(schema.StoreID), prod: dec.Column(schema.ProductID), cat: dec.Column(schema.Category),
			name: dec.Column(schema.ProductName), soldAt: dec.Column(schema.SoldAt), receipt: dec.Column(schema.ReceiptID),
			hasClock: dec.Has(schema.SoldTime)}
		// Only the fields up to the last one read are split.
		r.prefix = max(scan.Prefix(), r.totals.Prefix(), r.receipt.Prefix(),
			r.store.Prefix(), r.prod.Prefix(), r.cat.Prefix(), r.name.Prefix(), r.soldAt.Prefix(),
			dec.Column(schema.SoldTime).Prefix())
		return r, nil
	})
	if err != nil {
		return nil, err
	}
	p := &pass{opts: opts, files: files, against: against, ids: record.NewIDs(1 << 12),
		seed: maphash.MakeSeed(), seenDay: -1 << 62, groups: groups{seed: maphash.MakeSeed()}}
	if opts.Compare == Previous {
		p.offset = int(opts.Window.Since.Sub(against.Since).Hours()/24 + 0.5)
	}
	p.matchID = opts.Match != nil && opts.Match.NeedsID()
	p.byReceipt = true
	for _, d := range opts.By {
		p.dated = p.dated || d == Day || d == Week || d == Month || d == Weekday
		p.byReceipt = p.byReceipt && (d == Day || d == Week || d == Month || d == Weekday || d == Store)
	}
	p.workers = opts.Workers
	if p.workers <= 0 {
		p.workers = rows.Workers()
	}
	return p, nil
}

// maxDims is the most dimensions a report has: each of Dims once.
const maxDims = 8

// codes are a line's values of the dimensions, in the order of
// Options.By, as numbers: a date's as a number of its calendar, an hour
// as itself, a store, product or category as its number among the
// block's values of that dimension (chunk.texts). Within a block, two
// lines have the same codes exactly when they have the same group.
type codes [maxDims]uint32

// chunk is one block's sums: its groups, and the receipts and customers
// in them, in the order of their first line: a customer listed once a
// run of lines in a group and period, a receipt once a run of its lines
// (see receipts).
type chunk struct {
	groups   []localGroup
	index    map[string]int32 // the groups by their key
	byCodes  map[codes]int32  // the groups by their codes
	texts    [maxDims]texts
	receipts []receipt
	custs    []custRef
	custIDs  []byte // the customer ids of custs, one after another
	counts   record.SaleCounts
	outside  int
}

// localGroup is a group of one block.
type localGroup struct {
	key string     // the dimensions' values, 0 between them
	fig [2]Figures // by period less one (current, compared)
}

// receipt is a receipt of a block in a group and period, and in the
// total too when total is set; voided ones are kept apart from sold ones.
type receipt struct {
	group                 int32
	per                   period
	voided, walkIn, total bool
	day                   int64
	h                     uint64
}

// custRef is a member customer who bought in a group of a block in a
// period; the id is custIDs[start:end], and h its hash (record.IDs.Hash).
type custRef struct {
	group      int32
	per        period
	start, end uint32
	h          uint64
}

// chunk returns an empty chunk, reusing a merged one.
func (p *pass) chunk() *chunk {
	if ch, ok := p.chunks.Get().(*chunk); ok {
		clear(ch.index)
		clear(ch.byCodes)
		for i := range ch.texts {
			clear(ch.texts[i].codes)
			ch.texts[i].vals = ch.texts[i].vals[:0]
		}
		*ch = chunk{groups: ch.groups[:0], index: ch.index, byCodes: ch.byCodes, texts: ch.texts,
			receipts: ch.receipts[:0], custs: ch.custs[:0], custIDs: ch.custIDs[:0]}
		return ch
	}
	return &chunk{index: map[string]int32{}, byCodes: map[codes]int32{}}
}

// worker is one block's pass.
type worker struct {
	p       *pass
	r       *rules
	sc      *record.SaleScanner
	ch      *chunk
	keyBuf  []byte
	rcptBuf []byte
	// the receipt of the line before: its id and store (or its key, in a
	// file without receipt ids), day, period and void flag; whether its
	// run of lines has been listed yet, with its hash, its group last
	// listed and the groups it has been listed in
	lastOK     bool
	lastRcpt   []byte
	lastRid    []byte
	lastStore  []byte
	lastDay    int64
	lastVoided bool
	lastPer    period
	listed     bool
	lastH      uint64
	lastG      int32
	runGroups  []int32
	// the customer of the line before and its group
	lastCust    []byte
	lastCustG   int32
	lastCustPer period
	// the codes of the line before and its group (-1: none yet)
	lastCodes codes
	lastCodeG int32
	// the codes of the date dimensions of day dateDay in period datePer
	dateOK    bool
	dateDay   int64
	datePer   period
	dateCodes codes
	// each text dimension's value on the line before, and its code
	texts [maxDims]struct {
		ok   bool
		last []byte // as written, spaces and all
		code uint32
	}
}

// block sums one block's lines.
func (p *pass) block(b *rows.Block) (*chunk, error) {
	r, err := p.files.Of(b)
	if err != nil {
		return nil, err
	}
	w := &worker{p: p, r: r, sc: r.scan.Clone(), ch: p.chunk(), lastCustG: -2, lastCodeG: -1}
	err = b.EachPrefix(r.prefix, w.line)
	b.Release() // nothing of the block is kept
	w.ch.counts = w.sc.Counts
	return w.ch, err
}

// line adds one sales line to the block's sums.
func (w *worker) line(rec *rows.Record) error {
	p, ch := w.p, w.ch
	voidedBefore := w.sc.Counts.Voided
	sale, ok, err := w.sc.Scan(rec)
	if err != nil {
		return err
	}
	voided := w.sc.Counts.Voided > voidedBefore
	if !ok && !voided {
		return nil
	}
	per := p.periodOf(sale.SoldAt)
	if per == outside {
		ch.outside++
		return nil
	}
	if m := p.opts.Match; m != nil {
		id := w.r.prod.Bytes(rec)
		if p.matchID && record.Scientific(id) {
			return w.r.prod.Error(rec, record.ErrScientific) // its lost digits may be a selected product's
		}
		if m.Match(id, w.r.name.Bytes(rec), w.r.cat.Bytes(rec)) == 0 {
			return nil
		}
	}
	same := w.sameReceipt(rec, sale.SoldAt, per, voided)
	g := w.lastCodeG
	// A day of the clock is a day of the calendar in UTC, as parsed
	// dates are; in any other zone every line finds its group.
	if !same || !p.byReceipt || g < 0 || sale.SoldAt.Location() != time.UTC {
		if g, err = w.group(rec, sale.SoldAt, per); err != nil {
			return err
		}
	}
	fig := &ch.groups[g].fig[per-current]
	if voided {
		fig.Voided++
		w.receipts(g, per, rec, sale.SoldAt, true, false)
		return nil
	}
	qty, amount, ret, err := w.r.totals.Net(rec)
	if err != nil {
		return err
	}
	fig.Lines++
	fig.Quantity += qty
	fig.Net += amount
	if ret {
		fig.Returns++
		fig.Returned -= min(amount, 0)
		return nil
	}
	walkIn := len(sale.Customer) == 0
	w.receipts(g, per, rec, sale.SoldAt, false, walkIn)
	if !walkIn {
		if w.lastCustG == g && w.lastCustPer == per && bytes.Equal(w.lastCust, sale.Customer) {
			return nil // the customer of the line before, in the same group
		}
		w.lastCust, w.lastCustG, w.lastCustPer = append(w.lastCust[:0], sale.Customer...), g, per
		start := uint32(len(ch.custIDs))
		ch.custIDs = append(ch.custIDs, sale.Customer...)
		ch.custs = append(ch.custs, custRef{group: g, per: per, start: start, end: uint32(len(ch.custIDs)),
			h: p.ids.Hash(sale.Customer)})
	}
	return nil
}

// sameReceipt reports whether rec, sold at at in period per, is of the
// receipt of the line before (voided lines apart from the others), and
// if not makes it the receipt of the line. Lines with the same receipt
// id, store and day make the same receipt key, which is then not made.
// (Unequal, they may still make it, through a 0 byte in an id: the
// receipt is then listed again, and the merge counts it once.)
func (w *worker) sameReceipt(rec *rows.Record, at time.Time, per period, voided bool) bool {
	day := at.Unix() / 86400
	if at.Unix()%86400 < 0 {
		day--
	}
	if w.r.receipt.Present() {
		rid, store := w.r.receipt.Bytes(rec), w.r.store.Bytes(rec)
		if w.lastOK && w.lastPer == per && w.lastVoided == voided && w.lastDay == day &&
			bytes.Equal(rid, w.lastRid) && bytes.Equal(store, w.lastStore) {
			return true
		}
		w.lastRid, w.lastStore = append(w.lastRid[:0], rid...), append(w.lastStore[:0], store...)
	} else {
		w.rcptBuf = w.r.keys.Append(w.rcptBuf[:0], rec, at)
		if w.lastOK && w.lastPer == per && w.lastVoided == voided && bytes.Equal(w.rcptBuf, w.lastRcpt) {
			return true
		}
		w.lastRcpt, w.rcptBuf = w.rcptBuf, w.lastRcpt
	}
	w.lastOK, w.lastPer, w.lastVoided, w.lastDay, w.listed = true, per, voided, day, false
	return false
}

// receipts lists the receipt of rec (the line's, after sameReceipt) in
// group g and in the total, in period per. A receipt's lines mostly
// follow one another: they make one run, whose receipt is listed once
// in the total and once in each group it has lines in, with no look-up
// in a set of the block's receipts; its key is made and hashed once, when
// the run is first listed (a run of returns only is not). A receipt met
// again after other lines is listed again, and the merge, which tells
// receipts apart across blocks, counts it once.
func (w *worker) receipts(g int32, per period, rec *rows.Record, at time.Time, voided, walkIn bool) {
	first := !w.listed
	if first {
		w.rcptBuf = w.r.keys.Append(w.rcptBuf[:0], rec, at)
		if voided {
			w.rcptBuf = append(w.rcptBuf, 0, 'v')
		}
		w.lastH = maphash.Bytes(w.p.seed, w.rcptBuf)
		w.listed = true
		w.runGroups = w.runGroups[:0]
	} else if w.lastG == g || len(w.runGroups) < maxRunGroups && slices.Contains(w.runGroups, g) {
		return
	}
	w.lastG = g
	w.runGroups = append(w.runGroups, g)
	w.ch.receipts = append(w.ch.receipts, receipt{group: g, per: per, voided: voided, walkIn: walkIn, total: first,
		day: w.lastDay, h: w.lastH})
}

// maxRunGroups bounds the groups of a run looked through: a receipt with
// lines in more groups lists the further ones once a line, and the merge
// counts them once.
const maxRunGroups = 32

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

// merge adds a block's sums, in file order.
func (p *pass) merge(ch *chunk) error {
	p.counts.Add(ch.counts)
	p.outside += ch.outside
	p.local = p.local[:0]
	gs := &p.groups
	comparing := p.opts.Compare != NoCompare
	for i := range ch.groups {
		lg := &ch.groups[i]
		gi := gs.number(lg.key, comparing)
		gs.fig(gi, current).add(lg.fig[0])
		p.total[current].add(lg.fig[0])
		if comparing {
			gs.fig(gi, compared).add(lg.fig[1])
			p.total[compared].add(lg.fig[1])
		}
		p.local = append(p.local, int32(gi))
	}
	for _, r := range ch.receipts {
		g := p.local[r.group]
		if p.firstIn(g, r) {
			gs.fig(int(g), r.per).count(r)
		}
		if r.total && p.firstIn(-1, r) {
			p.total[r.per].count(r)
		}
	}
	p.customers(ch)
	p.chunks.Put(ch)
	return nil
}

// customers numbers a block's member customers and adds each to its
// group's set and the total's. The customers go in batches through a
// pipeline of two steps (prefetch.Pipeline): the table slots of a batch
// are asked for while the batch before is numbered.
func (p *pass) customers(ch *chunk) {
	const batch = 32
	refs := func(k int) []custRef { return ch.custs[k*batch : min(k*batch+batch, len(ch.custs))] }
	prefetch.Pipeline((len(ch.custs)+batch-1)/batch,
		func(k int) {
			rs := refs(k)
			for i := range rs {
				p.ids.Prefetch(rs[i].h)
			}
		},
		func(k int) {
			rs := refs(k)
			for i := range rs {
				c := &rs[i]
				n := uint32(p.ids.NumberHash(ch.custIDs[c.start:c.end], c.h))
				p.totalCusts[c.per].add(n)
				p.groups.addCustomer(int(p.local[c.group]), c.per, n)
			}
		})
}

// count counts a receipt new in f's group.
func (f *Figures) count(r receipt) {
	if r.voided {
		f.VoidedReceipts++
	} else {
		f.Receipts++
		f.WalkIns += b2i(r.walkIn)
	}
}

// add adds o's counts of lines to f; receipts and customers are counted
// apart, as they must be told apart across blocks.
func (f *Figures) add(o Figures) {
	f.Lines += o.Lines
	f.Quantity += o.Quantity
	f.Net += o.Net
	f.Returns += o.Returns
	f.Returned += o.Returned
	f.Voided += o.Voided
}

// firstIn reports whether receipt r is new in group g (-1: the total).
// Receipts are told apart with the set of the day being read, emptied
// when a later day starts; once a day comes after a later one, the set
// keeps every receipt from then on. The set holds the receipt's hash
// moved by its group and period (voided receipts apart from sold ones):
// a receipt in two groups is two entries.
func (p *pass) firstIn(g int32, r receipt) bool {
	if r.day != p.seenDay && !p.disordered {
		if r.day < p.seenDay {
			p.disordered = true
		} else {
			p.seen.reset()
			p.seenDay = r.day
		}
	}
	h := r.h
	if r.voided {
		h = ^h
	}
	h += uint64(uint32(g+1))*0x9E3779B97F4A7C15 + uint64(r.per)*0xC2B2AE3D27D4EB4F
	return p.seen.add(h)
}

// group returns the block's group of rec, sold at t in period per, made
// on first use. The line's codes are compared with the line before's,
// then looked up among the block's; only a block's first line of a
// group makes its key (makeGroup).
func (w *worker) group(rec *rows.Record, t time.Time, per period) (int32, error) {
	p := w.p
	var c codes
	if p.dated {
		day := t.Unix() / 86400
		if t.Unix()%86400 < 0 {
			day--
		}
		if !w.dateOK || day != w.dateDay || per != w.datePer {
			w.dateCodes = p.dateCodes(t, per)
			// A day of the clock is a day of the calendar in UTC, as
			// parsed dates are; any other zone is coded line by line.
			w.dateOK, w.dateDay, w.datePer = t.Location() == time.UTC, day, per
		}
		c = w.dateCodes
	}
	for i, d := range p.opts.By {
		switch d {
		case Hour:
			if err := w.r.requireTime(rec); err != nil {
				return 0, err
			}
			c[i] = uint32(t.Hour())
		case Store:
			c[i], _ = w.text(i, w.r.store.Bytes(rec))
		case Product:
			id := w.r.prod.Bytes(rec)
			var added bool
			if c[i], added = w.text(i, id); added && record.Scientific(id) {
				return 0, w.r.prod.Error(rec, record.ErrScientific)
			}
		case Category:
			c[i], _ = w.text(i, w.r.cat.Bytes(rec))
		}
	}
	if w.lastCodeG >= 0 && c == w.lastCodes {
		return w.lastCodeG, nil
	}
	g, ok := w.ch.byCodes[c]
	if !ok {
		g = w.makeGroup(rec, t, per)
		w.ch.byCodes[c] = g
	}
	w.lastCodes, w.lastCodeG = c, g
	return g, nil
}

// dateCodes returns the codes of the date dimensions of a line sold at t
// in period per (see group for the compared period's).
func (p *pass) dateCodes(t time.Time, per period) codes {
	moved := p.moved(t, per)
	var c codes
	for i, d := range p.opts.By {
		switch d {
		case Day:
			y, m, dd := moved.Date()
			c[i] = uint32(int32(y)*372 + int32(m-1)*31 + int32(dd-1))
		case Week:
			y, wk := moved.ISOWeek()
			c[i] = uint32(int32(y)*64 + int32(wk))
		case Month:
			y, m, _ := moved.Date()
			c[i] = uint32(int32(y)*12 + int32(m-1))
		case Weekday:
			c[i] = uint32(t.Weekday())
		}
	}
	return c
}

// text returns the code of a store, product or category value b (spaces
// around it trimmed) of dimension i: its number among the block's values;
// added says that b is new to the block, and so the only line of its
// value that group checks. A value as the line before wrote it has the
// line before's code; a block's few values (stores, say) are looked
// through, more looked up.
func (w *worker) text(i int, b []byte) (code uint32, added bool) {
	tc := &w.texts[i]
	if tc.ok && bytes.Equal(b, tc.last) {
		return tc.code, false
	}
	tc.ok, tc.last = true, append(tc.last[:0], b...)
	b = bytes.TrimSpace(b)
	vals := w.ch.texts[i].vals
	if len(vals) <= fewTexts {
		for code, v := range vals {
			if v == string(b) {
				tc.code = uint32(code)
				return tc.code, false
			}
		}
	} else if code, ok := w.ch.texts[i].codes[string(b)]; ok {
		tc.code = code
		return code, false
	}
	tc.code = w.ch.texts[i].add(string(b))
	return tc.code, true
}

// fewTexts is the most values of a dimension looked through rather than
// looked up.
const fewTexts = 8

// texts are a block's values of a store, product or category dimension,
// numbered as first met.
type texts struct {
	vals  []string
	codes map[string]uint32 // the numbers of vals, past fewTexts of them
}

// add numbers a new value v.
func (t *texts) add(v string) uint32 {
	code := uint32(len(t.vals))
	t.vals = append(t.vals, v)
	if len(t.vals) > fewTexts {
		if t.codes == nil {
			t.codes = make(map[string]uint32, 2*len(t.vals))
		}
		if len(t.codes) == 0 {
			for c, x := range t.vals {
				t.codes[x] = uint32(c)
			}
		}
		t.codes[v] = code
	}
	return code
}

// moved is the day a line sold at t in period per is grouped as. A
// compared line of a date dimension is grouped as the day it moves to in
// the period (a year later, or the period's length later), so that it
// lines up with the group it is compared with; weekdays and hours stay as
// they were.
func (p *pass) moved(t time.Time, per period) time.Time {
	if per != compared {
		return t
	}
	if p.opts.Compare == LastYear {
		return t.AddDate(1, 0, 0)
	}
	return t.AddDate(0, 0, p.offset)
}

// makeGroup returns the block's group of rec's key, sold at t in period
// per, made on first use.
func (w *worker) makeGroup(rec *rows.Record, t time.Time, per period) int32 {
	p := w.p
	moved := p.moved(t, per)
	w.keyBuf = w.keyBuf[:0]
	for i, d := range p.opts.By {
		if i > 0 {
			w.keyBuf = append(w.keyBuf, 0)
		}
		switch d {
		case Day:
			w.keyBuf = moved.AppendFormat(w.keyBuf, "2006-01-02")
		case Week:
			y, wk := moved.ISOWeek()
			w.keyBuf = strconv.AppendInt(w.keyBuf, int64(y), 10)
			w.keyBuf = append(w.keyBuf, '-', 'W', byte('0'+wk/10), byte('0'+wk%10))
		case Month:
			w.keyBuf = moved.AppendFormat(w.keyBuf, "2006-01")
		case Weekday:
			w.keyBuf = append(w.keyBuf, t.Weekday().String()[:3]...)
		case Hour:
			h := t.Hour()
			w.keyBuf = append(w.keyBuf, byte('0'+h/10), byte('0'+h%10))
		case Store:
			w.keyBuf = append(w.keyBuf, bytes.TrimSpace(w.r.store.Bytes(rec))...)
		case Product:
			w.keyBuf = append(w.keyBuf, bytes.TrimSpace(w.r.prod.Bytes(rec))...)
		case Category:
			w.keyBuf = append(w.keyBuf, bytes.TrimSpace(w.r.cat.Bytes(rec))...)
		}
	}
	if i, ok := w.ch.index[string(w.keyBuf)]; ok {
		return i
	}
	return w.newGroup()
}

// newGroup adds the group of w.keyBuf to the block's.
func (w *worker) newGroup() int32 {
	ch := w.ch
	lg := localGroup{key: string(w.keyBuf)}
	i := int32(len(ch.groups))
	ch.index[lg.key] = i
	ch.groups = append(ch.groups, lg)
	return i
}

// splitKey returns the dimensions' values of key (0 between them) in
// parts, if it has as many; else in a slice of their own.
func splitKey(key string, parts []string) []string {
	if strings.Count(key, "\x00") != len(parts)-1 {
		return strings.Split(key, "\x00")
	}
	for i := range parts {
		v, rest, _ := strings.Cut(key, "\x00")
		parts[i], key = v, rest
	}
	return parts
}

// compareKeys orders two groups' keys: by each dimension's value in
// turn, as text (dates, weeks and hours are written so that text order is
// time order) but for weekdays, Monday first, as ISO weeks are.
func (p *pass) compareKeys(a, b string) int {
	for _, d := range p.opts.By {
		va, ra, _ := strings.Cut(a, "\x00")
		vb, rb, _ := strings.Cut(b, "\x00")
		if d == Weekday {
			if c := weekdayRank(va) - weekdayRank(vb); c != 0 {
				return c
			}
		}
		if c := strings.Compare(va, vb); c != 0 {
			return c
		}
		a, b = ra, rb
	}
	return 0
}

// weekdayRank is a weekday's place in an ISO week, Monday 0, from its
// name as a key writes it (Mon … Sun).
func weekdayRank(name string) int {
	for d := range 7 {
		if time.Weekday(d).String()[:3] == name {
			return (d + 6) % 7
		}
	}
	return 7
}

// requireTime refuses a line whose time of sale has no time of day: a
// file without a sold_time column whose sold_at is a date alone.
func (p *rules) requireTime(rec *rows.Record) error {
	if p.hasClock {
		return nil
	}
	raw := p.soldAt.Bytes(rec)
	if bytes.ContainsAny(raw, ":時") {
		return nil
	}
	return p.soldAt.Error(rec, fmt.Errorf("has no time of day, and the file has no %s column; --by hour needs the time of each sale: export it in sold_at (2026-11-22 10:15) or as a time column (時刻, 会計時間, Time)", schema.SoldTime))
}

// report sorts the groups and counts their customers. What the merge
// needed only to find groups and tell customers apart is let go before
// the report's groups are made; their Keys share the key text.
func (p *pass) report() *Report {
	r := &Report{By: p.opts.By, Compare: p.opts.Compare, Period: p.opts.Window, Against: p.against,
		Counts: p.counts, Outside: p.outside}
	gs := &p.groups
	gs.slots = nil
	gs.countCustomers()
	order := make([]int32, gs.n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return p.compareKeys(*gs.keys.at(int(a)), *gs.keys.at(int(b))) })
	dims := len(p.opts.By)
	parts := make([]string, dims*len(order))
	r.Groups = make([]Group, len(order))
	for i, g := range order {
		grp := &r.Groups[i]
		if dims > 0 {
			grp.Key = splitKey(*gs.keys.at(int(g)), parts[i*dims:(i+1)*dims:(i+1)*dims])
		}
		grp.Figures = *gs.fig(int(g), current)
		if len(gs.figs[1].pages) > 0 {
			grp.Compared = *gs.fig(int(g), compared)
		}
	}
	r.Total, r.ComparedTotal = p.total[current], p.total[compared]
	r.Total.Customers, r.ComparedTotal.Customers = p.totalCusts[current].n, p.totalCusts[compared].n
	if p.opts.Normalize == nil {
		r.Twins = customer.FindTwins(func(yield func([]byte) bool) {
			for i := range p.ids.Len() {
				if !yield(p.ids.IDBytes(i)) {
					return
				}
			}
		})
	}
	return r
}
