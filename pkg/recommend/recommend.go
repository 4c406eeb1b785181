// Package recommend answers "customers who bought this also bought": for a
// product, the other products (or categories) its buyers bought, ranked
// by the number of customers in common; for a customer, the products that
// customers with similar purchases bought and they have not.
//
// It is an operation of the data path: [Run] streams the sales file once,
// on all cores, into baskets: per customer, the set of distinct items
// (products, or categories) they bought. One pass is enough for any
// product, since every customer's items are kept until the end: a line of
// the product may come after the customer's other purchases. Memory
// follows customers × items per customer, never the number of sales lines.
//
// A customer bought an item when the net quantity of their lines of it
// (in the window, at the store) is above zero: a return (a line of a
// return kind, or with a negative quantity or amount, record.Totals.Net)
// counts negative, so an item bought and returned, or only returned, is
// not bought, for the pairs, their counts and what a customer is told
// they have not bought.
//
// # Measures
//
// For a product P and another item X, over the N customers who bought
// anything (in the window, at the store):
//
//	customers   the customers who bought both P and X
//	support     customers / N: how common the pair is
//	confidence  customers / (customers who bought P): how often P's buyers buy X
//	lift        confidence / (customers who bought X / N): how much more often
//	            P's buyers buy X than customers at large; above 1 means
//	            the two go together
package recommend

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
)

// By is what the items of a basket are.
type By string

// The kinds of item.
const (
	ByProduct  By = "product"  // product_id
	ByCategory By = "category" // category
)

// Bys lists the kinds of item, for flag help and completion.
var Bys = []string{string(ByProduct), string(ByCategory)}

// Options configure Run.
type Options struct {
	// Filter selects the lines read: walk-ins, other stores and lines
	// outside the window are left out and counted.
	Filter record.SaleFilter
	// By says what an item is: a product (the default) or a category.
	By By
	// Product is the product whose buyers AlsoBought ranks items for; its
	// lines mark their customer. Baskets built for a product serve
	// AlsoBought only, not ForCustomer. With By == ByCategory they add no
	// category, so that a category counts only what else a buyer bought.
	Product string
	// PerStore keeps a basket per store and customer: a customer who
	// bought at two stores has a basket at each, and AlsoBoughtPerStore
	// ranks each store's pairs among that store's baskets. The file needs
	// a store_id column.
	PerStore bool
	// Workers is the number of goroutines parsing blocks; 0 means one per
	// CPU.
	Workers int
}

// Baskets are the distinct items each customer bought.
//
// The customers are split by the hash of their id into shards, each with
// its own table of ids and item sets, so that the workers that parse the
// blocks also add them to the baskets, each to the shards no other worker
// holds at the time: no goroutine adds every line in turn. Nothing read
// out of the baskets depends on the order blocks are merged in: each
// customer and item remembers where in the file it was first seen.
type Baskets struct {
	opts      Options
	shards    []*shard
	shardBits int
	itemsMu   sync.Mutex // guards items, names, cats and named while building
	items     *record.IDs
	names     []string // product_name per item (ByProduct), first seen
	cats      []string // category per item (ByProduct), first seen
	named     []int    // per item: the block names and cats come from
	workers   int      // the goroutines that read the baskets out (eachShard)
	laterMu   sync.Mutex
	later     []laterRuns // chunks not wholly merged yet (see merge)
	// Stats counts the lines read.
	Stats record.SaleCounts
}

// shardBits returns the number of bits of a customer id's hash that pick
// its shard, for the number of workers: two shards a worker, at least four,
// so that a worker seldom meets a shard another holds, and few enough
// that each shard holds many customers. More shards cost memory (each
// has tables and item chunks of its own, partly empty) and time: a block
// meets each shard for fewer runs, and each shard's memory is colder when
// it comes back (on two cores at size L, 16 shards took 4-6% more time
// and 4-10% more memory than 4, across two sets of runs).
func shardBits(workers int) int {
	bits := 2
	for 1<<bits < 2*workers && bits < maxShardBits {
		bits++
	}
	return bits
}

// maxShardBits bounds the shards to the 64 that merge's bit mask holds.
const maxShardBits = 6

