package report

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"slices"
	"sync"

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
// with a purchase listed once, with its day, store, customer and distinct
// products (products are numbered for the pass as the workers meet them).
// The merge, in file order, adds the figures up and tells receipts apart
// as sales does: it holds the runs of the day being read (a receipt's key
// includes its day) and, when a later day starts, sorts them by receipt
// and counts each receipt once, with the store and customer of its first
// run and the products of all of them (the pairs bought together); once
// the lines go back in date order, every run is held until the end.
// Customers are numbered once (by the customers file's index when there
// is one), and each period keeps one byte a customer: its receipts, up to
// two. So memory follows the customers, stores, products and pairs, and
// the receipts of one day; not the lines, nor the receipts (unless the
// file is out of date order).
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
	prodMu     sync.Mutex // guards prodIdx and prodIDs, which the workers add to
	prodIdx    map[string]int32
	prodIDs    []string     // by number
	prods      []tapProduct // by number
	others     *record.IDs  // customers not in known (every customer without it)
	perCust    [3][]uint8   // receipts per customer and period, up to 2
	day        int32        // the day of the receipts held
	disordered bool         // the lines went back in date order: every receipt is held
	held       []dayReceipt
	items      []int32 // the products of the receipts held
	basket     []int32 // one receipt's products, reused
	baskets    *baskets
	local      []int32 // a chunk's store numbers in the pass's, reused
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
		storeIdx: map[string]int32{}, prodIdx: map[string]int32{}, day: -1 << 30, baskets: newBaskets()}
	for _, m := range p.Months {
		t.months = append(t.months, record.DayOf(m))
	}
	t.months = append(t.months, record.DayOf(p.Months[len(p.Months)-1].AddDate(0, 1, 0)))
	return t, nil
}

func days(p Period) [2]int32 { return [2]int32{record.DayOf(p.Since), record.DayOf(p.Until)} }

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
	// prods are the block's sums by product, by the pass's numbers
	// (salesTap.product); touched lists those with any; names holds the
	// names they give.
	prods    []chunkProduct
	touched  []int32
	names    []byte
	products map[string]int32 // the pass's numbers, kept with the chunk when it is reused
	receipts []tapReceipt
	ids      []byte  // the receipts' customer ids, one after the other
	items    []int32 // the receipts' products, one receipt after the other
}

type chunkStore struct {
	name string
	sums [2]lineSums // current, previous
}

// chunkProduct is a product's lines of a block: its sales in the current
// period (cur: it has some) and the names its first lines give, in the
// current period and in a basket: names[name[0]:name[1]],
// names[basketName[0]:basketName[1]].
type chunkProduct struct {
	qty, sales       parse.Decimal
	touched          bool
	cur, inBasket    bool
	name, basketName [2]uint32
}

// tapReceipt is a run of a receipt's consecutive lines with a purchase:
// its key's hash, day, store (the block's number, -1 without one), the
// customer of its first purchase: ids[idStart:idEnd] (empty: a walk-in),
// and its number in the customers file's index (-1: not there), and its
// distinct products in the chart's months: items[previous end:itemEnd].
type tapReceipt struct {
	h              uint64
	day            int32
	store          int32
	cust           int32
	idStart, idEnd uint32
	itemEnd        uint32
}

func (t *salesTap) chunk() *tapChunk {
	if ch, ok := t.chunks.Get().(*tapChunk); ok {
		clear(ch.storeIdx)
		clear(ch.months)
		*ch = tapChunk{months: ch.months, stores: ch.stores[:0], storeIdx: ch.storeIdx, prods: ch.prods, touched: ch.touched[:0],
			names: ch.names[:0], products: ch.products, receipts: ch.receipts[:0], ids: ch.ids[:0], items: ch.items[:0]}
		return ch
	}
	return &tapChunk{months: make([]lineSums, len(t.p.Months)), storeIdx: map[string]int32{}, products: map[string]int32{}}
}

// product numbers product id for the pass, once: a block looks it up in
// its chunk's copy first, and locks the pass's table only for a product
// that copy lacks. ok is false, and id numbered nowhere, for an id in
// scientific notation: the copy, which chunks keep from block to block,
// holds only ids that were checked.
func (t *salesTap) product(ch *tapChunk, id []byte) (n int32, ok bool) {
	if n, ok = ch.products[string(id)]; ok {
		return n, true
	}
	if record.Scientific(id) {
		return -1, false
	}
	t.prodMu.Lock()
	n, known := t.prodIdx[string(id)]
	if !known {
		n = int32(len(t.prodIDs))
		t.prodIDs = append(t.prodIDs, string(id))
		t.prodIdx[t.prodIDs[n]] = n
	}
	key := t.prodIDs[n]
	t.prodMu.Unlock()
	ch.products[key] = n
	return n, true
}

