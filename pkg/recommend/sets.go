package recommend

import (
	"math"

	"github.com/custkit/custkit/pkg/hugepage"
	"github.com/custkit/custkit/pkg/parse"
)

// itemSets holds, per customer, the distinct items of their lines and the
// net quantity of each: a customer bought an item when its net quantity
// is above zero (returns count negative). The items of a customer lie
// together in one region of a pool of large chunks, in groups of four
// items followed by their four quantities (see slot), so that an item and
// its quantity share a cache line; a full region moves to one twice its
// size, and the old one is reused by the next set that needs that size.
// Nothing in it is a pointer, and nothing is allocated per customer, so a
// million customers cost neither the allocator nor the garbage collector;
// memory follows the number of distinct (customer, item) pairs.
type itemSets struct {
	chunks   [][]int32         // items and their net quantities (see addNet)
	refs     [][]setRef        // per customer, in chunks of refChunk: growing never copies
	firsts   [][]uint64        // per customer, where first seen, likewise; only with track
	anchor   [][]parse.Decimal // per customer, the net quantity of Options.Product; only with anchored
	track    bool              // keep firsts (ForCustomer needs them, AlsoBought not)
	anchored bool              // keep anchor (AlsoBought)
	n        int               // customers
	free     [32][]region      // free regions by log2 of their capacity
}

const refChunk = 1 << 14

func (s *itemSets) ref(c int) *setRef { return &s.refs[c/refChunk][c%refChunk] }

// setRef locates one customer's items: len() of them, in a region of cap
// items (2 × cap int32s, with the quantities).
// It is 16 bytes, four to a cache line.
type setRef struct {
	region
	n uint32 // the number of items
}

// len returns the number of the customer's items.
func (r *setRef) len() uint32 { return r.n }

type region struct {
	chunk, off uint32
	cap        uint32 // 0 for a customer without items yet
}

const chunkItems = 1 << 20

// grow makes room for customers up to c.
func (s *itemSets) grow(c int) {
	for len(s.refs)*refChunk <= c {
		s.refs = append(s.refs, make([]setRef, refChunk))
		if s.track {
			s.firsts = append(s.firsts, make([]uint64, refChunk))
		}
		if s.anchored {
			s.anchor = append(s.anchor, make([]parse.Decimal, refChunk))
		}
	}
	s.n = max(s.n, c+1)
}

// seen records, when the sets track it, that customer c was seen at at,
// keeping the earliest; a new customer (new says so) takes it whatever it
// was.
func (s *itemSets) seen(c int, at uint64, new bool) {
	if !s.track {
		return
	}
	if f := &s.firsts[c/refChunk][c%refChunk]; new || at < *f {
		*f = at
	}
}

// addProduct adds q to customer c's net quantity of Options.Product.
func (s *itemSets) addProduct(c int, q parse.Decimal) { s.anchor[c/refChunk][c%refChunk] += q }

// product reports whether customer c bought Options.Product: its net
// quantity is above zero.
func (s *itemSets) product(c int) bool { return s.anchored && s.anchor[c/refChunk][c%refChunk] > 0 }

// first returns where customer c was first seen; the sets must track it.
func (s *itemSets) first(c int) uint64 { return s.firsts[c/refChunk][c%refChunk] }

// touch reads the start of customer c's items and returns a value of no
// meaning, so that a caller can overlap the cache misses of many.
func (s *itemSets) touch(c int) int32 {
	r := s.ref(c)
	if r.cap == 0 {
		return 0
	}
	return s.chunks[r.chunk][r.off]
}

// slot returns where item k of a region lies in its chunk; its net
// quantity lies four places after it.
func slot(r region, k uint32) uint32 { return r.off + k&^3*2 + k&3 }

// items appends to dst customer c's items, bought or not, in the order
// first seen, and returns it.
func (s *itemSets) items(c int, dst []int32) []int32 {
	r := s.ref(c)
	for k := range r.len() {
		dst = append(dst, s.chunks[r.chunk][slot(r.region, k)])
	}
	return dst
}

