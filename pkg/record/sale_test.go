package record

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func records(t *testing.T, data string) (*Decoder, []rows.Record) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return NewDecoder("s.csv", b), copyRecords(r, "")
}

// copyRecords reads r to its end and returns copies of its records, each
// naming file (as a chain's records do; "" as a one-file reader's).
func copyRecords(r *rows.Reader, file string) []rows.Record {
	var out []rows.Record
	for {
		rec, err := r.Next()
		if err != nil {
			return out
		}
		fields := make([][]byte, len(rec.Fields))
		for i, f := range rec.Fields {
			fields[i] = append([]byte(nil), f...)
		}
		out = append(out, rows.Record{File: file, Line: rec.Line, Fields: fields})
	}
}

func TestLineTotals(t *testing.T) {
	d, recs := records(t, "customer_id,quantity,unit_price,amount\nC1,2,150,\"¥1,000\"\nC1,,150,\nC1,3,\"1,200\",\nC1,2,,\nC1,x,1,1\n")
	want := []string{"2 1000", "1 150", "3 3600", "2 0"}
	for i, w := range want {
		q, a, err := d.LineTotals(&recs[i])
		if got := q.String() + " " + a.String(); err != nil || got != w {
			t.Errorf("line %d: got %s %v, want %s", recs[i].Line, got, err, w)
		}
	}
	if _, _, err := d.LineTotals(&recs[4]); err == nil || !strings.Contains(err.Error(), `s.csv:6: column "quantity": "x" is not a number`) {
		t.Errorf("got %v", err)
	}
	d, recs = records(t, "customer_id\nC1\n")
	if q, a, err := d.LineTotals(&recs[0]); q != parse.DecimalScale || a != 0 || err != nil {
		t.Errorf("a file without quantities counts one item worth nothing: %v %v %v", q, a, err)
	}
}

