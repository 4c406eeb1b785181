// Package layoutdata builds the example exports under examples/layouts: small
// files in the shapes of the register, POS and spreadsheet exports described
// in docs/layouts.md, written byte for byte in the encoding, delimiter and
// line ends each one uses, so that tests can read them as a shop would hand
// them over.
//
// The files are generated rather than edited by hand because Shift_JIS and
// UTF-16 cannot be written reliably with a text editor or a shell. Run
// `go run ./examples/layouts/gen` from the repository root after changing
// anything here; the package's test fails while the committed files differ
// from what Files returns.
package layoutdata

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Dir is where the files live, relative to the repository root.
const Dir = "examples/layouts"

// format says how one file is written.
type format struct {
	enc      encoding.Encoding // nil: UTF-8 without BOM
	sep      string            // field separator
	eol      string            // line end
	quoteAll bool              // quote every field, as some registers do
}

var (
	cp932CRLF = format{enc: japanese.ShiftJIS, sep: ",", eol: "\r\n"}
	utf8LF    = format{sep: ",", eol: "\n"}
	asciiCRLF = format{sep: ",", eol: "\r\n", quoteAll: true}
	utf16TSV  = format{enc: unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), sep: "\t", eol: "\r\n"}
)

type file struct {
	name string
	f    format
	rows [][]string
}

// Files returns every example file by its name under Dir.
func Files() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, fl := range all() {
		b, err := render(fl)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fl.name, err)
		}
		out[fl.name] = b
	}
	return out, nil
}

// Names returns the file names in a stable order.
func Names() []string {
	var names []string
	for _, fl := range all() {
		names = append(names, fl.name)
	}
	sort.Strings(names)
	return names
}

func render(fl file) ([]byte, error) {
	var buf strings.Builder
	for _, row := range fl.rows {
		for i, field := range row {
			if i > 0 {
				buf.WriteString(fl.f.sep)
			}
			buf.WriteString(quote(field, fl.f))
		}
		buf.WriteString(fl.f.eol)
	}
	text := buf.String()
	if fl.f.enc == nil {
		return []byte(text), nil
	}
	var out bytes.Buffer
	w := fl.f.enc.NewEncoder().Writer(&out)
	if _, err := w.Write([]byte(text)); err != nil {
		return nil, err // a character the encoding lacks
	}
	return out.Bytes(), nil
}

