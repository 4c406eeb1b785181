package sales

import "math/bits"

// The sets of the merge: flat slices of plain numbers, with no pointer for
// the garbage collector to follow and no allocation per element.

// numSet is a set of customer numbers (record.IDs numbers): open
// addressing with linear probing, each slot the number plus one (0: an
// empty slot), kept at most half full. A group's distinct customers are
// one such set a period.
type numSet struct {
	slots []uint32
	n     uint32
	shift uint8 // 64 - log2(len(slots))
}

// add adds x (below 2^32-1; record.IDs numbers stay below 2^27) and
// reports whether it was new.
func (s *numSet) add(x uint32) bool {
	if 2*(int(s.n)+1) > len(s.slots) {
		s.grow()
	}
	k := x + 1
	mask := uint64(len(s.slots) - 1)
	for i := place(k, s.shift); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case k:
			return false
		case 0:
			s.slots[i] = k
			s.n++
			return true
		}
	}
}

// place is the first slot of k in a table of 2^(64-shift) slots:
// Fibonacci hashing, which spreads dense numbers over the table.
func place(k uint32, shift uint8) uint64 { return (uint64(k) * 0x9E3779B97F4A7C15) >> shift }

// grow doubles the table (or makes the first one, of 16 slots).
func (s *numSet) grow() {
	old := s.slots
	size := max(16, 2*len(old))
	s.slots = make([]uint32, size)
	s.shift = uint8(64 - bits.TrailingZeros(uint(size)))
	mask := uint64(size - 1)
	for _, k := range old {
		if k == 0 {
			continue
		}
		i := place(k, s.shift)
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = k
	}
}

// numBits is a set of customer numbers as a bitmap: the total's distinct
// customers, whose numbers are dense (every customer has one).
type numBits struct {
	words []uint64
	n     int
}

// add adds x.
func (b *numBits) add(x uint32) {
	w := int(x >> 6)
	if w >= len(b.words) {
		b.words = append(b.words, make([]uint64, w+1-len(b.words))...)
	}
	m := uint64(1) << (x & 63)
	if b.words[w]&m == 0 {
		b.words[w] |= m
		b.n++
	}
}

// hashSet is a set of 64-bit hashes (0 is kept as 1): open addressing with
// linear probing, placed by the hash's low bits, kept at most half full.
// The merge's receipts of a day are one.
type hashSet struct {
	slots []uint64
	n     int
}

// add adds h and reports whether it was new.
func (s *hashSet) add(h uint64) bool {
	if h == 0 {
		h = 1
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case h:
			return false
		case 0:
			s.slots[i] = h
			s.n++
			return true
		}
	}
}

// reset empties the set, keeping its table.
func (s *hashSet) reset() {
	if s.n > 0 {
		clear(s.slots)
		s.n = 0
	}
}

// grow doubles the table (or makes the first one, of 1024 slots).
func (s *hashSet) grow() {
	old := s.slots
	s.slots = make([]uint64, max(1024, 2*len(old)))
	mask := uint64(len(s.slots) - 1)
	for _, h := range old {
		if h == 0 {
			continue
		}
		i := h & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = h
	}
}
