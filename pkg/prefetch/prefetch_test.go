package prefetch

import "testing"

// TestOf asks for memory of every kind a caller may name, the end of a
// slice and a value freed since included: nothing may fault or change.
func TestOf(t *testing.T) {
	s := make([]uint64, 1<<16)
	for i := range s {
		s[i] = uint64(i)
	}
	for i := 0; i < len(s); i += 7 {
		Of(&s[i])
	}
	Of(&s[len(s)-1])
	var x struct{ a, b int32 }
	Of(&x.b)
	for i, v := range s {
		if v != uint64(i) {
			t.Fatalf("s[%d] = %d after prefetching", i, v)
		}
	}
}