// Customers returns the number of customers who bought anything: an item,
// or Options.Product, with a net quantity above zero.
func (b *Baskets) Customers() int {
	n := make([]int, len(b.shards))
	b.eachShard(b.workers, func(_, i int) { n[i] = b.shards[i].sets.customers() })
	return sum(n)
}

func sum(n []int) int {
	t := 0
	for _, k := range n {
		t += k
	}
	return t
}

// eachShard calls fn for every shard i, on up to n goroutines at once
// (at most b.workers); g, below n, names the goroutine, for state of its
// own. Reading a million baskets out takes a tenth of the time it took
// to build them; on one goroutine, a twentieth of the command's.
func (b *Baskets) eachShard(n int, fn func(g, i int)) {
	next := make(chan int, len(b.shards))
	for i := range b.shards {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for g := range max(1, min(n, b.workers, len(b.shards))) {
		wg.Go(func() {
			for i := range next {
				fn(g, i)
			}
		})
	}
	wg.Wait()
}

// Run reads the sales file into baskets; the file needs a product_id
// column (and category with ByCategory).
func Run(ctx context.Context, sales record.File, opts Options) (*Baskets, error) {
	r := sales.Reader
	if opts.By == "" {
		opts.By = ByProduct
	}
	// Each sales file is read by its own columns (record.PerFile); the
	// passes of later files share the first one's baskets and chunks.
	var p *pass
	files, p, err := record.NewPerFile(sales, func(dec *record.Decoder) (*pass, error) {
		q, err := newPass(dec, opts)
		if err == nil && p != nil {
			q.customers, q.shardBits, q.chunks = p.customers, p.shardBits, p.chunks
		}
		return q, err
	})
	if err != nil {
		return nil, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = rows.Workers()
	}
	b := newBaskets(opts, shardBits(workers))
	b.workers = workers
	p.customers, p.shardBits = b.shards[0].customers, b.shardBits
	work := func(blk *rows.Block) (record.SaleCounts, error) {
		q, err := files.Of(blk)
		if err != nil {
			return record.SaleCounts{}, err
		}
		ch, err := q.block(blk)
		if err != nil {
			return record.SaleCounts{}, err
		}
		counts := ch.counts // a chunk left for later may be reused before work returns
		if err := b.merge(ch, p.chunks.Put); err != nil {
			return record.SaleCounts{}, err
		}
		return counts, nil
	}
	emit := func(c record.SaleCounts) error {
		b.Stats.Add(c)
		return nil
	}
	if err := rows.EachBlock(ctx, r, workers, work, emit); err != nil {
		return nil, err
	}
	b.mergeLater(p.chunks.Put, true)
	return b, nil
}

func newBaskets(opts Options, bits int) *Baskets {
	b := &Baskets{opts: opts, workers: 1, items: record.NewIDs(1 << 12), shards: make([]*shard, 1<<bits), shardBits: bits}
	first := record.NewIDs(1 << 12)
	for i := range b.shards {
		ids := first
		if i > 0 {
			ids = first.Sibling(1 << 12)
		}
		b.shards[i] = &shard{customers: ids, sets: itemSets{track: opts.Product == "", anchored: opts.Product != ""}}
	}
	return b
}

// shardOf returns the shard of a customer id of hash h, of 1<<bits shards.
func shardOf(h uint64, bits int) int { return int(h >> (64 - bits)) }

// merge adds a chunk to the baskets: its items to the baskets' numbering,
// then its runs to the shards no other worker holds. The runs of a shard
// another worker holds are left for later (Baskets.later), so that the
// worker goes on with its next block rather than wait: the merges of the
// next blocks take them, or Run at the end. A chunk merged whole goes to
// release, for reuse.
//
// Waiting for a held shard had left each of two workers idle 2-4% of
// the time at size L.
func (b *Baskets) merge(ch *chunk, release func(any)) error {
	if err := b.number(ch); err != nil {
		return err
	}
	ch.byShard(b.shardBits)
	if left := b.addFree(ch, uint64(1)<<len(b.shards)-1, false); left != 0 {
		b.laterMu.Lock()
		b.later = append(b.later, laterRuns{ch, left})
		wait := len(b.later) > maxLater
		b.laterMu.Unlock()
		b.mergeLater(release, wait)
		return nil
	}
	release(ch)
	b.mergeLater(release, false)
	return nil
}

// laterRuns is a chunk whose runs of the shards in pending (a bit per
// shard) are not in the baskets yet.
type laterRuns struct {
	ch      *chunk
	pending uint64
}

// maxLater keeps the chunks left for later near it: a worker that finds
// more waits for the shards they need (one that took the list meanwhile
// may leave a few more).
const maxLater = 8

// addFree adds ch's runs of the shards of pending to them, each shard
// that no other worker holds (with wait, each in turn), and returns the
// shards left.
func (b *Baskets) addFree(ch *chunk, pending uint64, wait bool) uint64 {
	for k := range b.shards {
		i := (k + ch.seq) % len(b.shards) // workers start on different shards
		if pending&(1<<i) == 0 {
			continue
		}
		if wait {
			b.shards[i].mu.Lock()
		} else if !b.shards[i].mu.TryLock() {
			continue
		}
		b.shards[i].addRuns(ch, ch.order[ch.bounds[i]:ch.bounds[i+1]])
		b.shards[i].mu.Unlock()
		pending &^= 1 << i
	}
	return pending
}

// mergeLater adds what it can of the runs left for later (with wait, all
// of them), and gives the chunks merged whole to release. The worker
// that calls it takes the whole list, so that no two add the same runs.
func (b *Baskets) mergeLater(release func(any), wait bool) {
	b.laterMu.Lock()
	todo := b.later
	b.later = nil
	b.laterMu.Unlock()
	var left []laterRuns
	for _, l := range todo {
		if l.pending = b.addFree(l.ch, l.pending, wait); l.pending == 0 {
			release(l.ch)
		} else {
			left = append(left, l)
		}
	}
	if len(left) > 0 {
		b.laterMu.Lock()
		b.later = append(b.later, left...)
		b.laterMu.Unlock()
	}
}

// number gives the chunk's new local items the baskets' numbers (new
// items get the next ones). An item keeps the name and category of the
// earliest block that has it, whichever block is merged first.
func (b *Baskets) number(ch *chunk) error {
	b.itemsMu.Lock()
	defer b.itemsMu.Unlock()
	for k := ch.mapped; k < ch.keys.Len(); k++ {
		g := b.items.Number(ch.keys.IDBytes(k))
		if g >= MaxItems {
			return fmt.Errorf("more than %d distinct %s: recommend cannot tell them apart; recommend --by category, or fewer sales files at once", MaxItems, what(b.opts.By))
		}
		if g == len(b.names) {
			b.names, b.cats, b.named = append(b.names, ""), append(b.cats, ""), append(b.named, math.MaxInt)
		}
		ch.global = append(ch.global, int32(g))
		b.rename(ch, k)
	}
	ch.mapped = ch.keys.Len()
	for _, k := range ch.renamed {
		b.rename(ch, int(k))
	}
	return nil
}

// rename takes the name and category of the chunk's local item k if they
// come from an earlier block than the baskets', and leaves the chunk the
// block the baskets' come from.
func (b *Baskets) rename(ch *chunk, k int) {
	if b.opts.By == ByCategory {
		return
	}
	g := ch.global[k]
	if ch.named[k] < b.named[g] {
		b.names[g], b.cats[g], b.named[g] = ch.names[k], ch.cats[k], ch.named[k]
	}
	ch.named[k] = b.named[g]
}

// buyers returns the number of customers who bought each item.
func (b *Baskets) buyers() []int32 {
	n := make([]int32, len(b.names))
	var buf []int32
	for _, s := range b.shards {
		for c := range s.sets.n {
			buf = s.sets.bought(c, buf[:0])
			for _, it := range buf {
				n[it]++
			}
		}
	}
	return n
}

// Pair is an item bought together with Options.Product.
type Pair struct {
	Item       string  // product_id, or category
	Name       string  // product_name (ByProduct)
	Category   string  // category (ByProduct)
	Customers  int     // customers who bought both
	Support    float64 // see the package comment
	Confidence float64
	Lift       float64
}

// AlsoBought ranks the items that buyers of Options.Product bought, by the
// number of customers who bought both (most first, ties by item,
// bytewise), keeping items with at least minCustomers and at most top of
// them (top <= 0: all). buyers is the number of customers who bought the
// product; 0 means nobody did, and pairs is empty. With Options.PerStore
// a customer of two stores counts as two customers here.
func (b *Baskets) AlsoBought(minCustomers, top int) (buyers int, pairs []Pair) {
	// A tally a goroutine, 8 bytes an item each: their memory stays
	// within maxTallies however many items and cores there are.
	n := max(1, min(b.workers, maxTallies/max(1, 8*len(b.names))))
	tallies := make([]*tally, n)
	b.eachShard(n, func(g, i int) {
		if tallies[g] == nil {
			tallies[g] = b.newTally()
		}
		var buf []int32
		s := &b.shards[i].sets
		for c := range s.n {
			buf = tallies[g].add(s, c, buf)
		}
	})
	t := b.newTally()
	for _, u := range tallies {
		t.addTally(u)
	}
	return t.buyers, b.rank(t, minCustomers, top)
}

// StorePairs are the pairs of one store (Options.PerStore).
type StorePairs struct {
	Store     string // store_id, trimmed
	Buyers    int    // the store's customers who bought Options.Product there
	Customers int    // the store's customers who bought anything there
	Pairs     []Pair // ranked as AlsoBought ranks them, within the store
}

// AlsoBoughtPerStore ranks, for each store where somebody bought
// Options.Product, the items its buyers bought at that store, as
// AlsoBought does over the store's baskets alone: customers, support,
// confidence and lift count the store's customers only. Stores come in
// order of their ids, bytewise. The baskets must be built with
// Options.PerStore.
func (b *Baskets) AlsoBoughtPerStore(minCustomers, top int) ([]StorePairs, error) {
	if !b.opts.PerStore {
		return nil, errors.New("recommend: AlsoBoughtPerStore on baskets built without PerStore")
	}
	tallies := map[string]*tally{}
	var buf []int32
	for _, s := range b.shards {
		for c := range s.customers.Len() {
			id := s.customers.IDBytes(c)
			store := id[:max(bytes.IndexByte(id, 0), 0)]
			t := tallies[string(store)]
			if t == nil {
				t = b.newTally()
				tallies[string(store)] = t
			}
			buf = t.add(&s.sets, c, buf)
		}
	}
	var out []StorePairs
	for store, t := range tallies {
		if t.buyers > 0 {
			out = append(out, StorePairs{Store: store, Buyers: t.buyers, Customers: t.customers, Pairs: b.rank(t, minCustomers, top)})
		}
	}
	slices.SortFunc(out, func(x, y StorePairs) int { return cmp.Compare(x.Store, y.Store) })
	return out, nil
}

// maxTallies bounds the memory of AlsoBought's tallies, one a goroutine.
const maxTallies = 64 << 20

// tally is what AlsoBought counts over a set of baskets.
type tally struct {
	customers int     // who bought an item or the product
	buyers    int     // who bought the product
	both      []int32 // per item: its buyers who bought the product
	all       []int32 // per item: its buyers
}

func (b *Baskets) newTally() *tally {
	return &tally{both: make([]int32, len(b.names)), all: make([]int32, len(b.names))}
}

// addTally adds the counts of u, if any, to t.
func (t *tally) addTally(u *tally) {
	if u == nil {
		return
	}
	t.customers += u.customers
	t.buyers += u.buyers
	for it := range t.both {
		t.both[it] += u.both[it]
		t.all[it] += u.all[it]
	}
}

// add counts customer c of sets; buf is scratch space, returned for reuse.
func (t *tally) add(s *itemSets, c int, buf []int32) []int32 {
	buf = s.bought(c, buf[:0])
	product := s.product(c)
	if product || len(buf) > 0 {
		t.customers++
	}
	if product {
		t.buyers++
	}
	for _, it := range buf {
		t.all[it]++
		if product {
			t.both[it]++
		}
	}
	return buf
}

// rank makes the pairs of a tally: see AlsoBought.
func (b *Baskets) rank(t *tally, minCustomers, top int) []Pair {
	if t.buyers == 0 {
		return nil
	}
	anchor := int32(-1)
	if b.opts.By == ByProduct {
		anchor = int32(b.items.Find([]byte(b.opts.Product)))
	}
	var pairs []Pair
	n := float64(t.customers)
	for it, k := range t.both {
		if int32(it) == anchor || k == 0 || int(k) < minCustomers {
			continue
		}
		conf := float64(k) / float64(t.buyers)
		pairs = append(pairs, Pair{Item: b.items.ID(it), Name: b.names[it], Category: b.cats[it], Customers: int(k),
			Support: float64(k) / n, Confidence: conf, Lift: conf / (float64(t.all[it]) / n)})
	}
	slices.SortFunc(pairs, func(x, y Pair) int {
		if c := cmp.Compare(y.Customers, x.Customers); c != 0 {
			return c
		}
		return cmp.Compare(x.Item, y.Item)
	})
	if top > 0 && len(pairs) > top {
		pairs = pairs[:top]
	}
	return pairs
}

// Suggestion is an item suggested for a customer.
type Suggestion struct {
	Item      string
	Name      string // product_name (ByProduct)
	Category  string // category (ByProduct)
	Score     float64
	Customers int // neighbours who bought it
}

// Neighbours describes the customers a suggestion comes from: Count
// customers who share at least Shared items with the customer.
type Neighbours struct {
	Count, Shared int
}

// ErrNoPurchases is returned by ForCustomer for a customer without any.
var ErrNoPurchases = errors.New("has no purchases")

// ForCustomer suggests items for customer id: the items bought by its
// neighbours, the customers who share at least minShared items with it
// (minShared <= 0: 2, or 1 for a customer with a single item), that it has
// not bought. An item scores the sum, over the neighbours who bought it,
// of their similarity to the customer (items in common / items of either,
// the Jaccard index). Suggestions come by score, then by neighbours who
// bought them, then by item; at least minCustomers neighbours must have
// bought one; top <= 0 keeps all. The baskets must be built without
// Options.Product, which leaves out what only ForCustomer needs: where
// each customer was first seen, for sums that come out the same however
// blocks were merged.
func (b *Baskets) ForCustomer(id string, minShared, minCustomers, top int) ([]Suggestion, Neighbours, error) {
	if b.opts.Product != "" {
		return nil, Neighbours{}, errors.New("recommend: ForCustomer on baskets built for a product")
	}
	h := b.shards[0].customers.Hash([]byte(id))
	cs := b.shards[shardOf(h, b.shardBits)]
	c := cs.customers.Find([]byte(id))
	if c < 0 {
		return nil, Neighbours{}, fmt.Errorf("customer %q %w in the sales read", id, ErrNoPurchases)
	}
	mine := make([]bool, len(b.names))
	own := cs.sets.bought(c, nil)
	if len(own) == 0 {
		return nil, Neighbours{}, fmt.Errorf("customer %q %w in the sales read (what they bought they returned)", id, ErrNoPurchases)
	}
	for _, it := range own {
		mine[it] = true
	}
	if minShared <= 0 {
		minShared = min(2, len(own))
	}
	nb := Neighbours{Shared: minShared}
	score := make([]float64, len(b.names))
	count := make([]int32, len(b.names))
	var theirs []int32
	for _, d := range b.inOrder() {
		ds := b.shards[d.shard]
		theirs = ds.sets.bought(int(d.c), theirs[:0])
		shared := 0
		for _, it := range theirs {
			if mine[it] {
				shared++
			}
		}
		if ds == cs && int(d.c) == c || shared < minShared {
			continue
		}
		nb.Count++
		sim := float64(shared) / float64(len(own)+len(theirs)-shared)
		for _, it := range theirs {
			if !mine[it] {
				score[it] += sim
				count[it]++
			}
		}
	}
	var out []Suggestion
	for it, k := range count {
		if k > 0 && int(k) >= minCustomers {
			out = append(out, Suggestion{Item: b.items.ID(it), Name: b.names[it], Category: b.cats[it], Score: score[it], Customers: int(k)})
		}
	}
	slices.SortFunc(out, func(x, y Suggestion) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Customers, x.Customers); c != 0 {
			return c
		}
		return cmp.Compare(x.Item, y.Item)
	})
	if top > 0 && len(out) > top {
		out = out[:top]
	}
	return out, nb, nil
}
