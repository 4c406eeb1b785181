//go:build amd64 || arm64

package prefetch

import "unsafe"

// line prefetches the cache line at p for reading, into every cache level.
//
//go:noescape
func line(p unsafe.Pointer)
