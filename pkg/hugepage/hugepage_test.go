package hugepage

import (
	"testing"
	"unsafe"
)

func TestMake(t *testing.T) {
	type entry struct{ a, b uint64 }
	for _, n := range []int{0, 1, 1000, Size / 16, 3*Size/16 + 5} {
		s := Make[entry](n)
		if len(s) != n || cap(s) != n {
			t.Fatalf("Make(%d): len %d cap %d", n, len(s), cap(s))
		}
		for i := range s {
			if s[i] != (entry{}) {
				t.Fatalf("Make(%d): element %d not zero", n, i)
			}
			s[i] = entry{uint64(i), 1}
		}
		if aligned := uintptr(unsafe.Pointer(unsafe.SliceData(s)))%Size == 0; n*16 >= Size && !aligned {
			t.Errorf("Make(%d): %d bytes not on a huge page boundary", n, n*16)
		}
	}
	// An element size that does not divide the huge page gets plain memory.
	if s := Make[[3]byte](Size); len(s) != Size {
		t.Errorf("Make[[3]byte]: len %d", len(s))
	}
}
