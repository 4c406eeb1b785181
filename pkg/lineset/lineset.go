// Package lineset keeps sets of a file's line numbers that the workers of
// a pass add to at once: the lines on which something worth saying was
// met, for a note at the end of the run.
package lineset

import (
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
)

// Set is a set of a file's line numbers that the workers of a pass add
// to at once. A line added twice (by two passes over the
// file, or two sums of one pass) is one line. Adding is meant for rare
// lines: each costs an atomic operation, and the first line of a run of
// 65,536 allocates 8 KiB. The zero value is an empty set.
type Set struct {
	mu     sync.Mutex                   // held to add a chunk
	chunks atomic.Pointer[[]*lineChunk] // copied on write
}

// lineChunk holds the bits of 65,536 lines.
type lineChunk [1024]atomic.Uint64

const chunkBits = 16

// Add adds line (1 or more) to the set.
func (s *Set) Add(line int) {
	if line <= 0 {
		return
	}
	c := s.chunk(line >> chunkBits)
	i := line & (1<<chunkBits - 1)
	c[i>>6].Or(1 << (i & 63))
}

// chunk returns the chunk of index i, adding it if there is none.
func (s *Set) chunk(i int) *lineChunk {
	if p := s.chunks.Load(); p != nil && i < len(*p) && (*p)[i] != nil {
		return (*p)[i]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var cs []*lineChunk
	if p := s.chunks.Load(); p != nil {
		cs = *p
	}
	if i < len(cs) && cs[i] != nil {
		return cs[i]
	}
	cs = slices.Clone(cs)
	if i >= len(cs) {
		cs = append(cs, make([]*lineChunk, i+1-len(cs))...)
	}
	cs[i] = new(lineChunk)
	s.chunks.Store(&cs)
	return cs[i]
}

// Len returns the number of lines in the set. Call it when no one adds.
func (s *Set) Len() int {
	n := 0
	s.each(func(_ int, w uint64) bool {
		n += bits.OnesCount64(w)
		return true
	})
	return n
}

// First returns the smallest line in the set, 0 if it is empty. Call it
// when no one adds.
func (s *Set) First() int {
	first := 0
	s.each(func(base int, w uint64) bool {
		first = base + bits.TrailingZeros64(w)
		return false
	})
	return first
}

// each calls fn with each non-zero word of the set in order, and the line
// of its lowest bit, until fn returns false.
func (s *Set) each(fn func(base int, w uint64) bool) {
	p := s.chunks.Load()
	if p == nil {
		return
	}
	for ci, c := range *p {
		if c == nil {
			continue
		}
		for wi := range c {
			if w := c[wi].Load(); w != 0 && !fn(ci<<chunkBits+wi<<6, w) {
				return
			}
		}
	}
}
