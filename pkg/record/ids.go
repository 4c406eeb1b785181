package record

import (
	"encoding/binary"
	"hash/maphash"

	"github.com/custkit/custkit/pkg/hugepage"
	"github.com/custkit/custkit/pkg/prefetch"
)

// IDs numbers the distinct ids of a stream (customer ids, product ids)
// densely, 0, 1, 2, ..., in the order they are first seen, so that an
// operation can keep its per-id state in slices instead of maps. Its memory
// follows the number of distinct ids: each is stored once in an arena, with
// 4 bytes of offset and 21 to 43 bytes of table.
//
// A pass over a large file hashes ids on its worker goroutines ([IDs.Hash]
// is safe for concurrent use, though it reads an id of under 8 bytes as a
// word when its slice has the room: no other goroutine may write those
// bytes meanwhile) and numbers them in order on one goroutine
// with [IDs.NumberHash], which then only probes the table. With a million
// ids the table is far larger than the CPU caches, and a probe's cost is
// its cache misses; so the table is open addressing with linear probing,
// and each 16-byte slot holds half the hash, the number and, up to 8
// bytes, the id itself: most probes touch one cache line. Other methods
// are not safe for concurrent use.
type IDs struct {
	seed  maphash.Seed
	key   [2]uint64 // Hash's keys for short ids, from seed
	slots []slot
	offs  []uint32 // id n is arena[offs[n]:offs[n+1]]
	arena []byte
}

// slot is one entry of the table; num == 0 marks an empty one.
type slot struct {
	tag uint32 // the hash's low half, which also places the slot
	num uint32 // number+1 in the low 27 bits, the id's length (up to 31) above
	key uint64 // the id's first 8 bytes, zero-padded
}

const (
	numBits   = 27
	numMask   = 1<<numBits - 1
	maxInline = 8
	maxLen    = 31 // lengths above are stored as 31 and compared in full
)

// NewIDs returns an empty IDs sized for about n ids.
func NewIDs(n int) *IDs {
	size := 16
	for 3*size < 4*n {
		size *= 2
	}
	x := &IDs{slots: hugepage.Make[slot](size), offs: append(make([]uint32, 0, n+1), 0)}
	x.reseed(maphash.MakeSeed())
	return x
}

// reseed sets the seed and the keys Hash derives from it.
func (x *IDs) reseed(seed maphash.Seed) {
	x.seed = seed
	x.key = [2]uint64{maphash.Bytes(seed, []byte{0}), maphash.Bytes(seed, []byte{1})}
}

// Sibling returns an empty IDs for about n ids that hashes as x does, so
// that an id hashed once with [IDs.Hash] can be numbered in either: a pass
// that splits ids into shards by their hash gives each shard a sibling.
func (x *IDs) Sibling(n int) *IDs {
	s := NewIDs(n)
	s.reseed(x.seed)
	return s
}

// Reset forgets every id, keeping the memory for the next ones, so that a
// pass can reuse one IDs per block (from a sync.Pool, say).
func (x *IDs) Reset() {
	clear(x.slots)
	x.offs, x.arena = x.offs[:1], x.arena[:0]
}

