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
