package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/custkit/custkit/pkg/rows"
)

// book builds a workbook with excelize, runs build on it and returns its
// bytes.
func book(t testing.TB, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	build(f)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// readAll reads every record as its fields joined by |, with its line.
func readAll(t *testing.T, r *Reader) []string {
	t.Helper()
	var got []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Fatal(err)
		}
		var fs []string
		for i := range rec.Fields {
			fs = append(fs, rec.Field(i))
		}
		got = append(got, strings.Join(fs, "|"))
	}
}

func isCustomers(h []string) bool {
	for _, c := range h {
		if c == "顧客番号" {
			return true
		}
	}
	return false
}

// customers is a 顧客名簿 as a shop keeps it: a merged title row, a
// zero-padded id stored as a number, a text id, dates, a formula with
// its value, a hidden row and formatted blank rows at the end; a first
// sheet of notes that is not the list.
func customers(t testing.TB) []byte {
	return book(t, func(f *excelize.File) {
		must(t, f.SetSheetName("Sheet1", "メモ"))
		must(t, f.SetCellStr("メモ", "A1", "2024年の名簿"))
		_, err := f.NewSheet("顧客")
		must(t, err)
		s := "顧客"
		must(t, f.SetCellStr(s, "A1", "顧客名簿"))
		must(t, f.MergeCell(s, "A1", "D1"))
		must(t, f.SetSheetRow(s, "A2", &[]any{"顧客番号", "氏名", "登録日", "ポイント"}))
		pad := "000000"
		padStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &pad})
		must(t, err)
		jp := `yyyy"年"m"月"d"日"`
		dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &jp})
		must(t, err)
		dt, err := f.NewStyle(&excelize.Style{NumFmt: 22})
		must(t, err)
		comma, err := f.NewStyle(&excelize.Style{NumFmt: 3})
		must(t, err)
		must(t, f.SetCellInt(s, "A3", 123))
		must(t, f.SetCellStyle(s, "A3", "A3", padStyle))
		must(t, f.SetCellStr(s, "B3", "山田 太郎"))
		must(t, f.SetCellValue(s, "C3", time.Date(2024, 11, 22, 0, 0, 0, 0, time.UTC)))
		must(t, f.SetCellStyle(s, "C3", "C3", dateStyle))
		must(t, f.SetCellFloat(s, "D3", 1234.5, -1, 64))
		must(t, f.SetCellStyle(s, "D3", "D3", comma))
		must(t, f.SetCellStr(s, "A4", "000124"))
		must(t, f.SetCellStr(s, "B4", "佐藤, \"花子\"\n様"))
		must(t, f.SetCellValue(s, "C4", time.Date(2024, 11, 23, 10, 15, 0, 0, time.UTC)))
		must(t, f.SetCellStyle(s, "C4", "C4", dt))
		must(t, f.SetCellInt(s, "D4", 20))
		must(t, f.SetCellFormula(s, "D4", "D3/100"))
		must(t, f.SetCellStr(s, "A6", "000125"))
		must(t, f.SetRowVisible(s, 6, false))
		must(t, f.SetCellStyle(s, "A7", "D9", comma))
	})
}

func TestOpenCustomers(t *testing.T) {
	r, err := Open(customers(t), Options{Name: "顧客名簿.xlsx", IsHeader: isCustomers})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Sheet != "顧客" || r.Name() != "顧客名簿.xlsx[顧客]" {
		t.Errorf("sheet %q, name %q", r.Sheet, r.Name())
	}
	if h := strings.Join(r.Header(), "|"); h != "顧客番号|氏名|登録日|ポイント" || r.HeaderLine() != 2 {
		t.Errorf("header %q on line %d", h, r.HeaderLine())
	}
	got := strings.Join(readAll(t, r), "\n")
	want := strings.Join([]string{
		"000123|山田 太郎|2024-11-22|1234.5",
		"000124|佐藤, \"花子\"\n様|2024-11-23 10:15|20",
		"000125|||",
	}, "\n")
	if got != want {
		t.Errorf("rows:\n%s\nwant:\n%s", got, want)
	}
	if sk := r.Skipped(); sk.Empty != 1 {
		t.Errorf("skipped %+v, want the one blank row between data rows (not the trailing ones)", sk)
	}
}

