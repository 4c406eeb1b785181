package report

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"slices"
	"sync"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// salesTap sums the sales lines for the report: by period, month, store
// and product, and the pairs bought on one receipt. It is a [ledger.Tap]:
// [Build] feeds it from the ledger's pass, so that the sales file is read
// once, and [ScanSales] from a pass of its own.
//
// The blocks of the file are summed on the workers: each line's amount
// into the block's figures, and each run of a receipt's consecutive lines
// listed once, with its day, store and customer (the receipts), and with
// its distinct products (the baskets). The merge, in file order, adds the
// figures up and tells receipts apart as sales does: with the receipts of
// the day being read (a receipt's key includes its day), a set emptied
// when a later day starts; once the lines go back in date order, the set
// keeps every receipt from then on. Customers are numbered once (by the
// customers file's index when there is one), and each period keeps one
// byte a customer: its receipts, up to two. So memory follows the
// customers, stores and products, and the receipts of one day; not the
// lines, nor the receipts (unless the file is out of date order).
type salesTap struct {
	p          Periods
	files      *record.PerFile[*tapRules]
	seed       maphash.Seed
	cur, prev  [2]int32 // the periods as days, both ends included
	lastYear   [2]int32
	months     []int32 // the first day of each month of the chart, and the day after the last
	hasStore   bool
	hasItems   bool
	known      *customer.Index
	chunks     sync.Pool // of *tapChunk, merged and ready for reuse
	counts     record.SaleCounts
	fig        [3]Figures // current, previous, last year
	monthFig   []Figures
	storeIdx   map[string]int32
	stores     []tapStore
	prodIdx    map[string]int32
	prods      []tapProduct
	others     *record.IDs // customers not in known (every customer without it)
	perCust    [3][]uint8  // receipts per customer and period, up to 2
	seen       map[uint64]struct{}
	seenDay    int32
	disordered bool
	baskets    *baskets
	local      []int32 // a chunk's store or product numbers in the pass's, reused
}

// Periods' indexes in salesTap.fig and tapChunk.fig.
const (
	inCurrent = iota
	inPrevious
	inLastYear
)

// tapRules are how the lines of one sales file of a chain are read.
type tapRules struct {
	scan       *record.SaleScanner
	totals     record.Totals
	keys       record.ReceiptKeys
	store      record.Column
	prod, name record.Column
}

// tapStore is one store's figures in the current and previous periods,
// and the customers who bought there in the current one (a bit each).
type tapStore struct {
	name  string
	fig   [2]Figures
	custs []uint64
}

// tapProduct is a product's sales in the current period (cur: it has
// some) and the name shown for it among the pairs (in a basket: it has
// one).
type tapProduct struct {
	Product
	cur, inBasket bool
	basketName    string
}

func newSalesTap(sales record.File, p Periods, stores []string, keyNormalize bool) (*salesTap, error) {
	filter := record.SaleFilter{Window: parse.Window{Since: p.earliest(), Until: p.Current.Until},
		Stores: stores, KeepWalkIns: true, Normalize: customer.Normalizer(keyNormalize)}
	files, first, err := record.NewPerFile(sales, func(dec *record.Decoder) (*tapRules, error) {
		if err := dec.RequireSpend(); err != nil {
			return nil, err
		}
		sc, err := record.NewSaleScanner(dec, filter, true)
		if err != nil {
			return nil, err
		}
		return &tapRules{scan: sc, totals: dec.Totals(), keys: dec.ReceiptKeys(), store: dec.Column(schema.StoreID),
			prod: dec.Column(schema.ProductID), name: dec.Column(schema.ProductName)}, nil
	})
	if err != nil {
		return nil, err
	}
	t := &salesTap{p: p, files: files, seed: maphash.MakeSeed(), cur: days(p.Current), prev: days(p.Previous), lastYear: days(p.LastYear),
		hasStore: first.store.Present(), hasItems: first.prod.Present(), monthFig: make([]Figures, len(p.Months)),
		storeIdx: map[string]int32{}, prodIdx: map[string]int32{}, seen: map[uint64]struct{}{}, seenDay: -1 << 30, baskets: newBaskets()}
	for _, m := range p.Months {
		t.months = append(t.months, dayOf(m))
	}
	t.months = append(t.months, dayOf(p.Months[len(p.Months)-1].AddDate(0, 1, 0)))
	return t, nil
}

