// Package ledger computes the customer ledger from a sales file: for each
// customer, the number of visits, the first and last visit, lines,
// quantity and spend; and it ranks customers by visits, spend or recency.
//
// It is an operation of the data path, between the typed records
// ([record.SaleScanner]) and the output: [Run] streams the sales file
// once, on all cores, and keeps one small entry per customer, so memory
// follows the number of customers (and their visits), never the number of
// sales lines. [Ledger.Order] ranks the entries; segment builds its RFM
// scores on the same entries.
//
// # Visits
//
// A visit is one receipt: a receipt id on one day at one store
// ([record.Decoder.AppendReceiptKey], the definition every command shares).
// Registers that number receipts per day or per store reuse ids, so the
// same receipt id on another day or at another store is another visit,
// while the lines of one receipt, wherever they are in the file, are one
// visit. A line with an empty receipt id counts as a visit of its day and
// store; in a file without the column, the time of sale stands for the
// receipt. A receipt made only of returns ([record.Totals.Net]) is no
// visit: its lines are netted into the customer's quantity and spend, and
// their dates are not visits. Voided receipts are left out by the sale
// filter.
//
// Counting distinct receipts exactly needs the receipts already counted.
// The ledger keeps a 64-bit hash of every visit in a log (12 bytes a
// visit, no per-customer allocation) and, per customer, only the latest
// visit. Since the day is part of a visit, a line dated after the
// customer's latest visit is a new visit, and a line of the latest visit is
// not: in a time-sorted file that settles every line at once. Only
// customers with a line that neither rule settles (three receipts on one
// day, lines out of date order) are counted again at the end, from the log.
// Lines of one receipt that follow each other are merged before all that,
// on the worker goroutines.
//
// # Memory
//
// Memory follows the customers and their distinct visits, whatever the
// order of the lines: 64 bytes a customer (plus its id without a customers
// file), and 12 bytes a distinct visit when the lines are in date order.
// Lines out of date order may log a visit again, but the log drops such
// repeats as it grows (see visitLog), so that it never holds more than
// twice the distinct visits (plus 256 visits a shard): a file of shuffled
// lines, or several per-store files read together, costs at most about
// twice what the same lines in date order cost, never an entry a line.
package ledger

