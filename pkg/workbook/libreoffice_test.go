package workbook

import (
	"os"
	"strings"
	"testing"
)

// TestLibreOffice reads a workbook saved by LibreOffice Calc (see
// testdata/libreoffice/README.md), not by excelize: a merged title row,
// ids with the number format 000000, dates formatted yyyy年m月d日, amounts
// formatted #,##0 and formulas with the values LibreOffice calculated.
func TestLibreOffice(t *testing.T) {
	data, err := os.ReadFile("testdata/libreoffice/顧客名簿.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(data, Options{Name: "顧客名簿.xlsx", IsHeader: isCustomers})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Sheet != "顧客" || r.HeaderLine() != 2 {
		t.Errorf("sheet %q, header on line %d", r.Sheet, r.HeaderLine())
	}
	if h := strings.Join(r.Header(), "|"); h != "顧客番号|氏名|登録日|累計購入額|ポイント" {
		t.Errorf("header %q", h)
	}
	got := strings.Join(readAll(t, r), "\n")
	want := strings.Join([]string{
		"000101|山田 花子|2019-04-01|12500|125",
		"000102|佐藤 健一|2020-11-22|3300|33",
		"000103|鈴木 一郎|2024-01-10|0|0",
	}, "\n")
	if got != want {
		t.Errorf("rows:\n%s\nwant:\n%s", got, want)
	}
}
