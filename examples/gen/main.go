// Command gen writes the example data in examples/: the customers, sales,
// contacts and complaints of a small pottery and tableware shop in Kanazawa
// with three stores (S01 本店 in Higashiyama, S02 駅前店 at the station, S03
// 日本橋店 in Tokyo) selling 九谷焼 and 有田焼 teacups, plates and bowls, from
// January 2025 to November 2026.
//
// The output is deterministic (a fixed seed for math/rand/v2), so running
//
//	go run ./examples/gen
//
// from the repository root regenerates every file byte for byte; the test
// beside this file checks that the committed files are what gen writes.
// -dir writes elsewhere.
//
// sales_sjis.csv holds the same sales lines as sales.csv the way a Japanese
// shop usually receives them: saved by Excel on Windows as "CSV (コンマ区切り)",
// that is CP932 with CRLF line ends, Japanese headers in the register's own
// order, dates as 2026/11/22 10:15 and money as "\1,200" (Excel's ¥ currency
// format, whose ¥ is the byte 0x5C in CP932).
//
// The data carries the cases custkit's commands must handle: walk-in sales
// (no customer id), a customer id the customers file does not have, an id
// that lost its leading zeros ("105" for 000105), customers who never bought,
// a birthday on February 29, a company customer, phone numbers and postal
// codes written several ways, a product name with a comma and quotes, and the
// 九谷焼 湯呑み (P0042), usually bought with its 茶托 (P0043).
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