import (
	"bytes"
	"context"
	"hash/maphash"
	"sync"
	"time"
	"unsafe"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/hugepage"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/prefetch"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Options configure Run.
type Options struct {
	// Filter selects the lines counted: walk-ins, other stores and lines
	// outside the window are left out and counted.
	Filter record.SaleFilter
	// Customers, when set, is the customers file: every customer in it has
	// an entry, in file order, with zero visits if no line is theirs, and
	// lines whose customer id is not in it are left out and counted as
	// Stats.Unknown. Its payloads must be made by [customer.PlainPayload] of
	// every column of the file.
	Customers *customer.Index
	// Workers is the number of goroutines parsing blocks; 0 means one per
	// CPU.
	Workers int
	// PerStore keeps an entry per store and customer, so that a customer
	// who bought at two stores has an entry at each: the ledger of each
	// store (--per-store). Entries are numbered as their (store, customer)
	// pairs are first seen, with or without Customers; a registered
	// customer who bought nowhere has no entry.
	PerStore bool
	// Tap, when set, sums the same lines for another operation in the
	// same pass (see Tap).
	Tap Tap
}

// Stats counts what happened to the sales lines.
type Stats struct {
	record.SaleCounts
	// Unknown counts lines whose customer is not in Options.Customers.
	Unknown int
	// Near counts those of them whose id Options.Customers has after
	// customer.NormalizeKey.
	Near customer.NearMiss
}

// Counted returns the number of lines that went into the ledger.
func (s Stats) Counted() int { return s.Kept - s.Unknown }

// Ledger holds one entry per customer.
type Ledger struct {
	known  *customer.Index
	idCell int
	ids    *record.IDs // customer numbers without Options.Customers
	accs   accTable
	log    visitLog
	unsure int // customers whose visits recount settles
	// perStore: entries are (store, customer) pairs, numbered in ids as
	// store, 0, customer id; custOf is each entry's Customers number.
	perStore bool
	custOf   []int32
	pass     *pass  // during Run
	file     string // the sales file, for warnings
	// Stats counts the lines read.
	Stats Stats
}

// Entry is one customer's line of the ledger.
type Entry struct {
	Visits   int           // distinct receipts (see the package comment)
	Lines    int           // sales lines
	First    time.Time     // day of the first visit; zero without visits
	Last     time.Time     // day of the last visit; zero without visits
	Quantity parse.Decimal // net of returns
	Spend    parse.Decimal // sum of the lines' amounts, net of returns (record.Totals.Net)
}

// DaysSince returns the days from the last visit's day to asOf's day; ok
// is false for a customer without visits.
func (e Entry) DaysSince(asOf time.Time) (days int, ok bool) {
	if e.Visits == 0 {
		return 0, false
	}
	return int(record.DayOf(asOf) - record.DayOf(e.Last)), true
}

// AverageSpend returns spend per visit, rounded half away from zero to two
// decimal places; 0 without visits.
func (e Entry) AverageSpend() parse.Decimal {
	if e.Visits == 0 {
		return 0
	}
	const cent = int64(parse.DecimalScale / 100)
	return parse.Decimal(roundDiv(int64(e.Spend), int64(e.Visits)*cent) * cent)
}

// roundDiv divides n by a positive d, rounding half away from zero.
func roundDiv(n, d int64) int64 {
	if n < 0 {
		return -((-n + d/2) / d)
	}
	return (n + d/2) / d
}

// Len returns the number of entries.
func (l *Ledger) Len() int { return l.accs.n }

// Buyers returns the number of entries with at least one visit.
func (l *Ledger) Buyers() int {
	n := 0
	for i := range l.accs.n {
		if l.accs.at(i).visits > 0 {
			n++
		}
	}
	return n
}

// Entry returns entry i.
func (l *Ledger) Entry(i int) Entry {
	a := l.accs.at(i)
	e := Entry{Visits: int(a.visits), Lines: int(a.lines), Quantity: a.qty, Spend: a.spend}
	if a.visits > 0 {
		e.First, e.Last = dayTime(a.first), dayTime(a.last)
	}
	return e
}

// ID returns the customer id of entry i.
func (l *Ledger) ID(i int) string {
	if l.perStore {
		_, id, _ := bytes.Cut(l.ids.IDBytes(i), []byte{0})
		return string(id)
	}
	if l.known != nil {
		return string(l.knownID(i))
	}
	return l.ids.ID(i)
}

// Store returns the store of entry i with Options.PerStore, else "".
func (l *Ledger) Store(i int) string {
	if !l.perStore {
		return ""
	}
	st, _, _ := bytes.Cut(l.ids.IDBytes(i), []byte{0})
	return string(st)
}

// PerStore reports whether the entries are per store and customer.
func (l *Ledger) PerStore() bool { return l.perStore }

// Customer returns the customers-file number of entry i (the index of
// Options.Customers), or -1 without one.
func (l *Ledger) Customer(i int) int {
	if l.perStore {
		if l.known == nil {
			return -1
		}
		return int(l.custOf[i])
	}
	if l.known != nil {
		return i
	}
	return -1
}

func (l *Ledger) knownID(i int) []byte { return customer.Cell(l.known.Payload(i), l.idCell) }

// compareIDs orders entries i and j by customer id, bytewise.
func (l *Ledger) compareIDs(i, j int) int {
	if l.known != nil && !l.perStore {
		return bytes.Compare(l.knownID(i), l.knownID(j))
	}
	return bytes.Compare(l.ids.IDBytes(i), l.ids.IDBytes(j))
}

// acc is a customer's running totals. It holds no pointer, so that a
// million of them cost the garbage collector nothing. It is padded to 64
// bytes, a cache line: in chunks that start on a huge page, a customer's
// totals are one cache miss, never two.
type acc struct {
	lastVisit, prevVisit uint64 // hashes of the last two visits of day last
	qty, spend           parse.Decimal
	first, last          int32 // days of the first and last line
	visits, lines        int32
	dayVisits            uint8 // visits on day last, up to 3 (meaning 3 or more)
	unsure               bool  // a visit was counted that may repeat an earlier one
	_                    [14]byte
}

// accTable holds the customers' totals in chunks of fixed size, so that
// growing it never copies it: the copies would be garbage as large as the
// table, and the heap would peak at twice what the ledger holds.
type accTable struct {
	chunks [][]acc
	n      int
}

// accChunk is the entries of a chunk: 2 MiB of them, one huge page.
const accChunk = hugepage.Size / int(unsafe.Sizeof(acc{}))

func (t *accTable) at(i int) *acc { return &t.chunks[i/accChunk][i%accChunk] }

// grow makes room for n entries.
func (t *accTable) grow(n int) {
	for len(t.chunks)*accChunk < n {
		t.chunks = append(t.chunks, hugepage.Make[acc](accChunk))
	}
	t.n = max(t.n, n)
}

// add merges a run of lines of one visit of customer c.
func (l *Ledger) add(c int, r *run) {
	a := l.accs.at(c)
	a.lines += r.lines
	a.qty += r.qty
	a.spend += r.spend
	if !r.purchase {
		return // returns only: netted, but no visit
	}
	switch {
	case a.visits == 0:
		a.first, a.last = r.day, r.day
	case r.day > a.last:
		a.last, a.dayVisits = r.day, 0 // a later day: a new visit
	case r.day < a.last:
		// Out of date order: new, or an earlier visit again. Count it
		// now and settle it in recount.
		a.first = min(a.first, r.day)
		l.markUnsure(a)
		a.visits++
		l.log.add(c, r.visit, true)
		return
	case r.visit == a.lastVisit || a.dayVisits >= 2 && r.visit == a.prevVisit:
		return // more lines of a visit of the latest day
	}
	doubtful := a.dayVisits > 2 // the day has visits not kept here
	if doubtful {
		l.markUnsure(a)
	}
	a.visits++
	a.prevVisit, a.lastVisit = a.lastVisit, r.visit
	a.dayVisits = min(a.dayVisits+1, 3)
	l.log.add(c, r.visit, doubtful)
}

func (l *Ledger) markUnsure(a *acc) {
	if !a.unsure {
		a.unsure = true
		l.unsure++
	}
}

// run is consecutive lines of one visit, summed on a worker. It holds no
// pointer (the customer id is in its chunk's ids), so that millions of
// them cost the garbage collector nothing.
type run struct {
	idEnd      uint32 // the customer id is chunk.ids[previous run's idEnd:idEnd]
	hash       uint64 // of the id, for record.IDs.NumberHash
	visit      uint64
	cust       int32 // customers-file number, with Options.Customers
	day        int32
	lines      int32
	qty, spend parse.Decimal
	purchase   bool // a line of the run is no return: the run is a visit
}

// chunk is what a worker makes of one block.
type chunk struct {
	runs    []run
	ids     []byte       // the runs' customer ids, one after the other
	tap     func() error // Options.Tap's merge of the block
	counts  record.SaleCounts
	unknown int
	near    customer.NearMiss
}

// id returns the customer id of run i.
func (ch *chunk) id(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = ch.runs[i-1].idEnd
	}
	return ch.ids[start:ch.runs[i].idEnd]
}