func days(p Period) [2]int32 { return [2]int32{dayOf(p.Since), dayOf(p.Until)} }

// dayOf numbers t's day: days since 1970-01-01.
func dayOf(t time.Time) int32 {
	s := t.Unix()
	d := s / 86400
	if s%86400 < 0 {
		d--
	}
	return int32(d)
}

func has(p [2]int32, d int32) bool { return d >= p[0] && d <= p[1] }

// month is the index of day d's month in the chart, -1 if not there.
func (t *salesTap) month(d int32) int {
	if d < t.months[0] || d >= t.months[len(t.months)-1] {
		return -1
	}
	i, _ := slices.BinarySearch(t.months, d+1)
	return i - 1
}

// Start numbers the customers by known, the customers file's index, when
// there is one; customers not in it are numbered after its own.
func (t *salesTap) Start(known *customer.Index) error {
	t.known = known
	n := 1 << 16
	if known != nil {
		n = 1 << 10
	}
	t.others = record.NewIDs(n)
	return nil
}

// lineSums are the lines of a period, month or store and their amount.
type lineSums struct {
	sales parse.Decimal
	lines int
}

func (f *Figures) addLines(s lineSums) {
	f.Sales += s.sales
	f.Lines += s.lines
}

// tapChunk is what a worker makes of one block.
type tapChunk struct {
	counts   record.SaleCounts
	fig      [3]lineSums
	months   []lineSums
	stores   []chunkStore
	storeIdx map[string]int32
	prods    []tapProduct
	prodIdx  map[string]int32
	receipts []tapReceipt
	ids      []byte // the receipts' customer ids, one after the other
	runs     []basketRun
	items    []int32 // the runs' products (the block's numbers), one run after the other
}

type chunkStore struct {
	name string
	sums [2]lineSums // current, previous
}

// tapReceipt is a run of a receipt's consecutive lines with a purchase:
// its key's hash, day, store (the block's number, -1 without one) and the
// customer of its first purchase: ids[idStart:idEnd] (empty: a walk-in),
// and its number in the customers file's index (-1: not there).
type tapReceipt struct {
	h              uint64
	day            int32
	store          int32
	cust           int32
	idStart, idEnd uint32
}

// basketRun is a run of a receipt's consecutive product lines in the
// chart's months; its products are items[previous run's end:end].
type basketRun struct {
	h   uint64
	day int32
	end uint32
}

func (t *salesTap) chunk() *tapChunk {
	if ch, ok := t.chunks.Get().(*tapChunk); ok {
		clear(ch.storeIdx)
		clear(ch.prodIdx)
		clear(ch.months)
		*ch = tapChunk{months: ch.months, stores: ch.stores[:0], storeIdx: ch.storeIdx, prods: ch.prods[:0], prodIdx: ch.prodIdx,
			receipts: ch.receipts[:0], ids: ch.ids[:0], runs: ch.runs[:0], items: ch.items[:0]}
		return ch
	}
	return &tapChunk{months: make([]lineSums, len(t.p.Months)), storeIdx: map[string]int32{}, prodIdx: map[string]int32{}}
}

// tapWorker is one block's pass.
type tapWorker struct {
	t        *salesTap
	r        *tapRules
	sc       *record.SaleScanner
	ch       *tapChunk
	key      []byte // the receipt key of the line read
	rcptKey  []byte // of the receipt run being listed
	rcptH    uint64
	inRcpt   bool
	basket   bool // a basket run is open (of rcptKey's receipt)
	lastCust []byte
	lastNum  int32
	store    []byte // the store of the line before, and its number
	storeN   int32
	prod     []byte // the product of the line before, and its number
	prodN    int32
}

// Block returns the line and merge functions of one block.
func (t *salesTap) Block(b *rows.Block) (func(*rows.Record) error, func() error, error) {
	r, err := t.files.Of(b)
	if err != nil {
		return nil, nil, err
	}
	w := &tapWorker{t: t, r: r, sc: r.scan.Clone(), ch: t.chunk(), storeN: -1, prodN: -1}
	merge := func() error {
		w.ch.counts = w.sc.Counts
		t.merge(w.ch)
		return nil
	}
	return w.line, merge, nil
}

