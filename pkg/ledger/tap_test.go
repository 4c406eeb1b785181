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
	known   *customer.Index
	looked  int // ids looked up that the index has
	wrong   []string
}

func (t *lineTap) Start(known *customer.Index) error { t.started, t.known = true, known; return nil }

func (t *lineTap) Block(b *rows.Block, lookup func([]byte) int) (func(*rows.Record) error, func() error, error) {
	var lines []int
	line := func(rec *rows.Record) error {
		if rec.Line == t.fail {
			return errors.New("refused")
		}
		lines = append(lines, rec.Line)
		t.mu.Lock()
		defer t.mu.Unlock()
		t.seen++
		if t.known != nil {
			// the customer_id column of sales: the ledger's answer is the index's
			id := rec.Fields[1]
			if got, want := lookup(id), t.known.Lookup(id); got != want {
				t.wrong = append(t.wrong, string(id))
			} else if got >= 0 {
				t.looked++
			}
		}
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
	// with a customers file, the tap looks customers up through the
	// ledger: C1 and C2 are in it (on 4 and 2 lines), C3 is not
	cr, err := rows.NewReader(strings.NewReader("customer_id,name\nC1,A\nC2,B\n"), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := schema.Customers.Bind(cr.Header(), nil)
	idx, err := customer.LoadEvery(context.Background(), cr, cb, false)
	if err != nil {
		t.Fatal(err)
	}
	known := &lineTap{}
	r, err := rows.NewReader(strings.NewReader(sales), rows.Options{Name: "s.csv", BlockSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := schema.Sales.Bind(r.Header(), nil)
	if _, err := Run(context.Background(), record.File{Reader: r, Binding: b}, Options{Workers: 4, Tap: known, Customers: idx}); err != nil {
		t.Fatal(err)
	}
	if known.known != idx || known.looked != 6 || len(known.wrong) != 0 {
		t.Errorf("look-ups through the ledger: %d found, wrong for %v", known.looked, known.wrong)
	}
	// a tap's error stops the pass
	if _, err := run(&lineTap{fail: 5}); err == nil || err.Error() != "refused" {
		t.Errorf("tap error: %v", err)
	}
}
