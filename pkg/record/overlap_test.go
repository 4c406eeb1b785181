package record

import (
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/overlap"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// salesFile reads data as the sales file name of a run whose sales files
// are set (nil: a run of one file), and returns its scanner (with filter)
// and its records, which name their file as a chain's do.
func salesFile(t *testing.T, set *overlap.Set, name, data string, filter SaleFilter) (*SaleScanner, []rows.Record) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Receipts = set; set != nil {
		set.File(name)
	}
	s, err := NewSaleScanner(NewDecoder(name, b), filter, false)
	if err != nil {
		t.Fatal(err)
	}
	return s, copyRecords(r, name)
}

// scanAll scans recs with clones of s, a new clone every split lines (as
// the blocks of a pass cut a file), and returns the lines kept.
func scanAll(t *testing.T, s *SaleScanner, recs []rows.Record, split int) int {
	t.Helper()
	kept, sc := 0, s.Clone()
	for i := range recs {
		if i%split == 0 {
			sc = s.Clone()
		}
		_, ok, err := sc.Scan(&recs[i])
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			kept++
		}
	}
	return kept
}

// warnings returns the warnings of the pairs of set, one a line.
func warnings(set *overlap.Set) string {
	var out []string
	for _, p := range set.Pairs() {
		out = append(out, p.Warning())
	}
	return strings.Join(out, "\n")
}

const salesHeader = "receipt_id,customer_id,sold_at,store_id,quantity,amount\n"

// TestOverlap finds the receipts of a day that two exports both hold,
// the later written with other date settings, each receipt told at its
// first line whatever block it falls in, and the receipt named as the
// earlier file writes it.
func TestOverlap(t *testing.T) {
	set := overlap.NewSet()
	a, ra := salesFile(t, set, "2024-09.csv", salesHeader+
		"000122,C1,2024-09-14 18:00,1,1,100\n"+
		"000123,C1,2024-09-15 10:00,1,1,100\n"+
		"000123,C1,2024-09-15 10:00,1,2,200\n"+
		"000124,,2024-09-15 11:00,1,1,100\n", SaleFilter{})
	b, rb := salesFile(t, set, "2024-09b.csv", salesHeader+
		"000123,C1,2024/9/15 10:00:00,1,1,100\n"+
		"000123,C1,2024/9/15 10:00:00,1,2,200\n"+
		"000124,,2024/9/15 11:00:00,1,1,100\n"+
		"000130,C2,2024/9/16 11:00:00,1,1,100\n", SaleFilter{})
	if kept := scanAll(t, a, ra, 2) + scanAll(t, b, rb, 2); kept != 6 { // walk-ins left out
		t.Errorf("%d lines kept, want 6: telling receipts must not change the filter", kept)
	}
	pairs := set.Pairs()
	if len(pairs) != 1 {
		t.Fatalf("pairs %+v", pairs)
	}
	// 000123 has the smaller hash of the two, and its first line is told
	// though its second is the first of a block.
	want := overlap.Receipt{File: "2024-09.csv", Line: 3, ID: "000123", At: "2024-09-15 10:00", Store: "1"}
	if pairs[0].A != want {
		t.Errorf("earlier file's receipt %+v, want %+v", pairs[0].A, want)
	}
	want = overlap.Receipt{File: "2024-09b.csv", Line: 2, ID: "000123", At: "2024/9/15 10:00:00", Store: "1"}
	if pairs[0].B != want {
		t.Errorf("later file's receipt %+v, want %+v", pairs[0].B, want)
	}
}

// TestOverlapNone tells nothing of files that hold other receipts: one
// file per store, one per month, two registers of a store and day whose
// receipt ids differ, and lines without a receipt id.
func TestOverlapNone(t *testing.T) {
	for _, tt := range []struct{ name, a, b string }{
		{"per store", "000123,C1,2024-09-15 10:00,1,1,100\n", "000123,C1,2024-09-15 10:00,2,1,100\n"},
		{"per month", "000001,C1,2024-09-30 10:00,1,1,100\n", "000001,C1,2024-10-01 10:00,1,1,100\n"},
		{"two registers", "1-0001,C1,2024-09-15 10:00,1,1,100\n1-0002,C2,2024-09-15 10:05,1,1,100\n", "2-0001,C3,2024-09-15 10:00,1,1,100\n2-0002,C1,2024-09-15 10:05,1,1,100\n"},
		{"no receipt id", ",C1,2024-09-15 10:00,1,1,100\n", ",C1,2024-09-15 10:00,1,1,100\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set := overlap.NewSet()
			a, ra := salesFile(t, set, "a.csv", salesHeader+tt.a, SaleFilter{})
			b, rb := salesFile(t, set, "b.csv", salesHeader+tt.b, SaleFilter{})
			scanAll(t, a, ra, 100)
			scanAll(t, b, rb, 100)
			if w := warnings(set); w != "" {
				t.Errorf("%s", w)
			}
		})
	}
}