// Run reads the sales file and returns the ledger; the file must have a
// sold_at column.
func Run(ctx context.Context, sales record.File, opts Options) (*Ledger, error) {
	r := sales.Reader
	p, err := newPass(sales, opts)
	if err != nil {
		return nil, err
	}
	l := &Ledger{known: opts.Customers, pass: p, file: sales.Name(), perStore: opts.PerStore}
	if l.known != nil {
		l.idCell = l.known.Binding.Col(schema.CustomerID)
	}
	if l.known != nil && !l.perStore {
		l.accs.grow(l.known.Len())
	} else {
		l.ids = record.NewIDs(1 << 16)
		p.ids = l.ids
		if l.perStore && l.known != nil {
			// Runs of unknown customers are dropped on the workers, as
			// without PerStore; the known ones carry their number.
			l.custOf = make([]int32, 0, l.known.Len())
		}
	}
	if p.tap = opts.Tap; p.tap != nil {
		if err := p.tap.Start(opts.Customers); err != nil {
			return nil, err
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = rows.Workers()
	}
	if err := rows.EachBlock(ctx, r, workers, p.block, l.merge); err != nil {
		return nil, err
	}
	l.pass = nil
	l.recount()
	return l, nil
}

// merge adds a worker's runs to the ledger, in file order.
func (l *Ledger) merge(ch *chunk) error {
	l.Stats.SaleCounts.Add(ch.counts)
	l.Stats.Unknown += ch.unknown
	l.Stats.Near.Merge(ch.near)
	l.addRuns(ch)
	if ch.tap != nil {
		if err := ch.tap(); err != nil {
			return err
		}
	}
	l.pass.chunks.Put(ch)
	return nil
}

// addRuns adds a chunk's runs to their customers' entries.
//
// The runs go in batches through a pipeline of three steps
// (prefetch.Pipeline), each asking for what the next needs: the table
// slots of a batch, then its customers' numbers and entries, then the
// runs added, so that two batches' memory is on its way while a third is
// added.
func (l *Ledger) addRuns(ch *chunk) {
	all := ch.runs
	var ring [3][batch]int // a batch's customers, as long as the pipeline (prefetch.Pipeline)
	runs := func(k int) []run { return all[k*batch : min(k*batch+batch, len(all))] }
	prefetch.Pipeline((len(all)+batch-1)/batch,
		func(k int) { // the table slots
			if rs := runs(k); l.ids != nil {
				for i := range rs {
					l.ids.Prefetch(rs[i].hash)
				}
			}
		},
		func(k int) { // the customers' numbers, and their entries
			nums, rs := &ring[k%len(ring)], runs(k)
			for i := range rs {
				nums[i] = l.number(ch, k*batch+i, &rs[i])
				prefetch.Of(l.accs.at(nums[i]))
			}
		},
		func(k int) {
			nums, rs := &ring[k%len(ring)], runs(k)
			for i := range rs {
				l.add(nums[i], &rs[i])
			}
		})
}

// batch is the runs addRuns asks memory for at a time.
const batch = 32

// number returns the number of the customer of run r, chunk ch's run i,
// giving a new customer the next one.
func (l *Ledger) number(ch *chunk, i int, r *run) int {
	if l.ids == nil {
		return int(r.cust)
	}
	c := l.ids.NumberHash(ch.id(i), r.hash)
	if c == l.accs.n {
		l.accs.grow(c + 1)
		if l.perStore {
			l.custOf = append(l.custOf, r.cust)
		}
	}
	return c
}

// pass is what the workers share: read-only after newPass.
type pass struct {
	files *record.PerFile[*rules] // each sales file's
	known *customer.Index
	ids   *record.IDs // for hashing ids, without known or per store
	// perStore keys the runs by store and customer (Options.PerStore).
	perStore bool
	tap      Tap // Options.Tap
	seed     maphash.Seed
	chunks   sync.Pool // of *chunk, merged and ready for reuse
}

// chunk returns an empty chunk, reusing a merged one: a pass over a large
// file then allocates almost nothing, and the heap stays near what the
// ledger itself holds rather than growing with garbage between collections.
func (p *pass) chunk() *chunk {
	if ch, ok := p.chunks.Get().(*chunk); ok {
		*ch = chunk{runs: ch.runs[:0], ids: ch.ids[:0]}
		return ch
	}
	return &chunk{}
}

// rules are how the lines of one sales file are read: its columns, void
// and kind values and amount basis (record.PerFile).
type rules struct {
	scan   *record.SaleScanner
	totals record.Totals
	keys   record.ReceiptKeys
	store  record.Column // the store of a line, for Options.PerStore
}

func newRules(opts Options) func(*record.Decoder) (*rules, error) {
	return func(dec *record.Decoder) (*rules, error) {
		scan, err := record.NewSaleScanner(dec, opts.Filter, true)
		if err != nil {
			return nil, err
		}
		if err := dec.RequireSpend(); err != nil {
			return nil, err
		}
		if opts.PerStore {
			if err := dec.Require(schema.StoreID, "--per-store"); err != nil {
				return nil, err
			}
		}
		return &rules{scan: scan, totals: dec.Totals(), keys: dec.ReceiptKeys(), store: dec.Column(schema.StoreID)}, nil
	}
}

func newPass(sales record.File, opts Options) (*pass, error) {
	files, _, err := record.NewPerFile(sales, newRules(opts))
	if err != nil {
		return nil, err
	}
	return &pass{files: files, known: opts.Customers, seed: maphash.MakeSeed(), perStore: opts.PerStore}, nil
}

// block sums one block's lines into runs of one visit each.
func (p *pass) block(b *rows.Block) (*chunk, error) {
	r, err := p.files.Of(b)
	if err != nil {
		return nil, err
	}
	sc := r.scan.Clone()
	ch := p.chunk()
	w := worker{rules: r, overlap: sc.TakeOverlap()}
	var tapLine func(*rows.Record) error
	if p.tap != nil {
		if tapLine, ch.tap, err = p.tap.Block(b, w.lookup(p)); err != nil {
			b.Release()
			return nil, err
		}
	}
	err = b.Each(func(rec *rows.Record) error {
		sale, ok, err := sc.Scan(rec)
		if err == nil && ok {
			err = w.line(p, ch, rec, sale)
		}
		if err != nil || tapLine == nil {
			return err
		}
		return tapLine(rec)
	})
	b.Release() // nothing of the block is kept
	ch.counts = sc.Counts
	return ch, err
}

// worker is the state of one block's pass: the run being summed.
type worker struct {
	rules     *rules // of the block's file
	started   bool
	key, next []byte // receipt keys of the current run and of the line read
	lastCust  int32
	lastID    []byte
	lastNear  string // the customers file's id of lastID after NormalizeKey, if unknown
	key2      []byte // store, 0, customer id: the entry's key per store
	// overlap is told the first line of each run (a receipt's, or a
	// customer's within one), nil with one sales file.
	overlap *record.Overlap
}

// line adds one kept line to the current run or starts a new one.
func (w *worker) line(p *pass, ch *chunk, rec *rows.Record, sale record.Sale) error {
	qty, amount, ret, err := w.rules.totals.Net(rec)
	if err != nil {
		return err
	}
	w.next = w.rules.keys.Append(w.next[:0], rec, sale.SoldAt)
	entry := sale.Customer
	if p.perStore {
		w.key2 = append(append(append(w.key2[:0], bytes.TrimSpace(w.rules.store.Bytes(rec))...), 0), sale.Customer...)
		entry = w.key2
	}
	if w.started {
		r := &ch.runs[len(ch.runs)-1]
		if bytes.Equal(w.next, w.key) && bytes.Equal(ch.id(len(ch.runs)-1), entry) {
			r.lines++
			r.qty += qty
			r.spend += amount
			r.purchase = r.purchase || !ret
			return nil
		}
	}
	if w.overlap != nil {
		w.overlap.Receipt(rec, sale.SoldAt)
	}
	cust, known := w.customer(p, sale.Customer)
	if !known {
		ch.unknown++
		if w.lastNear != "" {
			ch.near.Add(sale.Customer, w.lastNear)
		}
		return nil
	}
	var h uint64
	if p.ids != nil {
		h = p.ids.Hash(entry)
	}
	w.started, w.key, w.next = true, w.next, w.key
	ch.ids = append(ch.ids, entry...)
	ch.runs = append(ch.runs, run{idEnd: uint32(len(ch.ids)), hash: h, cust: cust, day: record.DayOf(sale.SoldAt),
		visit: maphash.Bytes(p.seed, w.key), lines: 1, qty: qty, spend: amount, purchase: !ret})
	return nil
}

// customer looks a customer up in Options.Customers, once per run of
// lines with the same id; without it every customer is known.
func (w *worker) customer(p *pass, id []byte) (int32, bool) {
	if p.known == nil {
		return -1, true
	}
	if w.lastID == nil || !bytes.Equal(w.lastID, id) {
		w.lastID, w.lastCust, w.lastNear = id, int32(p.known.Lookup(id)), ""
		if w.lastCust < 0 {
			w.lastNear, _ = p.known.Near(id)
		}
	}
	return w.lastCust, w.lastCust >= 0
}

// lookup is Options.Customers' Lookup for a Tap, which asks on the same
// worker right after the ledger: the id the ledger looked up last is not
// looked up again.
func (w *worker) lookup(p *pass) func(id []byte) int {
	return func(id []byte) int {
		if p.known == nil {
			return -1
		}
		if w.lastID != nil && bytes.Equal(w.lastID, id) {
			return int(w.lastCust)
		}
		return p.known.Lookup(id)
	}
}

// dayTime is the time of the start of day d.
func dayTime(d int32) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }
