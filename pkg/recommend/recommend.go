// Package recommend answers "customers who bought this also bought": for a
// product, the other products (or categories) its buyers bought, ranked
// by the number of customers in common; for a customer, the products that
// customers with similar purchases bought and they have not.
//
// It is an operation of the data path: [Build] streams the sales file once,
// on all cores, into baskets: per customer, the set of distinct items
// (products, or categories) they bought. One pass is enough for any
// product, since every customer's items are kept until the end: a line of
// the product may come after the customer's other purchases. Memory
// follows customers × items per customer, never the number of sales lines.
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
	"slices"
	"sync"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
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

// Options configure Build.
type Options struct {
	// Filter selects the lines read: walk-ins, other stores and lines
	// outside the window are left out and counted.
	Filter record.SaleFilter
	// By says what an item is: a product (the default) or a category.
	By By
	// Product is the product whose buyers AlsoBought ranks items for; its
	// lines mark their customer. With By == ByCategory they add no
	// category, so that a category counts only what else a buyer bought.
	Product string
	// Workers is the number of goroutines parsing blocks; 0 means one per
	// CPU.
	Workers int
}

// Baskets are the distinct items each customer bought.
type Baskets struct {
	opts      Options
	customers *record.IDs
	items     *record.IDs
	names     []string // product_name per item (ByProduct), first seen
	cats      []string // category per item (ByProduct), first seen
	buyers    []int32  // customers who bought each item
	sets      itemSets
	product   []bool // per customer: bought Options.Product
	// Stats counts the lines read.
	Stats   record.SaleCounts
	touched int32 // what merge reads ahead, only so that the reads stay
	pass    *pass // during Build
}

// Customers returns the number of customers who bought anything.
func (b *Baskets) Customers() int { return b.customers.Len() }

// Build reads the sales file into baskets. dec decodes its records; the
// file needs a product_id column (and category with ByCategory).
func Build(ctx context.Context, r *rows.Reader, dec *record.Decoder, opts Options) (*Baskets, error) {
	if opts.By == "" {
		opts.By = ByProduct
	}
	p, err := newPass(dec, opts)
	if err != nil {
		return nil, err
	}
	b := &Baskets{opts: opts, customers: record.NewIDs(1 << 16), items: record.NewIDs(1 << 12), pass: p}
	p.customers = b.customers
	workers := opts.Workers
	if workers <= 0 {
		workers = rows.Workers()
	}
	if err := rows.EachBlock(ctx, r, workers, p.block, b.merge); err != nil {
		return nil, err
	}
	b.pass = nil
	return b, nil
}

// pass is what the workers share: read-only after newPass.
type pass struct {
	scan                    *record.SaleScanner
	product, category, name record.Column
	key                     record.Column // the item: product or category
	byCategory              bool
	anchor                  []byte
	customers               *record.IDs // for hashing ids
	chunks                  sync.Pool   // of *chunk, merged and ready for reuse
}

