package workbook

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzCellText checks that a cell's text is only ever changed when it is
// a marked date, and then into a date with an optional time.
func FuzzCellText(f *testing.F) {
	for _, s := range []string{"", "000123", dateMark + "2024-11-22 00:00:00", dateMark + "2024-11-22 10:15:00",
		dateMark + "2024-11-22 10:15:30", dateMark + "x", "2024-11-22 00:00:00", dateMark} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got := CellText(v)
		if !strings.HasPrefix(v, dateMark) {
			if got != v {
				t.Fatalf("CellText(%q) = %q, changed a cell that is no date", v, got)
			}
			return
		}
		if got != v && (len(got) != 10 && len(got) != 16 && len(got) != 19 || !strings.HasPrefix(v[len(dateMark):], got)) {
			t.Fatalf("CellText(%q) = %q", v, got)
		}
	})
}

// FuzzClassify checks that no number format code makes classify panic.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"000000", "000-0000", "@", "#,##0", `yyyy"年"m"月"d"日"`, "[$-411]ge.m.d", "0.00%", `"C"0000`, "General", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) { classify(code) })
}

// FuzzFindUnsavedFormula checks that the scan of a sheet's XML never
// panics, and that the fast pass never misses a formula the scan finds.
func FuzzFindUnsavedFormula(f *testing.F) {
	for _, s := range []string{
		`<sheetData><row r="4"><c r="D4"><f>D3/100</f></c></row></sheetData>`,
		`<sheetData><row r="2"><c r="D2"><f>D1</f><v>2</v></c></row></sheetData>`,
		`<x:sheetData><x:row><x:c><x:f t="shared" si="0"/></x:c></x:row></x:sheetData>`,
		`<!-- <f> --><![CDATA[<f>]]><row r="1" a="x>y"><c r="A1"/></row>`,
		`<row r="x"><c r="1A"><f`,
	} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, xml string, from int) {
		u, err := findUnsavedFormula(strings.NewReader(xml), from)
		if err != nil || u == nil {
			return
		}
		if may, err := mayHoldFormula(strings.NewReader(xml)); err != nil || !may {
			t.Fatalf("the scan found %+v, the fast pass did not (%v)", u, err)
		}
		if u.col < 1 || u.row < 1 {
			t.Fatalf("cell %+v", u)
		}
	})
}

// sheetOf is a workbook of n sales-like rows.
func sheetOf(b *testing.B, n int) []byte {
	return book(b, func(f *excelize.File) {
		w, err := f.NewStreamWriter("Sheet1")
		must(b, err)
		must(b, w.SetRow("A1", []any{"receipt_id", "customer_id", "sold_at", "quantity", "amount"}))
		for i := 2; i <= n+1; i++ {
			must(b, w.SetRow(fmt.Sprintf("A%d", i), []any{fmt.Sprintf("R%d", i), fmt.Sprintf("%06d", i%5000), "2025-01-16 12:20", i % 3, i * 10}))
		}
		must(b, w.Flush())
	})
}

const benchRows = 5000

// BenchmarkBareRows is the floor: a loop over excelize's Rows.
func BenchmarkBareRows(b *testing.B) {
	data := sheetOf(b, benchRows)
	b.ResetTimer()
	for b.Loop() {
		f, err := excelize.OpenReader(strings.NewReader(string(data)))
		must(b, err)
		rs, err := f.Rows("Sheet1")
		must(b, err)
		for rs.Next() {
			if _, err := rs.Columns(); err != nil {
				b.Fatal(err)
			}
		}
		rs.Close()
		f.Close()
	}
}

// BenchmarkReader reads the same sheet through Open and rows.Reader.
func BenchmarkReader(b *testing.B) {
	data := sheetOf(b, benchRows)
	b.ResetTimer()
	for b.Loop() {
		r, err := Open(data, Options{Name: "s.xlsx"})
		must(b, err)
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		r.Close()
	}
}
