package recommend

import (
	"math"
	"unsafe"

	"github.com/custkit/custkit/pkg/hugepage"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/prefetch"
)

// itemSets holds, per customer, the distinct items of their lines and the
// net quantity of each: a customer bought an item when its net quantity
// is above zero (returns count negative). An item and its quantity share
// one uint32 (see entry): the item's number above, and below it a code
// that is the net quantity itself when it is a whole number of units from
// 1 to 255, as on almost every line of a file without returns, and else
// (a return, a fraction, a large quantity) says that the exact net
// quantity is in nets. So a file without returns costs what a set of
// items would, and one with returns a map entry per item a return or an
// odd quantity touched. The items of a customer lie together in one
// region of a pool of large chunks; a full region moves to one twice its
// size, and the old one is reused by the next set that needs that size.
// A large region starts with a filter of its items (see filterFrom).
// Nothing in it is a pointer, and nothing is allocated per customer, so a
// million customers cost neither the allocator nor the garbage collector;
// memory follows the number of distinct (customer, item) pairs.
type itemSets struct {
	chunks    [][]uint32        // entries: items and their net quantities
	nets      map[uint64]int32  // by netKey: the net quantity of an entry whose code is inSide
	refs      [][]setRef        // per customer, in chunks of refChunk: growing copies only the first, once (hugeFrom)
	firsts    [][]uint64        // per customer, where first seen, likewise; only with track
	anchor    [][]parse.Decimal // per customer, the net quantity of Options.Product; only with anchored
	track     bool              // keep firsts (ForCustomer needs them, AlsoBought not)
	anchored  bool              // keep anchor (AlsoBought)
	n         int               // customers
	hugeFirst bool              // the first chunk of refs is on a huge page (hugeFrom)
	free      [32][]region      // free regions by log2 of their capacity
}

// An entry is item<<codeBits | code: code 1 to maxUnits is the net
// quantity in whole units, inSide says nets holds it.
const (
	codeBits = 8
	codeMask = 1<<codeBits - 1
	maxUnits = codeMask
	inSide   = 0
	// MaxItems bounds the distinct products (or categories) of a run.
	MaxItems = 1 << (32 - codeBits)
)

// units returns q as a code, when it is a whole number of units a code
// holds.
func units(q int32) (uint32, bool) {
	const unit = int32(parse.DecimalScale)
	if q <= 0 || q%unit != 0 || q/unit > maxUnits {
		return 0, false
	}
	return uint32(q / unit), true
}

func netKey(c int, it uint32) uint64 { return uint64(c)<<32 | uint64(it) }

// net returns the net quantity of customer c's entry e.
func (s *itemSets) net(c int, e uint32) int32 {
	if code := e & codeMask; code != inSide {
		return int32(code) * int32(parse.DecimalScale)
	}
	return s.nets[netKey(c, e>>codeBits)]
}

// has reports whether customer c's entry e is an item bought: its net
// quantity is above zero.
func (s *itemSets) has(c int, e uint32) bool {
	return e&codeMask != inSide || s.nets[netKey(c, e>>codeBits)] > 0
}

// refChunk is the customers of one chunk of refs: 2 MiB of them, a huge
// page (package hugepage). The refs are looked up at random, one lookup
// per run of lines; on 4 KiB pages most lookups also missed the TLB, and
// recommend took 5% longer at size L. A shard's first chunk is on small
// pages until it holds hugeFrom customers (see grow): a huge page is
// memory the system hands over whole at the first write, 2 MiB a shard
// for a run of a few customers, and a shard a core.
const refChunk = hugepage.Size / int(unsafe.Sizeof(setRef{}))

func (s *itemSets) ref(c int) *setRef { return &s.refs[c/refChunk][c%refChunk] }

// setRef locates one customer's items: len() of them, in a region of cap
// entries.
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

// hugeFrom is the customers of a shard from which its first chunk of
// refs is on a huge page.
const hugeFrom = refChunk / 8