// TestOverlapTimes finds a receipt of files without receipt ids by its
// time of sale to the second, however written, from one column or a date
// and a time column, and not a sale a second apart.
func TestOverlapTimes(t *testing.T) {
	set := overlap.NewSet()
	a, ra := salesFile(t, set, "a.csv", "customer_id,sold_at,store_id,amount\n"+
		"C1,2024-09-15 10:15:30,本店,100\n"+
		"C1,2024-09-15 10:15:30,本店,200\n", SaleFilter{})
	b, rb := salesFile(t, set, "b.csv", "会計日,会計時間,customer_id,store_id,amount\n"+
		"2024/09/15,10:15:30,C1,本店,100\n", SaleFilter{})
	c, rc := salesFile(t, set, "c.csv", "customer_id,sold_at,store_id,amount\n"+
		"C1,2024-09-15 10:15:31,本店,100\n", SaleFilter{})
	scanAll(t, a, ra, 100)
	scanAll(t, b, rb, 100)
	scanAll(t, c, rc, 100)
	want := "warning: a.csv and b.csv both hold the receipt of 2024-09-15 10:15:30 (store 本店): " + overlap.Problem
	if got := warnings(set); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if p := set.PairsOf("b.csv"); len(p) != 1 || p[0].B.At != "2024/09/15 10:15:30" || p[0].B.Line != 2 {
		t.Errorf("b.csv's receipt: %+v", p)
	}
}

// TestOverlapChain tells a receipt that ends one file and starts the next
// to both, read by one scanner line after line (a pass that reads a
// chain's records one by one).
func TestOverlapChain(t *testing.T) {
	set := overlap.NewSet()
	s, ra := salesFile(t, set, "a.csv", salesHeader+"000001,C1,2024-09-15 10:00,1,1,100\n000002,C1,2024-09-15 11:00,1,1,100\n", SaleFilter{})
	_, rb := salesFile(t, set, "b.csv", salesHeader+"000002,C1,2024-09-15 11:00,1,1,100\n", SaleFilter{})
	if kept := scanAll(t, s, append(ra, rb...), 100); kept != 3 {
		t.Errorf("%d lines kept", kept)
	}
	if p := set.Pairs(); len(p) != 1 || p[0].A.ID != "000002" || p[0].B.File != "b.csv" {
		t.Errorf("pairs %+v", p)
	}
}

// TestOverlapKept tells the receipts of the lines a pass counts, those
// its filter keeps: a walk-in's receipt in both files is counted twice
// where walk-ins are kept (sales), not in the ledger, which leaves them
// out; a receipt of a store or a day the pass leaves out is not counted.
func TestOverlapKept(t *testing.T) {
	since, _ := parse.Date("2024-09-16")
	for _, tt := range []struct {
		name   string
		filter SaleFilter
		want   bool
	}{
		{"walk-ins kept", SaleFilter{KeepWalkIns: true}, true},
		{"walk-ins left out", SaleFilter{}, false},
		{"another store", SaleFilter{KeepWalkIns: true, Stores: []string{"2"}}, false},
		{"another period", SaleFilter{KeepWalkIns: true, Window: parse.Window{Since: since}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set := overlap.NewSet()
			a, ra := salesFile(t, set, "a.csv", salesHeader+"000124,,2024-09-15 11:00,1,1,100\n", tt.filter)
			b, rb := salesFile(t, set, "b.csv", salesHeader+"000124,,2024-09-15 11:00,1,1,100\n", tt.filter)
			scanAll(t, a, ra, 100)
			scanAll(t, b, rb, 100)
			if got := len(set.Pairs()) == 1; got != tt.want {
				t.Errorf("pairs %+v, want %v", set.Pairs(), tt.want)
			}
		})
	}
}

// TestOverlapOneFile: a run of one sales file has no set, and its scanner
// has nothing more for a line that passed its filter (no void column
// either).
func TestOverlapOneFile(t *testing.T) {
	s, _ := salesFile(t, nil, "a.csv", salesHeader+"000001,C1,2024-09-15 10:00,1,1,100\n", SaleFilter{})
	if s.overlap != nil || s.after || s.Clone().overlap != nil {
		t.Error("a run of one file tells receipts")
	}
	d, _ := records(t, "receipt_id,customer_id,store_id\nR1,C1,1\n")
	d.binding.Receipts = overlap.NewSet()
	if d.Overlap() != nil {
		t.Error("a file without dates tells receipts")
	}
}