// TestBlanks checks that the lines whose quantity or amount cell is empty
// are told, by the default they took, once each however many sums read
// them (two passes, or two sums of one pass), and that a file without a
// quantity or amount column tells nothing of its lines.
func TestBlanks(t *testing.T) {
	d, recs := records(t, "customer_id,quantity,unit_price,amount\n"+
		"C1,2,150,300\n"+ // 2: both
		"C1,,150,150\n"+ // 3: no quantity
		"C1,2,150,\n"+ // 4: no amount: 2 × 150
		"C1,,,\n"+ // 5: nothing: one item worth nothing
		",1,,\n"+ // 6: a walk-in, worth nothing
		"C1,1,100, \n") // 7: a blank amount is an empty one
	b := d.Binding().Blanks
	for range 2 {
		totals := d.Totals()
		for i := range recs {
			if _, _, _, err := totals.Net(&recs[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	got := fmt.Sprintf("%d from %d, %d from %d, %d from %d", b.Quantity.Len(), b.Quantity.First(), b.Priced.Len(), b.Priced.First(), b.Amount.Len(), b.Amount.First())
	if want := "2 from 3, 2 from 4, 2 from 5"; got != want {
		t.Errorf("lines without a quantity, priced, worth nothing: %s; want %s", got, want)
	}
	// No quantity column: one item, as documented, with nothing to tell;
	// no amount column: spend from the unit price, told once per file
	// (Priced), and an empty price worth nothing.
	d, recs = records(t, "customer_id,unit_price\nC1,100\nC1,\n")
	totals := d.Totals()
	for i := range recs {
		totals.Net(&recs[i])
	}
	b = d.Binding().Blanks
	if b.Quantity.Len() != 0 || b.Priced.Len() != 0 || b.Amount.Len() != 1 || b.Amount.First() != 3 {
		t.Errorf("no quantity or amount column: %d, %d, %d (first %d)", b.Quantity.Len(), b.Priced.Len(), b.Amount.Len(), b.Amount.First())
	}
	// A binding not made by Bind has no Blanks: nothing is told.
	bind := *d.Binding()
	bind.Blanks = nil
	if _, _, err := NewDecoder("s.csv", &bind).LineTotals(&recs[1]); err != nil {
		t.Error(err)
	}
}

func TestReceiptKey(t *testing.T) {
	d, recs := records(t, "receipt_id,customer_id,sold_at,store_id\nR1,C1,2026-01-05 10:00,S1\nR1,C1,2026-01-05 10:01,S1\nR1,C1,2026-01-06,S1\nR1,C1,2026-01-05,S2\n")
	key := func(i int) string {
		at, err := d.RequireDate(&recs[i], schema.SoldAt)
		if err != nil {
			t.Fatal(err)
		}
		return string(d.AppendReceiptKey(nil, &recs[i], at))
	}
	if key(0) != "R1\x00\xea\x4f\x00\x00\x00S1" { // day 20458 = 2026-01-05
		t.Errorf("key %q", key(0))
	}
	if key(0) != key(1) || key(0) == key(2) || key(0) == key(3) {
		t.Errorf("a receipt is its id on one day in one store: %q %q %q %q", key(0), key(1), key(2), key(3))
	}
	d, recs = records(t, "customer_id,sold_at,store_id\nC1,2026-01-05 10:00,S1\nC1,2026-01-05 10:00,S1\nC1,2026-01-05 11:00,S1\n")
	k := func(i int) string { return string(d.AppendReceiptKey(nil, &recs[i], time.Time{})) }
	if k(0) != k(1) || k(0) == k(2) {
		t.Errorf("without receipt ids the time of sale stands for the receipt: %q %q %q", k(0), k(1), k(2))
	}
}

// TestUnsigned checks that a line Totals.Unsigned passes is never a
// return by Net, for every way parse.Amount reads a negative number in
// the amount or, without one, the unit price; and that plain amounts,
// the lines of most files, pass.
func TestUnsigned(t *testing.T) {
	negative := []string{"-100", "¥-3300", "\\-3300", "3300-", "(3300)", "△3300", "▲3300", "−3300", "－3300", "（3300）", "-0.5"}
	plain := []string{"1000", "", "0", "12.50", "  300 "}
	for _, header := range []string{"customer_id,quantity,unit_price,amount", "customer_id,quantity,unit_price"} {
		var data strings.Builder
		data.WriteString(header + "\n")
		for _, v := range append(append([]string(nil), negative...), plain...) {
			if strings.HasSuffix(header, "amount") {
				data.WriteString("C1,2,100," + v + "\n")
			} else {
				data.WriteString("C1,2," + v + "\n")
			}
		}
		d, recs := records(t, data.String())
		totals := d.Totals()
		for i := range recs {
			rec := &recs[i]
			_, _, ret, err := totals.Net(rec)
			if err != nil {
				t.Fatalf("%s: line %d: %v", header, rec.Line, err)
			}
			unsigned := totals.Unsigned(rec)
			if i < len(negative) && (!ret || unsigned) {
				t.Errorf("%s: line %d: Net return %v, Unsigned %v; want a return, not unsigned", header, rec.Line, ret, unsigned)
			}
			if i >= len(negative) && (ret || !unsigned) {
				t.Errorf("%s: line %d: Net return %v, Unsigned %v; want no return, unsigned", header, rec.Line, ret, unsigned)
			}
		}
	}
	d, recs := records(t, "customer_id,quantity,amount,kind\nC1,1,100,\n")
	if tot := d.Totals(); tot.Unsigned(&recs[0]) {
		t.Error("a file with a kind column: Unsigned must be false")
	}
}

// unsigned reads a cell of up to 8 bytes as one word: it must agree with
// the byte at a time rule whatever lies after the cell.
func TestUnsignedWord(t *testing.T) {
	byByte := func(b []byte) bool {
		for _, c := range b {
			if c == '-' || c == '(' || c >= 0x80 {
				return false
			}
		}
		return true
	}
	for _, cell := range []string{"", "0", "1200", "1,200", "-1200", "1200-", "(300)", "△300", "¥1200", "12345678", "1234567-", "-2345678", "12.5", " 300"} {
		for _, after := range []string{"--------", "((((((((", "\xe2\x96\xb3\xe2\x96\xb3\xe2\x96\xb3", "00000000", ""} {
			data := []byte(cell + after)
			b := data[:len(cell)]
			if got, want := unsigned(b), byByte(b); got != want {
				t.Errorf("unsigned(%q) before %q = %v, want %v", cell, after, got, want)
			}
		}
	}
}