// Hash returns the hash of id that NumberHash takes. An id of up to 8
// bytes, as most customer and product ids are, is one word (inline) mixed
// with the seed's keys by splitmix64's finalizer, two multiplications:
// maphash.Bytes, a call away, took 4% of recommend's time at size L, and
// this a third of that. A single multiplication spread ids that differ
// in their last digits unevenly under some seeds (TestHashSpread).
func (x *IDs) Hash(id []byte) uint64 {
	if len(id) > maxInline {
		return maphash.Bytes(x.seed, id)
	}
	z := inline(id) ^ x.key[0] + uint64(len(id))*x.key[1]
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// Number returns the number of id, giving it the next free one if it is
// new. id is copied; the caller may reuse its bytes.
func (x *IDs) Number(id []byte) int { return x.NumberHash(id, x.Hash(id)) }

// NumberHash is Number for an id whose Hash the caller computed. It
// panics past 2^27 (134 million) distinct ids or 4 GiB of them.
func (x *IDs) NumberHash(id []byte, h uint64) int {
	i := x.probe(id, h)
	if s := x.slots[i]; s.num != 0 {
		return int(s.num&numMask) - 1
	}
	return x.add(id, i, h)
}

// Prefetch asks for the slot where the probe of the id of hash h starts,
// without waiting for it (package prefetch): a caller that numbers ids in
// batches asks for the next batch's slots before it works on this one.
func (x *IDs) Prefetch(h uint64) { prefetch.Of(&x.slots[h&uint64(len(x.slots)-1)]) }

// Find returns the number of id, or -1 if it has not been seen.
func (x *IDs) Find(id []byte) int {
	return int(x.slots[x.probe(id, x.Hash(id))].num&numMask) - 1
}

// probe returns the slot of id, or the empty slot where it would go.
func (x *IDs) probe(id []byte, h uint64) uint64 {
	mask, tag := uint64(len(x.slots)-1), uint32(h)
	key, length := inline(id), uint32(min(len(id), maxLen))<<numBits
	for i := h & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.num == 0 {
			return i
		}
		if s.tag == tag && s.key == key && s.num&^numMask == length &&
			(len(id) <= maxInline || string(x.IDBytes(int(s.num&numMask)-1)) == string(id)) {
			return i
		}
	}
}

// inline packs an id's first 8 bytes into a word, zero-padded. A shorter
// id with 8 bytes of room (a cell of a block's data, as most are) is read
// as one word and masked; copying it into an array called memmove, which
// took a third of the probes' time for 6-byte product ids.
func inline(id []byte) uint64 {
	switch {
	case len(id) >= maxInline:
		return binary.LittleEndian.Uint64(id)
	case cap(id) >= maxInline:
		return binary.LittleEndian.Uint64(id[:maxInline]) & (1<<(8*len(id)) - 1)
	}
	var w uint64
	for i := len(id) - 1; i >= 0; i-- {
		w = w<<8 | uint64(id[i])
	}
	return w
}

// add stores a new id in empty slot i.
func (x *IDs) add(id []byte, i, h uint64) int {
	n := len(x.offs) - 1
	if n >= numMask || uint64(len(x.arena)+len(id)) > 1<<32-1 {
		panic("record.IDs: too many ids")
	}
	x.arena = append(x.arena, id...)
	x.offs = append(x.offs, uint32(len(x.arena)))
	x.slots[i] = slot{tag: uint32(h), num: uint32(n+1) | uint32(min(len(id), maxLen))<<numBits, key: inline(id)}
	if 4*(n+1) > 3*len(x.slots) { // see grow
		x.grow()
	}
	return n
}

// grow doubles the table, keeping the load at most three quarters. With
// 16-byte slots four to a cache line, a probe past a full slot mostly
// stays in the line; a table at most half full took 16% more memory in
// recommend and 10% more in ledger at size L, and 3-4% more time, its
// larger tables missing the caches more often.
func (x *IDs) grow() {
	old := x.slots
	x.slots = hugepage.Make[slot](2 * len(old))
	mask := uint64(len(x.slots) - 1)
	for _, s := range old {
		if s.num == 0 {
			continue
		}
		i := uint64(s.tag) & mask // tables stay under 2^32 slots
		for x.slots[i].num != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}

// IDBytes returns the id numbered n, without a copy; the bytes must not
// be modified.
func (x *IDs) IDBytes(n int) []byte { return x.arena[x.offs[n]:x.offs[n+1]:x.offs[n+1]] }

// ID returns the id numbered n.
func (x *IDs) ID(n int) string { return string(x.IDBytes(n)) }

// Len returns how many distinct ids have been numbered.
func (x *IDs) Len() int { return len(x.offs) - 1 }