// TestLocate checks that errors name the cell, below a cell with a line
// break too.
func TestLocate(t *testing.T) {
	r, err := Open(customers(t), Options{Name: "c.xlsx", Choice: Choice{Sheet: "2"}, IsHeader: isCustomers})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	readAll(t, r)
	e := &rows.Error{File: r.Name(), Line: 7, Column: "登録日", Value: "x", Err: errors.New("is not a date")}
	if got, want := e.Error(), `c.xlsx[顧客]!C6: column "登録日": "x" is not a date`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	e = &rows.Error{File: r.Name(), Line: 3, Err: errors.New("bad")}
	if got, want := e.Error(), `c.xlsx[顧客] row 3: bad`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestSheetChoice(t *testing.T) {
	data := customers(t)
	for _, c := range []struct{ sheet, want, err string }{
		{"メモ", "メモ", ""},
		{"1", "メモ", ""},
		{"2", "顧客", ""},
		{"売上", "", `c.xlsx has no sheet "売上"; its sheets are "メモ", "顧客"; give --sheet a name or a number from 1 to 2`},
	} {
		r, err := Open(data, Options{Name: "c.xlsx", Choice: Choice{Sheet: c.sheet}, IsHeader: isCustomers})
		msg := ""
		if err != nil {
			msg = err.Error()
		} else {
			if r.Sheet != c.want {
				t.Errorf("--sheet %s: read %q", c.sheet, r.Sheet)
			}
			r.Close()
		}
		if msg != c.err {
			t.Errorf("--sheet %s: error %q, want %q", c.sheet, msg, c.err)
		}
	}
}

// shop is a workbook of a customers list under a title row and the sales,
// whose header names the customer id too.
func shop(t testing.TB) []byte {
	return book(t, func(f *excelize.File) {
		must(t, f.SetSheetName("Sheet1", "顧客"))
		must(t, f.SetCellStr("顧客", "A1", "顧客一覧"))
		must(t, f.SetSheetRow("顧客", "A2", &[]any{"顧客番号", "氏名", "電話"}))
		must(t, f.SetSheetRow("顧客", "A3", &[]any{"000101", "山田 花子", "03-1111-2222"}))
		_, err := f.NewSheet("売上")
		must(t, err)
		must(t, f.SetSheetRow("売上", "A1", &[]any{"伝票番号", "売上日", "顧客番号", "金額", "備考"}))
		must(t, f.SetSheetRow("売上", "A2", &[]any{"R1", "2025-01-16", "000101", "1200"}))
	})
}

// TestSheetFit checks that without --sheet the sheet whose header Fit
// scores highest is read, the first of equals, and that a workbook none
// of whose sheets fits is an error listing them, unless it has one sheet.
func TestSheetFit(t *testing.T) {
	has := func(names ...string) func([]string) int {
		return func(h []string) int {
			n := 0
			for _, want := range names {
				for _, c := range h {
					if c == want {
						n++
					}
				}
			}
			if n < len(names) {
				return 0
			}
			return len(h)
		}
	}
	data := shop(t)
	for _, c := range []struct {
		name string
		fit  func([]string) int
		want string // the sheet, or the error
	}{
		{"sales", has("顧客番号", "売上日"), "売上"},
		{"customers", has("顧客番号"), "売上"}, // a wider header fits better
		{"customers", has("顧客番号", "氏名"), "顧客"},
		{"any", func([]string) int { return 1 }, "顧客"},
		{"dated", has("日付"), `shop.xlsx: no sheet has a header that names a dated file's 日付; its sheets are "顧客", "売上"; give --sheet a name or a number from 1 to 2`},
	} {
		r, err := Open(data, Options{Name: "shop.xlsx", Choice: Choice{Fit: c.fit, Wants: "a " + c.name + " file's 日付"}, IsHeader: isCustomers})
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = r.Sheet
			if r.Sheet == "顧客" && r.HeaderLine() != 2 {
				t.Errorf("%s: header on line %d, want 2", c.name, r.HeaderLine())
			}
			r.Close()
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	one := book(t, func(f *excelize.File) {
		must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"顧客番号", "氏名"}))
	})
	r, err := Open(one, Options{Name: "one.xlsx", Choice: Choice{Fit: has("売上日"), Wants: "dates"}, IsHeader: isCustomers})
	if err != nil {
		t.Fatalf("a workbook of one sheet: %v", err)
	}
	defer r.Close()
	if h := strings.Join(r.Header(), "|"); r.Sheet != "Sheet1" || h != "顧客番号|氏名" {
		t.Errorf("a workbook of one sheet: read %q, header %q", r.Sheet, h)
	}
}

func TestRefused(t *testing.T) {
	ods := zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>")
	other := zipOf(t, "a.txt", "hello")
	xls := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"a.ods", ods, "a.ods is an OpenDocument spreadsheet (.ods), which custkit cannot read; open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx) or as CSV (Text CSV, UTF-8), and give that file"},
		{"a.zip", other, "a.zip is a zip archive, not a CSV file or a workbook; unpack it, or " + saveAs},
		{"a.xls", xls, "a.xls is an Excel 97–2003 workbook (.xls), which custkit cannot read; " + saveAs},
	} {
		_, err := Open(c.data, Options{Name: c.name})
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: got %v\nwant %s", c.name, err, c.want)
		}
	}
}

func zipOf(t *testing.T, files ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for i := 0; i < len(files); i += 2 {
		w, err := z.Create(files[i])
		must(t, err)
		_, err = w.Write([]byte(files[i+1]))
		must(t, err)
	}
	must(t, z.Close())
	return b.Bytes()
}
