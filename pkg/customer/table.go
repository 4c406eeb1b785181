package customer

import (
	"hash/maphash"

	"github.com/custkit/custkit/pkg/prefetch"
)

// table maps customer ids to customer numbers by open addressing with
// linear probing. It holds no pointers: a slot keeps part of the id's hash,
// the customer number and where the id is stored, and the id itself is
// compared in the Index's chunks.
type table struct {
	seed  maphash.Seed
	slots []slot // a power of two, at most three quarters full
	mask  uint64
	n     int
}

type slot struct {
	key uint64 // the hash's tag in the high 32 bits, customer number + 1 in the low; 0 when empty
	ref uint64 // where the customer's entry is (see entryRef)
}

func (s *slot) tag() uint64   { return s.key >> 32 }
func (s *slot) customer() int { return int(uint32(s.key)) - 1 }

// hash is an id's hash. Its high 32 bits are the tag kept in the slot, and
// also choose the first slot to probe, so that growing the table needs no
// id to be hashed again.
type hash uint64

func (h hash) tag() uint64              { return uint64(h) >> 32 }
func (h hash) start(mask uint64) uint64 { return h.tag() & mask }

const firstSlots = 1 << 10

func newTable(seed maphash.Seed) table {
	return table{seed: seed, slots: make([]slot, firstSlots), mask: firstSlots - 1}
}

func (t *table) hash(id []byte) hash { return hash(maphash.Bytes(t.seed, id)) }

// reserve grows the table, if need be, so that n more ids fit.
func (t *table) reserve(n int) {
	for 4*(t.n+n) > 3*len(t.slots) {
		t.grow()
	}
}

// prefetch asks for the first slot each of the entries will probe, so
// that the processor fetches them together before they are needed one by
// one (see batchSize; package prefetch).
func (t *table) prefetch(ents []loadedEntry) {
	for _, e := range ents {
		prefetch.Of(&t.slots[e.hash.start(t.mask)])
	}
}

// grow doubles the table.
func (t *table) grow() {
	old := t.slots
	t.slots = make([]slot, 2*len(old))
	t.mask = uint64(len(t.slots) - 1)
	for _, s := range old {
		if s.key == 0 {
			continue
		}
		i := s.tag() & t.mask
		for t.slots[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = s
	}
}

// candidate returns the entry of the first slot on h's probe sequence
// whose tag matches h, without comparing ids; false if there is none.
func (t *table) candidate(h hash) (uint64, bool) {
	for i := h.start(t.mask); ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == 0 {
			return 0, false
		}
		if s.tag() == h.tag() {
			return s.ref, true
		}
	}
}