func quote(s string, f format) string {
	if f.quoteAll || strings.ContainsAny(s, "\"\r\n"+f.sep) {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

func all() []file {
	sq := square()
	sq16 := sq
	sq16.name, sq16.f = "square-item-details-utf16.tsv", utf16TSV
	return []file{customers(), smaregi(), airregi(), sq, sq16, casio(), makeshop(), shopify()}
}

// makeshop is a MakeShop 注文出力 file (docs/layouts.md): 日付 without
// zero padding and 注文時間 as hhmmss in two columns, 処理状況 with a
// cancelled order (注文キャンセル), a guest order without a 会員ID, and an
// order of two lines. The columns after 処理状況 are placeholders: the
// source reached lists no product columns.
func makeshop() file {
	return file{name: "makeshop-chumon.csv", f: cp932CRLF, rows: [][]string{
		{"日付", "注文時間", "注文番号", "処理状況", "会員ID", "注文者", "商品名", "数量", "単価"},
		{"2024/11/3", "103309", "P0001", "配送", "M0001", "山田 花子", "茶碗 藍", "1", "3300"},
		{"2024/11/3", "103309", "P0001", "配送", "M0001", "山田 花子", "湯呑 白磁", "2", "1650"},
		{"2024/11/8", "090512", "P0002", "注文キャンセル", "M0002", "佐藤 健", "急須 常滑", "1", "5500"},
		{"2024/11/15", "141500", "P0003", "未処理", "", "森 一郎", "煎茶 100g", "1", "1080"},
		{"2024/11/20", "200000", "P0004", "配送", "M0003", "鈴木 美咲", "茶碗 藍", "1", "3300"},
		{"2024/11/28", "235959", "P0005", "未処理", "M0001", "山田 花子", "煎茶 100g", "2", "1080"},
	}}
}

// shopify is Shopify's orders export (docs/layouts.md), cut to the
// columns that matter here: one row per line item, the order's totals
// (Subtotal, Shipping, Taxes, Total, Discount Amount) and Financial Status
// on its first row only; Created at with the store's UTC offset; a voided
// order, an order with a discount code and shipping, a guest order without
// an e-mail address. The customer is the e-mail: the export has no
// customer number.
func shopify() file {
	h := []string{"Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Accepts Marketing", "Currency",
		"Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Created at",
		"Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku", "Lineitem discount",
		"Billing Name", "Cancelled at", "Refunded Amount", "Id"}
	return file{name: "shopify-orders.csv", f: utf8LF, rows: [][]string{h,
		{"#1001", "hanako@example.jp", "paid", "2024-11-03 10:15:02 +0900", "fulfilled", "yes", "JPY",
			"6600", "800", "600", "7400", "", "0", "2024-11-03 10:15:00 +0900",
			"1", "茶碗 藍", "3300", "4901234567894", "0", "山田 花子", "", "0", "5550001001"},
		{"#1001", "hanako@example.jp", "", "", "", "", "",
			"", "", "", "", "", "", "2024-11-03 10:15:00 +0900",
			"2", "湯呑 白磁", "1650", "4901234567900", "0", "", "", "", ""},
		{"#1002", "ken@example.com", "voided", "", "", "no", "JPY",
			"5500", "0", "500", "5500", "", "0", "2024-11-08 09:05:12 +0900",
			"1", "急須 常滑", "5500", "4901234567917", "0", "佐藤 健", "2024-11-08 12:00:00 +0900", "0", "5550001002"},
		{"#1003", "misaki@example.net", "paid", "2024-11-20 20:00:05 +0900", "fulfilled", "yes", "JPY",
			"3300", "800", "270", "3770", "WELCOME10", "330", "2024-11-20 20:00:00 +0900",
			"1", "茶碗 藍", "3300", "4901234567894", "0", "鈴木 美咲", "", "0", "5550001003"},
		{"#1004", "", "paid", "2024-11-15 14:15:01 +0900", "fulfilled", "no", "JPY",
			"1080", "800", "98", "1880", "", "0", "2024-11-15 14:15:00 +0900",
			"1", "煎茶 100g", "1080", "4901234567924", "0", "森 一郎", "", "0", "5550001004"},
		{"#1005", "hanako@example.jp", "paid", "2024-11-28 23:59:59 +0900", "unfulfilled", "yes", "JPY",
			"2160", "0", "196", "2160", "", "0", "2024-11-28 23:59:59 +0900",
			"2", "煎茶 100g", "1080", "4901234567924", "0", "山田 花子", "", "0", "5550001005"},
	}}
}

// customers is an Excel 顧客名簿 saved as CSV (Shift_JIS, CRLF): split address
// columns, the shop's member number as 顧客番号, era birthdays and consent
// marks as people type them.
func customers() file {
	return file{name: "excel-kokyaku-meibo.csv", f: cp932CRLF, rows: [][]string{
		{"顧客番号", "氏名", "フリガナ", "〒", "都道府県", "市区町村", "番地", "建物名", "電話", "携帯", "メール", "生年月日", "登録日", "DM可否"},
		{"M0001", "山田 花子", "ヤマダ ハナコ", "150-0001", "東京都", "渋谷区神宮前", "1-2-3", "神宮前ハイツ201", "03-1234-5678", "090-1111-2222", "hanako@example.jp", "S53.4.12", "2018/04/01", "〇"},
		{"M0002", "佐藤 健", "サトウ ケン", "530-0001", "大阪府", "大阪市北区梅田", "2-4-6", "", "06-2345-6789", "", "ken@example.com", "1985/07/23", "2019/10/15", "×"},
		{"M0003", "鈴木 美咲", "スズキ ミサキ", "460-0008", "愛知県", "名古屋市中区栄", "3-5-1", "栄ビル5F", "052-345-6789", "080-3333-4444", "misaki@example.net", "平成2年11月3日", "2021/06/20", "〇"},
		{"M0004", "高橋 誠", "タカハシ マコト", "810-0001", "福岡県", "福岡市中央区天神", "1-1-1", "", "", "070-5555-6666", "makoto@example.org", "1972/02/29", "2024/11/02", "×"},
		{"M0005", "田中 陽子", "タナカ ヨウコ", "060-0001", "北海道", "札幌市中央区北一条西", "4-2", "北一条マンション1002", "011-222-3333", "", "yoko@example.jp", "1990/05/05", "2020/01/10", "〇"},
	}}
}

// smaregiHeader is a subset of the columns of a Smaregi 取引明細 CSV, spelled as
// the export spells them (the 取引明細区分 header carries its codes in
// full-width brackets). Header-level columns (取引区分, 取消区分, 小計, 合計)
// repeat on every line of a receipt.
var smaregiHeader = []string{
	"取引ID", "取引日時", "取引区分", "取消区分", "小計", "合計", "店舗ID", "会員ID", "会員コード",
	"取引明細ID", "取引明細区分 （1：通常、2：返品、3：部門売り）", "商品ID", "商品コード", "商品名", "部門名",
	"販売単価", "数量", "値引き後計", "レシート番号",
}

// smaregi is a month of Smaregi 取引明細 (line level): a voided receipt
// (取消区分 1), a receipt made only of a return, an exchange (a sale and a
// return on one receipt), a walk-in, a transaction that is no sale
// (取引区分 6), and both 会員ID and 会員コード.
func smaregi() file {
	type line struct {
		detail, kind, pid, code, name, dept, price, qty, total string
	}
	type receipt struct {
		id, at, cancel, subtotal, total, memberID, memberCode, receiptNo string
		lines                                                            []line
	}
	chawan := func(d, kind, qty, total string) line {
		return line{d, kind, "101", "4901234567894", "茶碗 藍", "器", "3300", qty, total}
	}
	yunomi := func(d, kind, qty, total string) line {
		return line{d, kind, "102", "4901234567900", "湯呑 白磁", "器", "1650", qty, total}
	}
	kyusu := func(d string) line {
		return line{d, "1", "103", "4901234567917", "急須 常滑", "器", "5500", "1", "5500"}
	}
	chaba := func(d, qty, total string) line {
		return line{d, "1", "104", "4901234567924", "煎茶 100g", "茶葉", "1080", qty, total}
	}
	receipts := []receipt{
		{"5001", "2024-11-02 10:15:30", "0", "6000", "6600", "1001", "M0001", "0001-0001",
			[]line{chawan("1", "1", "1", "3300"), yunomi("2", "1", "2", "3300")}},
		{"5002", "2024-11-05 14:02:11", "0", "5000", "5500", "1002", "M0002", "0001-0002",
			[]line{kyusu("1")}},
		{"5003", "2024-11-08 11:30:00", "1", "3000", "3300", "1002", "M0002", "0001-0003",
			[]line{chawan("1", "1", "1", "3300")}},
		{"5004", "2024-11-10 16:45:00", "0", "1500", "1650", "", "", "0001-0004",
			[]line{yunomi("1", "1", "1", "1650")}},
		{"5005", "2024-11-15 13:20:00", "0", "-3000", "-3300", "1001", "M0001", "0001-0005",
			[]line{chawan("1", "2", "-1", "-3300")}},
		{"5006", "2024-11-20 10:05:00", "0", "1500", "1650", "1003", "M0003", "0001-0006",
			[]line{chawan("1", "1", "1", "3300"), yunomi("2", "2", "-1", "-1650")}},
		{"5007", "2024-11-22 15:15:00", "0", "7000", "7660", "1004", "M0004", "0001-0007",
			[]line{kyusu("1"), chaba("2", "2", "2160")}},
		{"5008", "2024-11-28 12:00:00", "0", "1500", "1650", "1001", "M0001", "0001-0008",
			[]line{yunomi("1", "1", "1", "1650")}},
	}
	rows := [][]string{smaregiHeader}
	for _, r := range receipts {
		for _, l := range r.lines {
			rows = append(rows, []string{
				r.id, r.at, "1", r.cancel, r.subtotal, r.total, "1", r.memberID, r.memberCode,
				l.detail, l.kind, l.pid, l.code, l.name, l.dept, l.price, l.qty, l.total, r.receiptNo,
			})
		}
	}
	// 5009 is no sale: points added to M0001 (取引区分 6, ポイント加算), in
	// the file's shape; it must change no customer's answer.
	rows = append(rows, []string{
		"5009", "2024-11-25 09:40:00", "6", "0", "0", "0", "1", "1001", "M0001",
		"1", "1", "", "", "", "", "0", "0", "0", "0001-0009",
	})
	return file{name: "smaregi-torihiki-meisai.csv", f: cp932CRLF, rows: rows}
}

// airregi is a month of Airレジ 会計明細 (one line per item, the 会計's own
// columns repeated): 会計日 and 会計時間 in separate columns beside 来店日 and
// 来店時間, and the customer columns added in 2024 (顧客番号 is the shop's
// お客様番号).
func airregi() file {
	rows := [][]string{{
		"取引No", "来店日", "来店時間", "会計日", "会計時間", "合計", "小計", "内消費税", "人数", "商品点数",
		"カテゴリー名", "メニュー名", "価格", "注文数量", "顧客名", "顧客名(カナ)", "顧客番号",
	}}
	add := func(no, day, visit, paid, total, sub, tax, people, items, cat, menu, price, qty, name, kana, id string) {
		rows = append(rows, []string{no, day, visit, day, paid, total, sub, tax, people, items, cat, menu, price, qty, name, kana, id})
	}
	add("000101", "2024/11/03", "10:58:02", "11:02:45", "4380", "4000", "380", "1", "2", "器", "茶碗 藍", "3300", "1", "田中 陽子", "タナカ ヨウコ", "M0005")
	add("000101", "2024/11/03", "10:58:02", "11:02:45", "4380", "4000", "380", "1", "2", "茶葉", "煎茶 100g", "1080", "1", "田中 陽子", "タナカ ヨウコ", "M0005")
	add("000102", "2024/11/12", "17:31:40", "17:40:10", "3300", "3000", "300", "2", "2", "器", "湯呑 白磁", "1650", "2", "", "", "")
	add("000103", "2024/11/19", "10:21:05", "10:30:00", "5500", "5000", "500", "1", "1", "器", "急須 常滑", "5500", "1", "佐藤 健", "サトウ ケン", "M0002")
	add("000104", "2024/11/29", "12:59:30", "13:05:00", "1650", "1500", "150", "1", "1", "器", "湯呑 白磁", "1650", "1", "田中 陽子", "タナカ ヨウコ", "M0005")
	return file{name: "airregi-kaikei-meisai.csv", f: cp932CRLF, rows: rows}
}

// square is a month of Square item details with the column names of the
// English dashboard: Customer ID is Square's internal id, Customer Reference
// ID the shop's member number; a refund is its own event. The same rows are
// also written as UTF-16LE with tabs, the shape reported for Excel-friendly
// exports, so that both encodings can be tested on one answer.
func square() file {
	rows := [][]string{{
		"Date", "Time", "Time Zone", "Category", "Item", "Qty", "Price Point Name", "SKU", "Modifiers Applied",
		"Gross Sales", "Discounts", "Net Sales", "Tax", "Transaction ID", "Payment ID", "Device Name", "Notes",
		"Details", "Event Type", "Location", "Dining Option", "Customer ID", "Customer Name", "Customer Reference ID",
	}}
	add := func(date, tm, cat, item, qty, sku, gross, disc, net, tax, txn, pay, event, cid, cname, cref string) {
		rows = append(rows, []string{date, tm, "Osaka, Sapporo, Tokyo", cat, item, qty, "Regular", sku, "",
			gross, disc, net, tax, txn, pay, "iPad 1", "", "", event, "本店", "", cid, cname, cref})
	}
	add("2024-11-04", "12:30:15", "器", "茶碗 藍", "1", "4901234567894", "¥3,300", "¥0", "¥3,300", "¥300",
		"sqT1aX", "sqP1aX", "Payment", "7ZQ0XK6N8S3M0003", "鈴木 美咲", "M0003")
	add("2024-11-09", "09:45:00", "器", "急須 常滑", "1", "4901234567917", "¥5,500", "¥0", "¥5,500", "¥500",
		"sqT2bY", "sqP2bY", "Payment", "7ZQ0XK6N8S4M0004", "高橋 誠", "M0004")
	add("2024-11-09", "09:45:00", "茶葉", "煎茶 100g", "2", "4901234567924", "¥2,160", "¥0", "¥2,160", "¥160",
		"sqT2bY", "sqP2bY", "Payment", "7ZQ0XK6N8S4M0004", "高橋 誠", "M0004")
	add("2024-11-18", "18:10:00", "茶葉", "煎茶 100g", "-1", "4901234567924", "-¥1,080", "¥0", "-¥1,080", "-¥80",
		"sqT3cZ", "sqP2bY", "Refund", "7ZQ0XK6N8S4M0004", "高橋 誠", "M0004")
	add("2024-11-21", "11:11:11", "器", "湯呑 白磁", "1", "4901234567900", "¥1,650", "¥0", "¥1,650", "¥150",
		"sqT4dW", "sqP4dW", "Payment", "", "", "")
	add("2024-11-26", "16:00:00", "器", "急須 常滑", "1", "4901234567917", "¥5,500", "-¥550", "¥4,950", "¥450",
		"sqT5eV", "sqP5eV", "Payment", "7ZQ0XK6N8S3M0003", "鈴木 美咲", "M0003")
	return file{name: "square-item-details.csv", f: utf8LF, rows: rows}
}

// casio is the fixed-totalizer file a Casio SE-S100 writes to its SD card at
// a Z report: a block of key/value lines, then a title row and totals. It
// holds no receipt, no customer and no product line.
func casio() file {
	return file{name: "casio-se-s100-Z001_22.CSV", f: asciiCRLF, rows: [][]string{
		{"MACHINE ", "MC#01 "},
		{"MODE ", "Z "},
		{"Z COUNTER ", "0012"},
		{"DATE ", "22-11-2024"},
		{"TIME ", "21:39"},
		{"RECORD ", "DESCRIPTOR ", "QUANTITY/No ", "AMOUNT "},
		{"0001", "GROSS ", "9", "21560"},
		{"0002", "NET ", "6", "21560"},
		{"0003", "CAID ", "6", "21560"},
	}}
}
