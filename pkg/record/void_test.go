package record

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// shopifyOrders is Shopify's orders export as custkit reads it: Financial
// Status on each order's first line only. #1002, voided, has three lines;
// #1003 is a guest order; #1005 has a line of its own status, paid after
// voided: a receipt voided on some lines only.
const shopifyOrders = "Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price\n" +
	"#1001,hanako@example.jp,paid,2024-11-03 10:15:00 +0900,1,茶碗 藍,3300\n" +
	"#1001,hanako@example.jp,,2024-11-03 10:15:00 +0900,2,湯呑 白磁,1650\n" +
	"#1002,ken@example.com,voided,2024-11-08 09:05:12 +0900,1,急須 常滑,5500\n" +
	"#1002,ken@example.com,,2024-11-08 09:05:12 +0900,2,\"湯呑, 白磁\",1650\n" +
	"#1002,ken@example.com,,2024-11-08 09:05:12 +0900,1,煎茶 100g,1080\n" +
	"#1003,,paid,2024-11-15 14:15:00 +0900,1,煎茶 100g,1080\n" +
	"#1004,misaki@example.net,paid,2024-11-20 20:00:00 +0900,1,茶碗 藍,3300\n" +
	"#1005,ken@example.com,voided,2024-11-22 11:00:00 +0900,1,急須 常滑,5500\n" +
	"#1005,ken@example.com,paid,2024-11-22 11:00:00 +0900,1,煎茶 100g,1080\n"

