package report

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func blocks(t *testing.T, data string, size int) record.File {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv", BlockSize: size})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return record.File{Reader: r, Binding: b}
}

// The figures do not depend on how the file is cut into blocks (a
// receipt's lines, a customer's receipts and a basket split between
// them), nor on whether the ledger's pass feeds them.
func TestScanSalesBlocks(t *testing.T) {
	raw, err := os.ReadFile("../../examples/sales.csv")
	if err != nil {
		t.Fatal(err)
	}
	data := string(raw)
	ctx := context.Background()
	for _, p := range []Periods{NewPeriods(time.Time{}, day("2026-11-22")), NewPeriods(day("2026-01-01"), day("2026-11-22")),
		NewPeriods(day("2025-06-01"), day("2026-06-30"))} {
		want, err := ScanSales(ctx, blocks(t, data, 0), p, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		if want.Current.Receipts == 0 || want.Current.Repeaters() == 0 || len(want.Stores) < 2 || len(want.Pairs) == 0 {
			t.Fatalf("%v: too little to compare: %+v", p.Current, want)
		}
		for _, size := range []int{64, 256, 1000} {
			got, err := ScanSales(ctx, blocks(t, data, size), p, nil, false)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%v, %d-byte blocks:\n%+v\nwant\n%+v", p.Current, size, got, want)
			}
		}
		// in the ledger's pass, customers numbered by the customers
		// file's index (ids not in it after its own)
		cf, err := os.Open("../../examples/customers.csv")
		if err != nil {
			t.Fatal(err)
		}
		cr, err := rows.NewReader(cf, rows.Options{Name: "c.csv"})
		if err != nil {
			t.Fatal(err)
		}
		cb, err := schema.Customers.Bind(cr.Header(), nil)
		if err != nil {
			t.Fatal(err)
		}
		idx, err := customer.LoadEvery(ctx, cr, cb, false)
		cf.Close()
		if err != nil {
			t.Fatal(err)
		}
		sales := blocks(t, data, 256)
		tap, err := newSalesTap(sales, p, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ledger.Run(ctx, sales, ledger.Options{Customers: idx, Tap: tap}); err != nil {
			t.Fatal(err)
		}
		if got := tap.result(); !reflect.DeepEqual(got, want) {
			t.Errorf("%v, in the ledger's pass:\n%+v\nwant\n%+v", p.Current, got, want)
		}
	}
}

// TestScanSalesScientific: a product id in scientific notation among the
// lines whose products the report lists is an error naming its first line,
// whatever the blocks (the products a chunk keeps from block to block are
// checked ones), in the ledger's pass too.
func TestScanSalesScientific(t *testing.T) {
	var data strings.Builder
	data.WriteString("receipt_id,customer_id,sold_at,product_id,amount\n")
	for i := range 30 {
		data.WriteString("R" + strings.Repeat("1", i+1) + ",C1,2026-11-01,4901234567917,100\n")
	}
	data.WriteString("R2,C2,2026-11-02,4.90123E+12,100\nR3,C2,2026-11-03,4.9E+12,100\n")
	want := `s.csv:32: column "product_id": "4.90123E+12" ` + record.ErrScientific.Error()
	p := NewPeriods(time.Time{}, day("2026-11-30"))
	for _, size := range []int{0, 64, 256} {
		if _, err := ScanSales(context.Background(), blocks(t, data.String(), size), p, nil, false); err == nil || err.Error() != want {
			t.Errorf("%d-byte blocks: error %v, want %s", size, err, want)
		}
	}
	sales := blocks(t, data.String(), 64)
	tap, err := newSalesTap(sales, p, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.Run(context.Background(), sales, ledger.Options{Tap: tap}); err == nil || err.Error() != want {
		t.Errorf("in the ledger's pass: error %v, want %s", err, want)
	}
}

// A receipt is told apart from the receipts of its day; once the lines go
// back in date order, from every receipt read since: the rule of sales.
func TestScanSalesOrder(t *testing.T) {
	p := NewPeriods(time.Time{}, day("2026-11-22"))
	const head = "receipt_id,customer_id,sold_at,store_id,product_id,amount\n"
	for _, c := range []struct {
		name, lines               string
		receipts, customers, reps int
		sales                     string
	}{
		// R1's lines apart, R2 of the same day between them: 2 receipts
		{"same day", "R1,C1,2026-11-02,S1,P1,100\nR2,C1,2026-11-02,S1,P1,100\nR1,C1,2026-11-02,S1,P2,100\n", 2, 1, 1, "300"},
		// R1 again after a later day: the file goes back, R1 counts twice
		{"back", "R1,C1,2026-11-02,S1,P1,100\nR2,C2,2026-11-03,S1,P1,100\nR1,C1,2026-11-02,S1,P2,100\n", 3, 2, 1, "300"},
		// after going back, every receipt is remembered
		{"after", "R2,C2,2026-11-03,S1,P1,100\nR1,C1,2026-11-02,S1,P1,100\nR3,C2,2026-11-04,S1,P1,100\nR1,C1,2026-11-02,S1,P2,100\n", 3, 2, 1, "400"},
	} {
		s, err := ScanSales(context.Background(), file(t, schema.Sales, "s.csv", head+c.lines), p, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		if f := s.Current; f.Receipts != c.receipts || f.Customers() != c.customers || f.Repeaters() != c.reps || f.Sales.String() != c.sales {
			t.Errorf("%s: %d receipts, %d customers, %d repeaters, sales %s", c.name, f.Receipts, f.Customers(), f.Repeaters(), f.Sales)
		}
	}
}