func newPass(dec *record.Decoder, opts Options) (*pass, error) {
	scan, err := record.NewSaleScanner(dec, opts.Filter, false)
	if err != nil {
		return nil, err
	}
	p := &pass{scan: scan, product: dec.Column(schema.ProductID), category: dec.Column(schema.Category),
		name: dec.Column(schema.ProductName), anchor: []byte(opts.Product)}
	p.key = p.product
	if opts.By == ByCategory {
		p.key, p.byCategory = p.category, true
		if err := dec.Require(schema.Category, "--by category"); err != nil {
			return nil, err
		}
	}
	if opts.By == ByProduct || opts.Product != "" {
		if err := dec.Require(schema.ProductID, "products"); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// chunk is what a worker makes of one block: its items numbered locally
// and the lines grouped in runs of one customer. It keeps nothing of the
// block, which goes back to the reader at once.
type chunk struct {
	counts record.SaleCounts
	keys   *record.IDs // the block's items, numbered locally
	about  []byte      // product_name and category of each local item (ByProduct)
	ends   []uint32    // where each of those ends in about: 2 per local item
	items  []int32     // local items of the kept lines, run after run
	runs   []crun
	ids    []byte // the runs' customer ids, one after the other
}

// crun is consecutive lines of one customer. It holds no pointer.
type crun struct {
	hash    uint64
	idEnd   uint32 // the customer id is chunk.ids[previous run's idEnd:idEnd]
	end     int32  // items[previous run's end:end] are this run's
	product bool   // a line of Options.Product is among them
}

// id returns the customer id of run i.
func (ch *chunk) id(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = ch.runs[i-1].idEnd
	}
	return ch.ids[start:ch.runs[i].idEnd]
}

// nameAndCategory returns the product name and category of local item k.
func (ch *chunk) nameAndCategory(k int) (name, cat string) {
	start := uint32(0)
	if k > 0 {
		start = ch.ends[2*k-1]
	}
	mid, end := ch.ends[2*k], ch.ends[2*k+1]
	return string(ch.about[start:mid]), string(ch.about[mid:end])
}

// block reads one block's lines into a chunk.
func (p *pass) block(b *rows.Block) (*chunk, error) {
	sc := p.scan.Clone()
	ch := p.chunk()
	err := b.Each(func(rec *rows.Record) error {
		sale, ok, err := sc.Scan(rec)
		if err != nil || !ok {
			return err
		}
		if n := len(ch.runs); n == 0 || !bytes.Equal(ch.id(n-1), sale.Customer) {
			ch.ids = append(ch.ids, sale.Customer...)
			ch.runs = append(ch.runs, crun{idEnd: uint32(len(ch.ids)), hash: p.customers.Hash(sale.Customer), end: int32(len(ch.items))})
		}
		run := &ch.runs[len(ch.runs)-1]
		isProduct := len(p.anchor) > 0 && bytes.Equal(p.product.Bytes(rec), p.anchor)
		run.product = run.product || isProduct
		key := p.key.Bytes(rec)
		if len(key) == 0 || isProduct && p.byCategory {
			return nil // no item: no product id, or the product's own category
		}
		it := ch.keys.Number(key)
		if it == len(ch.ends)/2 && !p.byCategory {
			ch.about = append(ch.about, p.name.Bytes(rec)...)
			ch.ends = append(ch.ends, uint32(len(ch.about)))
			ch.about = append(ch.about, p.category.Bytes(rec)...)
			ch.ends = append(ch.ends, uint32(len(ch.about)))
		}
		ch.items = append(ch.items, int32(it))
		run.end = int32(len(ch.items))
		return nil
	})
	b.Release()
	ch.counts = sc.Counts
	return ch, err
}

// chunk returns an empty chunk, reusing a merged one with its local
// dictionary: a pass over a large file then allocates almost nothing.
func (p *pass) chunk() *chunk {
	if ch, ok := p.chunks.Get().(*chunk); ok {
		ch.keys.Reset()
		*ch = chunk{keys: ch.keys, about: ch.about[:0], ends: ch.ends[:0], items: ch.items[:0], runs: ch.runs[:0], ids: ch.ids[:0]}
		return ch
	}
	return &chunk{keys: record.NewIDs(4096)}
}

// merge adds a chunk to the baskets, in file order.
func (b *Baskets) merge(ch *chunk) error {
	b.Stats.Add(ch.counts)
	global := make([]int32, ch.keys.Len())
	for k := range global {
		g := b.items.Number(ch.keys.IDBytes(k))
		if g == len(b.buyers) {
			name, cat := "", ""
			if b.opts.By != ByCategory {
				name, cat = ch.nameAndCategory(k)
			}
			b.names, b.cats = append(b.names, name), append(b.cats, cat)
			b.buyers = append(b.buyers, 0)
		}
		global[k] = int32(g)
	}
	b.addRuns(ch, global)
	b.pass.chunks.Put(ch)
	return nil
}

// addRuns adds a chunk's runs of lines to their customers' baskets;
// global maps the chunk's item numbers to the baskets'.
func (b *Baskets) addRuns(ch *chunk, global []int32) {
	all, items := ch.runs, ch.items
	const batch = 16
	var nums [batch]int
	start := int32(0)
	for first := 0; first < len(all); first += batch {
		runs := all[first:min(first+batch, len(all))]
		// Touch the table slots, then the baskets, of a batch first, so
		// that their cache misses overlap (see record.IDs).
		for i := range runs {
			b.touched += int32(b.customers.Touch(runs[i].hash))
		}
		for i := range runs {
			c := b.customers.NumberHash(ch.id(first+i), runs[i].hash)
			for c >= len(b.product) {
				b.sets.grow(c)
				b.product = append(b.product, false)
			}
			nums[i] = c
		}
		for i := range runs {
			b.touched += b.sets.touch(nums[i])
		}
		for i := range runs {
			c := nums[i]
			b.product[c] = b.product[c] || runs[i].product
			for _, it := range items[start:runs[i].end] {
				if g := global[it]; b.sets.add(c, g) {
					b.buyers[g]++
				}
			}
			start = runs[i].end
		}
	}
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
// product; 0 means nobody did, and pairs is empty.
func (b *Baskets) AlsoBought(minCustomers, top int) (buyers int, pairs []Pair) {
	anchor := int32(-1)
	if b.opts.By == ByProduct {
		anchor = int32(b.items.Find([]byte(b.opts.Product)))
	}
	both := make([]int32, len(b.buyers))
	for c, bought := range b.product {
		if !bought {
			continue
		}
		buyers++
		for _, it := range b.sets.items(c) {
			both[it]++
		}
	}
	if buyers == 0 {
		return 0, nil
	}
	n := float64(b.Customers())
	for it, k := range both {
		if int32(it) == anchor || k == 0 || int(k) < minCustomers {
			continue
		}
		conf := float64(k) / float64(buyers)
		pairs = append(pairs, Pair{Item: b.items.ID(it), Name: b.names[it], Category: b.cats[it], Customers: int(k),
			Support: float64(k) / n, Confidence: conf, Lift: conf / (float64(b.buyers[it]) / n)})
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
	return buyers, pairs
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
// bought one; top <= 0 keeps all.
func (b *Baskets) ForCustomer(id string, minShared, minCustomers, top int) ([]Suggestion, Neighbours, error) {
	c := b.customers.Find([]byte(id))
	if c < 0 {
		return nil, Neighbours{}, fmt.Errorf("customer %q %w in the sales read", id, ErrNoPurchases)
	}
	mine := make([]bool, len(b.buyers))
	own := b.sets.items(c)
	for _, it := range own {
		mine[it] = true
	}
	if minShared <= 0 {
		minShared = min(2, len(own))
	}
	nb := Neighbours{Shared: minShared}
	score := make([]float64, len(b.buyers))
	count := make([]int32, len(b.buyers))
	for d := 0; d < b.Customers(); d++ {
		theirs := b.sets.items(d)
		shared := 0
		for _, it := range theirs {
			if mine[it] {
				shared++
			}
		}
		if d == c || shared < minShared {
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
