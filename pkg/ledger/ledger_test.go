package ledger

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/hugepage"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// The sales below, checked by hand:
//
//	C1: R1 on 11-01 at S1 (2 lines, one of them apart from the other),
//	    R1 again on 11-02 at S1 (a register that restarts its numbers each
//	    day), R1 on 11-02 at S2 (another store's register): 3 visits,
//	    4 lines, quantity 2+1+1+1 = 5, spend 1200+300+500+700 = 2700,
//	    average 900.
//	C2: R2 on 10-30 and R9 on 10-30, both at S2: 2 visits, 1000+1 = 1001,
//	    average 500.5.
//	C3: one line with an empty receipt id on 11-03: 1 visit.
//	walk-in: one line, left out.
const sales = `receipt_id,customer_id,sold_at,store_id,product_id,quantity,amount
R1,C1,2026-11-01T10:00:00,S1,P1,2,"1,200"
R2,C2,2026/10/30 09:00,S2,P2,1,1000
R1,C1,2026-11-01T10:00:00,S1,P3,,300
R9,C2,2026-10-30,S2,P1,1,1
R1,C1,2026-11-02 12:00,S1,P1,1,500
R1,C1,2026-11-02 18:30,S2,P2,1,700
R5,,2026-11-02,S1,P2,1,900
,C3,2026-11-03,S1,P9,3,30
`

func build(t testing.TB, data string, opts Options) *Ledger {
	t.Helper()
	for _, size := range []int{0, 64} { // one block, and many small ones
		r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv", BlockSize: size})
		if err != nil {
			t.Fatal(err)
		}
		b, err := schema.Sales.Bind(r.Header(), nil)
		if err != nil {
			t.Fatal(err)
		}
		l, err := Run(context.Background(), record.File{Reader: r, Binding: b}, opts)
		if err != nil {
			t.Fatal(err)
		}
		if size == 64 {
			return l
		}
	}
	return nil
}

func day(s string) time.Time { t, _ := parse.Date(s); return t }