func main() {
	dir := flag.String("dir", "examples", "write the files into `dir`")
	flag.Parse()
	if err := writeAll(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// writeAll writes every example file into dir.
func writeAll(dir string) error {
	files, err := generate()
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// file is one generated file.
type file struct {
	name string
	data []byte
}

// generate builds the contents of every example file.
func generate() ([]file, error) {
	sales := newSales(rand.New(rand.NewPCG(20261122, 42)))
	var files []file
	for _, f := range []struct {
		name  string
		rows  [][]string
		cp932 bool
	}{
		{"customers.csv", customerRows(), false},
		{"sales.csv", saleRows(sales), false},
		{"sales_sjis.csv", saleRowsSJIS(sales), true},
		{"contacts.csv", contactRows(), false},
		{"complaints.csv", complaintRows(), false},
		{"unsubscribed.csv", unsubscribedRows(), false},
	} {
		data, err := encodeCSV(f.rows, f.cp932)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		files = append(files, file{f.name, data})
	}
	return files, nil
}

// encodeCSV writes rows as UTF-8 with LF, or as CP932 with CRLF. Every file
// is also encoded to CP932 once, so that no character a Japanese Windows
// export could not hold (𠮷, 〜 as U+301C) slips into the examples.
func encodeCSV(rows [][]string, cp932 bool) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = cp932
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	var sjis bytes.Buffer
	t := transform.NewWriter(&sjis, japanese.ShiftJIS.NewEncoder())
	if _, err := io.Copy(t, bytes.NewReader(buf.Bytes())); err != nil {
		return nil, fmt.Errorf("not representable in CP932: %w", err)
	}
	if err := t.Close(); err != nil {
		return nil, err
	}
	if cp932 {
		return sjis.Bytes(), nil
	}
	return buf.Bytes(), nil
}

// customer is one row of customers.csv, plus how often they shop.
type customer struct {
	id, name, kana, gender, birthday, phone, email, postal, address string
	company, title, store, registered, anniversary                  string
	mail, post                                                      string
	visits                                                          int    // receipts over the period; 0 = never bought
	until                                                           string // last possible visit, for lapsed customers
	trade                                                           bool   // buys by the dozen for a business
}

// customers are written by hand: the point of the examples is the variety
// of real records, which random text would not give.
var customers = []customer{
	{id: "000101", name: "山田 花子", kana: "ヤマダ ハナコ", gender: "女", birthday: "1978-04-12", phone: "090-1234-5678", email: "hanako.yamada@example.jp", postal: "920-0831", address: "石川県金沢市東山1丁目13番7号", store: "S01", registered: "2019-04-01", anniversary: "2004-10-10", mail: "1", post: "1", visits: 11},
	{id: "000102", name: "佐藤 健一", kana: "サトウ ケンイチ", gender: "男", birthday: "1965-11-30", phone: "076-252-3141", email: "k-sato@example.ne.jp", postal: "9200981", address: "石川県金沢市片町2-21-5", store: "S01", registered: "2019-05-18", mail: "1", post: "1", visits: 6},
	{id: "000103", name: "髙橋 美咲", kana: "タカハシ ミサキ", gender: "女", birthday: "1988-02-29", phone: "080-2345-6789", email: "misaki.t@example.com", postal: "〒921-8034", address: "石川県金沢市泉野町4丁目3番地12", store: "S01", registered: "2019-08-03", mail: "1", post: "0", visits: 5},
	{id: "000104", name: "田中 誠", kana: "タナカ マコト", gender: "男", birthday: "1952-01-03", phone: "03-3271-4455", postal: "103-0027", address: "東京都中央区日本橋3丁目6番2号 日本橋ハイツ502", store: "S03", registered: "2020-01-15", anniversary: "1979-06-02", mail: "0", post: "1", visits: 4},
	{id: "000105", name: "伊藤　由美子", kana: "イトウ　ユミコ", gender: "女", birthday: "1970-07-21", phone: "09033334444", email: "yumiko_ito@example.co.jp", postal: "920-0865", address: "石川県金沢市長町1-4-22", store: "S02", registered: "2020-03-20", anniversary: "1996-05-25", mail: "1", post: "1", visits: 8},
	{id: "000106", name: "渡辺 翔太", kana: "ワタナベ ショウタ", gender: "男", birthday: "1992-12-08", phone: "070-1111-2222", email: "shota.w@example.jp", postal: "920-0853", address: "石川県金沢市本町2丁目15番1号 ポルテ金沢1203号室", store: "S02", registered: "2020-06-11", mail: "1", post: "0", visits: 3},
	{id: "000107", name: "中村 恵", kana: "ナカムラ メグミ", email: "megumi.n@example.com", store: "S03", registered: "2020-09-09", mail: "1", post: "0"},
	{id: "000108", name: "小林 大輔", kana: "コバヤシ ダイスケ", gender: "男", birthday: "1983-05-05", phone: "+81-90-5555-6666", email: "daisuke.k@example.jp", postal: "844-0006", address: "佐賀県西松浦郡有田町大樽1丁目4番地", store: "S01", registered: "2021-02-14", anniversary: "2012-11-25", mail: "1", post: "1", visits: 3},
	{id: "000109", name: "加藤 さくら", kana: "カトウ サクラ", gender: "女", birthday: "1999-03-15", phone: "０９０－７７７７－８８８８", email: "SAKURA.KATO@EXAMPLE.JP", postal: "920-1192", address: "石川県金沢市角間町ヌ7番地", store: "S02", registered: "2021-04-01", mail: "1", post: "1", visits: 4},
	{id: "000110", name: "吉田 茂", kana: "ヨシダ シゲル", gender: "男", birthday: "1948-09-09", phone: "076(231)4567", postal: "920-0912", address: "石川県金沢市大手町5番18号", store: "S01", registered: "2019-04-20", anniversary: "1975-04-29", mail: "0", post: "1", visits: 3, until: "2025-06-30"},
	{id: "000111", name: "北村 拓也", kana: "キタムラ タクヤ", gender: "男", birthday: "1975-06-18", phone: "076-222-8080", email: "shiire@ryotei-kagaya.example.jp", postal: "920-0902", address: "石川県金沢市尾張町1丁目9番6号", company: "株式会社料亭かがや", title: "仕入担当", store: "S01", registered: "2019-10-01", mail: "1", post: "1", visits: 6, trade: true},
	{id: "000112", name: "山本 千尋", kana: "ヤマモト チヒロ", gender: "女", birthday: "1986-10-02", phone: "080-8888-1212", email: "chihiro@example.com", postal: "150-0001", address: "東京都渋谷区神宮前4-12-8", store: "S03", registered: "2021-07-07", anniversary: "2015-07-07", mail: "1", post: "0", visits: 5},
	{id: "000113", name: "松本 和也", kana: "マツモト カズヤ", gender: "男", birthday: "1990-08-25", phone: "090-2020-3030", email: "kazuya.m@example.ne.jp", postal: "534-0024", address: "大阪府大阪市都島区東野田町3丁目2番14号", store: "S03", registered: "2022-01-10", mail: "0", post: "0", visits: 1},
	{id: "000114", name: "井上 真由美", kana: "イノウエ マユミ", gender: "女", birthday: "1968-12-24", phone: "076-243-9090", email: "mayumi.inoue@example.jp", postal: "921-8111", address: "石川県金沢市若草町12番地3", store: "S02", registered: "2022-03-03", anniversary: "1992-12-20", mail: "1", post: "1", visits: 7},
	{id: "000115", name: "木村 浩二", kana: "キムラ コウジ", gender: "男", birthday: "1959-02-11", phone: "0762615432", postal: "920-0962", address: "石川県金沢市広坂1丁目2番32号", store: "S01", registered: "2022-04-29", mail: "0", post: "1", visits: 2, until: "2025-04-30"},
	{id: "000116", name: "林 優子", kana: "ハヤシ ユウコ", gender: "女", birthday: "1981-01-19", phone: "090-4545-6767", email: "yuko.h@example.com", postal: "102-0083", address: "東京都千代田区麹町3丁目7番地 麹町レジデンス305", store: "S03", registered: "2022-06-15", anniversary: "2010-06-12", mail: "1", post: "1", visits: 4},
	{id: "000117", name: "斎藤 陽菜", kana: "サイトウ ヒナ", gender: "女", birthday: "2001-04-30", phone: "080-3131-4141", email: "hina.saito@example.jp", postal: "920-0935", address: "石川県金沢市石引2-8-11", store: "S02", registered: "2026-10-28", mail: "1", post: "0", visits: 1},
	{id: "000118", name: "清水 健太", kana: "シミズ ケンタ", gender: "男", birthday: "1979-11-27", phone: "090-6060-7070", email: "kenta.s@example.co.jp", postal: "921-8062", address: "石川県金沢市新保本4丁目65番地11", store: "S02", registered: "2022-09-01", mail: "1", post: "1", visits: 3},
	{id: "000119", name: "山口 和子", kana: "ヤマグチ カズコ", gender: "女", birthday: "1945-03-03", phone: "076-241-1100", postal: "920-0855", address: "石川県金沢市武蔵町14番31号", store: "S01", registered: "2019-04-05", anniversary: "1968-10-12", mail: "0", post: "1", visits: 6},
	{id: "000120", name: "森 拓海", kana: "モリ タクミ", gender: "男", birthday: "1995-07-07", phone: "070-3434-5656", email: "takumi.mori@example.jp", postal: "108-0074", address: "東京都港区高輪2丁目14番地17", store: "S03", registered: "2023-01-20", mail: "1", post: "0", visits: 2},
	{id: "000121", name: "池田 直美", kana: "イケダ ナオミ", gender: "女", birthday: "1973-09-14", phone: "090-9191-2323", email: "naomi.ikeda@example.ne.jp", postal: "920-0061", address: "石川県金沢市問屋町2丁目1番地", store: "S02", registered: "2023-03-11", anniversary: "1999-09-19", mail: "1", post: "1", visits: 5},
	{id: "000122", name: "橋本 勇", kana: "ハシモト イサム", gender: "男", birthday: "1961-05-20", phone: "076-264-7788", postal: "921-8025", address: "石川県金沢市増泉3丁目10番2号", store: "S01", registered: "2023-05-05", mail: "0", post: "0", visits: 2},
	{id: "000123", name: "阿部 彩", kana: "アベ アヤ", gender: "女", birthday: "1997-12-01", phone: "080-7272-8383", email: "aya.abe@example.com", postal: "606-8305", address: "京都府京都市左京区吉田河原町15-9", store: "S03", registered: "2023-06-30", mail: "1", post: "0", visits: 1},
	{id: "000124", name: "石川 隆", kana: "イシカワ タカシ", gender: "男", birthday: "1956-08-08", phone: "076-280-1234", postal: "920-2121", address: "石川県白山市鶴来本町2丁目10番地", store: "S01", registered: "2023-08-19", anniversary: "1984-03-18", mail: "0", post: "1", visits: 3, until: "2025-09-30"},
	{id: "000125", name: "前田 里美", kana: "マエダ サトミ", gender: "女", birthday: "1984-04-04", phone: "090-1357-2468", email: "satomi.maeda@example.jp", postal: "920-0918", address: "石川県金沢市尾山町9-13 金沢尾山ビル4F", store: "S02", registered: "2023-10-10", anniversary: "2011-04-29", mail: "1", post: "1", visits: 6},
	{id: "000126", name: "藤田 修", kana: "フジタ オサム", gender: "男", birthday: "1970-10-10", email: "osamu.fujita@example.com", postal: "231-0023", address: "神奈川県横浜市中区山下町1番地", store: "S03", registered: "2024-01-08", mail: "1", post: "0", visits: 2},
	{id: "000127", name: "岡田 恭子", kana: "オカダ キョウコ", gender: "女", birthday: "1963-06-06", phone: "076-221-0606", postal: "920-0999", address: "石川県金沢市柿木畠3番1号", store: "S01", registered: "2024-02-22", anniversary: "1988-11-23", mail: "0", post: "1", visits: 4},
	{id: "000128", name: "長谷川 智子", kana: "ハセガワ トモコ", gender: "女", phone: "076-231-2200", email: "info@hotel-shirasagi.example.jp", postal: "920-0864", address: "石川県金沢市高岡町18番5号", company: "㈱ホテル白鷺", title: "総務部", store: "S02", registered: "2024-05-15", mail: "1", post: "1", visits: 3, trade: true},
	{id: "000129", name: "近藤 翼", kana: "コンドウ ツバサ", gender: "男", birthday: "2000-01-31", phone: "090-8642-9753", email: "tsubasa.k@example.jp", postal: "920-8203", address: "石川県金沢市鞍月5丁目181番地", store: "S02", registered: "2024-07-01", mail: "1", post: "0", visits: 2},
	{id: "000130", name: "遠藤 明美", kana: "エンドウ アケミ", gender: "女", birthday: "1977-02-28", phone: "080-1010-2020", email: "akemi.endo@example.co.jp", postal: "812-0011", address: "福岡県福岡市博多区博多駅前2丁目1番1号", store: "S03", registered: "2024-09-09", anniversary: "2003-02-14", mail: "1", post: "1", visits: 3},
	{id: "000131", name: "青木 悠斗", kana: "アオキ ユウト", gender: "男", birthday: "1989-12-12", phone: "070-5151-6262", email: "yuto.aoki@example.com", postal: "920-0804", address: "石川県金沢市鳴和1丁目7番地20", store: "S02", registered: "2025-03-01", mail: "1", post: "1", visits: 4},
	{id: "000132", name: "﨑山 陽子", kana: "サキヤマ ヨウコ", gender: "女", birthday: "1991-08-15", phone: "090-3030-4040", email: "yoko.sakiyama@example.jp", postal: "〒920-0811", address: "石川県金沢市小坂町中47番地", store: "S01", registered: "2025-11-20", mail: "1", post: "0", visits: 2},
	{id: "000133", name: "坂本 陸", kana: "サカモト リク", gender: "男", birthday: "1993-03-21", phone: "080-4040-5050", email: "riku.s@example.ne.jp", postal: "920-0025", address: "石川県金沢市駅西本町1丁目14番29号", store: "S02", registered: "2026-06-01", mail: "1", post: "0", visits: 2},
	{id: "000134", name: "西田 美穂", kana: "ニシダ ミホ", gender: "女", birthday: "1982-11-25", phone: "090-6262-7373", email: "miho.nishida@example.jp", postal: "921-8044", address: "石川県金沢市米泉町6丁目90番地", store: "S01", registered: "2026-11-15", mail: "1", post: "1"},
}

func customerRows() [][]string {
	rows := [][]string{{"customer_id", "name", "name_kana", "gender", "birthday", "phone", "email", "postal_code", "address",
		"company", "title", "store_id", "registered_at", "anniversary", "mail_opt_in", "post_opt_in"}}
	for _, c := range customers {
		rows = append(rows, []string{c.id, c.name, c.kana, c.gender, c.birthday, c.phone, c.email, c.postal, c.address,
			c.company, c.title, c.store, c.registered, c.anniversary, c.mail, c.post})
	}
	return rows
}

// product is one item of the shop's catalogue.
type product struct {
	id, name, category string
	price              int
	weight             int // how often it is the first item of a receipt
}

var products = []product{
	{"P0001", "有田焼 染付 小皿", "皿", 1980, 6},
	{"P0002", "有田焼 染付 中皿", "皿", 3520, 5},
	{"P0003", "有田焼 白磁 大皿", "皿", 8800, 2},
	{"P0004", "九谷焼 銘々皿 5枚組", "皿", 11000, 2},
	{"P0005", `九谷焼 豆皿 "赤絵", 5枚組`, "皿", 6600, 3},
	{"P0011", "有田焼 飯碗", "碗・鉢", 2420, 5},
	{"P0012", "九谷焼 飯碗", "碗・鉢", 3080, 4},
	{"P0013", "有田焼 小鉢", "碗・鉢", 1760, 5},
	{"P0014", "九谷焼 盛鉢", "碗・鉢", 7700, 2},
	{"P0021", "有田焼 マグカップ", "カップ", 2750, 4},
	{"P0022", "九谷焼 ペアマグ", "カップ", 9900, 2},
	{"P0031", "九谷焼 急須", "茶器", 12100, 2},
	{"P0041", "有田焼 湯呑み", "茶器", 2200, 4},
	{"P0042", "九谷焼 湯呑み", "茶器", 3300, 7},
	{"P0043", "九谷焼 茶托", "茶器", 1650, 1},
	{"P0051", "箸置き 5個セット", "小物", 1320, 3},
	{"P0052", "輪島塗 箸", "小物", 1100, 3},
	{"P0090", "ギフト包装", "サービス", 330, 0},
}

func productByID(id string) product {
	for _, p := range products {
		if p.id == id {
			return p
		}
	}
	panic("gen: no product " + id)
}

// line is one sales line.
type line struct {
	receipt, customer string
	at                time.Time
	store             string
	p                 product
	qty               int
}

// The period the sales cover.
var (
	firstDay = time.Date(2025, 1, 4, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
)

// visit is one receipt before its lines are drawn.
type visit struct {
	at       time.Time
	customer string // "" for a walk-in
	store    string
	trade    bool
	only     string // the one product bought, instead of a drawn basket
}

// newSales draws the receipts: each customer's visits between their
// registration (or the first day) and the last day, walk-ins spread over the
// whole period, and two receipts whose customer id the customers file lacks.
func newSales(r *rand.Rand) []line {
	var visits []visit
	for _, c := range customers {
		from := firstDay
		if reg := mustDate(c.registered); reg.After(from) {
			from = reg
		}
		to := lastDay
		if c.until != "" {
			to = mustDate(c.until)
		}
		for range c.visits {
			store := c.store
			if r.IntN(5) == 0 {
				store = fmt.Sprintf("S%02d", 1+r.IntN(3))
			}
			visits = append(visits, visit{at: randomTime(r, from, to), customer: c.id, store: store, trade: c.trade})
		}
	}
	for range 48 {
		visits = append(visits, visit{at: randomTime(r, firstDay, lastDay), store: fmt.Sprintf("S%02d", 1+r.IntN(3))})
	}
	// A card from the shop's previous system, and an id that lost its
	// leading zeros on the way through a spreadsheet.
	visits = append(visits,
		visit{at: randomTime(r, firstDay, lastDay), customer: "000199", store: "S01", only: "P0042"},
		visit{at: randomTime(r, firstDay, lastDay), customer: "105", store: "S02", only: "P0013"})
	slices.SortStableFunc(visits, func(a, b visit) int { return a.at.Compare(b.at) })

	var lines []line
	seq := map[string]int{} // receipts per store and day
	for _, v := range visits {
		key := v.store + v.at.Format("20060102")
		seq[key]++
		receipt := fmt.Sprintf("%s-%s-%03d", v.store, v.at.Format("20060102"), seq[key])
		var items []item
		if v.only != "" {
			items = []item{{productByID(v.only), 1}}
		} else {
			items = basket(r, v.trade)
		}
		for _, it := range items {
			lines = append(lines, line{receipt: receipt, customer: v.customer, at: v.at, store: v.store, p: it.p, qty: it.qty})
		}
	}
	return lines
}

type item struct {
	p   product
	qty int
}

// basket draws the lines of one receipt. The 九谷焼 湯呑み usually comes
// with its 茶托 in the same number, and a larger purchase is often gift
// wrapped; a trade customer buys by the dozen.
func basket(r *rand.Rand, trade bool) []item {
	n := 1 + r.IntN(3)
	var items []item
	have := func(id string) bool {
		return slices.ContainsFunc(items, func(it item) bool { return it.p.id == id })
	}
	for len(items) < n {
		p := pickProduct(r)
		if have(p.id) {
			continue
		}
		qty := 1 + r.IntN(2)
		if p.category == "茶器" && p.id != "P0031" && r.IntN(3) == 0 {
			qty = 5
		}
		if trade {
			qty = 10 * (1 + r.IntN(3))
		}
		items = append(items, item{p, qty})
		if p.id == "P0042" && r.IntN(10) < 7 && !have("P0043") {
			items = append(items, item{productByID("P0043"), qty})
		}
	}
	total := 0
	for _, it := range items {
		total += it.p.price * it.qty
	}
	if !trade && total >= 5000 && r.IntN(4) == 0 {
		items = append(items, item{productByID("P0090"), 1})
	}
	return items
}

func pickProduct(r *rand.Rand) product {
	sum := 0
	for _, p := range products {
		sum += p.weight
	}
	n := r.IntN(sum)
	for _, p := range products {
		if n < p.weight {
			return p
		}
		n -= p.weight
	}
	panic("gen: weights")
}

// randomTime is a day in [from, to] at a time in opening hours (10:00-18:59).
func randomTime(r *rand.Rand, from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours()/24) + 1
	d := from.AddDate(0, 0, r.IntN(days))
	return d.Add(time.Duration(10*60+r.IntN(9*60)) * time.Minute)
}

func mustDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic("gen: " + err.Error())
	}
	return t
}

