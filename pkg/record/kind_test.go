package record

import (
	"errors"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// TestVocab reads the values of void and kind columns, with the codes
// that only the headers documenting them take.
func TestVocab(t *testing.T) {
	tests := []struct {
		header, value string
		void          bool // a void column, else a kind column
		yes, known    bool
	}{
		{"取消区分", "1", true, true, true},
		{"取消区分", "0", true, false, true},
		{"取消区分", "１", true, true, true}, // full-width
		{"void", " TRUE ", true, true, true},
		{"cancelled", "取消", true, true, true},
		{"取消区分", "2", true, false, false}, // no code 2 outside 打消区分
		{"打消区分(0：通常、1：打消元レコード、2：打消レコード)", "2", true, true, true},
		{"打消区分(0：通常、1：打消元レコード、2：打消レコード)", "0", true, false, true},
		{"取引明細区分 （1：通常、2：返品、3：部門売り）", "2", false, true, true},
		{"取引明細区分 （1：通常、2：返品、3：部門売り）", "3", false, false, true},
		{"イベントタイプ", "払い戻し", false, true, true},
		{"event type", "Refund", false, true, true},
		{"event type", "Payment", false, false, true},
		{"イベントタイプ", "2", false, false, false}, // codes only under 取引明細区分
		{"kind", "交換", false, false, false},
		// MakeShop's 処理状況 and Shopify's Financial Status: the statuses
		// that say void or valid (a full refund is a void); a parcel sent
		// back and a partial refund are neither, and stay errors.
		{"処理状況", "注文キャンセル", true, true, true},
		{"処理状況", "配送", true, false, true},
		{"処理状況", "未処理", true, false, true},
		{"処理状況", "返送", true, false, false},
		{"処理状況", "1", true, false, false},
		{"Financial Status", "voided", true, true, true},
		{"financial status", "paid", true, false, true},
		{"Financial Status", "partially_paid", true, false, true},
		{"Financial Status", "", true, false, true},
		{"Financial Status", "refunded", true, true, true},
		{"Financial Status", "partially_refunded", true, false, false},
		{"取消区分", "注文キャンセル", true, false, false}, // only under 処理状況
	}
	for _, tt := range tests {
		v := KindVocab(tt.header)
		if tt.void {
			v = VoidVocab(tt.header)
		}
		yes, known := v.Lookup([]byte(tt.value))
		if yes != tt.yes || known != tt.known {
			t.Errorf("%s %q: yes %v known %v, want %v %v", tt.header, tt.value, yes, known, tt.yes, tt.known)
		}
	}
}

// TestSaleScannerVoids leaves the lines of voided receipts out, counts the
// receipts once, warns of a receipt voided on some lines only, and names
// an unknown value.
func TestSaleScannerVoids(t *testing.T) {
	d, recs := records(t, "receipt_id,customer_id,sold_at,取消区分\n"+
		"R1,C1,2026-01-05 10:00,0\n"+ // kept
		"R2,C1,2026-01-06 10:00,1\n"+ // voided
		"R2,C1,2026-01-06 10:00,1\n"+ // voided, the same receipt
		"R2,C2,2026-01-07 10:00,1\n"+ // R2 of another day: another receipt
		"R3,C3,2026-01-07 11:00,1\n"+ // voided ...
		"R3,C3,2026-01-07 11:00,\n"+ // ... but not this line: kept, a warning
		"R4,C1,2026-01-08,はい\n") // unknown
	s, err := NewSaleScanner(d, SaleFilter{}, false)
	if err != nil {
		t.Fatal(err)
	}
	// Two clones, as two blocks: R2 of 01-06 counts once.
	a, b := s.Clone(), s.Clone()
	var kept []string
	for i := range recs[:6] {
		sc := a
		if i >= 2 {
			sc = b
		}
		sale, ok, err := sc.Scan(&recs[i])
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			kept = append(kept, string(recs[i].Fields[0])+"/"+string(sale.Customer))
		}
	}
	if got := strings.Join(kept, " "); got != "R1/C1 R3/C3" {
		t.Errorf("kept %s", got)
	}
	c := a.Counts
	c.Add(b.Counts)
	want := SaleCounts{Lines: 6, Kept: 2, Voided: 4, VoidedReceipts: 3, PartlyVoided: 1, PartlyVoidedLine: 7}
	if c != want {
		t.Errorf("counts %+v, want %+v", c, want)
	}
	if got := c.LeftOut(); got != "0 walk-in (no customer id), 3 voided receipts (4 lines)" {
		t.Errorf("left out: %s", got)
	}
	if w := c.Warnings("s.csv"); len(w) != 1 || !strings.HasPrefix(w[0], "warning: s.csv:7: 1 receipt has the void flag on only some lines") {
		t.Errorf("warnings %q", w)
	}
	_, _, err = s.Clone().Scan(&recs[6])
	if err == nil || !errors.Is(err, ErrFlag) || !strings.HasPrefix(err.Error(), `s.csv:8: column "取消区分": "はい" is not a void flag: write 1, true,`) {
		t.Errorf("unknown value: %v", err)
	}
	// join keeps voids.
	k, _ := NewSaleScanner(d, SaleFilter{KeepVoids: true}, false)
	if _, ok, err := k.Scan(&recs[1]); !ok || err != nil {
		t.Errorf("KeepVoids: %v %v", ok, err)
	}
}