func TestBuild(t *testing.T) {
	l := build(t, sales, Options{})
	got := map[string]string{}
	for i := 0; i < l.Len(); i++ {
		e := l.Entry(i)
		days, _ := e.DaysSince(day("2026-11-22"))
		got[l.ID(i)] = fmt.Sprintf("%d visits %s..%s %dd %d lines qty %s spend %s avg %s",
			e.Visits, parse.FormatDate(e.First), parse.FormatDate(e.Last), days, e.Lines, e.Quantity, e.Spend, e.AverageSpend())
	}
	want := map[string]string{
		"C1": "3 visits 2026-11-01..2026-11-02 20d 4 lines qty 5 spend 2700 avg 900",
		"C2": "2 visits 2026-10-30..2026-10-30 23d 2 lines qty 2 spend 1001 avg 500.5",
		"C3": "1 visits 2026-11-03..2026-11-03 19d 1 lines qty 3 spend 30 avg 30",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if l.Stats.Lines != 8 || l.Stats.WalkIn != 1 || l.Stats.Counted() != 7 {
		t.Errorf("stats %+v", l.Stats)
	}
}

// TestVisitsOutOfOrder has receipts that come back after other receipts of
// the same customer: a day's third receipt and an earlier day's receipt.
func TestVisitsOutOfOrder(t *testing.T) {
	data := "receipt_id,customer_id,sold_at,amount\n" +
		"A,C1,2026-01-02,1\nB,C1,2026-01-02,1\nC,C1,2026-01-02,1\nA,C1,2026-01-02,1\nD,C1,2026-01-02,1\n" + // 4 visits on 01-02
		"B,C1,2026-01-02,1\nC,C1,2026-01-02,1\n" + // again: no new visit
		"A,C1,2026-01-01,1\nB,C1,2026-01-01,1\nA,C1,2026-01-01,1\n" + // 2 visits on 01-01, after 01-02
		"A,C2,2026-01-05,1\nB,C2,2026-01-05,1\nA,C2,2026-01-05,1\nB,C2,2026-01-05,1\n" // 2 visits, both days' receipts known
	l := build(t, data, Options{})
	for i, want := range []struct{ visits, lines int }{{6, 10}, {2, 4}} {
		if e := l.Entry(i); e.Visits != want.visits || e.Lines != want.lines {
			t.Errorf("%s: %d visits and %d lines, want %d and %d", l.ID(i), e.Visits, e.Lines, want.visits, want.lines)
		}
	}
	if l.unsure != 1 {
		t.Errorf("%d customers recounted, want 1 (only C1)", l.unsure)
	}
	if e := l.Entry(0); parse.FormatDate(e.First) != "2026-01-01" || parse.FormatDate(e.Last) != "2026-01-02" {
		t.Errorf("C1 first %s last %s", parse.FormatDate(e.First), parse.FormatDate(e.Last))
	}
}

func TestFilter(t *testing.T) {
	w := parse.Window{Since: day("2026-11-01"), Until: day("2026-11-02")}
	l := build(t, sales, Options{Filter: record.SaleFilter{Window: w, Stores: []string{"S1"}}})
	if l.Len() != 1 || l.ID(0) != "C1" {
		t.Fatalf("got %d entries", l.Len())
	}
	if e := l.Entry(0); e.Visits != 2 || e.Spend != 2000*parse.DecimalScale {
		t.Errorf("C1 in S1 on 11-01..02: %+v", e)
	}
	if s := l.Stats; s.OtherStore != 3 || s.OutOfWindow != 1 || s.WalkIn != 1 {
		t.Errorf("stats %+v", s)
	}
}

func TestCustomers(t *testing.T) {
	cust := "customer_id,name\nC2,Sato\nC4,Kato\nC1,Yamada\n"
	r, err := rows.NewReader(strings.NewReader(cust), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := schema.Customers.Bind(r.Header(), nil)
	idx, err := customer.Load(r, b, customer.LoadOptions{Payload: customer.PlainPayload([]int{0, 1})})
	if err != nil {
		t.Fatal(err)
	}
	l := build(t, sales, Options{Customers: idx})
	var got []string
	for i := 0; i < l.Len(); i++ {
		got = append(got, fmt.Sprintf("%s:%d", l.ID(i), l.Entry(i).Visits))
	}
	if want := []string{"C2:2", "C4:0", "C1:3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if l.Stats.Unknown != 1 {
		t.Errorf("unknown = %d, want 1 (C3's line)", l.Stats.Unknown)
	}
	order, _ := l.Order(ByRecent, 0)
	if want := []int{2, 0, 1}; !reflect.DeepEqual(order, want) {
		t.Errorf("recent: %v, want %v (C4, without visits, last)", order, want)
	}
	order, _ = l.Order(ByCustomer, 2)
	if want := []int{0, 1}; !reflect.DeepEqual(order, want) {
		t.Errorf("customer order: %v, want %v", order, want)
	}
}

func TestOrderTies(t *testing.T) {
	data := "receipt_id,customer_id,sold_at,amount\n" +
		"1,C5,2026-01-01,100\n2,C3,2026-01-02,100\n3,C4,2026-01-01,50\n4,C4,2026-01-03,50\n5,C1,2026-01-03,300\n"
	l := build(t, data, Options{})
	ids := func(by By, top int) string {
		o, err := l.Order(by, top)
		if err != nil {
			t.Fatal(err)
		}
		s := make([]string, len(o))
		for i, x := range o {
			s[i] = l.ID(x)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		by   By
		top  int
		want string
	}{
		{BySpend, 0, "C1 C3 C4 C5"}, // C3, C4 and C5 all spent 100: by id
		{BySpend, 2, "C1 C3"},
		{ByVisits, 0, "C4 C1 C3 C5"},
		{ByVisits, 3, "C4 C1 C3"},
		{ByRecent, 0, "C1 C4 C3 C5"},
		{ByCustomer, 0, "C1 C3 C4 C5"},
		{ByCustomer, 1, "C1"},
	}
	for _, tt := range tests {
		if got := ids(tt.by, tt.top); got != tt.want {
			t.Errorf("%s top %d: %s, want %s", tt.by, tt.top, got, tt.want)
		}
	}
	if _, err := l.Order("cheap", 0); err == nil {
		t.Error("unknown order accepted")
	}
}

func TestErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"customer_id,sold_at,amount\nC1,2026-13-01,1\n", `s.csv:2: column "sold_at": "2026-13-01" is not a date`},
		{"customer_id,sold_at,amount\nC1,,1\n", `s.csv:2: column "sold_at": "" is empty`},
		{"customer_id,sold_at,amount\nC1,2026-01-01,abc\n", `s.csv:2: column "amount": "abc" is not a number`},
		{"customer_id,amount\nC1,1\n", `s.csv:1: no column maps to the field sold_at (needed for dates)`},
	}
	for _, tt := range tests {
		r, _ := rows.NewReader(strings.NewReader(tt.data), rows.Options{Name: "s.csv"})
		b, _ := schema.Sales.Bind(r.Header(), nil)
		_, err := Run(context.Background(), record.File{Reader: r, Binding: b}, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want %s", tt.data, err, tt.want)
		}
	}
}

// TestWithoutAmountsOrReceipts: a line without an amount is worth quantity
// × unit price (record.LineTotals); without a receipt id column, the time
// of sale as written stands for the receipt.
func TestWithoutAmountsOrReceipts(t *testing.T) {
	data := "customer_id,sold_at,quantity,unit_price\n" +
		"C1,2026-01-05 10:00,2,150\nC1,2026-01-05 10:00,,100\nC1,2026-01-05 11:30,1,\n"
	e := build(t, data, Options{}).Entry(0)
	if e.Visits != 2 || e.Lines != 3 || e.Quantity != 4*parse.DecimalScale || e.Spend != 400*parse.DecimalScale {
		t.Errorf("got %+v, want 2 visits, 3 lines, quantity 4, spend 2×150+100 = 400", e)
	}
}

