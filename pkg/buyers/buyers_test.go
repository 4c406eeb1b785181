package buyers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/product"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// sales is a small sales file. What each customer did:
//
//	C1: receipt R1 on 2025-11-30 (two lines of P1), R2 (P2) on 2025-12-31,
//	    and R1 again on 2025-12-01: another receipt, as registers reuse
//	    numbers. 3 receipts, 4 lines, quantity 5, amount 4500.
//	C2: P1 at store S2 on 2026-01-01, P9 on 2026-02-01.
//	C3: P2 with no quantity (counts 1) and no amount (1 × 500).
//	000123: P1 once; with key normalisation the customer is 123.
//	and one walk-in line of P1.
const sales = `receipt_id,customer_id,sold_at,store_id,product_id,product_name,category,quantity,unit_price,amount
R1,C1,2025-11-30 10:00,S1,P1,九谷焼 湯呑み,茶器,2,1000,2000
R1,C1,2025-11-30 10:00,S1,P1,九谷焼 湯呑み,茶器,1,1000,1000
R2,C1,2025-12-31,S1,P2,有田焼 小皿,皿,1,500,500
R3,C2,2026-01-01,S2,P1,九谷焼 湯呑み,茶器,1,1000,"1,000"
R4,C3,2026-01-02,S1,P2,有田焼 小皿,皿,,500,
R5,C2,2026-02-01,S1,P9,ギフト包装,サービス,1,100,100
R1,C1,2025-12-01,S1,P1,九谷焼 湯呑み,茶器,1,1000,1000
R6,000123,2026-01-03,S1,P1,九谷焼 湯呑み,茶器,1,1000,1000
R7,,2026-01-03,S1,P1,九谷焼 湯呑み,茶器,1,1000,1000
`