// scanBlocks reads data in blocks of size bytes, each scanned by its own
// clone of a scanner of the file's binding (its reader keeping what the
// binding says together), and returns the counts of all of them.
func scanBlocks(t *testing.T, data string, size int, aliases schema.Aliases) SaleCounts {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv", BlockSize: size})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), aliases)
	if err != nil {
		t.Fatal(err)
	}
	r.KeepTogether(b.KeepTogether())
	s, err := NewSaleScanner(NewDecoder("s.csv", b), SaleFilter{}, true)
	if err != nil {
		t.Fatal(err)
	}
	var c SaleCounts
	for {
		blk, err := r.NextBlock()
		if err == io.EOF {
			return c
		}
		if err != nil {
			t.Fatal(err)
		}
		sc := s.Clone()
		if err := blk.EachPrefix(sc.Prefix(), func(rec *rows.Record) error {
			_, _, err := sc.Scan(rec)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		c.Add(sc.Counts)
	}
}

var email = schema.Aliases{schema.CustomerID: {"Email"}}

// TestVoidOnFirstRow checks that a voided Shopify order is left out with
// all its lines, as one voided receipt and not partly voided, wherever the
// blocks are cut; a line with a status of its own is still judged by it.
func TestVoidOnFirstRow(t *testing.T) {
	want := SaleCounts{Lines: 9, Kept: 4, WalkIn: 1, Voided: 4, VoidedReceipts: 2, PartlyVoided: 1, PartlyVoidedLine: 10}
	for size := 1; size <= len(shopifyOrders)+1; size++ {
		if c := scanBlocks(t, shopifyOrders, size, email); c != want {
			t.Fatalf("blocks of %d: %+v, want %+v", size, c, want)
		}
	}
}

// TestVoidOnEveryRow checks that a file whose layout repeats the void flag
// on every line (Smaregi's, or none) judges each line by its own flag: a
// receipt with the flag on one line only is partly voided, its other
// lines counted, and its reader keeps nothing together.
func TestVoidOnEveryRow(t *testing.T) {
	for _, header := range []string{"取引ID,取引明細ID,会員コード,取引日時,取消区分", "receipt_id,line_id,customer_id,sold_at,void"} {
		data := header + "\n" +
			"R1,1,C1,2024-11-03 10:15,1\n" +
			"R1,2,C1,2024-11-03 10:15,\n" +
			"R1,3,C1,2024-11-03 10:15,\n" +
			"R2,1,C2,2024-11-03 10:20,0\n"
		want := SaleCounts{Lines: 4, Kept: 3, Voided: 1, VoidedReceipts: 1, PartlyVoided: 1, PartlyVoidedLine: 3}
		if c := scanBlocks(t, data, 0, nil); c != want {
			t.Errorf("%s: %+v, want %+v", header, c, want)
		}
		b, _ := schema.Sales.Bind(strings.Split(header, ","), nil)
		if c := b.KeepTogether(); c != -1 {
			t.Errorf("%s: KeepTogether() = %d, want -1", header, c)
		}
		if w := (SaleCounts{PartlyVoided: 1, PartlyVoidedLine: 3}).Warnings("s.csv"); len(w) != 1 {
			t.Errorf("%s: warnings %q", header, w)
		}
	}
}

// TestVoidLinesJudge judges lines one by one: the state of the line before
// of the same receipt, its error too, and none across receipts, stores or
// lines without a receipt id.
func TestVoidLinesJudge(t *testing.T) {
	b, err := schema.Sales.Bind([]string{"Name", "Email", "Financial Status", "Lineitem quantity", "Lineitem price", "store_id"}, email)
	if err != nil {
		t.Fatal(err)
	}
	v := NewDecoder("s.csv", b).VoidLines()
	if !v.Carries() || v.Prefix() != 6 {
		t.Fatalf("Carries %v, Prefix %d", v.Carries(), v.Prefix())
	}
	type want struct {
		void, continued bool
		err             string
	}
	for _, c := range []struct {
		rec  *rows.Record
		want want
	}{
		{line(2, "#1", "a", "voided", "1", "1", "S1"), want{true, false, ""}},
		{line(3, "#1", "a", "", "1", "1", "S1"), want{true, true, ""}},
		{line(4, "#1", "a", " ", "1", "1", "S1"), want{true, true, ""}},
		{line(5, "#1", "a", "", "1", "1", "S2"), want{false, false, ""}}, // another store
		{line(6, "#2", "a", "", "1", "1", "S1"), want{false, false, ""}},
		{line(7, "#3", "a", "partially_refunded", "1", "1", "S1"), want{false, false, `s.csv:7: column "Financial Status": "partially_refunded" is not a void flag: Shopify's orders export gives a partial refund`}},
		{line(8, "#3", "a", "", "1", "1", "S1"), want{false, true, `s.csv:7: column "Financial Status": "partially_refunded"`}},
		{line(9, "", "a", "voided", "1", "1", "S1"), want{true, false, ""}},
		{line(10, "", "a", "", "1", "1", "S1"), want{false, false, ""}}, // no receipt id
		{line(11, "#4", "a", "voided", "1", "1", "S1"), want{true, false, ""}},
		{line(12, "#4", "a", "paid", "1", "1", "S1"), want{false, false, ""}},
	} {
		void, continued, err := v.Judge(c.rec)
		if void != c.want.void || continued != c.want.continued || (err == nil) != (c.want.err == "") ||
			err != nil && (!strings.HasPrefix(err.Error(), c.want.err) || !errors.Is(err, ErrFlag)) {
			t.Errorf("line %d: %v %v %v, want %+v", c.rec.Line, void, continued, err, c.want)
		}
	}
	v.Forget()
	if void, continued, _ := v.Judge(line(13, "#4", "a", "", "1", "1", "S1")); void || continued {
		t.Errorf("after Forget: %v %v", void, continued)
	}
}

// TestPassKeepsTheLineBefore checks that a line an operation leaves out
// before Scan (Pass) or looks at with Void still hands its state on.
func TestPassKeepsTheLineBefore(t *testing.T) {
	b, err := schema.Sales.Bind([]string{"Name", "Email", "Financial Status", "Created at", "Lineitem quantity", "Lineitem price"}, email)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSaleScanner(NewDecoder("s.csv", b), SaleFilter{}, false)
	if err != nil {
		t.Fatal(err)
	}
	s.Pass(line(2, "#1", "a", "voided", "2024-11-03", "1", "1"))
	if _, ok, _ := s.Scan(line(3, "#1", "a", "", "2024-11-03", "1", "1")); ok {
		t.Error("the line after a voided line left out by Pass is counted")
	}
	if v, _ := s.Void(line(4, "#1", "a", "", "2024-11-03", "1", "1")); !v {
		t.Error("Void: the line after a voided line is not void")
	}
	if _, ok, _ := s.Scan(line(5, "#2", "a", "", "2024-11-03", "1", "1")); !ok {
		t.Error("the next order's line is left out")
	}
	if want := (SaleCounts{Lines: 2, Kept: 1, Voided: 1, VoidedReceipts: 1}); s.Counts != want {
		t.Errorf("counts %+v, want %+v", s.Counts, want)
	}
}
