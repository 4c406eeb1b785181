package recommend

import (
	"bytes"
	"slices"
	"sync"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// pass is what the workers share: read-only after newPass.
type pass struct {
	scan                    *record.SaleScanner
	totals                  record.Totals // each line's net quantity
	qty                     record.Column // the quantity, for oneDigit
	product, category, name record.Column
	key                     record.Column // the item: product or category
	byCategory              bool
	anchor                  []byte
	customers               *record.IDs   // for hashing ids
	shardBits               int           // the baskets' (see shardOf)
	fields                  int           // the leading fields read of every line
	about                   int           // those of a line whose item is new to its block
	chunks                  *sync.Pool    // of *chunk, merged and ready for reuse; every file's pass shares it
	store                   record.Column // Options.PerStore: a basket is a store's and a customer's
	perStore                bool
}

func newPass(dec *record.Decoder, opts Options) (*pass, error) {
	scan, err := record.NewSaleScanner(dec, opts.Filter, false)
	if err != nil {
		return nil, err
	}
	p := &pass{scan: scan, totals: dec.Totals(), qty: dec.Column(schema.Quantity), product: dec.Column(schema.ProductID), category: dec.Column(schema.Category),
		name: dec.Column(schema.ProductName), anchor: []byte(opts.Product), chunks: &sync.Pool{}}
	p.key = p.product
	if opts.PerStore {
		if err := dec.Require(schema.StoreID, "--per-store"); err != nil {
			return nil, err
		}
		p.store, p.perStore = dec.Column(schema.StoreID), true
	}
	p.about = max(p.name.Prefix(), p.category.Prefix())
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
	// A line's net quantity decides what its customer bought. A line of
	// a file without a kind column whose amount and unit price hold no
	// mark of a negative number (record.Totals.Unsigned) is no return:
	// its quantity is read alone, without the general number parser when
	// it is one digit (oneDigit).
	p.fields = max(scan.Prefix(), p.product.Prefix(), p.key.Prefix(), p.store.Prefix(), p.totals.Prefix())
	return p, nil
}

// quantity returns a kept line's net quantity: negative for a return,
// whatever sign its quantity cell has.
func (p *pass) quantity(rec *rows.Record) (parse.Decimal, error) {
	if q, ok := oneDigit(p.qty.Bytes(rec)); ok && p.totals.Unsigned(rec) {
		return q, nil
	}
	q, _, ret, err := p.totals.Net(rec)
	if ret {
		q = -max(q, -q)
	}
	return q, err
}

// oneDigit reads a quantity of 1 to 9 units written as one digit, as on
// most lines, without a call; ok is false for anything else, which Net
// reads.
func oneDigit(b []byte) (parse.Decimal, bool) {
	if len(b) != 1 || b[0]-'1' > 8 {
		return 0, false
	}
	return parse.Decimal(b[0]-'0') * parse.DecimalScale, true
}

// chunk is what a worker makes of one block: its items numbered locally
// and the lines grouped in runs of one customer. It keeps nothing of the
// block, which goes back to the reader at once.
//
// A chunk is reused for later blocks with its local items, up to
// maxLocal of them, and what the baskets know of them: so a block mostly
// meets items the baskets have numbered and named already, and only the
// others cost a look at the baskets' shared numbering.
type chunk struct {
	counts record.SaleCounts
	keys   *record.IDs // items, numbered locally
	global []int32     // per local item: the baskets' number (the first mapped have one)
	mapped int
	// Per local item (ByProduct): the product_name and category taken,
	// and the block they come from, or a block no earlier than the one the
	// baskets took them from: a block before it takes them again.
	names, cats []string
	named       []int
	renamed     []int32 // known local items named again by this block
	items       []int32 // local items of the kept lines, run after run
	qty         []int32 // per item of items: its line's net quantity (netOf)
	runs        []crun
	ids         []byte  // the runs' customer ids, one after the other
	seq         int     // the block's place in the file
	order       []int32 // the runs, by shard: shard i's are order[bounds[i]:bounds[i+1]]
	bounds      []int
	next        []int // byShard's cursor per shard
}

// maxLocal bounds the items a reused chunk remembers.
const maxLocal = 1 << 16

// crun is consecutive lines of one customer. It holds no pointer.
type crun struct {
	hash    uint64
	idEnd   uint32 // the customer id is chunk.ids[previous run's idEnd:idEnd]
	end     int32  // items[previous run's end:end] are this run's
	product bool   // a line of Options.Product is among them
	// productQty is the net quantity of the lines of Options.Product.
	productQty parse.Decimal
}

// id returns the customer id of run i.
func (ch *chunk) id(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = ch.runs[i-1].idEnd
	}
	return ch.ids[start:ch.runs[i].idEnd]
}

// start returns where run i's items start in ch.items.
func (ch *chunk) start(i int) int32 {
	if i == 0 {
		return 0
	}
	return ch.runs[i-1].end
}