// bought appends to dst the items customer c bought (net quantity above
// zero), in the order first seen, and returns it.
func (s *itemSets) bought(c int, dst []int32) []int32 {
	r := s.ref(c)
	ch := s.chunks[r.chunk]
	for k := range r.len() {
		if i := slot(r.region, k); ch[i+4] > 0 {
			dst = append(dst, ch[i])
		}
	}
	return dst
}

// add adds q to customer c's net quantity of item it, adding the item to
// the set if it is new.
func (s *itemSets) add(c int, it int32, q int32) {
	r := s.ref(c)
	if r.cap != 0 {
		if i := index(s.chunks[r.chunk][r.off:r.off+2*r.cap], r.len(), it); i >= 0 {
			n := &s.chunks[r.chunk][r.off+uint32(i)+4]
			*n = addNet(*n, q)
			return
		}
	}
	if r.len() == r.cap {
		s.move(r)
	}
	i := slot(r.region, r.len())
	s.chunks[r.chunk][i], s.chunks[r.chunk][i+4] = it, q
	r.n++ // a set never holds 2^32 items
}

// addNet adds two net quantities held as int32 (a quantity's Decimal,
// see netOf), stopping at the bounds of int32 rather than wrapping: a
// customer's net quantity of one product is never near 214,748 units.
func addNet(a, b int32) int32 {
	return int32(min(max(int64(a)+int64(b), math.MinInt32), math.MaxInt32))
}

// netOf is a line's quantity as the sets hold it, within int32's bounds.
func netOf(q parse.Decimal) int32 {
	return int32(min(max(int64(q), math.MinInt32), math.MaxInt32))
}

// index returns where x is among the first n items of a region's
// contents g (groups of four items and four quantities), or -1. It takes
// a group at a time: the sets of a shop's best customers run to hundreds
// of items, and one is scanned for every line they bought.
func index(g []int32, n uint32, x int32) int {
	full := int(n &^ 3 * 2)
	i := 0
	for ; i < full; i += 8 {
		switch x {
		case g[i]:
			return i
		case g[i+1]:
			return i + 1
		case g[i+2]:
			return i + 2
		case g[i+3]:
			return i + 3
		}
	}
	for k := range int(n & 3) {
		if g[i+k] == x {
			return i + k
		}
	}
	return -1
}

// move gives a full set a region twice as large; the layout of groups
// does not depend on the capacity, so the contents move as they are.
func (s *itemSets) move(r *setRef) {
	want := max(2*r.cap, 4)
	nr := s.alloc(want)
	if r.cap != 0 {
		copy(s.chunks[nr.chunk][nr.off:], s.chunks[r.chunk][r.off:r.off+2*r.cap])
		k := log2(r.cap)
		s.free[k] = append(s.free[k], r.region)
	}
	r.region = nr
}

// alloc returns a region of capacity size, a power of two: a freed one,
// else the end of the last chunk, else a new chunk.
func (s *itemSets) alloc(size uint32) region {
	k := log2(size)
	if f := s.free[k]; len(f) > 0 {
		s.free[k] = f[:len(f)-1]
		return f[len(f)-1]
	}
	n := len(s.chunks)
	if n == 0 || uint32(cap(s.chunks[n-1])-len(s.chunks[n-1])) < 2*size {
		s.chunks = append(s.chunks, hugepage.Make[int32](max(chunkItems, 2*int(size)))[:0])
		n++
	}
	last := &s.chunks[n-1]
	off := len(*last)
	*last = (*last)[:off+2*int(size)]
	return region{chunk: uint32(n - 1), off: uint32(off), cap: size}
}

func log2(v uint32) int {
	k := 0
	for v > 1 {
		v >>= 1
		k++
	}
	return k
}

// customers returns the number of customers who bought an item or
// Options.Product.
func (s *itemSets) customers() int {
	k := 0
	for c := range s.n {
		if s.product(c) || s.boughtAny(c) {
			k++
		}
	}
	return k
}

// boughtAny reports whether customer c bought any item.
func (s *itemSets) boughtAny(c int) bool {
	r := s.ref(c)
	for k := range r.len() {
		if s.chunks[r.chunk][slot(r.region, k)+4] > 0 {
			return true
		}
	}
	return false
}

// pairs returns the number of items held, for memory reports.
func (s *itemSets) pairs() int {
	n := 0
	for c := range s.n {
		n += int(s.ref(c).len())
	}
	return n
}
