package record

import (
	"bytes"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
)

// TestSaleScanner runs the filter over lines whose fate is written beside
// them: walk-ins, stores, both ends of the window, repeated dates (read
// from the cache, with the window's answer) and a bad one.
func TestSaleScanner(t *testing.T) {
	d, recs := records(t, "customer_id,sold_at,store_id\n"+
		"C1,2026-01-05 10:00,S1\n"+ // kept
		",2026-01-05 10:00,S1\n"+ // walk-in
		"C2,2026-01-05 10:00,S3\n"+ // other store
		"C3,2026-01-04 23:59,S1\n"+ // before the window
		"C4,2026-01-31 23:59,S2\n"+ // the window's last minute: kept
		"C5,2026-02-01,S2\n"+ // after the window
		"C5,2026-02-01,S2\n"+ // the same date again, from the cache
		"ｃ６,2026-01-31,S1\n"+ // normalised to c6: kept
		"C7,2026-01-32,S1\n") // not a date
	since, _ := parse.Date("2026-01-05")
	until, _ := parse.Date("2026-01-31")
	norm := func(id []byte) ([]byte, bool) {
		out := bytes.ToLower(bytes.ReplaceAll(id, []byte("ｃ６"), []byte("C6")))
		return out, !bytes.Equal(out, id)
	}
	s, err := NewSaleScanner(d, SaleFilter{Window: parse.Window{Since: since, Until: until}, Stores: []string{"S1", "S2"}, Normalize: norm}, false)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for i := range recs[:8] {
		sale, ok, err := s.Scan(&recs[i])
		if err != nil {
			t.Fatalf("line %d: %v", recs[i].Line, err)
		}
		if ok {
			kept = append(kept, string(sale.Customer)+"@"+parse.FormatDateTime(sale.SoldAt))
		}
	}
	if got := strings.Join(kept, " "); got != "c1@2026-01-05T10:00:00 c4@2026-01-31T23:59:00 c6@2026-01-31" {
		t.Errorf("kept %s", got)
	}
	want := SaleCounts{Lines: 8, Kept: 3, WalkIn: 1, OtherStore: 1, OutOfWindow: 3, KeysChanged: 7}
	if s.Counts != want {
		t.Errorf("counts %+v, want %+v", s.Counts, want)
	}
	if _, _, err := s.Clone().Scan(&recs[8]); err == nil || err.Error() != `s.csv:10: column "sold_at": "2026-01-32" `+parse.ErrDate.Error() {
		t.Errorf("bad date: %v", err)
	}
	walkIns(t)
	d, _ = records(t, "customer_id\nC1\n")
	if _, err := NewSaleScanner(d, SaleFilter{Stores: []string{"S1"}}, false); err == nil || err.Error() != "s.csv:1: no column maps to the field store_id (needed for --store)" {
		t.Errorf("no store column: %v", err)
	}
}

// walkIns checks KeepWalkIns: a walk-in line goes through the store and
// the window like any other and comes out with an empty customer.
func walkIns(t *testing.T) {
	t.Helper()
	d, recs := records(t, "customer_id,sold_at,store_id\n"+
		",2026-01-05,S1\n"+ // kept, empty
		",2026-01-05,S3\n"+ // other store
		",2025-12-31,S1\n"+ // before the window
		"C1,2026-01-06,S1\n") // kept
	since, _ := parse.Date("2026-01-01")
	s, err := NewSaleScanner(d, SaleFilter{Window: parse.Window{Since: since}, Stores: []string{"S1"}, KeepWalkIns: true}, false)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for i := range recs {
		if sale, ok, err := s.Scan(&recs[i]); err != nil || ok {
			kept = append(kept, "<"+string(sale.Customer)+">")
		}
	}
	if got := strings.Join(kept, " "); got != "<> <C1>" {
		t.Errorf("kept %s", got)
	}
	if want := (SaleCounts{Lines: 4, Kept: 2, WalkIn: 1, OtherStore: 1, OutOfWindow: 1}); s.Counts != want {
		t.Errorf("counts %+v, want %+v", s.Counts, want)
	}
}
