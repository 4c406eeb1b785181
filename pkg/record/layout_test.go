package record

import (
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func bound(t *testing.T, header string) *Decoder {
	t.Helper()
	b, err := schema.Sales.Bind(strings.Split(header, ","), nil)
	if err != nil {
		t.Fatal(err)
	}
	return NewDecoder("s.csv", b)
}

func line(n int, fields ...string) *rows.Record {
	rec := &rows.Record{Line: n}
	for _, f := range fields {
		rec.Fields = append(rec.Fields, []byte(f))
	}
	return rec
}

func TestDateAndTimeInTwoColumns(t *testing.T) {
	d := bound(t, "customer_id,会計日,会計時間,amount")
	got, err := d.RequireDate(line(2, "C1", "2024/11/03", "午後3:15", "100"), schema.SoldAt)
	if want := time.Date(2024, 11, 3, 15, 15, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
	if got, err := d.RequireDate(line(3, "C1", "2024/11/03", "", "100"), schema.SoldAt); err != nil || got.Hour() != 0 {
		t.Errorf("empty time: %v, %v", got, err)
	}
	_, err = d.RequireDate(line(4, "C1", "2024/11/03", "25:99", "100"), schema.SoldAt)
	if err == nil || !strings.Contains(err.Error(), `s.csv:4: column "会計時間": "25:99"`) {
		t.Errorf("bad time: %v", err)
	}
	if p := d.Column(schema.SoldAt).Prefix(); p != 3 {
		t.Errorf("prefix %d, want 3 (the time column too)", p)
	}
}

// Totals adds up the column of the binding's basis, and nets a return
// (by its kind, even when written positive) on either basis.
func TestBasisAndReturns(t *testing.T) {
	b, err := schema.Sales.Bind([]string{"receipt_id", "customer_id", "取消区分", "取引種別", "税込金額", "税抜金額"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDecoder("s.csv", b)
	tot := d.Totals()
	if _, amount, ret, err := tot.Net(line(2, "R1", "C1", "0", "", "1100", "1000")); err != nil || ret || amount.Int() != 1100 {
		t.Errorf("tax-included amount %v, return %v, %v", amount, ret, err)
	}
	if _, amount, ret, err := tot.Net(line(3, "R2", "C1", "0", "返品", "1100", "1000")); err != nil || !ret || amount.Int() != -1100 {
		t.Errorf("tax-included return %v, return %v, %v", amount, ret, err)
	}
	b.Basis = schema.TaxExcluded
	tot = d.Totals() // the amount column is the basis's
	if _, amount, ret, err := tot.Net(line(4, "R3", "C1", "", "", "1100", "1000")); err != nil || ret || amount.Int() != 1000 {
		t.Errorf("tax-excluded amount %v, return %v, %v", amount, ret, err)
	}
	if qty, amount, ret, err := tot.Net(line(5, "R4", "C1", "", "返品", "1100", "1000")); err != nil || !ret || amount.Int() != -1000 || qty.Int() != -1 {
		t.Errorf("tax-excluded return %v × %v, return %v, %v", qty, amount, ret, err)
	}
	if b.Priced.Load() {
		t.Error("Priced set for a file with amounts")
	}
}

func TestRequireSpend(t *testing.T) {
	if err := bound(t, "customer_id,quantity").RequireSpend(); err == nil || !strings.Contains(err.Error(), "amount or unit_price") {
		t.Errorf("no amount, no price: %v", err)
	}
	d := bound(t, "customer_id,quantity,price")
	if err := d.RequireSpend(); err != nil || !d.SpendFromPrice() {
		t.Errorf("price only: %v", err)
	}
	if d.Totals(); !d.binding.Priced.Load() {
		t.Error("Priced not set for spend from the unit price")
	}
	b, _ := schema.Sales.Bind([]string{"customer_id", "税込金額"}, nil)
	b.Basis = schema.TaxExcluded
	if err := NewDecoder("s.csv", b).RequireSpend(); err == nil || !strings.Contains(err.Error(), "tax included") {
		t.Errorf("tax-excluded basis with a tax-included amount only: %v", err)
	}
}

// TestHeaderErrorLine: an error about the header names its line, which a
// title row above it moves; a binding that does not say is read from line 1.
func TestHeaderErrorLine(t *testing.T) {
	d := bound(t, "customer_id,quantity")
	if err := d.Require(schema.StoreID, "--store"); err == nil || !strings.HasPrefix(err.Error(), "s.csv:1: ") {
		t.Errorf("no line set: %v", err)
	}
	d.binding.Line = 3
	if err := d.RequireSpend(); err == nil || !strings.HasPrefix(err.Error(), "s.csv:3: no column maps to the field amount or unit_price") {
		t.Errorf("header on line 3, spend: %v", err)
	}
	if err := d.Require(schema.StoreID, "--store"); err == nil || err.Error() != "s.csv:3: no column maps to the field store_id (needed for --store)" {
		t.Errorf("header on line 3, a required field: %v", err)
	}
}