// line adds one sales line to the block's sums.
func (w *tapWorker) line(rec *rows.Record) error {
	t, r, ch := w.t, w.r, w.ch
	sale, ok, err := w.sc.Scan(rec)
	if err != nil || !ok {
		return err
	}
	qty, amount, ret, err := r.totals.Net(rec)
	if err != nil {
		return err
	}
	day := dayOf(sale.SoldAt)
	in := [3]bool{has(t.cur, day), has(t.prev, day), has(t.lastYear, day)}
	m := t.month(day)
	if !in[0] && !in[1] && !in[2] && m < 0 {
		return nil
	}
	for k, ok := range in {
		if ok {
			ch.fig[k].sales += amount
			ch.fig[k].lines++
		}
	}
	if m >= 0 {
		ch.months[m].sales += amount
		ch.months[m].lines++
	}
	store := int32(-1)
	if t.hasStore && (in[0] || in[1]) {
		store = w.storeOf(r.store.Bytes(rec))
		for k := range 2 {
			if in[k] {
				ch.stores[store].sums[k].sales += amount
				ch.stores[store].sums[k].lines++
			}
		}
	}
	if t.hasItems && in[0] {
		pr := &ch.prods[w.productOf(rec)]
		if !pr.cur {
			pr.cur, pr.Name = true, string(r.name.Bytes(rec))
		}
		pr.Quantity += qty
		pr.Sales += amount
	}
	if ret {
		return nil // no purchase: in no receipt, no basket
	}
	w.key = r.keys.Append(w.key[:0], rec, sale.SoldAt)
	if !w.inRcpt || !bytes.Equal(w.key, w.rcptKey) {
		w.rcptKey, w.key = w.key, w.rcptKey
		w.rcptH, w.inRcpt, w.basket = maphash.Bytes(t.seed, w.rcptKey), true, false
		rc := tapReceipt{h: w.rcptH, day: day, store: store, cust: -1, idStart: uint32(len(ch.ids))}
		if len(sale.Customer) > 0 {
			ch.ids = append(ch.ids, sale.Customer...)
			rc.cust = w.customer(sale.Customer)
		}
		rc.idEnd = uint32(len(ch.ids))
		ch.receipts = append(ch.receipts, rc)
	}
	if m < 0 || !t.hasItems || len(r.prod.Bytes(rec)) == 0 {
		return nil
	}
	p := w.productOf(rec)
	pr := &ch.prods[p]
	if !pr.inBasket {
		pr.inBasket, pr.basketName = true, string(r.name.Bytes(rec))
	}
	if !w.basket {
		w.basket = true
		ch.runs = append(ch.runs, basketRun{h: w.rcptH, day: day, end: uint32(len(ch.items))})
	}
	run := &ch.runs[len(ch.runs)-1]
	start := uint32(0)
	if len(ch.runs) > 1 {
		start = ch.runs[len(ch.runs)-2].end
	}
	if !slices.Contains(ch.items[start:run.end], p) {
		ch.items = append(ch.items, p)
		run.end++
	}
	return nil
}

// storeOf is the block's number of store id.
func (w *tapWorker) storeOf(id []byte) int32 {
	if w.storeN >= 0 && bytes.Equal(id, w.store) {
		return w.storeN
	}
	ch := w.ch
	n, ok := ch.storeIdx[string(id)]
	if !ok {
		n = int32(len(ch.stores))
		ch.storeIdx[string(id)] = n
		ch.stores = append(ch.stores, chunkStore{name: string(id)})
	}
	w.store, w.storeN = append(w.store[:0], id...), n
	return n
}

// productOf is the block's number of rec's product.
func (w *tapWorker) productOf(rec *rows.Record) int32 {
	id := w.r.prod.Bytes(rec)
	if w.prodN >= 0 && bytes.Equal(id, w.prod) {
		return w.prodN
	}
	ch := w.ch
	n, ok := ch.prodIdx[string(id)]
	if !ok {
		n = int32(len(ch.prods))
		ch.prodIdx[string(id)] = n
		ch.prods = append(ch.prods, tapProduct{Product: Product{ID: string(id)}})
	}
	w.prod, w.prodN = append(w.prod[:0], id...), n
	return n
}