func scan(t *testing.T, data string, opts Options) *Result {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "sales.csv", BlockSize: 128})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Scan(context.Background(), r, b, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func match(t *testing.T, sel product.Selection) *product.Matcher {
	t.Helper()
	m, err := product.New(sel)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// summary writes buyers as "key first..last receipts/lines/qty/amount".
func summary(bs []Buyer) string {
	var out []string
	for _, b := range bs {
		c := b.Cells()
		out = append(out, fmt.Sprintf("%s %s..%s %s/%s/%s/%s", b.ID, c[0], c[1], c[2], c[3], c[4], c[5]))
	}
	return strings.Join(out, "; ")
}

func TestScan(t *testing.T) {
	day := func(s string) parse.Window {
		d, _ := parse.Date(s)
		return parse.Window{Since: d}
	}
	cases := []struct {
		name string
		opts Options
		want string
	}{
		{"one product", Options{Match: match(t, product.Selection{Products: []string{"P1"}})},
			"000123 2026-01-03..2026-01-03 1/1/1/1000; C1 2025-11-30..2025-12-01 2/3/4/4000; C2 2026-01-01..2026-01-01 1/1/1/1000"},
		{"every product", Options{},
			"000123 2026-01-03..2026-01-03 1/1/1/1000; C1 2025-11-30..2025-12-31 3/4/5/4500; C2 2026-01-01..2026-02-01 2/2/2/1100; C3 2026-01-02..2026-01-02 1/1/1/500"},
		{"since the year end", Options{Match: match(t, product.Selection{Products: []string{"P1", "P2"}}), Window: day("2025-12-31")},
			"000123 2026-01-03..2026-01-03 1/1/1/1000; C1 2025-12-31..2025-12-31 1/1/1/500; C2 2026-01-01..2026-01-01 1/1/1/1000; C3 2026-01-02..2026-01-02 1/1/1/500"},
		{"all of P1 and P2", Options{Match: match(t, product.Selection{Products: []string{"P1", "P2"}}), All: true},
			"C1 2025-11-30..2025-12-31 3/4/5/4500"},
		{"P1 but never P9", Options{Match: match(t, product.Selection{Products: []string{"P1"}}), Exclude: match(t, product.Selection{Products: []string{"P9"}})},
			"000123 2026-01-03..2026-01-03 1/1/1/1000; C1 2025-11-30..2025-12-01 2/3/4/4000"},
		{"exclusion ignores the window", Options{Match: match(t, product.Selection{Products: []string{"P1"}}),
			Exclude: match(t, product.Selection{Products: []string{"P9"}}), Window: parse.Window{Until: day("2026-01-01").Since}},
			"C1 2025-11-30..2025-12-01 2/3/4/4000"},
		{"store", Options{Match: match(t, product.Selection{Products: []string{"P*"}}), Stores: []string{"S2"}},
			"C2 2026-01-01..2026-01-01 1/1/1/1000"},
		{"min two receipts", Options{MinCount: 2, CountBy: ByReceipts}, "C1 2025-11-30..2025-12-31 3/4/5/4500; C2 2026-01-01..2026-02-01 2/2/2/1100"},
		{"min four lines", Options{MinCount: 4, CountBy: ByLines}, "C1 2025-11-30..2025-12-31 3/4/5/4500"},
		{"min amount", Options{MinAmount: 1100 * parse.DecimalScale, HasMinAmount: true},
			"C1 2025-11-30..2025-12-31 3/4/5/4500; C2 2026-01-01..2026-02-01 2/2/2/1100"},
		{"category or name", Options{Match: match(t, product.Selection{Categories: []string{"皿"}, NameContains: []string{"ｷﾞﾌﾄ"}})},
			"C1 2025-12-31..2025-12-31 1/1/1/500; C2 2026-02-01..2026-02-01 1/1/1/100; C3 2026-01-02..2026-01-02 1/1/1/500"},
		{"key normalisation", Options{Match: match(t, product.Selection{Products: []string{"P1"}}), KeyNormalize: true},
			"123 2026-01-03..2026-01-03 1/1/1/1000; C1 2025-11-30..2025-12-01 2/3/4/4000; C2 2026-01-01..2026-01-01 1/1/1/1000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := scan(t, sales, c.opts)
			if got := summary(res.Buyers); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	res := scan(t, sales, Options{Match: match(t, product.Selection{Products: []string{"P1", "P2"}}), All: true,
		Exclude: match(t, product.Selection{Products: []string{"P9"}})})
	want := Stats{Lines: 9, Matching: 8, WalkIn: 1, Customers: 4, Excluded: 1, Partial: 2, Sales: record.SaleCounts{Lines: 8, Kept: 8, WalkIn: 1}}
	if res.Stats != want {
		t.Errorf("got %+v, want %+v", res.Stats, want)
	}
}

func TestBadDateNamesTheLine(t *testing.T) {
	data := "customer_id,sold_at,product_id\nC1,2026-01-01,P1\nC2,someday,P1\nC3,,P2\n"
	r, _ := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv"})
	b, _ := schema.Sales.Bind(r.Header(), nil)
	_, err := Scan(context.Background(), r, b, Options{Match: match(t, product.Selection{Products: []string{"P1"}})})
	var re *rows.Error
	if !errors.As(err, &re) || err.Error() != `s.csv:3: column "sold_at": "someday" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)` {
		t.Errorf("got %v", err)
	}
}

// TestScientificProduct: a product id in scientific notation may be the
// selected product's or an excluded one's: an error naming its line,
// whichever selection reads product ids; one by category alone reads
// none.
func TestScientificProduct(t *testing.T) {
	data := "customer_id,sold_at,商品コード,category\nC1,2026-01-01,4901234567917,茶\nC2,2026-01-02,4.90123E+12,茶\n"
	want := `s.csv:3: column "商品コード": "4.90123E+12" ` + record.ErrScientific.Error()
	p1 := match(t, product.Selection{Products: []string{"4901234567917"}})
	tea := match(t, product.Selection{Categories: []string{"茶"}})
	for _, opts := range []Options{{Match: p1}, {Match: tea, Exclude: p1}} {
		r, _ := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv"})
		b, _ := schema.Sales.Bind(r.Header(), nil)
		if _, err := Scan(context.Background(), r, b, opts); err == nil || err.Error() != want {
			t.Errorf("error %v, want %s", err, want)
		}
	}
	if res := scan(t, data, Options{Match: tea}); len(res.Buyers) != 2 {
		t.Errorf("by category: %d buyers, want 2", len(res.Buyers))
	}
}

func TestCheckNamesMissingColumns(t *testing.T) {
	b, _ := schema.Sales.Bind([]string{"customer_id", "product_id"}, nil)
	err := Check("s.csv", b, Options{Match: match(t, product.Selection{Categories: []string{"皿"}})})
	if err == nil || err.Error() != "s.csv:1: no column maps to category, needed to select by category" {
		t.Errorf("got %v", err)
	}
	since, _ := parse.Date("2026-01-01")
	if err := Check("s.csv", b, Options{Window: parse.Window{Since: since}}); err == nil {
		t.Error("a window without sold_at should be an error")
	}
}

func TestSort(t *testing.T) {
	res := scan(t, sales, Options{})
	Sort(res.Buyers, SortAmount)
	if got := ids(res.Buyers); got != "C1 C2 000123 C3" {
		t.Errorf("by amount: %s", got)
	}
	Sort(res.Buyers, SortLast)
	if got := ids(res.Buyers); got != "C2 000123 C3 C1" {
		t.Errorf("by last purchase: %s", got)
	}
	Sort(res.Buyers, SortID)
	if got := ids(res.Buyers); got != "000123 C1 C2 C3" {
		t.Errorf("by id: %s", got)
	}
}

func ids(bs []Buyer) string {
	var s []string
	for _, b := range bs {
		s = append(s, b.ID)
	}
	return strings.Join(s, " ")
}

func TestLines(t *testing.T) {
	r, _ := rows.NewReader(strings.NewReader(sales), rows.Options{Name: "sales.csv"})
	b, _ := schema.Sales.Bind(r.Header(), nil)
	var got []string
	err := Lines(context.Background(), r, b, Options{Match: match(t, product.Selection{Products: []string{"P1"}})},
		func(k []byte) bool { return string(k) == "C1" }, func(f []string) error {
			got = append(got, f[0]+" "+f[2])
			return nil
		})
	if err != nil || strings.Join(got, "; ") != "R1 2025-11-30 10:00; R1 2025-11-30 10:00; R1 2025-12-01" {
		t.Errorf("got %q %v", got, err)
	}
}

// BenchmarkScan measures the buyers pass over generated sales lines for one
// product since a date, the shape of the peer benchmark's T2 task.
func BenchmarkScan(b *testing.B) {
	data := benchdata.ProductSales(200_000)
	m, _ := product.New(product.Selection{Products: []string{"P00042"}})
	since, _ := parse.Date("2025-06-01")
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: "sales.csv"})
		if err != nil {
			b.Fatal(err)
		}
		bind, _ := schema.Sales.Bind(r.Header(), nil)
		res, err := Scan(context.Background(), r, bind, Options{Match: m, Window: parse.Window{Since: since}})
		if err != nil || len(res.Buyers) == 0 {
			b.Fatalf("%v, %d buyers", err, len(res.Buyers))
		}
	}
}

// TestNetPurchases lists a customer when the net quantity of their lines
// of a term is above zero, counts receipts and dates of purchases only,
// and leaves voided receipts out.
func TestNetPurchases(t *testing.T) {
	data := "receipt_id,customer_id,sold_at,product_id,quantity,amount,void,kind\n" +
		"R1,C1,2026-01-05,P1,1,1000,0,\n" + // C1 buys P1 ...
		"R2,C1,2026-01-09,P1,1,1000,0,返品\n" + // ... and returns it
		"R3,C2,2026-01-06,P1,1,1000,1,\n" + // voided
		"R4,C3,2026-01-07,P1,2,2000,0,\n" + // C3 keeps one of two
		"R4,C3,2026-01-07,P2,1,500,0,\n" +
		"R5,C3,2026-01-10,P1,-1,-1000,0,\n" +
		"R6,C4,2026-01-08,P2,1,500,0,\n" // C4 buys P2 and ...
	data += "R7,C4,2026-01-09,P1,-1,-1000,0,\n" // ... returns a P1 bought before the file
	res := scan(t, data, Options{Match: match(t, product.Selection{Products: []string{"P1"}})})
	if got := summary(res.Buyers); got != "C3 2026-01-07..2026-01-07 1/2/1/1000" {
		t.Errorf("P1: %s", got)
	}
	if st := res.Stats; st.Returned != 2 || st.Sales.Voided != 1 || st.Sales.VoidedReceipts != 1 {
		t.Errorf("stats %+v", st)
	}
	res = scan(t, data, Options{Match: match(t, product.Selection{Products: []string{"P1", "P2"}}), All: true})
	if got := summary(res.Buyers); got != "C3 2026-01-07..2026-01-07 1/3/2/1500" {
		t.Errorf("P1 and P2: %s", got)
	}
}
