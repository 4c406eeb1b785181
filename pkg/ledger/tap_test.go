package ledger

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// lineTap records the lines of each block on the workers and the order in
// which the blocks are merged.
type lineTap struct {
	started bool
	mu      sync.Mutex
	seen    int     // lines seen on the workers
	merged  [][]int // each merged block's line numbers
	fail    int     // a line whose record the tap refuses, 0: none
}

func (t *lineTap) Start(*customer.Index) error { t.started = true; return nil }

func (t *lineTap) Block(b *rows.Block) (func(*rows.Record) error, func() error, error) {
	var lines []int
	line := func(rec *rows.Record) error {
		if rec.Line == t.fail {
			return errors.New("refused")
		}
		lines = append(lines, rec.Line)
		t.mu.Lock()
		t.seen++
		t.mu.Unlock()
		return nil
	}
	merge := func() error { t.merged = append(t.merged, lines); return nil }
	return line, merge, nil
}

func TestTap(t *testing.T) {
	run := func(tap *lineTap) (*Ledger, error) {
		r, err := rows.NewReader(strings.NewReader(sales), rows.Options{Name: "s.csv", BlockSize: 64})
		if err != nil {
			t.Fatal(err)
		}
		b, err := schema.Sales.Bind(r.Header(), nil)
		if err != nil {
			t.Fatal(err)
		}
		return Run(context.Background(), record.File{Reader: r, Binding: b}, Options{Workers: 4, Tap: tap})
	}
	tap := &lineTap{}
	l, err := run(tap)
	if err != nil {
		t.Fatal(err)
	}
	// every line, walk-ins and lines without a receipt included, once,
	// and the blocks merged in file order
	var all []int
	for _, b := range tap.merged {
		all = append(all, b...)
	}
	if !tap.started || tap.seen != 8 || len(tap.merged) < 2 || len(all) != 8 {
		t.Fatalf("started %v, seen %d, merged %v", tap.started, tap.seen, tap.merged)
	}
	for i, n := range all {
		if n != i+2 {
			t.Errorf("merged lines %v, want 2..9 in order", all)
			break
		}
	}
	// the ledger is the one made without a tap
	want := build(t, sales, Options{})
	if l.Len() != want.Len() || l.Stats != want.Stats {
		t.Errorf("with a tap: %d entries, %+v; without: %d, %+v", l.Len(), l.Stats, want.Len(), want.Stats)
	}
	for i := range l.Len() {
		if l.Entry(i) != want.Entry(i) || l.ID(i) != want.ID(i) {
			t.Errorf("entry %d: %+v, want %+v", i, l.Entry(i), want.Entry(i))
		}
	}
	// a tap's error stops the pass
	if _, err := run(&lineTap{fail: 5}); err == nil || err.Error() != "refused" {
		t.Errorf("tap error: %v", err)
	}
}