// grow makes room for customers up to c.
func (s *itemSets) grow(c int) {
	for len(s.refs)*refChunk <= c {
		if len(s.refs) == 0 {
			s.refs = append(s.refs, make([]setRef, refChunk))
		} else {
			s.refs = append(s.refs, hugepage.Make[setRef](refChunk))
		}
		if s.track {
			s.firsts = append(s.firsts, hugepage.Make[uint64](refChunk))
		}
		if s.anchored {
			s.anchor = append(s.anchor, hugepage.Make[parse.Decimal](refChunk))
		}
	}
	if c >= hugeFrom && !s.hugeFirst { // no ref is held across a call of grow
		huge := hugepage.Make[setRef](refChunk)
		copy(huge, s.refs[0])
		s.refs[0], s.hugeFirst = huge, true
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

// prefetch asks for the start of customer c's items (and where they were
// first seen, when the sets keep it): what adding to their set reads first.
func (s *itemSets) prefetch(c int) {
	if s.track {
		prefetch.Of(&s.firsts[c/refChunk][c%refChunk])
	}
	r := s.ref(c)
	if r.cap == 0 {
		return
	}
	g := s.chunks[r.chunk]
	prefetch.Of(&g[r.off])
	if r.filtered() { // the filter may end in the next line
		prefetch.Of(&g[r.off+filterWords-1])
	}
}

// list returns customer c's entries, in the order first seen.
func (s *itemSets) list(c int) []uint32 {
	r := s.ref(c)
	if r.cap == 0 {
		return nil // no item yet; a shard may have no chunk at all
	}
	start := r.start()
	return s.chunks[r.chunk][start : start+r.len()]
}

// filterFrom is the capacity from which a region starts with a filter of
// filterWords words: a bit per item hash that is set for every item of
// the set, so that most items new to a large set are known new without
// looking through it. The sets of a shop's best customers run to
// hundreds of items, and most of a line's items are new to the set: at
// size L, where half the lines are of customers with over 64 items, the
// looks through the sets took a third less time with the filter (0.24 s
// of CPU against 0.37 s). From 32 on it changed nothing more.
const (
	filterFrom  = 64
	filterWords = 16 // 512 bits, 64 bytes
)

// filtered reports whether the region starts with a filter.
func (r *setRef) filtered() bool { return r.cap >= filterFrom }

// start returns where the region's entries start.
func (r *setRef) start() uint32 {
	if r.filtered() {
		return r.off + filterWords
	}
	return r.off
}

// room returns the number of entries the region holds.
func (r *setRef) room() uint32 {
	if r.filtered() {
		return r.cap - filterWords
	}
	return r.cap
}

// filterBit returns the word and bit of item it in a filter.
func filterBit(it int32) (word int, bit uint32) {
	h := uint32(it) * 0x9e3779b1 >> (32 - 9)
	return int(h >> 5), 1 << (h & 31)
}

// items appends to dst customer c's items, bought or not, in the order
// first seen, and returns it.
func (s *itemSets) items(c int, dst []int32) []int32 {
	for _, e := range s.list(c) {
		dst = append(dst, int32(e>>codeBits))
	}
	return dst
}

// bought appends to dst the items customer c bought (net quantity above
// zero), in the order first seen, and returns it.
func (s *itemSets) bought(c int, dst []int32) []int32 {
	for _, e := range s.list(c) {
		if s.has(c, e) {
			dst = append(dst, int32(e>>codeBits))
		}
	}
	return dst
}

// add adds q to customer c's net quantity of item it (below MaxItems),
// adding the item to the set if it is new.
func (s *itemSets) add(c int, it int32, q int32) {
	r := s.ref(c)
	key := uint32(it) << codeBits
	word, bit := filterBit(it)
	if r.cap != 0 && (!r.filtered() || s.chunks[r.chunk][r.off+uint32(word)]&bit != 0) {
		g := s.chunks[r.chunk][r.start() : r.start()+r.room()]
		if i := index(g, r.len(), key); i >= 0 {
			e := &g[i]
			if u, ok := units(q); ok && *e&codeMask != inSide && *e&codeMask+u <= maxUnits {
				*e += u
				return
			}
			s.side(c, uint32(it), addNet(s.net(c, *e), q))
			*e = key | inSide
			return
		}
	}
	if r.len() == r.room() {
		s.move(r) // twice the capacity: more room, a filter or not
	}
	e := key
	if u, ok := units(q); ok {
		e |= u
	} else {
		s.side(c, uint32(it), q)
	}
	if r.filtered() {
		s.chunks[r.chunk][r.off+uint32(word)] |= bit
	}
	s.chunks[r.chunk][r.start()+r.len()] = e
	r.n++ // a set never holds 2^32 items
}

// side puts the net quantity of customer c's item it in nets.
func (s *itemSets) side(c int, it uint32, q int32) {
	if s.nets == nil {
		s.nets = map[uint64]int32{}
	}
	s.nets[netKey(c, it)] = q
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

// index returns where the entry of item key (item<<codeBits) is among the
// first n entries of g, or -1: the sets of a shop's best customers run to
// hundreds of items, and one is scanned for every line they bought. With
// AVX2 it compares eight entries an instruction (indexAVX2), else four at
// a time (indexGo).
func index(g []uint32, n uint32, key uint32) int {
	if n >= 8 && hasAVX2 {
		return indexAVX2(&g[0], int(n), key)
	}
	return indexGo(g, n, key)
}

// indexGo is index in Go.
func indexGo(g []uint32, n uint32, key uint32) int {
	const m = ^uint32(codeMask)
	full := int(n &^ 3)
	i := 0
	for ; i < full; i += 4 {
		switch key {
		case g[i] & m:
			return i
		case g[i+1] & m:
			return i + 1
		case g[i+2] & m:
			return i + 2
		case g[i+3] & m:
			return i + 3
		}
	}
	for ; i < int(n); i++ {
		if g[i]&m == key {
			return i
		}
	}
	return -1
}

// move gives a full set a region twice as large.
func (s *itemSets) move(r *setRef) {
	want := max(2*r.cap, 4)
	nr := s.alloc(want)
	if r.cap != 0 {
		old := s.chunks[r.chunk][r.start() : r.start()+r.len()]
		next := setRef{region: nr}
		copy(s.chunks[nr.chunk][next.start():], old)
		if next.filtered() {
			filter := s.chunks[nr.chunk][nr.off : nr.off+filterWords]
			clear(filter) // a region may be reused
			for _, e := range old {
				word, bit := filterBit(int32(e >> codeBits))
				filter[word] |= bit
			}
		}
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
		s.chunks = append(s.chunks, hugepage.Make[uint32](max(chunkItems, int(size)))[:0])
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
	for _, e := range s.list(c) {
		if s.has(c, e) {
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