// byShard fills order and bounds: the runs of each of 1<<bits shards, in
// file order.
func (ch *chunk) byShard(bits int) {
	ch.next = append(ch.next[:0], make([]int, 1<<bits)...)
	ch.bounds = append(ch.bounds[:0], make([]int, 1<<bits+1)...)
	next := ch.next
	for i := range ch.runs {
		next[shardOf(ch.runs[i].hash, bits)]++
	}
	pos := 0
	for i, n := range next {
		ch.bounds[i], next[i] = pos, pos
		pos += n
	}
	ch.bounds[len(next)] = pos
	ch.order = slices.Grow(ch.order[:0], len(ch.runs))[:len(ch.runs)]
	for i := range ch.runs {
		s := shardOf(ch.runs[i].hash, bits)
		ch.order[next[s]] = int32(i)
		next[s]++
	}
}

// takeName takes the product name and category of local item k from rec.
func (p *pass) takeName(ch *chunk, k int, rec *rows.Record) {
	if p.byCategory {
		return // categories have no names
	}
	rec.Extend(p.about)
	ch.names[k], ch.cats[k], ch.named[k] = string(p.name.Bytes(rec)), string(p.category.Bytes(rec)), ch.seq
}

// block reads one block's lines into a chunk.
func (p *pass) block(b *rows.Block) (*chunk, error) { return p.read(p.chunk(), b) }

// read reads one block's lines into ch, empty or reused.
func (p *pass) read(ch *chunk, b *rows.Block) (*chunk, error) {
	sc := p.scan.Clone()
	ch.seq = b.Seq
	var storeKey []byte
	err := b.EachPrefix(p.fields, func(rec *rows.Record) error {
		sale, ok, err := sc.Scan(rec)
		if err != nil || !ok {
			return err
		}
		q, err := p.quantity(rec)
		if err != nil {
			return err
		}
		cust := sale.Customer
		if p.perStore { // the basket of the store and the customer, as ledger keys them
			storeKey = append(append(append(storeKey[:0], bytes.TrimSpace(p.store.Bytes(rec))...), 0), cust...)
			cust = storeKey
		}
		if n := len(ch.runs); n == 0 || !bytes.Equal(ch.id(n-1), cust) {
			ch.ids = append(ch.ids, cust...)
			ch.runs = append(ch.runs, crun{idEnd: uint32(len(ch.ids)), hash: p.customers.Hash(cust), end: int32(len(ch.items))})
		}
		run := &ch.runs[len(ch.runs)-1]
		var isProduct bool
		if len(p.anchor) > 0 {
			id := p.product.Bytes(rec)
			if record.Scientific(id) {
				return p.product.Error(rec, record.ErrScientific) // its lost digits may be the product's
			}
			if isProduct = bytes.Equal(id, p.anchor); isProduct {
				run.product, run.productQty = true, run.productQty+q
			}
		}
		key := p.key.Bytes(rec)
		if len(key) == 0 || isProduct && p.byCategory {
			return nil // no item: no product id, or the product's own category
		}
		it := ch.keys.Number(key)
		switch {
		case it == len(ch.named): // new to the chunk
			if !p.byCategory && record.Scientific(key) {
				return p.product.Error(rec, record.ErrScientific) // the chunk is not merged
			}
			ch.names, ch.cats, ch.named = append(ch.names, ""), append(ch.cats, ""), append(ch.named, -1)
			p.takeName(ch, it, rec)
		case ch.seq < ch.named[it]:
			p.takeName(ch, it, rec)
			ch.renamed = append(ch.renamed, int32(it))
		}
		ch.items = append(ch.items, int32(it))
		ch.qty = append(ch.qty, netOf(q))
		run.end = int32(len(ch.items))
		return nil
	})
	b.Release()
	ch.counts = sc.Counts
	return ch, err
}

// chunk returns an empty chunk, reusing a merged one with its local
// items: a pass over a large file then allocates almost nothing.
func (p *pass) chunk() *chunk {
	ch, ok := p.chunks.Get().(*chunk)
	if !ok {
		return &chunk{keys: record.NewIDs(4096)}
	}
	ch.reuse()
	return ch
}

// reuse empties a merged chunk for the next block, keeping its local
// items unless there are too many.
func (ch *chunk) reuse() {
	if ch.keys.Len() > maxLocal {
		ch.keys.Reset()
		ch.global, ch.mapped, ch.names, ch.cats, ch.named = ch.global[:0], 0, ch.names[:0], ch.cats[:0], ch.named[:0]
	}
	ch.counts, ch.renamed, ch.items, ch.qty, ch.runs, ch.ids = record.SaleCounts{}, ch.renamed[:0], ch.items[:0], ch.qty[:0], ch.runs[:0], ch.ids[:0]
}
