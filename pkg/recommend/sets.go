package recommend

import "github.com/custkit/custkit/pkg/hugepage"

// itemSets holds, per customer, the distinct items they bought. The items
// of a customer lie together in one region of a pool of large chunks; a
// full region moves to one twice its size, and the old one is reused by
// the next set that needs that size. Nothing in it is a pointer, and
// nothing is allocated per customer, so a million customers cost neither
// the allocator nor the garbage collector; memory follows the number of
// distinct (customer, item) pairs.
type itemSets struct {
	chunks [][]int32
	refs   [][]setRef   // per customer, in chunks of refChunk: growing never copies
	firsts [][]uint64   // per customer, where first seen, likewise; only with track
	track  bool         // keep firsts (ForCustomer needs them, AlsoBought not)
	n      int          // customers
	free   [32][]region // free regions by log2 of their capacity
}

const refChunk = 1 << 14

func (s *itemSets) ref(c int) *setRef { return &s.refs[c/refChunk][c%refChunk] }

// setRef locates one customer's items: len() of them, in a region of cap,
// and says whether the customer bought Options.Product, which the merge
// sets as it reads the reference anyway. It is 16 bytes, four to a cache
// line.
type setRef struct {
	region
	n uint32 // the number of items, and productBit
}

// productBit marks, in setRef.n, a customer who bought Options.Product.
const productBit = 1 << 31

// len returns the number of the customer's items.
func (r *setRef) len() uint32 { return r.n &^ productBit }

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

// markProduct records that customer c bought Options.Product.
func (s *itemSets) markProduct(c int) { s.ref(c).n |= productBit }

// product reports whether customer c bought Options.Product.
func (s *itemSets) product(c int) bool { return s.ref(c).n&productBit != 0 }

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

// items returns customer c's items, in the order first bought.
func (s *itemSets) items(c int) []int32 {
	r := s.ref(c)
	if r.cap == 0 {
		return nil
	}
	return s.chunks[r.chunk][r.off : r.off+r.len()]
}

// add adds item it to customer c's set and reports whether it was new.
func (s *itemSets) add(c int, it int32) bool {
	r := s.ref(c)
	cur := s.items(c)
	if contains(cur, it) {
		return false
	}
	if r.len() == r.cap {
		s.move(r, cur)
	}
	s.chunks[r.chunk][r.off+r.len()] = it
	r.n++ // below productBit: a set never holds 2^31 items
	return true
}

// contains reports whether x is in s. The loop takes four at a time: the
// sets of a shop's best customers run to hundreds of items, and one is
// scanned for every line they bought.
func contains(s []int32, x int32) bool {
	i := 0
	for ; i+4 <= len(s); i += 4 {
		if s[i] == x || s[i+1] == x || s[i+2] == x || s[i+3] == x {
			return true
		}
	}
	for ; i < len(s); i++ {
		if s[i] == x {
			return true
		}
	}
	return false
}

// move gives a full set a region twice as large.
func (s *itemSets) move(r *setRef, cur []int32) {
	want := max(2*r.cap, 4)
	nr := s.alloc(want)
	copy(s.chunks[nr.chunk][nr.off:], cur)
	if r.cap != 0 {
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
	if n == 0 || uint32(cap(s.chunks[n-1])-len(s.chunks[n-1])) < size {
		s.chunks = append(s.chunks, hugepage.Make[int32](max(chunkItems, int(size)))[:0])
		n++
	}
	last := &s.chunks[n-1]
	off := len(*last)
	*last = (*last)[:off+int(size)]
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

// pairs returns the number of items held, for memory reports.
func (s *itemSets) pairs() int {
	n := 0
	for c := range s.n {
		n += int(s.ref(c).len())
	}
	return n
}