func TestAverageRounding(t *testing.T) {
	for _, tt := range []struct {
		spend  parse.Decimal
		visits int
		want   string
	}{
		{1000 * parse.DecimalScale, 3, "333.33"},
		{2000 * parse.DecimalScale, 3, "666.67"},
		{-1000 * parse.DecimalScale, 3, "-333.33"},
		{1 * parse.DecimalScale, 8, "0.13"}, // 0.125 rounds away from zero
	} {
		if got := (Entry{Visits: tt.visits, Spend: tt.spend}).AverageSpend().String(); got != tt.want {
			t.Errorf("%s/%d = %s, want %s", tt.spend, tt.visits, got, tt.want)
		}
	}
}

// A customer's totals fill one cache line, and a chunk of them one huge
// page: the layout the lookups at random are tuned for.
func TestAccLayout(t *testing.T) {
	if n := unsafe.Sizeof(acc{}); n != 64 {
		t.Errorf("acc is %d bytes, want 64", n)
	}
	if accChunk*64 != hugepage.Size {
		t.Errorf("a chunk is %d bytes, want %d", accChunk*64, hugepage.Size)
	}
}

// TestVoidsAndReturns leaves voided receipts out, nets returns, and counts
// no visit for a receipt of returns only, on one block and on many.
func TestVoidsAndReturns(t *testing.T) {
	data := "receipt_id,customer_id,sold_at,quantity,amount,void,kind\n" +
		"R1,C1,2026-01-05 10:00,2,2000,0,\n" + // a visit
		"R2,C1,2026-01-06 10:00,1,5000,1,\n" + // voided
		"R2,C1,2026-01-06 10:00,1,500,1,\n" +
		"R3,C1,2026-01-20 10:00,1,1000,0,return\n" + // returns only, the latest date: no visit
		"R4,C2,2026-01-07 10:00,1,3000,0,\n" + // an exchange: a visit
		"R4,C2,2026-01-07 10:00,-1,-1000,0,\n" +
		"R5,C3,2026-01-08 10:00,-1,-700,0,\n" // a customer with returns only
	l := build(t, data, Options{})
	want := map[string]string{
		"C1": "1 visits, 2 lines, 1..1 items, spend 1000, 2026-01-05..2026-01-05",
		"C2": "1 visits, 2 lines, 0..0 items, spend 2000, 2026-01-07..2026-01-07",
		"C3": "0 visits, 1 lines, -1..-1 items, spend -700, 0001-01-01..0001-01-01",
	}
	for i := range l.Len() {
		e := l.Entry(i)
		got := fmt.Sprintf("%d visits, %d lines, %s..%s items, spend %s, %s..%s", e.Visits, e.Lines, e.Quantity, e.Quantity, e.Spend,
			e.First.Format("2006-01-02"), e.Last.Format("2006-01-02"))
		if got != want[l.ID(i)] {
			t.Errorf("%s: %s, want %s", l.ID(i), got, want[l.ID(i)])
		}
	}
	if st := l.Stats; st.Voided != 2 || st.VoidedReceipts != 1 || st.Counted() != 5 || l.Buyers() != 2 {
		t.Errorf("stats %+v, buyers %d", st, l.Buyers())
	}
}

// TestPerStore: with PerStore a customer has an entry at each store, with
// that store's figures, checked by hand from sales above: C1 bought at S1
// (R1 on 11-01, 2 lines, 1200+300; R1 on 11-02, 500: 2 visits, 2000) and
// at S2 (R1 on 11-02, 700: 1 visit); C2 at S2 (R2 and R9 on 10-30: 2
// visits, 1001); C3 at S1 (1 visit, 30). Ranked by spend within each
// store, S1 first: C1, C3; then S2: C2, C1. --top 1 keeps C1 and C2.
func TestPerStore(t *testing.T) {
	r, err := rows.NewReader(strings.NewReader(sales), rows.Options{Name: "s.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Run(context.Background(), record.File{Reader: r, Binding: b}, Options{PerStore: true})
	if err != nil {
		t.Fatal(err)
	}
	show := func(order []int) string {
		var out []string
		for _, i := range order {
			e := l.Entry(i)
			out = append(out, fmt.Sprintf("%s/%s:%d:%s", l.Store(i), l.ID(i), e.Visits, e.Spend))
		}
		return strings.Join(out, " ")
	}
	all, err := l.Order(BySpend, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := show(all), "S1/C1:2:2000 S1/C3:1:30 S2/C2:2:1001 S2/C1:1:700"; got != want {
		t.Errorf("per store by spend = %s, want %s", got, want)
	}
	top, _ := l.Order(BySpend, 1)
	if got, want := show(top), "S1/C1:2:2000 S2/C2:2:1001"; got != want {
		t.Errorf("top 1 per store = %s, want %s", got, want)
	}
	if l.Customer(0) != -1 {
		t.Errorf("Customer without a customers file = %d, want -1", l.Customer(0))
	}
}