// TestTotalsNet makes returns negative in quantity and amount: by kind
// whatever the signs written, or by a negative quantity or amount, the
// other cell written positive.
func TestTotalsNet(t *testing.T) {
	d, recs := records(t, "customer_id,quantity,amount,kind\n"+
		"C1,2,3300,\n"+ // a sale
		"C1,1,3300,返品\n"+ // a return written positive
		"C1,-1,\"¥-1,650\",refund\n"+ // a return written negative
		"C1,-1,-500,\n"+ // a return by sign
		"C1,,,return\n"+ // no quantity: one item back
		"C1,-1,1200,\n"+ // a return by its quantity, the amount written positive
		"C1,1,-500,\n"+ // a return by its amount, the quantity written positive
		"C1,1,100,交換\n") // unknown kind
	tot := d.Totals()
	want := []struct {
		qty, amount int64
		ret         bool
	}{{2, 3300, false}, {-1, -3300, true}, {-1, -1650, true}, {-1, -500, true}, {-1, 0, true}, {-1, -1200, true}, {-1, -500, true}}
	for i, w := range want {
		q, a, ret, err := tot.Net(&recs[i])
		if err != nil {
			t.Fatal(err)
		}
		if q != parse.Decimal(w.qty)*parse.DecimalScale || a != parse.Decimal(w.amount)*parse.DecimalScale || ret != w.ret {
			t.Errorf("line %d: %s %s %v, want %d %d %v", recs[i].Line, q, a, ret, w.qty, w.amount, w.ret)
		}
	}
	if _, _, _, err := tot.Net(&recs[7]); err == nil || !strings.HasPrefix(err.Error(), `s.csv:9: column "kind": "交換" is not a transaction kind`) {
		t.Errorf("unknown kind: %v", err)
	}
}

// A Smaregi 取引区分 other than 1 is no sale, named by its class; 打消区分
// 1 or 2 beside 取消区分 makes a line void.
func TestOtherTransactionsAndCancelling(t *testing.T) {
	b, err := schema.Sales.Bind([]string{"取引ID", "取引明細ID", "取引区分", "取消区分", "会員コード", "打消区分(0：通常、1：打消元レコード、2：打消レコード)"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDecoder("s.csv", b)
	class, void := d.ClassFlag(), d.VoidFlag()
	for _, c := range []struct {
		class, cancel, undo string
		other, void         bool
		names               string
	}{
		{"1", "0", "0", false, false, ""},
		{"", "0", "", false, false, ""},
		{"2", "0", "0", true, false, "入金"},
		{"ポイント加算", "0", "0", true, false, "ポイント加算"},
		{"1", "1", "0", false, true, ""},
		{"1", "0", "1", false, true, ""},
		{"1", "0", "2", false, true, ""},
	} {
		rec := &rows.Record{Line: 2, Fields: [][]byte{[]byte("5001"), []byte("1"), []byte(c.class), []byte(c.cancel), []byte("M1"), []byte(c.undo)}}
		k, other, err := class.Other(rec)
		if err != nil || other != c.other || strings.Join(k.Names(), ",") != c.names {
			t.Errorf("%q: Other = %v %v %v, want %v %q", c.class, k.Names(), other, err, c.other, c.names)
		}
		if v, err := void.Is(rec); err != nil || v != c.void {
			t.Errorf("%q/%q: void = %v %v, want %v", c.cancel, c.undo, v, err, c.void)
		}
	}
	rec := &rows.Record{Line: 3, Fields: [][]byte{[]byte("5001"), []byte("1"), []byte("12"), []byte("0"), []byte("M1"), []byte("0")}}
	if _, _, err := class.Other(rec); !errors.Is(err, ErrFlag) || !strings.Contains(err.Error(), "s.csv:3") {
		t.Errorf("取引区分 12: %v, want an error naming s.csv:3", err)
	}
	s, err := NewSaleScanner(d, SaleFilter{}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range []string{"1", "2", "6", "2"} {
		s.Scan(&rows.Record{Line: 2, Fields: [][]byte{[]byte("5001"), []byte("1"), []byte(cl), []byte("0"), []byte("M1"), []byte("0")}})
	}
	if got, want := s.Counts.LeftOut(), "0 walk-in (no customer id), 3 lines of other transactions (入金, ポイント加算)"; got != want || s.Counts.Kept != 1 {
		t.Errorf("LeftOut = %q (kept %d), want %q (kept 1)", got, s.Counts.Kept, want)
	}
}
