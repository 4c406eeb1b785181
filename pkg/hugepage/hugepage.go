// Package hugepage allocates the large tables that lookups land in at
// random on huge pages, where the system allows it.
//
// The operations that aggregate per customer (ledger, recommend) look up
// tables of tens of megabytes at random, one lookup per run of lines. With
// 4 KiB pages nearly every such lookup also misses the TLB and walks the
// page tables; a 2 MiB page covers 512 times as much. Linux backs memory
// with huge pages on its own only when transparent huge pages are set to
// "always"; most distributions set "madvise", which waits to be asked.
package hugepage

import "unsafe"

// Size is the huge page size asked for: 2 MiB, as on amd64 and arm64 Linux.
const Size = 2 << 20

// Make returns a zeroed slice of n elements. When it is at least Size
// bytes, its memory starts on a huge page boundary and the system is asked
// to back its whole huge pages with huge pages (a slice whose size is a
// multiple of Size wastes nothing); smaller slices are plain make. The
// memory is ordinary Go memory, collected when the slice is unreachable.
// The alignment costs up to Size more of it, which the garbage collector
// counts but which is never written, and so takes no physical memory
// unless the allocator hands out reused memory, which it zeroes.
func Make[T any](n int) []T {
	var zero T
	size := uintptr(n) * unsafe.Sizeof(zero)
	// The Go allocator places large objects on 8 KiB boundaries: the
	// distance to the next huge page is then a whole number of elements
	// whose size divides both, which is what the skip below needs.
	if size < Size || unsafe.Sizeof(zero) == 0 || unsafe.Sizeof(zero) > 8<<10 || Size%unsafe.Sizeof(zero) != 0 {
		return make([]T, n)
	}
	pad := int(Size / unsafe.Sizeof(zero))
	buf := make([]T, n+pad)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	skip := int(((start+Size-1)&^(Size-1) - start) / unsafe.Sizeof(zero))
	s := buf[skip : skip+n : skip+n]
	whole := size &^ (Size - 1)
	advise(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), whole))
	return s
}
