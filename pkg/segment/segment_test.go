package segment

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// TestRankBoundaries checks the quintile rule on the cases that decide it:
// no ties, ties at the bottom, a tie across a boundary, one customer.
func TestRankBoundaries(t *testing.T) {
	tests := []struct {
		visits []int
		want   []int
	}{
		{[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []int{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
		// six customers tie at the bottom: all score 1, the next starts at place 7 of 10
		{[]int{1, 1, 1, 1, 1, 1, 2, 3, 4, 5}, []int{1, 1, 1, 1, 1, 1, 4, 4, 5, 5}},
		// the two 2s straddle the 1|2 boundary of 5 customers: both score 2, from place 2
		{[]int{1, 2, 2, 3, 4}, []int{1, 2, 2, 4, 5}},
		// a tie across a boundary is scored down: 3 of 5 at the top all score 3
		{[]int{1, 2, 9, 9, 9}, []int{1, 2, 3, 3, 3}},
		{[]int{7}, []int{1}},
		// a customer without visits has no score and does not count in n
		{[]int{0, 3, 1}, []int{0, 3, 1}},
	}
	for _, tt := range tests {
		entries := make([]ledger.Entry, len(tt.visits))
		for i, v := range tt.visits {
			entries[i].Visits = v
		}
		scores := make([]Score, len(entries))
		rank(entries, nil, func(e *ledger.Entry) int64 { return int64(e.Visits) }, func(s *Score, v int) { s.F = v }, scores)
		var got []int
		for _, s := range scores {
			got = append(got, s.F)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("visits %v: scores %v, want %v", tt.visits, got, tt.want)
		}
	}
}

// The customers below, as of 2026-03-31 with the default rules (new within
// 90 days: first visit on or after 2026-01-01; lapsed: no visit on or after
// 2025-04-01):
//
//	A  first visit 2026-01-01, exactly on the new boundary      -> new
//	B  one visit 2025-12-31, a day before it                    -> one-time
//	C  last visit 2025-03-31, a day before the lapse boundary   -> lapsed
//	D  7 visits, last 2025-05-01 (F 5, R 1)                     -> at-risk
//	E  6 visits, last 2026-03-30, spend 6000 (F 4, M 5)         -> loyal
//	F  2 visits, last 2026-03-01, spend 20 (F 3, M 1)           -> repeat
//	G  in the customers file, no sale                           -> never
const sales = `receipt_id,customer_id,sold_at,amount
a1,A,2026-01-01,100
b1,B,2025-12-31,100
c1,C,2024-06-01,50
c2,C,2025-03-31,50
d1,D,2025-04-01,10
d2,D,2025-04-02,10
d3,D,2025-04-03,10
d4,D,2025-04-04,10
d5,D,2025-04-05,10
d6,D,2025-04-06,10
d7,D,2025-05-01,10
e1,E,2025-10-01,1000
e2,E,2025-11-01,1000
e3,E,2025-12-01,1000
e4,E,2026-01-15,1000
e5,E,2026-02-01,1000
e6,E,2026-03-30,1000
f1,F,2025-12-01,10
f2,F,2026-03-01,10
`

func TestScores(t *testing.T) {
	l := build(t, sales, "customer_id\nA\nB\nC\nD\nE\nF\nG\n")
	asOf, _ := parse.Date("2026-03-31")
	scores, err := Run(context.Background(), l, Options{AsOf: asOf, Thresholds: DefaultThresholds()})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, s := range scores {
		got = append(got, fmt.Sprintf("%s %d%d%d %s", l.ID(i), s.R, s.F, s.M, s.Segment))
	}
	// n = 6 buyers; score = 1 + 5k/6, k = buyers strictly worse.
	// R by last visit: C k0 1, D k1 1, B k2 2, A k3 3, F k4 4, E k5 5.
	// F by visits: A=B=1 k0 1, C=F=2 k2 2, E=6 k4 4, D=7 k5 5.
	// M by spend: F=20 k0 1, D=70 k1 1, A=B=C=100 k2 2, E=6000 k5 5.
	want := []string{"A 312 new", "B 212 one-time", "C 122 lapsed", "D 151 at-risk", "E 545 loyal", "F 421 repeat", "G 000 never"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	sum := Summarize(l, scores)
	if sum[0].Segment != Loyal || sum[0].Customers != 1 || sum[0].Spend != 6000*parse.DecimalScale {
		t.Errorf("loyal summary %+v", sum[0])
	}
	if len(sum) != len(Names) || sum[6].Segment != Never || sum[6].Customers != 1 || sum[6].SpendShare != 0 {
		t.Errorf("never summary %+v", sum[6])
	}
}

func build(t *testing.T, data, customers string) *ledger.Ledger {
	t.Helper()
	cr, err := rows.NewReader(strings.NewReader(customers), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := schema.Customers.Bind(cr.Header(), nil)
	idx, err := customer.Load(cr, cb, customer.LoadOptions{Payload: customer.PlainPayload([]int{0})})
	if err != nil {
		t.Fatal(err)
	}
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := schema.Sales.Bind(r.Header(), nil)
	l, err := ledger.Run(context.Background(), record.File{Reader: r, Binding: b}, ledger.Options{Customers: idx})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestThresholds(t *testing.T) {
	r := DefaultThresholds()
	if err := r.Check(); err != nil {
		t.Fatal(err)
	}
	r.AtRiskMaxR = 6
	if err := r.Check(); err == nil || err.Error() != "segment.at_risk_max_recency: 6 is not a score from 1 to 5" {
		t.Errorf("got %v", err)
	}
}
