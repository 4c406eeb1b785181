package ledger

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
)

// TestShuffledLinesBounded reads the same sales in date order and shuffled:
// the ledgers are equal, and the shuffled one keeps a bounded number of
// visits in its log, following the customers' distinct visits (twice them,
// plus a shard's minimum before it compacts), not the lines.
func TestShuffledLinesBounded(t *testing.T) {
	const customers, visits, lines = 64, 50, 40
	var sorted []string
	for v := range visits {
		for c := range customers {
			for n := range lines {
				// Receipt ids restart every day and differ between the two
				// stores, so that only day, store and id together tell a
				// visit: two visits a day, on 25 days.
				sorted = append(sorted, fmt.Sprintf("R%d,C%02d,2026-01-%02d,S%d,%d,10",
					v%2, c, 1+v/2, 1+v%2, 1+n%3))
			}
		}
	}
	shuffled := append([]string(nil), sorted...)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	header := "receipt_id,customer_id,sold_at,store_id,quantity,amount\n"
	want := entries(build(t, header+strings.Join(sorted, "\n")+"\n", Options{}))
	l := build(t, header+strings.Join(shuffled, "\n")+"\n", Options{})
	if got := entries(l); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("shuffled:\n%v\nin date order:\n%v", got, want)
	}
	if e := want["C00"]; e != "50 visits 2026-01-01..2026-01-25 2000 lines qty 3950 spend 20000" {
		t.Errorf("C00: %s", e)
	}
	distinct := customers * visits
	held, bound := l.log.len(), 2*distinct+customers*compactMin
	if held > bound {
		t.Errorf("the log holds %d visits for %d distinct visits in %d lines, want at most %d", held, distinct, len(shuffled), bound)
	}
	if bound*3 > len(shuffled) {
		t.Fatalf("the bound %d does not tell visits from %d lines", bound, len(shuffled))
	}
}

func entries(l *Ledger) map[string]string {
	m := map[string]string{}
	for i := range l.Len() {
		e := l.Entry(i)
		m[l.ID(i)] = fmt.Sprintf("%d visits %s..%s %d lines qty %s spend %s",
			e.Visits, parse.FormatDate(e.First), parse.FormatDate(e.Last), e.Lines, e.Quantity, e.Spend)
	}
	return m
}

// TestCompactKeepsDistinct logs repeats of visits as doubtful until the
// shard compacts, and checks that what is left is each visit once.
func TestCompactKeepsDistinct(t *testing.T) {
	var v visitLog
	for round := range 10 {
		for h := range 100 {
			v.add(3, uint64(h)<<40|uint64(h), round > 0)
		}
	}
	s := &v.shards[3]
	if s.n > 2*100+compactMin || v.len() != s.n {
		t.Errorf("%d visits held for 100 distinct", s.n)
	}
	v.compact(s)
	if s.n != 100 || len(s.chunks) != 1 {
		t.Errorf("after compaction %d visits in %d chunks, want 100 in 1", s.n, len(s.chunks))
	}
	for i, x := range s.chunks[0] {
		if x.cust != 3 || x.hi != uint32(i)<<8 || x.lo != uint32(i) {
			t.Fatalf("visit %d is %+v", i, x)
		}
	}
}
