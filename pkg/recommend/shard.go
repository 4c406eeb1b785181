package recommend

import (
	"cmp"
	"slices"
	"sync"

	"github.com/custkit/custkit/pkg/prefetch"
	"github.com/custkit/custkit/pkg/record"
)

// shard is the baskets of the customers whose id hashes to it.
type shard struct {
	mu        sync.Mutex
	customers *record.IDs
	sets      itemSets
}

// firstSeen orders the runs of a file: run i of block seq.
func firstSeen(seq, i int) uint64 { return uint64(seq)<<32 | uint64(i) }

// batch is the runs addRuns asks memory for at a time.
const batch = 32

// addRuns adds the runs of a chunk numbered in order (ascending) to their
// customers' baskets; ch.global maps the chunk's item numbers to the
// baskets'.
//
// Each run costs up to three lookups in memory far larger than the
// caches, each needing the one before: its customer's table slot, then
// their setRef, then the start of their items. So the runs go in batches
// through a pipeline (prefetch.Pipeline) of four steps, each asking for
// what the next needs: the memory of three batches is on its way while
// the lines of a fourth are added. Reading ahead with loads in the same
// batch, as before, overlapped fewer misses, the loads waiting to finish;
// at size L the pipeline took 6% less time.
func (s *shard) addRuns(ch *chunk, order []int32) {
	var ring [4]numbered // a batch's state, as long as the pipeline (prefetch.Pipeline)
	runs := func(k int) []int32 { return order[k*batch : min(k*batch+batch, len(order))] }
	prefetch.Pipeline((len(order)+batch-1)/batch,
		func(k int) { // the table slots
			for _, r := range runs(k) {
				s.customers.Prefetch(ch.runs[r].hash)
			}
		},
		func(k int) { // the customers' numbers, and their setRefs
			at := &ring[k%len(ring)]
			for i, r := range runs(k) {
				at.c[i], at.isNew[i] = s.customer(ch, int(r))
				prefetch.Of(s.sets.ref(at.c[i]))
			}
		},
		func(k int) { // the start of their items
			at := &ring[k%len(ring)]
			for i := range runs(k) {
				s.sets.prefetch(at.c[i])
			}
		},
		func(k int) { s.addBatch(ch, runs(k), &ring[k%len(ring)]) })
}

// numbered is a batch's customers: run i's is number c[i], new to the
// shard when isNew[i].
type numbered struct {
	c     [batch]int
	isNew [batch]bool
}

// addBatch adds a batch of runs, their customers numbered, to the baskets.
func (s *shard) addBatch(ch *chunk, runs []int32, at *numbered) {
	for i, r := range runs {
		c := at.c[i]
		run := &ch.runs[r]
		s.sets.seen(c, firstSeen(ch.seq, int(r)), at.isNew[i])
		if run.product {
			s.sets.addProduct(c, run.productQty)
		}
		start := ch.start(int(r))
		for i, it := range ch.items[start:run.end] {
			s.sets.add(c, ch.global[it], ch.qty[int(start)+i])
		}
	}
}

// customer returns the number of the customer of run r of ch, giving it
// one if it is new (isNew).
func (s *shard) customer(ch *chunk, r int) (c int, isNew bool) {
	c = s.customers.NumberHash(ch.id(r), ch.runs[r].hash)
	if c == s.sets.n {
		s.sets.grow(c)
		return c, true
	}
	return c, false
}

// customerRef names a customer of the baskets: number c of shard shard.
type customerRef struct {
	first    uint64
	shard, c int32
}

// inOrder returns every customer of the baskets in the order first seen
// in the file, so that what sums over customers adds them up alike
// however the blocks were merged.
func (b *Baskets) inOrder() []customerRef {
	refs := make([]customerRef, 0, b.Customers())
	for i, s := range b.shards {
		for c := range s.customers.Len() {
			refs = append(refs, customerRef{first: s.sets.first(c), shard: int32(i), c: int32(c)})
		}
	}
	slices.SortFunc(refs, func(x, y customerRef) int { return cmp.Compare(x.first, y.first) })
	return refs
}
