package retention

import (
	"os"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
)

// The plan keeps the reader's counts of the rows without data in each
// file, whichever read of it counted them (the customers load, the sales
// scan, the only pass over contacts and complaints), and the rewrite
// leaves those rows out.
func TestScanKeepsSkips(t *testing.T) {
	opts := shop(t)
	add := func(path, text string) {
		t.Helper()
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
	}
	add(opts.Files.Customers, ",,,,\n,,,,\n")
	add(opts.Files.Sales, "receipt_id,customer_id,sold_at,amount\nR12,C2,2027-01-01,1\n,,,\n")
	add(opts.Files.Contacts, "customer_id,contacted_at,summary\n\ncustomer_id,contacted_at,summary\n")
	p := scan(t, opts)
	want := map[string]rows.Skips{
		"customers":  {Empty: 2},
		"sales":      {Empty: 1, Headers: 1, FirstHeader: 13},
		"contacts":   {Empty: 1, Headers: 2, FirstHeader: 6},
		"complaints": {},
	}
	notes := map[string]string{
		"customers":  "2 empty rows are not written back",
		"sales":      "1 empty row and 1 repeated header (line 13) are not written back",
		"contacts":   "1 empty row and 2 repeated headers (first on line 6) are not written back",
		"complaints": "",
	}
	for _, f := range p.Files {
		if f.Skipped != want[f.Kind.Name] {
			t.Errorf("%s: skipped %+v, want %+v", f.Kind.Name, f.Skipped, want[f.Kind.Name])
		}
		if got := f.SkipNote(); got != notes[f.Kind.Name] {
			t.Errorf("%s: note %q, want %q", f.Kind.Name, got, notes[f.Kind.Name])
		}
	}
	var plan strings.Builder
	if err := WritePlan(&plan, p, nil, "purge plan", ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan.String(), "\n"+opts.Files.Sales+": 1 empty row and 1 repeated header (line 13) are not written back\n") {
		t.Errorf("the plan does not say what the sales rewrite drops:\n%s", plan.String())
	}
	apply(t, opts)
	for _, path := range []string{opts.Files.Customers, opts.Files.Sales, opts.Files.Contacts} {
		text := read(t, path)
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		for _, l := range lines[1:] {
			if l == lines[0] || strings.Trim(l, ",") == "" {
				t.Errorf("%s still holds a row without data, %q:\n%s", path, l, text)
			}
		}
	}
	if !strings.Contains(read(t, opts.Files.Sales), "\nR12,C2,2027-01-01,1\n") {
		t.Errorf("the sales line after the repeated header is lost:\n%s", read(t, opts.Files.Sales))
	}
}

// With several sales files, each keeps its own counts through the second
// read that counts its lines by fate.
func TestSkipsOfEachSalesFile(t *testing.T) {
	opts := shop(t)
	more := strings.Replace(opts.Files.Sales, "sales.csv", "sales-2.csv", 1)
	if err := os.WriteFile(more, []byte("receipt_id,customer_id,sold_at,amount\n,,,\nR20,C2,2021-06-01,1\n,,,\n,,,\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	opts.Files.MoreSales = []string{more}
	p := scan(t, opts)
	got := map[string]rows.Skips{}
	for _, f := range p.Files {
		got[f.Path] = f.Skipped
	}
	if got[opts.Files.Sales] != (rows.Skips{}) || got[more] != (rows.Skips{Empty: 3}) {
		t.Errorf("skips %+v", got)
	}
}

func TestSkipNote(t *testing.T) {
	changed := Counts{Rows: 2, Kept: 1, Deleted: 1}
	kept := Counts{Rows: 2, Kept: 2}
	for _, c := range []struct {
		counts Counts
		skips  rows.Skips
		want   string
	}{
		{changed, rows.Skips{}, ""},
		{kept, rows.Skips{}, ""},
		{changed, rows.Skips{Empty: 1}, "1 empty row is not written back"},
		{changed, rows.Skips{Headers: 1, FirstHeader: 120}, "1 repeated header (line 120) is not written back"},
		{changed, rows.Skips{Empty: 3, Headers: 1, FirstHeader: 120}, "3 empty rows and 1 repeated header (line 120) are not written back"},
		{kept, rows.Skips{Empty: 1}, "1 empty row is skipped; the file is not rewritten"},
		{kept, rows.Skips{Headers: 2, FirstHeader: 7}, "2 repeated headers (first on line 7) are skipped; the file is not rewritten"},
	} {
		fp := &FilePlan{Counts: c.counts, Skipped: c.skips}
		if got := fp.SkipNote(); got != c.want {
			t.Errorf("%+v, %+v: %q, want %q", c.counts, c.skips, got, c.want)
		}
	}
}
