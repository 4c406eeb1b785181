package sales

import (
	"hash/maphash"
	"unsafe"
)

// The merged groups, by number (in the order the merge first meets
// them): what a group costs is what a report of many small groups (a
// year of days by a few thousand products) holds in memory, so a group
// is a few entries in flat pages, with no allocation of its own and
// nothing copied as the groups grow.

// groups are the merge's groups: each one's key, its figures and its
// customers, in pages indexed by its number, and a table that finds a
// key's number.
type groups struct {
	seed  maphash.Seed
	n     int
	keys  paged[string] // the dimensions' values, 0 between them, in text
	text  []byte        // the page of key text being filled
	slots []uint32      // open addressing by the key's hash: a group's number plus one (0: empty), at most half full
	// figs and custs are by period less one (current, compared); the
	// compared period's are kept only with a comparison.
	figs  [2]paged[Figures]
	custs [2]paged[custSet]
	big   []numSet // the customers of the sets past custSet's few
}

// textPage is the size of a page of key text.
const textPage = 64 << 10

// number returns the number of the group of key, made (with zero figures
// and no customers, in both periods when comparing is set) on first use.
func (gs *groups) number(key string, comparing bool) int {
	if 2*(gs.n+1) > len(gs.slots) {
		gs.grow()
	}
	mask := uint64(len(gs.slots) - 1)
	for i := maphash.String(gs.seed, key) & mask; ; i = (i + 1) & mask {
		s := gs.slots[i]
		if s == 0 {
			n := gs.n
			gs.n++
			gs.slots[i] = uint32(n + 1)
			*gs.keys.add(n) = gs.keep(key)
			gs.figs[0].add(n)
			gs.custs[0].add(n)
			if comparing {
				gs.figs[1].add(n)
				gs.custs[1].add(n)
			}
			return n
		}
		if *gs.keys.at(int(s - 1)) == key {
			return int(s - 1)
		}
	}
}

// keep copies key into the page of key text, starting a new page when it
// does not fit. A page is never reallocated, so the string it returns
// stays as it is.
func (gs *groups) keep(key string) string {
	if len(key) == 0 {
		return ""
	}
	if len(gs.text)+len(key) > cap(gs.text) {
		gs.text = make([]byte, 0, max(textPage, len(key)))
	}
	start := len(gs.text)
	gs.text = append(gs.text, key...)
	return unsafe.String(&gs.text[start], len(key))
}

// grow doubles the table (or makes the first one, of 64 slots), placing
// each group again by its key's hash.
func (gs *groups) grow() {
	size := max(64, 2*len(gs.slots))
	gs.slots = make([]uint32, size)
	mask := uint64(size - 1)
	for n := range gs.n {
		i := maphash.String(gs.seed, *gs.keys.at(n)) & mask
		for gs.slots[i] != 0 {
			i = (i + 1) & mask
		}
		gs.slots[i] = uint32(n + 1)
	}
}

// fig returns group g's figures in period per (current or compared).
func (gs *groups) fig(g int, per period) *Figures { return gs.figs[per-current].at(g) }

// addCustomer adds customer number c to group g's customers in period
// per (current or compared).
func (gs *groups) addCustomer(g int, per period, c uint32) {
	s := gs.custs[per-current].at(g)
	if s.n <= inPlace {
		k := c + 1
		for _, x := range s.x[:s.n] {
			if x == k {
				return
			}
		}
		if s.n < inPlace {
			s.x[s.n] = k
			s.n++
			return
		}
		// One more than it holds in place: the set moves to a numSet.
		var t numSet
		for _, x := range s.x {
			t.add(x - 1)
		}
		gs.big = append(gs.big, t)
		s.x = [inPlace]uint32{uint32(len(gs.big) - 1)}
	}
	if gs.big[s.x[0]].add(c) {
		s.n++
	}
}

// countCustomers sets each group's Customers figures from its sets, and
// lets the sets go.
func (gs *groups) countCustomers() {
	for per := range gs.custs {
		if len(gs.custs[per].pages) == 0 {
			continue
		}
		for g := range gs.n {
			gs.figs[per].at(g).Customers = int(gs.custs[per].at(g).n)
		}
		gs.custs[per] = paged[custSet]{}
	}
	gs.big = nil
}

// inPlace is the most customers a custSet holds in place.
const inPlace = 3

// custSet is a group's distinct member customers in one period: while
// there are at most inPlace of them, their numbers plus one in x; past
// that, x[0] is the index of their numSet in groups.big. n counts them
// either way. Most groups of a report by day and product have one or two
// customers, and cost 16 bytes here.
type custSet struct {
	n uint32
	x [inPlace]uint32
}

// pageBits is the log2 of the entries of a page of a paged slice.
const pageBits = 10

// paged is a slice in pages of 2^pageBits entries: it grows by a page,
// copying nothing, and an entry's address stays as it is.
type paged[T any] struct{ pages [][]T }

// at returns entry i, which add has made.
func (p *paged[T]) at(i int) *T { return &p.pages[i>>pageBits][i&(1<<pageBits-1)] }

// add makes entry i, the one after the last, zero, and returns it.
func (p *paged[T]) add(i int) *T {
	if i>>pageBits == len(p.pages) {
		p.pages = append(p.pages, make([]T, 1<<pageBits))
	}
	return p.at(i)
}