// customer is id's number in the customers file's index, -1 if not there
// (or without one).
func (w *tapWorker) customer(id []byte) int32 {
	if w.t.known == nil {
		return -1
	}
	if w.lastCust == nil || !bytes.Equal(id, w.lastCust) {
		w.lastCust, w.lastNum = append(w.lastCust[:0], id...), int32(w.t.known.Lookup(id))
	}
	return w.lastNum
}

// merge adds a block's sums, in file order.
func (t *salesTap) merge(ch *tapChunk) {
	t.counts.Add(ch.counts)
	for k := range ch.fig {
		t.fig[k].addLines(ch.fig[k])
	}
	for m := range ch.months {
		t.monthFig[m].addLines(ch.months[m])
	}
	t.local = t.local[:0]
	for _, cs := range ch.stores {
		n, ok := t.storeIdx[cs.name]
		if !ok {
			n = int32(len(t.stores))
			t.storeIdx[cs.name] = n
			t.stores = append(t.stores, tapStore{name: cs.name})
		}
		for k := range cs.sums {
			t.stores[n].fig[k].addLines(cs.sums[k])
		}
		t.local = append(t.local, n)
	}
	for _, rc := range ch.receipts {
		store := int32(-1)
		if rc.store >= 0 {
			store = t.local[rc.store]
		}
		t.receipt(rc, store, ch.ids[rc.idStart:rc.idEnd])
	}
	t.local = t.local[:0]
	for _, cp := range ch.prods {
		n, ok := t.prodIdx[cp.ID]
		if !ok {
			n = int32(len(t.prods))
			t.prodIdx[cp.ID] = n
			t.prods = append(t.prods, tapProduct{Product: Product{ID: cp.ID}})
		}
		pr := &t.prods[n]
		if cp.cur {
			if !pr.cur {
				pr.cur, pr.Name = true, cp.Name
			}
			pr.Quantity += cp.Quantity
			pr.Sales += cp.Sales
		}
		if cp.inBasket && !pr.inBasket {
			pr.inBasket, pr.basketName = true, cp.basketName
		}
		t.local = append(t.local, n)
	}
	start := uint32(0)
	for _, run := range ch.runs {
		items := ch.items[start:run.end]
		for i, p := range items {
			items[i] = t.local[p]
		}
		t.baskets.run(run.h, run.day, items, len(t.prods))
		start = run.end
	}
	t.chunks.Put(ch)
}

// receipt counts a run of a receipt's purchase lines in store (the pass's
// number, -1 without one) if it is the receipt's first.
func (t *salesTap) receipt(rc tapReceipt, store int32, id []byte) {
	if rc.day != t.seenDay && !t.disordered {
		if rc.day < t.seenDay {
			t.disordered = true
		} else {
			clear(t.seen)
			t.seenDay = rc.day
		}
	}
	if _, ok := t.seen[rc.h]; ok {
		return
	}
	t.seen[rc.h] = struct{}{}
	in := [3]bool{has(t.cur, rc.day), has(t.prev, rc.day), has(t.lastYear, rc.day)}
	if m := t.month(rc.day); m >= 0 {
		t.monthFig[m].Receipts++
	}
	c := -1
	if len(id) > 0 {
		if c = int(rc.cust); c < 0 {
			c = t.others.Number(id)
			if t.known != nil {
				c += t.known.Len()
			}
		}
	}
	for k, ok := range in {
		if !ok {
			continue
		}
		f := &t.fig[k]
		f.Receipts++
		if store >= 0 && k < 2 {
			t.stores[store].fig[k].Receipts++
		}
		if c < 0 {
			continue
		}
		if len(t.perCust[k]) <= c {
			t.perCust[k] = append(t.perCust[k], make([]uint8, c+1-len(t.perCust[k]))...)
		}
		switch t.perCust[k][c] {
		case 0:
			f.customers++
		case 1:
			f.repeaters++
		}
		t.perCust[k][c] = min(t.perCust[k][c]+1, 2)
		if store >= 0 && k == inCurrent {
			s := &t.stores[store]
			if len(s.custs) <= c/64 {
				s.custs = append(s.custs, make([]uint64, c/64+1-len(s.custs))...)
			}
			if s.custs[c/64]&(1<<(c%64)) == 0 {
				s.custs[c/64] |= 1 << (c % 64)
				s.fig[inCurrent].customers++
			}
		}
	}
}

