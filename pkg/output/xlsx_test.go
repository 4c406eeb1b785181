package output

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/schema"
	"github.com/xuri/excelize/v2"
)

// roundTripCSV is CSV as custkit writes it: ids, codes, phone numbers and
// postal codes with leading zeros, a JAN code Excel would show as
// 4.90123E+12, text that looks like a formula, a cell over two lines,
// Japanese text, and typed columns (counts, amounts, dates, a share).
const roundTripCSV = `customer_id,name,phone,postal_code,product_id,note,visits,spend,last_visit,sold_at,share
000101,山田 花子,090-1234-5678,0600001,4901234567890,=SUM(A1:A9),11,166430,2026-10-25,2026-10-25T10:15:00,12.3%
000102,"Sato, Kenichi",0762523141,920-0831,0042,"two
lines",6,92070.5,2026-09-27,2026-09-27,0.5%
000103,,,,,+81 3,,,,,
`

// writeXLSX writes rows through the xlsx writer and opens the workbook.
func writeXLSX(t *testing.T, header []string, rows [][]string) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	w, err := New(&b, Options{Format: XLSX})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader(header); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestXLSXRoundTrip(t *testing.T) {
	recs := readCSV(t, roundTripCSV)
	f := writeXLSX(t, recs[0], recs[1:])
	got, err := f.GetRows(XLSXSheet)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w, err := New(&b, Options{Format: CSV})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		r = append(r, make([]string, len(recs[0])-len(r))...) // GetRows leaves out empty cells at a row's end
		if i == 0 {
			err = w.WriteHeader(r)
		} else {
			err = w.Write(r)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if b.String() != roundTripCSV {
		t.Errorf("CSV -> xlsx -> CSV changed the text:\ngot\n%s\nwant\n%s", b.String(), roundTripCSV)
	}
}

func TestXLSXCellTypes(t *testing.T) {
	recs := readCSV(t, roundTripCSV)
	f := writeXLSX(t, recs[0], recs[1:])
	cases := []struct {
		cell string
		want excelize.CellType
	}{
		{"A2", excelize.CellTypeInlineString}, // 000101
		{"D2", excelize.CellTypeInlineString}, // 0600001
		{"E2", excelize.CellTypeInlineString}, // 4901234567890
		{"F2", excelize.CellTypeInlineString}, // =SUM(A1:A9)
		{"G2", excelize.CellTypeUnset},        // 11: a number cell has no type attribute
		{"H3", excelize.CellTypeUnset},        // 92070.5
		{"I2", excelize.CellTypeUnset},        // a date is a number with a date format
	}
	for _, c := range cases {
		typ, err := f.GetCellType(XLSXSheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != c.want {
			t.Errorf("%s: type %v, want %v", c.cell, typ, c.want)
		}
	}
	if formula, _ := f.GetCellFormula(XLSXSheet, "F2"); formula != "" {
		t.Errorf("F2 holds formula %q; a cell is a value", formula)
	}
	raw := func(cell string) string {
		t.Helper()
		v, err := f.GetCellValue(XLSXSheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// 2026-10-25 is day 46320 of Excel's calendar; 10:15 a fraction of it.
	for cell, want := range map[string]string{"G2": "11", "H3": "92070.5", "I2": "46320", "K2": "0.123", "A2": "000101"} {
		if got := raw(cell); got != want {
			t.Errorf("%s holds %q, want %q", cell, got, want)
		}
	}
	if v := raw("J2"); !strings.HasPrefix(v, "46320.427") {
		t.Errorf("J2 (2026-10-25 10:15) holds %q", v)
	}
}

func TestXLSXHeaderFreezeFilterWidths(t *testing.T) {
	f := writeXLSX(t, []string{"customer_id", "住所", "kept"}, [][]string{
		{"000101", "石川県金沢市東山1丁目13番7号", "yes"},
		{"000102", "x", "no"},
	})
	style, err := f.GetCellStyle(XLSXSheet, "B1")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(style)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil || !st.Font.Bold {
		t.Error("the header is not bold")
	}
	panes, err := f.GetPanes(XLSXSheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v, want the first row frozen", panes)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm._FilterDatabase" || names[0].RefersTo != "'Sheet1'!$A$1:$C$3" {
		t.Errorf("autofilter: defined names %+v, want _xlnm._FilterDatabase over A1:C3", names)
	}
	// 16 characters, 12 of them wide: 28 columns.
	if w, _ := f.GetColWidth(XLSXSheet, "B"); w < 28 || w > 32 {
		t.Errorf("column B is %v wide; its text takes 28", w)
	}
	if w, _ := f.GetColWidth(XLSXSheet, "A"); w < 11 || w > 20 {
		t.Errorf("column A is %v wide for customer_id", w)
	}
	if typ, _ := f.GetCellType(XLSXSheet, "C2"); typ != excelize.CellTypeBool {
		t.Errorf("kept: cell type %v, want a boolean", typ)
	}
}

func TestXLSXManyRows(t *testing.T) {
	// More rows than are held to size the columns: every row is written,
	// in order.
	var rows [][]string
	for i := range xlsxSizeRows + 500 {
		rows = append(rows, []string{strings.Repeat("0", 3) + string(rune('A'+i%26)), "x"})
	}
	f := writeXLSX(t, []string{"customer_id", "name"}, rows)
	got, err := f.GetRows(XLSXSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows)+1 {
		t.Fatalf("%d rows, want %d", len(got), len(rows)+1)
	}
	for i, r := range rows {
		if got[i+1][0] != r[0] {
			t.Fatalf("row %d: %q, want %q", i+1, got[i+1][0], r[0])
		}
	}
}

func TestXLSXRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		opts Options
		rows [][]string
		want string
	}{
		{"control character", Options{Format: XLSX}, [][]string{{"C1", "a\x01b"}},
			`output row 1, column "name": control character U+0001 cannot be written in a workbook; write csv instead`},
		{"cell too long", Options{Format: XLSX}, [][]string{{"C1", "x"}, {"C2", strings.Repeat("あ", xlsxMaxCell+1)}},
			`output row 2, column "name": 32768 characters are more than the 32767 an Excel cell holds; write csv instead`},
	} {
		_, err := render(t, c.opts, []string{"customer_id", "name"}, c.rows...)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := New(&bytes.Buffer{}, Options{Format: XLSX, Encoding: "shift_jis"}); err == nil {
		t.Error("xlsx in shift_jis: no error")
	}
}

func TestXLSXTypesFromOptions(t *testing.T) {
	// A column the config aliases to amount is a number.
	types := func(cols []string) []schema.Type {
		return schema.ColumnTypes(cols, map[string]schema.Aliases{"sales": {schema.Amount: {"お会計"}}})
	}
	var b bytes.Buffer
	w, err := New(&b, Options{Format: XLSX, Types: types})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader([]string{"お会計"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{"¥1,200"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(XLSXSheet, "A2", excelize.Options{RawCellValue: true}); v != "1200" {
		t.Errorf("¥1,200 under an alias of amount: %q, want the number 1200", v)
	}
}
