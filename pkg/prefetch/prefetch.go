// Package prefetch asks the CPU to bring memory into its caches before it
// is read.
//
// The operations that aggregate per customer look up tables of tens of
// megabytes at random, one lookup per run of lines, and wait for memory on
// most of them. Reading ahead with ordinary loads overlaps only as many
// misses as the CPU can hold unfinished instructions for; a prefetch
// instruction finishes at once, so a pass can ask for the memory of the
// next batch of runs and work on the current one meanwhile. It is a hint:
// asking for any address, even one freed or never mapped, is harmless.
package prefetch

import "unsafe"

// Of asks for the cache line holding *p. It changes nothing that a
// program can observe but its speed.
func Of[T any](p *T) { line(unsafe.Pointer(p)) }

// Pipeline runs batches 0 to n-1 through steps in order, each step one
// batch behind the step before: in each round, step 0 takes a new batch,
// step 1 the batch step 0 took the round before, and so on, so that what
// a step asks for (with Of) has the rounds until the next step to arrive.
// Each step sees the batches in order. A batch's state that steps pass
// on lives for len(steps) rounds: a ring of len(steps) entries, indexed
// by the batch modulo its length, holds it.
func Pipeline(n int, steps ...func(batch int)) {
	for round := range n + len(steps) - 1 {
		for j, step := range steps {
			if b := round - j; b >= 0 && b < n {
				step(b)
			}
		}
	}
}