// result is what the pass summed.
func (t *salesTap) result() *Sales {
	s := &Sales{Periods: t.p, Current: &t.fig[inCurrent], Previous: &t.fig[inPrevious], LastYear: &t.fig[inLastYear],
		Stores: map[string]*Figures{}, Before: map[string]*Figures{}, HasStore: t.hasStore, HasItems: t.hasItems, Counts: t.counts}
	for i := range t.monthFig {
		s.Months = append(s.Months, &t.monthFig[i])
	}
	for i := range t.stores {
		st := &t.stores[i]
		if st.fig[inCurrent].Lines > 0 {
			s.Stores[st.name] = &st.fig[inCurrent]
		}
		if st.fig[inPrevious].Lines > 0 {
			s.Before[st.name] = &st.fig[inPrevious]
		}
	}
	for _, pr := range t.prods {
		if pr.cur {
			s.Products = append(s.Products, pr.Product)
		}
	}
	slices.SortFunc(s.Products, func(x, y Product) int {
		if c := cmp.Compare(y.Sales, x.Sales); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	t.baskets.flush()
	s.Pairs = t.baskets.pairs(func(n int32) Product { return Product{ID: t.prods[n].ID, Name: t.prods[n].basketName} })
	return s
}

// baskets counts the receipts of each product and the pairs bought
// together, whatever the order of a receipt's lines within their day. The
// receipts of the day being read are held open (a receipt's key includes
// its day) and counted when a later day starts; once the lines go back in
// date order, every receipt is held until the end.
type baskets struct {
	day        int32
	disordered bool
	open       map[uint64][]int32 // each open receipt's distinct products
	free       [][]int32          // the lists of receipts counted, for reuse
	receipts   []int32            // receipts per product
	together   map[uint64]int32   // receipts per pair, low number first
	total      int
}

func newBaskets() *baskets {
	return &baskets{day: -1 << 30, open: map[uint64][]int32{}, together: map[uint64]int32{}}
}

// run adds the products of a run of receipt h's lines, sold on day; n is
// the number of products.
func (b *baskets) run(h uint64, day int32, items []int32, n int) {
	if day != b.day && !b.disordered {
		if day < b.day {
			b.disordered = true
		} else {
			b.flush()
			b.day = day
		}
	}
	if len(b.receipts) < n {
		b.receipts = append(b.receipts, make([]int32, n-len(b.receipts))...)
	}
	open, ok := b.open[h]
	if !ok && len(b.free) > 0 {
		open, b.free = b.free[len(b.free)-1][:0], b.free[:len(b.free)-1]
	}
	for _, p := range items {
		if !slices.Contains(open, p) {
			open = append(open, p)
		}
	}
	b.open[h] = open
}

// flush counts the receipts held open.
func (b *baskets) flush() {
	for _, items := range b.open {
		b.total++
		for i, x := range items {
			b.receipts[x]++
			for _, y := range items[i+1:] {
				b.together[pairKey(x, y)]++
			}
		}
		b.free = append(b.free, items)
	}
	clear(b.open)
}

func pairKey(x, y int32) uint64 {
	if x > y {
		x, y = y, x
	}
	return uint64(x)<<32 | uint64(uint32(y))
}

// pairs are the pairs bought together on two receipts or more, most
// receipts first, then by lift, then by products; product gives a
// product's ID and name.
func (b *baskets) pairs(product func(int32) Product) []Pair {
	var out []Pair
	for k, n := range b.together {
		if n < 2 {
			continue
		}
		x, y := int32(k>>32), int32(uint32(k))
		pa, pb := product(x), product(y)
		if pa.ID > pb.ID {
			pa, pb = pb, pa
		}
		lift := float64(n) * float64(b.total) / (float64(b.receipts[x]) * float64(b.receipts[y]))
		out = append(out, Pair{A: pa, B: pb, Receipts: int(n), Lift: lift})
	}
	slices.SortFunc(out, func(x, y Pair) int {
		if c := cmp.Compare(y.Receipts, x.Receipts); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Lift, x.Lift); c != 0 {
			return c
		}
		if c := cmp.Compare(x.A.ID, y.A.ID); c != 0 {
			return c
		}
		return cmp.Compare(x.B.ID, y.B.ID)
	})
	return out
}