func saleRows(lines []line) [][]string {
	rows := [][]string{{"receipt_id", "customer_id", "sold_at", "store_id", "product_id", "product_name", "category", "quantity", "unit_price", "amount"}}
	for _, l := range lines {
		rows = append(rows, []string{l.receipt, l.customer, l.at.Format("2006-01-02 15:04:05"), l.store, l.p.id, l.p.name, l.p.category,
			strconv.Itoa(l.qty), strconv.Itoa(l.p.price), strconv.Itoa(l.qty * l.p.price)})
	}
	return rows
}

// saleRowsSJIS is the register's own layout after a round trip through
// Japanese Excel: customer number first, Japanese headers, 2026/11/22 10:15
// dates and \1,200 money.
func saleRowsSJIS(lines []line) [][]string {
	rows := [][]string{{"顧客番号", "レシート番号", "売上日", "店舗", "商品コード", "商品名", "分類", "数量", "単価", "金額"}}
	for _, l := range lines {
		rows = append(rows, []string{l.customer, l.receipt, l.at.Format("2006/01/02 15:04"), l.store, l.p.id, l.p.name, l.p.category,
			strconv.Itoa(l.qty), yen(l.p.price), yen(l.qty * l.p.price)})
	}
	return rows
}

// yen writes n the way Excel's currency format saves it in CP932: \1,200.
func yen(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	b.WriteByte('\\')
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// unsubscribedRows is the shop's list of people who asked for no more mail
// (mailing --suppress), kept by hand the way such lists are: one key per
// row, in whatever form the request came in. Each row matches a customer
// only after normalisation: an email in other case, a phone number in
// full-width digits, an id that lost its leading zeros in a spreadsheet.
func unsubscribedRows() [][]string {
	return [][]string{
		{"customer_id", "email", "phone"},
		{"", "Sakura.Kato@example.jp", ""},
		{"", "", "０７６－２５２－３１４１"},
		{"114", "", ""},
	}
}

func contactRows() [][]string {
	return [][]string{
		{"customer_id", "contacted_at", "staff", "channel", "summary"},
		{"000101", "2025-03-14 15:20", "村田", "来店", "桜の柄の湯呑みを探している。入荷したら連絡希望"},
		{"000101", "2025-04-02 11:05", "村田", "電話", "桜柄の九谷焼 湯呑みが入荷した旨を連絡。週末に来店予定"},
		{"000111", "2025-06-10 10:00", "大野", "訪問", "秋の会席用に銘々皿と盛鉢を30客分見積もり。\n納期は9月末まで"},
		{"000104", "2025-09-01 14:30", "佐々木", "メール", "お届け先住所の変更(日本橋3丁目へ転居)"},
		{"000128", "2025-12-03 16:45", "大野", "電話", "客室用の湯呑みと茶托、50客の追加注文の相談"},
		{"000105", "2026-02-20 13:10", "村田", "来店", "母の日のギフト、名入れの可否について問い合わせ"},
		{"000121", "2026-07-18 12:00", "佐々木", "DM", "夏の作家展の案内を送付"},
		{"000114", "2026-10-05 17:25", "村田", "電話", "割れた急須の修理(金継ぎ)について相談, 見積もりを郵送"},
	}
}

// complaintRows is the shop's complaints as custkit complaint add and
// update keep them: an id per complaint (C, the day received, a number),
// the status in the default vocabulary (未対応, 対応中, 完了), who handled it
// last, and the day a closed one was closed.
func complaintRows() [][]string {
	return [][]string{
		{"customer_id", "received_at", "product_id", "summary", "status", "resolution", "complaint_id", "staff", "closed_at"},
		{"000102", "2025-05-12", "P0002", "配送中に中皿が割れていた", "完了", "同じ品を再送し、割れた品は回収", "C20250512-001", "大野", "2025-05-16"},
		{"000112", "2025-08-30", "P0022", "ペアマグの片方の絵付けにかすれ", "完了", "交換品を送付", "C20250830-001", "佐々木", "2025-09-05"},
		{"000125", "2026-01-15", "P0042", "湯呑みの色味がサイトの写真と違う", "完了", "返品を受け付け、返金済み", "C20260115-001", "大野", "2026-01-27"},
		{"", "2026-06-07", "P0005", "店頭で購入した豆皿の1枚に欠け(レシートあり、会員カードなし)", "完了", "同じ柄の豆皿1枚と交換", "C20260607-001", "村田", "2026-06-07"},
		{"000109", "2026-11-18", "P0031", "急須の蓋が閉まりにくい", "対応中", "", "C20261118-001", "村田", ""},
	}
}
