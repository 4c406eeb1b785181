package recommend

import (
	"cmp"
	"slices"
	"sync"

	"github.com/custkit/custkit/pkg/record"
)

// shard is the baskets of the customers whose id hashes to it.
type shard struct {
	mu        sync.Mutex
	customers *record.IDs
	sets      itemSets
	touched   int32 // what addRuns reads ahead, only so that the reads stay
}

// firstSeen orders the runs of a file: run i of block seq.
func firstSeen(seq, i int) uint64 { return uint64(seq)<<32 | uint64(i) }

// addRuns adds the runs of a chunk numbered in order (ascending) to their
// customers' baskets; ch.global maps the chunk's item numbers to the
// baskets'.
func (s *shard) addRuns(ch *chunk, order []int32) {
	const batch = 32
	var nums [batch]int
	var isNew [batch]bool
	for first := 0; first < len(order); first += batch {
		runs := order[first:min(first+batch, len(order))]
		// Touch the table slots, then the baskets, of a batch first, so
		// that their cache misses overlap (see record.IDs).
		for _, r := range runs {
			s.touched += int32(s.customers.Touch(ch.runs[r].hash))
		}
		for i, r := range runs {
			nums[i], isNew[i] = s.customer(ch, int(r))
		}
		for i := range runs {
			s.touched += s.sets.touch(nums[i])
		}
		for i, r := range runs {
			c := nums[i]
			run := &ch.runs[r]
			s.sets.seen(c, firstSeen(ch.seq, int(r)), isNew[i])
			if run.product {
				s.sets.addProduct(c, run.productQty)
			}
			start := ch.start(int(r))
			for i, it := range ch.items[start:run.end] {
				s.sets.add(c, ch.global[it], ch.qty[int(start)+i])
			}
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
