package lineset

import (
	"sync"
	"testing"
)

func TestSet(t *testing.T) {
	var s Set
	if s.Len() != 0 || s.First() != 0 {
		t.Fatalf("empty set: %d lines, first %d", s.Len(), s.First())
	}
	// Far apart (chunks added out of order), twice, and line 0, which no
	// file has.
	for _, line := range []int{200_000, 5, 70_000, 5, 64, 63, 0, -3, 200_000} {
		s.Add(line)
	}
	if s.Len() != 5 || s.First() != 5 {
		t.Errorf("%d lines, first %d; want 5, 5", s.Len(), s.First())
	}
}

// TestSetConcurrent adds lines from several goroutines at once, each line
// twice, as two passes over a file do.
func TestSetConcurrent(t *testing.T) {
	var s Set
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for line := 1 + w%2; line < 300_000; line += 2 {
				s.Add(line)
			}
		}()
	}
	wg.Wait()
	if s.Len() != 299_999 || s.First() != 1 {
		t.Errorf("%d lines, first %d; want 299999, 1", s.Len(), s.First())
	}
}