// tapWorker is one block's pass.
type tapWorker struct {
	t        *salesTap
	r        *tapRules
	sc       *record.SaleScanner
	ch       *tapChunk
	key      []byte // the receipt key of the line read
	rcptKey  []byte // of the receipt run being listed
	inRcpt   bool
	lookup   func(id []byte) int
	lastCust []byte
	lastNum  int32
	store    []byte // the store of the line before, and its number
	storeN   int32
	prod     []byte // the product of the line before, and its number
	prodN    int32
}

// Block returns the line and merge functions of one block; lookup looks
// a customer up in the customers index given to Start.
func (t *salesTap) Block(b *rows.Block, lookup func(id []byte) int) (func(*rows.Record) error, func() error, error) {
	r, err := t.files.Of(b)
	if err != nil {
		return nil, nil, err
	}
	w := &tapWorker{t: t, r: r, sc: r.scan.Clone(), ch: t.chunk(), storeN: -1, prodN: -1, lookup: lookup}
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
	day := record.DayOf(sale.SoldAt)
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
		pr, err := w.productOf(rec)
		if err != nil {
			return err
		}
		if !pr.cur {
			pr.cur, pr.name = true, w.name(rec)
		}
		pr.qty += qty
		pr.sales += amount
	}
	if ret {
		return nil // no purchase: in no receipt, no basket
	}
	w.key = r.keys.Append(w.key[:0], rec, sale.SoldAt)
	if !w.inRcpt || !bytes.Equal(w.key, w.rcptKey) {
		w.rcptKey, w.key = w.key, w.rcptKey
		w.inRcpt = true
		rc := tapReceipt{h: maphash.Bytes(t.seed, w.rcptKey), day: day, store: store, cust: -1,
			idStart: uint32(len(ch.ids)), itemEnd: uint32(len(ch.items))}
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
	pr, err := w.productOf(rec)
	if err != nil {
		return err
	}
	if !pr.inBasket {
		pr.inBasket, pr.basketName = true, w.name(rec)
	}
	rc := &ch.receipts[len(ch.receipts)-1]
	start := uint32(0)
	if len(ch.receipts) > 1 {
		start = ch.receipts[len(ch.receipts)-2].itemEnd
	}
	if !slices.Contains(ch.items[start:rc.itemEnd], w.prodN) {
		ch.items = append(ch.items, w.prodN)
		rc.itemEnd++
	}
	return nil
}

