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

// TestPipeline checks the order Pipeline calls its steps in: each step
// sees every batch once, in order, after the step before saw it and
// before the step after does; and a round's steps come newest batch
// first.
func TestPipeline(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7} {
		var calls [][2]int // step, batch
		steps := make([]func(int), 4)
		for j := range steps {
			steps[j] = func(b int) { calls = append(calls, [2]int{j, b}) }
		}
		Pipeline(n, steps...)
		if len(calls) != 4*n {
			t.Fatalf("n=%d: %d calls, want %d", n, len(calls), 4*n)
		}
		at := map[[2]int]int{}
		next := make([]int, 4)
		for i, c := range calls {
			j, b := c[0], c[1]
			if b != next[j] {
				t.Fatalf("n=%d: step %d saw batch %d, want %d", n, j, b, next[j])
			}
			next[j]++
			at[c] = i
			if j > 0 {
				before, ok := at[[2]int{j - 1, b}]
				if !ok || before > i {
					t.Fatalf("n=%d: step %d took batch %d before step %d", n, j, b, j-1)
				}
				// One round behind: the step before took batch b+1
				// (if any) in between.
				if b+1 < n {
					if mid, ok := at[[2]int{j - 1, b + 1}]; !ok || mid > i {
						t.Fatalf("n=%d: step %d on batch %d is not a round behind step %d", n, j, b, j-1)
					}
				}
			}
		}
	}
}
