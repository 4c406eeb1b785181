package prefetch

import "testing"

// TestOf asks for memory a caller may name, the end of a slice and a
// field of a value on the stack included: nothing may fault or change.
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

// TestPipeline checks the order Pipeline calls its steps in, with one to
// four steps: each step sees every batch once, in order, after the step
// before saw it, and exactly one round behind it: the step before has
// taken the next batch, and not the one after. The callers' rings of
// per-batch state, as long as the pipeline, rely on that bound; a ring
// here checks it as they use it.
func TestPipeline(t *testing.T) {
	for steps := 1; steps <= 4; steps++ {
		for _, n := range []int{0, 1, 2, 3, 7} {
			checkPipeline(t, steps, n)
		}
	}
}

func checkPipeline(t *testing.T, nsteps, n int) {
	t.Helper()
	var calls [][2]int // step, batch
	ring := make([]int, nsteps)
	steps := make([]func(int), nsteps)
	for j := range steps {
		steps[j] = func(b int) {
			calls = append(calls, [2]int{j, b})
			if j == 0 {
				ring[b%nsteps] = b
			} else if got := ring[b%nsteps]; got != b {
				t.Fatalf("%d steps, %d batches: step %d finds batch %d's state overwritten by batch %d's", nsteps, n, j, b, got)
			}
		}
	}
	Pipeline(n, steps...)
	if len(calls) != nsteps*n {
		t.Fatalf("%d steps, %d batches: %d calls, want %d", nsteps, n, len(calls), nsteps*n)
	}
	at := map[[2]int]int{}
	next := make([]int, nsteps)
	for i, c := range calls {
		j, b := c[0], c[1]
		if b != next[j] {
			t.Fatalf("%d steps, %d batches: step %d saw batch %d, want %d", nsteps, n, j, b, next[j])
		}
		next[j]++
		at[c] = i
		if j == 0 {
			continue
		}
		if before, ok := at[[2]int{j - 1, b}]; !ok || before > i {
			t.Fatalf("%d steps, %d batches: step %d took batch %d before step %d", nsteps, n, j, b, j-1)
		}
		// One round behind: the step before took batch b+1 (if any)
		// already, and batch b+2 not yet.
		if _, ok := at[[2]int{j - 1, b + 1}]; !ok && b+1 < n {
			t.Fatalf("%d steps, %d batches: step %d on batch %d is less than a round behind step %d", nsteps, n, j, b, j-1)
		}
		if _, ok := at[[2]int{j - 1, b + 2}]; ok {
			t.Fatalf("%d steps, %d batches: step %d on batch %d is more than a round behind step %d", nsteps, n, j, b, j-1)
		}
	}
}
