package workbook

import (
	"bytes"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestFindUnsavedFormula(t *testing.T) {
	for _, c := range []struct {
		name, xml string
		from      int
		want      string // col,row,formula; "" for none
	}{
		{"none", `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`, 1, ""},
		{"with value", `<sheetData><row r="2"><c r="D2"><f>D1/100</f><v>20</v></c></row></sheetData>`, 1, ""},
		{"empty string value", `<sheetData><row r="2"><c r="B2" t="str"><f>IF(A2="","",A2)</f><v></v></c></row></sheetData>`, 1, ""},
		{"no value", `<sheetData><row r="4"><c r="A4"><v>1</v></c><c r="D4"><f>D3/100</f></c></row></sheetData>`, 1, "4,4,D3/100"},
		{"escaped", `<sheetData><row r="3"><c r="C3" t="str"><f>IF(A3&lt;&gt;"",A3&amp;"様","")</f></c></row></sheetData>`, 1, `3,3,IF(A3<>"",A3&"様","")`},
		{"above the header", `<sheetData><row r="1"><c r="A1"><f>TODAY()</f></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData>`, 2, ""},
		{"shared follower", `<sheetData><row r="2"><c r="E2"><f t="shared" ref="E2:E3" si="0">C2*D2</f><v>6</v></c></row><row r="3"><c r="E3"><f t="shared" si="0"/></c></row></sheetData>`, 1, "5,3,"},
		{"prefixed", `<x:worksheet xmlns:x="x"><x:sheetData><x:row r="7"><x:c r="B7"><x:f>1+1</x:f></x:c></x:row></x:sheetData></x:worksheet>`, 1, "2,7,1+1"},
		{"no references", `<sheetData><row><c><v>1</v></c></row><row><c><v>1</v></c><c><f>A2</f></c></row></sheetData>`, 1, "2,2,A2"},
		{"self-closing cell", `<sheetData><row r="1"><c r="A1" s="3"/><c r="B1"><f>A1</f><v>0</v></c></row></sheetData>`, 1, ""},
		{"comment and cdata", `<sheetData><!-- <c r="A1"><f>X</f></c> --><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<f>]]></t></is></c></row></sheetData>`, 1, ""},
		{"rich text font family", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><rPr><family val="2"/></rPr><t>x</t></r></is></c></row></sheetData>`, 1, ""},
		{"quoted gt in attribute", `<sheetData><row r="1" x="a>b"><c r="A1"><f>1</f></c></row></sheetData>`, 1, "1,1,1"},
	} {
		u, err := findUnsavedFormula(strings.NewReader(c.xml), c.from)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if may, err := mayHoldFormula(strings.NewReader(c.xml)); err != nil || u != nil && !may {
			t.Errorf("%s: the fast pass says %v, %v", c.name, may, err)
		}
		got := ""
		if u != nil {
			got = strings.Join([]string{strconv.Itoa(u.col), strconv.Itoa(u.row), u.formula}, ",")
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestFindUnsavedFormulaMalformed(t *testing.T) {
	for _, x := range []string{`<sheetData><row r="x">`, `<sheetData><row r="1"><c r="1A">`, `<sheetData><c`} {
		if _, err := findUnsavedFormula(strings.NewReader(x), 1); err == nil {
			t.Errorf("%s: no error", x)
		}
	}
}

// TestOpenUnsavedFormula checks that a workbook holding a formula without
// its value is refused, naming the cell, the column and the formula.
func TestOpenUnsavedFormula(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"顧客番号", "氏名", "ポイント"}))
		must(t, f.SetSheetRow("Sheet1", "A2", &[]any{"000101", "山田", 10}))
		must(t, f.SetSheetRow("Sheet1", "A3", &[]any{"000102", "佐藤"}))
		must(t, f.SetCellFormula("Sheet1", "C3", `C2*2&"点"`))
	})
	_, err := Open(data, Options{Name: "c.xlsx", IsHeader: isCustomers})
	want := `c.xlsx[Sheet1]!C3: column "ポイント": "=C2*2&\"点\"" is a formula saved without its value (the workbook was written by a program that does not calculate formulas); open it in Excel or LibreOffice Calc and save it there, which calculates them, or save the sheet as CSV (CSV UTF-8), and give that file`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// sheetXML streams a sheet of n rows of five cells, one a formula with its
// value, without holding it.
type sheetXML struct {
	n, row int
	buf    []byte
	off    int
	done   bool
}

func (s *sheetXML) Read(p []byte) (int, error) {
	for s.off == len(s.buf) {
		s.buf, s.off = s.buf[:0], 0
		switch {
		case s.done:
			return 0, io.EOF
		case s.row == 0:
			s.buf = append(s.buf, `<?xml version="1.0"?><worksheet><sheetData>`...)
		case s.row > s.n:
			s.buf, s.done = append(s.buf, `</sheetData></worksheet>`...), true
		default:
			parts := []string{`<row r="`, `"><c r="A`, `" t="s"><v>1</v></c><c r="B`, `" t="s"><v>2</v></c><c r="C`, `" s="1"><v>45672.5</v></c><c r="D`, `"><v>3</v></c><c r="E`, `"><f>D`, `*10</f><v>30</v></c></row>`}
			for i, p := range parts {
				if i > 0 {
					s.buf = strconv.AppendInt(s.buf, int64(s.row), 10)
				}
				s.buf = append(s.buf, p...)
			}
		}
		s.row++
	}
	n := copy(p, s.buf[s.off:])
	s.off += n
	return n, nil
}

// TestFindUnsavedFormulaMemory checks that the scan's memory does not
// follow the sheet's size: a sheet of 100,000 rows (about 18 MB of XML)
// is scanned allocating no more than a small sheet.
func TestFindUnsavedFormulaMemory(t *testing.T) {
	alloc := func(n int) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		u, err := findUnsavedFormula(&sheetXML{n: n}, 1)
		runtime.ReadMemStats(&after)
		if err != nil || u != nil {
			t.Fatalf("%d rows: %v %v", n, u, err)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(100), alloc(100_000)
	if large > small+256<<10 {
		t.Errorf("scanning 100,000 rows allocated %d bytes, 100 rows %d: memory follows the sheet", large, small)
	}
}

// BenchmarkFindUnsavedFormula scans a sheet of 10,000 rows held in
// memory; its MB/s is the scan's cost beside excelize's reading.
func BenchmarkFindUnsavedFormula(b *testing.B) {
	data, err := io.ReadAll(&sheetXML{n: 10_000})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if u, err := findUnsavedFormula(bytes.NewReader(data), 1); err != nil || u != nil {
			b.Fatal(u, err)
		}
	}
}

// TestMayHoldFormula checks the fast pass at every place around the edge
// of its buffer, and that it passes over what is no formula.
func TestMayHoldFormula(t *testing.T) {
	for _, tag := range []string{"<f>", "<f/>", "<x:f>", "<f t=\"shared\"/>"} {
		for pad := 64<<10 - 6; pad <= 64<<10+2; pad++ {
			data := strings.Repeat("x", pad) + tag + strings.Repeat("y", 10)
			if may, err := mayHoldFormula(strings.NewReader(data)); err != nil || !may {
				t.Errorf("%s after %d bytes: %v %v", tag, pad, may, err)
			}
		}
	}
	for _, data := range []string{"", "<f", `<c r="A1" t="inlineStr"><is><r><rPr><family val="2"/></rPr><t>of: fine</t></r></is></c>`} {
		if may, err := mayHoldFormula(strings.NewReader(data)); err != nil || may {
			t.Errorf("%q: %v %v", data, may, err)
		}
	}
}
