package segment

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// registeredLedger reads customers with every column kept, as the command
// does, and a month of sales.
func registeredLedger(t *testing.T, customers string) (*ledger.Ledger, *customer.Index) {
	t.Helper()
	cr, err := rows.NewReader(strings.NewReader(customers), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := schema.Customers.Bind(cr.Header(), nil)
	idx, err := customer.LoadEvery(context.Background(), cr, cb, false)
	if err != nil {
		t.Fatal(err)
	}
	sales := "receipt_id,customer_id,sold_at,amount\nr1,A,2026-10-01,100\nr2,B,2026-10-20,100\nr3,C,2026-10-05,100\n"
	r, err := rows.NewReader(strings.NewReader(sales), rows.Options{Name: "s.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := schema.Sales.Bind(r.Header(), nil)
	l, err := ledger.Run(context.Background(), record.File{Reader: r, Binding: b}, ledger.Options{Customers: idx})
	if err != nil {
		t.Fatal(err)
	}
	return l, idx
}

// TestRegisteredDecidesNew: A registered in 2018 is not new though their
// first purchase is recent; B registered last week is; C's registration
// day is empty, so the first purchase decides.
func TestRegisteredDecidesNew(t *testing.T) {
	l, idx := registeredLedger(t, "customer_id,登録日\nA,2018-04-01\nB,2026/10/15\nC,\n")
	reg, err := Registered(idx)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{AsOf: day("2026-10-31"), Thresholds: DefaultThresholds(), Registered: reg}
	scores, err := Run(context.Background(), l, opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []Name
	for _, s := range scores {
		got = append(got, s.Segment)
	}
	if want := []Name{OneTime, New, New}; strings.Join(names(got), " ") != strings.Join(names(want), " ") {
		t.Errorf("segments %v, want %v", got, want)
	}
	w := Warnings(l, opts)
	if len(w) != 1 || w[0] != "the sales cover 2026-10-01..2026-10-20 (20 days), shorter than lapse_after 1y: lapsed and at-risk cannot be told apart" {
		t.Errorf("warnings %q", w)
	}
	opts.Registered = nil
	if w := Warnings(l, opts); len(w) != 2 || !strings.Contains(w[1], "shorter than new_within 90d") {
		t.Errorf("warnings without registration days %q", w)
	}
}

func TestRegisteredBadDate(t *testing.T) {
	_, idx := registeredLedger(t, "customer_id,登録日\nA,2018-04-01\nB,someday\n")
	_, err := Registered(idx)
	if err == nil || !strings.HasPrefix(err.Error(), `c.csv:3: column "登録日": "someday" is not a date`) {
		t.Errorf("error %v", err)
	}
	_, idx = registeredLedger(t, "customer_id,name\nA,x\n")
	if reg, err := Registered(idx); reg != nil || err != nil {
		t.Errorf("without the column: %v, %v", reg, err)
	}
}

func names(ns []Name) []string {
	var s []string
	for _, n := range ns {
		s = append(s, string(n))
	}
	return s
}

func day(s string) time.Time { t, _ := parse.Date(s); return t }