// name keeps rec's product name in the chunk and returns where it is.
func (w *tapWorker) name(rec *rows.Record) [2]uint32 {
	start := uint32(len(w.ch.names))
	w.ch.names = append(w.ch.names, w.r.name.Bytes(rec)...)
	return [2]uint32{start, uint32(len(w.ch.names))}
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

// productOf is the block's sums of rec's product; w.prodN is its number.
// A product id in scientific notation is an error, found where the chunk
// first meets it (product).
func (w *tapWorker) productOf(rec *rows.Record) (*chunkProduct, error) {
	ch := w.ch
	if id := w.r.prod.Bytes(rec); w.prodN < 0 || !bytes.Equal(id, w.prod) {
		n, ok := w.t.product(ch, id)
		if !ok {
			return nil, w.r.prod.Error(rec, record.ErrScientific)
		}
		w.prod, w.prodN = append(w.prod[:0], id...), n
	}
	n := int(w.prodN)
	if n >= len(ch.prods) {
		ch.prods = append(ch.prods, make([]chunkProduct, n+1-len(ch.prods))...)
	}
	pr := &ch.prods[n]
	if !pr.touched {
		pr.touched = true
		ch.touched = append(ch.touched, w.prodN)
	}
	return pr, nil
}

// customer is id's number in the customers file's index, -1 if not there
// (or without one).
func (w *tapWorker) customer(id []byte) int32 {
	if w.t.known == nil {
		return -1
	}
	if w.lastCust == nil || !bytes.Equal(id, w.lastCust) {
		w.lastCust, w.lastNum = append(w.lastCust[:0], id...), int32(w.lookup(id))
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
	for _, n := range ch.touched {
		cp := &ch.prods[n]
		for int(n) >= len(t.prods) {
			t.prods = append(t.prods, tapProduct{})
		}
		pr := &t.prods[n]
		if cp.cur {
			if !pr.cur {
				pr.cur, pr.Name = true, string(ch.names[cp.name[0]:cp.name[1]])
			}
			pr.Quantity += cp.qty
			pr.Sales += cp.sales
		}
		if cp.inBasket && !pr.inBasket {
			pr.inBasket, pr.basketName = true, string(ch.names[cp.basketName[0]:cp.basketName[1]])
		}
		*cp = chunkProduct{}
	}
	start := uint32(0)
	for _, rc := range ch.receipts {
		if rc.day != t.day && !t.disordered {
			if rc.day < t.day {
				t.disordered = true
			} else {
				t.flush()
				t.day = rc.day
			}
		}
		d := dayReceipt{h: rc.h, seq: uint32(len(t.held)), day: rc.day, store: -1, cust: -1, itemStart: uint32(len(t.items))}
		if rc.store >= 0 {
			d.store = t.local[rc.store]
		}
		if id := ch.ids[rc.idStart:rc.idEnd]; len(id) > 0 {
			if d.cust = rc.cust; d.cust < 0 {
				d.cust = int32(t.others.Number(id))
				if t.known != nil {
					d.cust += int32(t.known.Len())
				}
			}
		}
		t.items = append(t.items, ch.items[start:rc.itemEnd]...)
		d.itemEnd = uint32(len(t.items))
		t.held = append(t.held, d)
		start = rc.itemEnd
	}
	t.chunks.Put(ch)
}

// dayReceipt is a run of a receipt's purchase lines held until its day
// is over: seq is its place among them; store and cust the pass's
// numbers (-1: none); its products are items[itemStart:itemEnd].
type dayReceipt struct {
	h                  uint64
	seq                uint32
	day                int32
	store, cust        int32
	itemStart, itemEnd uint32
}

// flush counts the receipts held: the runs of one receipt once, as the
// first of them says (its store and customer), with the products of all
// of them.
func (t *salesTap) flush() {
	held := t.held
	slices.SortFunc(held, func(a, b dayReceipt) int {
		if c := cmp.Compare(a.h, b.h); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	for i := 0; i < len(held); {
		j := i + 1
		for j < len(held) && held[j].h == held[i].h {
			j++
		}
		t.receipt(held[i])
		items := t.basket[:0]
		for _, d := range held[i:j] {
			for _, p := range t.items[d.itemStart:d.itemEnd] {
				if !slices.Contains(items, p) {
					items = append(items, p)
				}
			}
		}
		t.baskets.add(items, len(t.prods))
		t.basket = items
		i = j
	}
	t.held, t.items = held[:0], t.items[:0]
}

// receipt counts receipt d.
func (t *salesTap) receipt(d dayReceipt) {
	in := [3]bool{has(t.cur, d.day), has(t.prev, d.day), has(t.lastYear, d.day)}
	if m := t.month(d.day); m >= 0 {
		t.monthFig[m].Receipts++
	}
	c := int(d.cust)
	for k, ok := range in {
		if !ok {
			continue
		}
		f := &t.fig[k]
		f.Receipts++
		if d.store >= 0 && k < 2 {
			t.stores[d.store].fig[k].Receipts++
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
		if d.store >= 0 && k == inCurrent {
			s := &t.stores[d.store]
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
	t.flush()
	for n, pr := range t.prods {
		if pr.cur {
			pr.ID = t.prodIDs[n]
			s.Products = append(s.Products, pr.Product)
		}
	}
	slices.SortFunc(s.Products, func(x, y Product) int {
		if c := cmp.Compare(y.Sales, x.Sales); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	s.Pairs = t.baskets.pairs(func(n int32) Product { return Product{ID: t.prodIDs[n], Name: t.prods[n].basketName} })
	return s
}

// baskets counts the receipts with products (in the chart's months), the
// receipts of each product and those of each pair bought together.
type baskets struct {
	receipts []int32          // receipts per product
	together map[uint64]int32 // receipts per pair, low number first
	total    int
}

func newBaskets() *baskets { return &baskets{together: map[uint64]int32{}} }

// add counts a receipt of the distinct products items; n is the number of
// products.
func (b *baskets) add(items []int32, n int) {
	if len(items) == 0 {
		return
	}
	if len(b.receipts) < n {
		b.receipts = append(b.receipts, make([]int32, n-len(b.receipts))...)
	}
	b.total++
	for i, x := range items {
		b.receipts[x]++
		for _, y := range items[i+1:] {
			b.together[pairKey(x, y)]++
		}
	}
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
