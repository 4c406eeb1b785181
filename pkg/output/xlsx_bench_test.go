package output

import (
	"io"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// benchRows are sales-like rows: text ids and codes, a date, numbers.
var benchHeader = []string{"receipt_id", "customer_id", "sold_at", "store_id", "product_id", "product_name", "quantity", "amount"}

func benchRow(i int) []string {
	return []string{"R" + strconv.Itoa(i/3), "00" + strconv.Itoa(1000+i%5000), "2026-11-22", "S01",
		"4901234567890", "九谷焼 湯呑み", strconv.Itoa(1 + i%3), strconv.Itoa(1200 + i%7*100)}
}

const benchN = 20000

// BenchmarkXLSXWriter writes benchN rows through custkit's xlsx writer:
// each cell typed by its column, widths, freeze pane and autofilter.
func BenchmarkXLSXWriter(b *testing.B) {
	rows := make([][]string, benchN)
	for i := range rows {
		rows[i] = benchRow(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		w, err := New(io.Discard, Options{Format: XLSX})
		if err != nil {
			b.Fatal(err)
		}
		if err := w.WriteHeader(benchHeader); err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkXLSXBareStreamWriter writes the same rows with excelize's
// stream writer alone, already typed: the floor the writer is held to.
func BenchmarkXLSXBareStreamWriter(b *testing.B) {
	rows := make([][]any, benchN)
	for i := range rows {
		r := benchRow(i)
		d, _, _ := date([]byte(r[2]))
		q, _ := strconv.Atoi(r[6])
		a, _ := strconv.Atoi(r[7])
		rows[i] = []any{r[0], r[1], d, r[3], r[4], r[5], q, a}
	}
	header := make([]any, len(benchHeader))
	for i, h := range benchHeader {
		header[i] = h
	}
	b.ReportAllocs()
	for b.Loop() {
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		if err := sw.SetRow("A1", header); err != nil {
			b.Fatal(err)
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, r); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if _, err := f.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}
