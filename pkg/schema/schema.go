// Package schema knows the logical fields of custkit's four kinds of file
// (customers, sales, contacts, complaints), the header names each field goes
// by in real exports, and which fields hold personal data.
//
// It is the step of the data path after [rows]: [Kind.Bind] maps a file's
// header row to logical fields. Header names are compared after Unicode NFKC
// normalisation, case folding, trimming and treating space, '-' and '_' alike,
// so that "Customer ID", "customer_id", "ＣＵＳＴＯＭＥＲ＿ＩＤ" and "顧客番号"
// all find customer_id. Columns that map to no field pass through untouched.
package schema

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/custkit/custkit/pkg/overlap"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Field is a logical field name such as "customer_id".
type Field string

// The logical fields, by the name used in output and config.
const (
	CustomerID   Field = "customer_id"
	Name         Field = "name"
	NameKana     Field = "name_kana"
	Gender       Field = "gender"
	Birthday     Field = "birthday"
	Phone        Field = "phone"
	Email        Field = "email"
	PostalCode   Field = "postal_code"
	Address      Field = "address"
	Address2     Field = "address2"
	Company      Field = "company"
	Department   Field = "department"
	Title        Field = "title"
	StoreID      Field = "store_id"
	RegisteredAt Field = "registered_at"
	Anniversary  Field = "anniversary"
	MailOptIn    Field = "mail_opt_in"
	PostOptIn    Field = "post_opt_in"
	LastPurchase Field = "last_purchase"
	ReceiptID    Field = "receipt_id"
	SoldAt       Field = "sold_at"
	ProductID    Field = "product_id"
	ProductName  Field = "product_name"
	Category     Field = "category"
	Quantity     Field = "quantity"
	UnitPrice    Field = "unit_price"
	Amount       Field = "amount"
	ContactedAt  Field = "contacted_at"
	Staff        Field = "staff"
	Channel      Field = "channel"
	Summary      Field = "summary"
	ReceivedAt   Field = "received_at"
	Status       Field = "status"
	Resolution   Field = "resolution"
	// ComplaintID names one complaint, so that its handling can be
	// followed up (custkit complaint update); ClosedAt is when it was
	// closed, for the days a complaint took.
	ComplaintID Field = "complaint_id"
	ClosedAt    Field = "closed_at"

	// The parts of an address split over several columns, as customer
	// lists made in a spreadsheet have them (〒, 都道府県, 市区町村, 番地,
	// 建物名): together with address2 they are the customer's address.
	Prefecture Field = "prefecture"
	City       Field = "city"
	Street     Field = "street"

	// SoldTime is the time of sale when a register writes it in a column
	// of its own beside the date (Airレジ 会計日 + 会計時間, Square Date +
	// Time); record reads sold_at as the two together.
	SoldTime Field = "sold_time"
	// AmountExcl is a line's amount without consumption tax; Amount is the
	// amount with it. Which one spend adds up is the config's amount.
	AmountExcl Field = "amount_tax_excluded"
	// Void marks a line of a receipt voided (cancelled) at the register
	// (取消区分); SaleKind says whether a line is a sale or a return
	// (取引明細区分, Event Type). Their values are read by pkg/record
	// (record.VoidVocab, record.KindVocab).
	Void     Field = "void"
	SaleKind Field = "kind"
	// TxClass says whether a row is a sale at all (Smaregi's 取引区分: 1
	// is a sale; 入金, 出金, points and tips are not); Cancelling marks
	// both records of a cancellation made by a negating entry (Smaregi's
	// 打消区分), which are void like a voided receipt (record.OtherVocab,
	// record.VoidVocab).
	TxClass    Field = "transaction_class"
	Cancelling Field = "cancelling"
)

// Kind is one kind of input file and the fields it may have.
type Kind struct {
	Name     string  // "customers", "sales", ...
	Fields   []Field // in the order output lists them
	Required []Field // a file without these cannot be used
	// Expected are the fields beside Required that make a file what the
	// kind is: a sales line's date, which every command that reads dates
	// requires (record.Decoder.Require). A file without them is still
	// bound, for the commands that do without (join, recommend without a
	// window), but check reports each one missing (Kind.Expect), and a
	// workbook's sheet without them is not picked for the kind (Kind.Fit).
	Expected []Field
}

// The four kinds of file custkit reads.
var (
	Customers = Kind{Name: "customers", Required: []Field{CustomerID}, Fields: []Field{
		CustomerID, Name, NameKana, Gender, Birthday, Phone, Email, PostalCode, Address, Address2,
		Company, Department, Title, StoreID, RegisteredAt, Anniversary, MailOptIn, PostOptIn, LastPurchase,
		Prefecture, City, Street}}
	Sales = Kind{Name: "sales", Required: []Field{CustomerID}, Expected: []Field{SoldAt}, Fields: []Field{
		ReceiptID, CustomerID, SoldAt, StoreID, ProductID, ProductName, Category, Quantity, UnitPrice, Amount,
		SoldTime, AmountExcl, Void, SaleKind, TxClass, Cancelling}}
	Contacts = Kind{Name: "contacts", Required: []Field{CustomerID}, Fields: []Field{
		CustomerID, ContactedAt, Staff, Channel, Summary}}
	Complaints = Kind{Name: "complaints", Required: []Field{CustomerID}, Fields: []Field{
		CustomerID, ReceivedAt, ProductID, Summary, Status, Resolution, ComplaintID, Staff, ClosedAt, Category}}
)

// Kinds lists every kind, for lookups by name.
var Kinds = []Kind{Customers, Sales, Contacts, Complaints}

// builtinAliases are the header names each field is known by, in English and
// Japanese, beside the field's own name. Matching normalises both sides.
var builtinAliases = map[Field][]string{
	CustomerID:   {"customer_no", "customer_number", "customer", "member_id", "member_no", "client_id", "顧客番号", "顧客ID", "顧客コード", "顧客No", "会員番号", "会員ID", "会員コード", "カード番号", "お客様番号", "customer_reference_id", "顧客の参照ID"},
	Name:         {"full_name", "customer_name", "氏名", "名前", "顧客名", "お名前", "会員名", "お客様名", "顧客氏名", "氏名(漢字)", "宛名", "会員氏名", "お客様氏名"},
	NameKana:     {"kana", "furigana", "name_furigana", "フリガナ", "ふりがな", "カナ", "氏名カナ", "氏名(カナ)", "氏名フリガナ", "顧客名カナ", "顧客名(カナ)", "氏名(フリガナ)", "お客様名(カナ)", "顧客名(フリガナ)", "セイメイ", "よみがな"},
	Gender:       {"sex", "性別"},
	Birthday:     {"birthdate", "date_of_birth", "dob", "birth_date", "生年月日", "誕生日"},
	Phone:        {"tel", "telephone", "phone_number", "mobile", "電話番号", "電話", "携帯番号", "携帯電話", "TEL", "携帯", "携帯電話番号", "mobile_phone", "cell_phone", "自宅電話"},
	Email:        {"mail", "e_mail", "email_address", "メールアドレス", "メール", "Eメール", "E-mail", "PCメール", "携帯メール"},
	PostalCode:   {"zip", "zipcode", "zip_code", "postcode", "郵便番号", "〒"},
	Address:      {"住所", "所在地", "住所1"},
	Address2:     {"address_2", "address_line_2", "building", "住所2", "建物名", "建物", "マンション名", "ビル名", "ビル等", "ビル名・建物名", "建物名・部屋番号"},
	Company:      {"company_name", "organization", "会社名", "勤務先", "法人名"},
	Department:   {"division", "部署", "部署名", "所属", "部門名"},
	Title:        {"job_title", "position", "役職", "肩書"},
	StoreID:      {"store", "store_code", "shop_id", "shop", "branch", "店舗", "店舗ID", "店舗コード", "店舗番号", "店コード"},
	RegisteredAt: {"registered", "registration_date", "signup_date", "created_at", "入会日", "登録日", "会員登録日"},
	Anniversary:  {"wedding_anniversary", "記念日", "結婚記念日"},
	MailOptIn:    {"email_opt_in", "mail_ok", "newsletter", "メール配信", "メール配信可否", "メルマガ", "メルマガ希望", "メールマガジン"},
	PostOptIn:    {"dm_opt_in", "post_ok", "dm_ok", "DM", "DM送付", "DM可否", "DM希望", "郵送可否"},
	LastPurchase: {"last_purchase_at", "last_purchased_at", "last_purchase_date", "last_visit", "last_visit_at", "last_visited_at", "last_visit_date", "最終購入日", "最終購入日時", "最終来店日", "最終来店日時"},
	Prefecture:   {"都道府県"},
	City:         {"市区町村", "郡市区", "市町村", "市区郡", "市区町村名"},
	Street:       {"番地", "町域・番地", "町名番地", "番地名", "それ以降の住所", "町名・番地", "丁目番地"},
	ReceiptID:    {"receipt", "receipt_no", "receipt_number", "transaction_id", "order_id", "order_no", "レシート番号", "伝票番号", "取引番号", "注文番号", "取引No"},
	SoldAt:       {"date", "sale_date", "sold_on", "purchased_at", "purchase_date", "order_date", "datetime", "売上日", "販売日", "購入日", "日付", "日時", "売上日時", "取引日時", "会計日"},
	SoldTime:     {"time", "sale_time", "売上時刻", "販売時刻", "時刻", "時間", "会計時間", "取引時刻"},
	ProductID:    {"product", "product_code", "sku", "item_id", "item_code", "jan", "商品コード", "商品ID", "商品番号", "品番", "JANコード"},
	ProductName:  {"item_name", "product_title", "item", "商品名", "品名", "メニュー名"},
	Category:     {"product_category", "department", "カテゴリ", "カテゴリー", "分類", "部門", "商品分類", "部門名", "カテゴリー名"},
	Quantity:     {"qty", "count", "units", "数量", "個数", "注文数量"},
	UnitPrice:    {"price", "unit_cost", "単価", "価格", "販売単価"},
	Amount:       {"total", "line_total", "sales_amount", "gross_sales", "amount_tax_included", "金額", "売上金額", "税込金額", "税込小計", "税込合計", "税込売上", "合計", "売上", "総売上高", "総売上", "値引き後計"},
	AmountExcl:   {"subtotal", "net_amount", "tax_excluded", "税抜金額", "税抜小計", "税抜合計", "税抜売上", "小計", "純売上高", "純売上"},
	Void:         {"voided", "cancelled", "canceled", "cancel", "is_void", "取消区分", "取消フラグ", "取消", "取消し", "取り消し", "キャンセル"},
	Cancelling:   {"打消区分", "打消区分(0：通常、1：打消元レコード、2：打消レコード)"},
	SaleKind:     {"transaction_kind", "transaction_type", "event_type", "取引明細区分", "取引明細区分 （1：通常、2：返品、3：部門売り）", "明細区分", "取引種別", "イベントタイプ", "返品区分"},
	ContactedAt:  {"contact_date", "date", "対応日", "接触日", "連絡日", "日付"},
	Staff:        {"employee", "agent", "担当", "担当者", "スタッフ"},
	Channel:      {"contact_channel", "method", "経路", "手段", "対応方法", "チャネル", "方法", "連絡方法", "連絡手段", "接触方法"},
	Summary:      {"note", "notes", "memo", "description", "内容", "概要", "要旨", "メモ", "備考"},
	ReceivedAt:   {"received", "complaint_date", "date", "受付日", "受付日時", "日付"},
	Status:       {"state", "状態", "ステータス", "対応状況", "状況", "進捗", "進捗状況", "対応ステータス"},
	Resolution:   {"result", "outcome", "対応結果", "解決策", "対応内容"},
	ComplaintID:  {"complaint_no", "complaint_number", "case_id", "case_no", "ticket_id", "受付番号", "受付No", "クレーム番号", "クレームNo", "苦情番号", "苦情No", "案件番号"},
	ClosedAt:     {"closed", "resolved_at", "resolved", "completed_at", "完了日", "完了日時", "対応完了日", "解決日"},
}

// DateFields and NumberFields are the typed fields: their values must parse
// as dates (parse.Date) and as amounts or quantities (parse.Amount). Every
// other field is text, so that 000123 stays 000123.
var (
	DateFields   = []Field{SoldAt, Birthday, RegisteredAt, Anniversary, ContactedAt, ReceivedAt, ClosedAt}
	NumberFields = []Field{Quantity, UnitPrice, Amount}
)

// personal lists the fields that identify or describe a person: masked in
// printed tables and tracked when exported. A contact's or complaint's
// summary and a complaint's resolution are free text about a named
// customer (what they said, what was sent to them), like a memo about
// them.
var personal = map[Field]bool{
	Name: true, NameKana: true, Birthday: true, Phone: true, Email: true,
	PostalCode: true, Address: true, Address2: true, Anniversary: true,
	Prefecture: true, City: true, Street: true,
	Summary: true, Resolution: true,
}

// personalHeaders are column names that hold personal data without being
// a field of any kind of file: what customer lists and registers write
// about a person beside the fields custkit reads. They are masked and
// tracked like the fields, each as the field whose masking fits it: free
// text about a person (a memo, how to reach them, their family) as a
// note; a birthday written again in 和暦 beside the one read, as a
// birthday; the rest of an address in one column, as the street.
var personalHeaders = map[string]Field{
	"メモ": Note, "備考": Note, "備考欄": Note, "顧客メモ": Note, "お客様メモ": Note, "伝票メモ": Note, "customer_note": Note,
	"特記事項": Note, "連絡先": Note, "緊急連絡先": Note, "家族構成": Note,
	"生年月日(和暦)": Birthday, "和暦生年月日": Birthday,
	"番地・建物": Street, "番地・建物名": Street,
}

// IsPersonal reports whether f holds personal data.
func IsPersonal(f Field) bool { return personal[f] }

// Normalize is how header names are compared: NFKC, case folded, trimmed,
// with spaces, '-' and '_' removed and Japanese brackets unified.
func Normalize(s string) string {
	s = norm.NFKC.String(strings.TrimSpace(s))
	s = cases.Fold().String(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '・', '\u3000':
			return -1
		}
		return r
	}, s)
}

// Aliases holds extra header names per field, from the config file; they
// are tried before the built-in ones.
type Aliases map[Field][]string

// Binding is the result of mapping a header row to a kind's fields.
type Binding struct {
	Kind    Kind
	Header  []string      // the header as written in the file
	Index   map[Field]int // column of each field found
	Unknown []int         // columns that map to no field, passed through
	// Layout is the known export layout the header was recognised as,
	// nil if none: it decided the columns its export holds twice.
	Layout *Layout
	// Basis is which amount spend adds up (the config's amount); the
	// caller sets it after Bind. The zero value is tax included.
	Basis Basis
	// ExcelSerial has the date fields read a number such as 45618 as an
	// Excel serial day number (the config's dates.excel_serial); the
	// caller sets it after Bind. Off, such a number is an error.
	ExcelSerial bool
	// Priced is set when spend was computed as quantity × unit price
	// because the sales file has no amount column of the basis, so that
	// a command can say so.
	Priced *atomic.Bool
	// Blanks are the lines of a sales file whose quantity or amount cell
	// was empty, gathered as they are summed (record.Totals), so that a
	// command can say so; nil on a binding not made by Bind.
	Blanks *Blanks
	// Receipts are the sales files of a run that reads two or more, to
	// which every pass over them tells the receipts it counts, at each
	// one's first line (record.Overlap), so that receipts two files both
	// hold are said; nil for a single file, which then pays nothing.
	Receipts *overlap.Set
	// Line is the physical line of the file the header is on, where a
	// title row or blank lines stand above it; the caller sets it after
	// Bind from the reader (rows.Reader.HeaderLine), so that an error
	// about the header's columns names the line a clerk opens to fix. 0,
	// on a binding made otherwise, is line 1 (see HeaderLine).
	Line int
}

// HeaderLine returns the line of the file the header is on: Line, or 1
// when it was not set.
func (b *Binding) HeaderLine() int { return max(b.Line, 1) }

// Col returns the column of f, or -1 if the file does not have it.
func (b *Binding) Col(f Field) int {
	if i, ok := b.Index[f]; ok {
		return i
	}
	return -1
}

// FieldOf returns the field column i maps to, or "".
func (b *Binding) FieldOf(i int) Field {
	for f, c := range b.Index {
		if c == i {
			return f
		}
	}
	return ""
}

// SpendField is the field spend adds up under the binding's basis: amount
// (tax included) or amount_tax_excluded.
func (b *Binding) SpendField() Field {
	if b.Basis == TaxExcluded {
		return AmountExcl
	}
	return Amount
}

// AddressParts returns the columns of the parts of an address split over
// several columns (prefecture, city, street), in that order, or nil when
// the file has none of them.
func (b *Binding) AddressParts() []int {
	var cols []int
	for _, f := range []Field{Prefecture, City, Street} {
		if c := b.Col(f); c >= 0 {
			cols = append(cols, c)
		}
	}
	return cols
}

// JoinAddress joins the parts of a split address into one line, as it is
// written on an envelope: Japanese parts without a space between them.
// Hand-kept lists often repeat a part at the start of the next one (都道府県
// 東京都, 市区町村 東京都渋谷区): a part that begins with the whole text of
// the part before it is written without it, and everything else as it is.
func JoinAddress(parts ...string) string {
	var sb strings.Builder
	prev := ""
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		p, prev = withoutRepeat(p, prev), p
		if p == "" {
			continue
		}
		if sb.Len() > 0 && isASCIIWord(p[0]) && isASCIIWord(sb.String()[sb.Len()-1]) {
			sb.WriteByte(' ')
		}
		sb.WriteString(p)
	}
	return sb.String()
}

// withoutRepeat returns part without prev at its start, and the spaces
// after it, when part begins with prev; else part.
func withoutRepeat(part, prev string) string {
	if prev == "" || !strings.HasPrefix(part, prev) {
		return part
	}
	return strings.TrimSpace(part[len(prev):])
}

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// BindError says that a header could not be mapped.
type BindError struct {
	Kind    string
	Field   Field
	Tried   []string // names tried, for a missing field
	Columns []string // the ambiguous columns, for a field found twice
	// Layout is the known layout of a file that cannot be used at all (a
	// register's totals); Field and Columns are empty then.
	Layout *Layout
	// Needed says who needs a missing expected field (Kind.Expect): the
	// message then names the config alias that maps it.
	Needed string
}

func (e *BindError) Error() string {
	if e.Layout != nil {
		return fmt.Sprintf("this is %s, not %s: %s", e.Layout.Name, e.Kind, e.Layout.Refuse)
	}
	if len(e.Columns) > 1 {
		all := "all"
		if len(e.Columns) == 2 {
			all = "both"
		}
		if distinct(e.Columns) {
			return fmt.Sprintf("columns %s %s map to %s; say which one holds it in the config, e.g. aliases: {%s: {%s: [%q]}}",
				quoteList(e.Columns), all, e.Field, e.Kind, e.Field, e.Columns[len(e.Columns)-1])
		}
		return fmt.Sprintf("columns %s %s map to %s; rename one or set aliases.%s.%s in the config",
			quoteList(e.Columns), all, e.Field, e.Kind, e.Field)
	}
	msg := fmt.Sprintf("no column maps to %s (tried %s)", e.Field, strings.Join(e.Tried, ", "))
	if e.Needed != "" {
		msg += fmt.Sprintf(": %s; name its column in the config: aliases: {%s: {%s: [<header>]}}", e.Needed, e.Kind, e.Field)
	}
	return msg
}

// AliasHint says how to name, in the config, the column of b's file that
// holds f when none of f's names matched: an alias, with the first column
// that maps to no field as the example (<column> when every column maps).
func (b *Binding) AliasHint(f Field) string {
	col := "<column>"
	if len(b.Unknown) > 0 {
		col = b.Header[b.Unknown[0]]
	}
	return fmt.Sprintf("name the column that holds %s in the config, e.g. aliases: {%s: {%s: [%q]}}", f, b.Kind.Name, f, col)
}

// Missing is the error of a header without a column for f, as Bind gives
// it for a required field: the names tried, the config's extra first.
func (b *Binding) Missing(f Field, extra Aliases) *BindError {
	return &BindError{Kind: b.Kind.Name, Field: f, Tried: b.Kind.Names(f, extra)}
}

// distinct reports whether the columns have different names (after
// normalising): then a config alias can pick one.
func distinct(cols []string) bool {
	seen := map[string]bool{}
	for _, c := range cols {
		n := Normalize(c)
		if seen[n] {
			return false
		}
		seen[n] = true
	}
	return true
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, " and ")
}

// Names returns every header name f is known by, extra aliases first.
func (k Kind) Names(f Field, extra Aliases) []string {
	names := append([]string{string(f)}, extra[f]...)
	return append(names, builtinAliases[f]...)
}

// repeatable are the fields a file may rightly hold twice: a landline and
// a mobile, a PC and a mobile address. The best-named column is the field;
// the others stay personal data, passed through.
var repeatable = map[Field]bool{Phone: true, Email: true}

// Bind maps header names to k's fields. A header recognised as a known
// export layout ([Layout]) takes that layout's columns first. Then a
// field's own name wins over an alias, and config aliases over built-in
// ones; two columns that both map to a field by built-in names are an
// error naming both (a register's internal number beside the shop's is
// the usual case), unless a config alias or the field's own name picks
// one, as is a missing required field.
func (k Kind) Bind(header []string, extra Aliases) (*Binding, error) {
	b := &Binding{Kind: k, Header: header, Index: map[Field]int{}, Priced: &atomic.Bool{}, Blanks: &Blanks{}}
	norms := make([]string, len(header))
	for i, h := range header {
		norms[i] = Normalize(h)
	}
	taken := make([]bool, len(header))
	if l := Recognise(k, header); l != nil {
		if l.Refuse != "" {
			return nil, &BindError{Kind: k.Name, Layout: l}
		}
		b.Layout = l
		l.apply(b, norms, taken, extra)
	}
	for _, f := range k.Fields {
		if _, pinned := b.Index[f]; pinned {
			continue
		}
		col, err := k.match(f, header, norms, taken, extra)
		if err != nil {
			return nil, err
		}
		if col >= 0 {
			b.Index[f] = col
			taken[col] = true
		}
	}
	for i := range header {
		if _, ok := b.fieldAt(i); !ok {
			b.Unknown = append(b.Unknown, i)
		}
	}
	for _, f := range k.Required {
		if _, ok := b.Index[f]; !ok {
			return nil, &BindError{Kind: k.Name, Field: f, Tried: k.Names(f, extra)}
		}
	}
	return b, nil
}

func (b *Binding) fieldAt(i int) (Field, bool) {
	f := b.FieldOf(i)
	return f, f != ""
}

// MapsRequired reports whether header has a column for each of k's
// required fields, by any of its names: whether it can be k's header row,
// rather than a title above it. (Bind may still refuse it, for a field
// two columns map to.)
func (k Kind) MapsRequired(header []string, extra Aliases) bool {
	return k.mapped(normsOf(header), extra, k.Required) == len(k.Required)
}

// Fit says how well header fits as the header of a file of kind k: 0
// when it lacks a column for a required or expected field (by any of its
// names), else the number of k's fields it names. Of a workbook's
// sheets, the one whose header fits best is read as k's file: a sheet of
// customers, whose customer id a sales file has too, is not read as the
// sales, nor the sales as the customers.
func (k Kind) Fit(header []string, extra Aliases) int {
	norms, want := normsOf(header), k.musts()
	if k.mapped(norms, extra, want) < len(want) {
		return 0
	}
	return k.mapped(norms, extra, k.Fields)
}

// musts are the fields a header must map to fit k: the required, then
// the expected.
func (k Kind) musts() []Field { return append(slices.Clip(k.Required), k.Expected...) }

// Wants names what a header must map to fit k (see Fit): "a sales
// file's customer_id and sold_at".
func (k Kind) Wants() string {
	var names []string
	for _, f := range k.musts() {
		names = append(names, string(f))
	}
	what := names[len(names)-1]
	if len(names) > 1 {
		what = strings.Join(names[:len(names)-1], ", ") + " and " + what
	}
	return fmt.Sprintf("a %s file's %s", k.Name, what)
}

// normsOf returns the set of a header's names, normalised.
func normsOf(header []string) map[string]bool {
	norms := make(map[string]bool, len(header))
	for _, h := range header {
		norms[Normalize(h)] = true
	}
	return norms
}

// mapped returns how many of fs the header of names norms (normsOf) has a
// column for, by any of their names.
func (k Kind) mapped(norms map[string]bool, extra Aliases, fs []Field) int {
	n := 0
	for _, f := range fs {
		for _, name := range k.Names(f, extra) {
			if norms[Normalize(name)] {
				n++
				break
			}
		}
	}
	return n
}

// Expect returns an error for the first of k's expected fields that b
// has no column for, nil if it has them all: a *BindError that says which
// commands refuse the file and names the config alias that would map the
// column.
func (k Kind) Expect(b *Binding, extra Aliases) error {
	for _, f := range k.Expected {
		if b.Col(f) < 0 {
			return &BindError{Kind: k.Name, Field: f, Tried: k.Names(f, extra), Needed: neededBy[f]}
		}
	}
	return nil
}

// neededBy says, for each expected field, which commands refuse a file
// without it.
var neededBy = map[Field]string{SoldAt: "every command that reads dates refuses the file"}

// match finds the column for f: the column matching its best-ranked
// name. Another column matching a later built-in name is an error, unless
// the best name is the field's own or a config alias: the user chose it.
func (k Kind) match(f Field, header, norms []string, taken []bool, extra Aliases) (int, error) {
	names := k.Names(f, extra)
	chosen := 1 + len(extra[f]) // names before this index are the user's
	for rank, name := range names {
		want := Normalize(name)
		var cols []int
		for i, n := range norms {
			if n == want && !taken[i] {
				cols = append(cols, i)
			}
		}
		if len(cols) == 0 {
			continue
		}
		if len(cols) == 1 && (rank < chosen || repeatable[f]) {
			return cols[0], nil
		}
		if len(cols) == 1 {
			cols = append(cols, k.others(names[rank+1:], norms, taken, cols[0])...)
		}
		if len(cols) == 1 {
			return cols[0], nil
		}
		sort.Ints(cols)
		names := make([]string, len(cols))
		for j, c := range cols {
			names[j] = header[c]
		}
		return -1, &BindError{Kind: k.Name, Field: f, Columns: names}
	}
	return -1, nil
}

// others returns the free columns other than col whose names are among
// names.
func (k Kind) others(names, norms []string, taken []bool, col int) []int {
	want := map[string]bool{}
	for _, n := range names {
		want[Normalize(n)] = true
	}
	var cols []int
	for i, n := range norms {
		if i != col && !taken[i] && want[n] {
			cols = append(cols, i)
		}
	}
	return cols
}

// PersonalColumns says, for each column of header, which personal field it
// holds, or "" if none: columns named like a personal field of any kind of
// file (by name or alias), including copies prefixed "customer_" as a join
// writes them. Columns named in extra are personal too, as [Other].
func PersonalColumns(header []string, aliases map[string]Aliases, extra []string) []Field {
	want, builtin := map[string]Field{}, map[string]bool{}
	for n, f := range personalHeaders {
		want[Normalize(n)], builtin[Normalize(n)] = f, true
	}
	for _, n := range extra {
		want[Normalize(n)] = Other
	}
	for _, k := range Kinds {
		for _, f := range k.Fields {
			if !personal[f] {
				continue
			}
			for _, n := range k.Names(f, aliases[k.Name]) {
				if builtin[Normalize(n)] && want[Normalize(n)] != Other {
					continue // メモ, 備考: a note wherever they are, not only in contacts
				}
				want[Normalize(n)] = f
			}
		}
	}
	out := make([]Field, len(header))
	for i, h := range header {
		n := Normalize(h)
		f, ok := want[n]
		if !ok {
			f = want[strings.TrimPrefix(n, "customer")]
		}
		out[i] = f
	}
	return out
}

// Other stands for a column the config declares personal that is none of
// the built-in fields.
const Other Field = "other"

// Note stands for a free-text column about a person (メモ, 備考) that is
// none of the fields: personal data by its built-in name.
const Note Field = "note"

// AnyPersonal reports whether any of fs is set.
func AnyPersonal(fs []Field) bool {
	for _, f := range fs {
		if f != "" {
			return true
		}
	}
	return false
}

func containsField(fs []Field, f Field) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// KindByName returns the kind called name.
func KindByName(name string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// SortedFields returns the fields of m in a stable order, for reports.
func SortedFields(m map[Field]int) []Field {
	fs := make([]Field, 0, len(m))
	for f := range m {
		fs = append(fs, f)
	}
	sort.Slice(fs, func(i, j int) bool { return m[fs[i]] < m[fs[j]] })
	return fs
}

// LookupField returns the logical field called name (compared like header
// names), if there is one in any kind of file.
func LookupField(name string) (Field, bool) {
	n := Normalize(name)
	for _, k := range Kinds {
		for _, f := range k.Fields {
			if Normalize(string(f)) == n {
				return f, true
			}
		}
	}
	return "", false
}

// ColumnsOf returns the columns of header that hold f in any kind of file
// that has it: by the field's name or one of its aliases, including copies
// prefixed "customer_" as a join writes them. A file can hold a field twice
// (phone and 携帯番号 are both phone); every such column is returned. The
// address finds the columns of a split address too (都道府県, 市区町村, 番地).
func ColumnsOf(header []string, f Field, aliases map[string]Aliases) []int {
	want := map[string]bool{}
	fields := []Field{f}
	if f == Address {
		// A split address is the address too: its parts with it.
		fields = append(fields, Prefecture, City, Street)
	}
	for _, k := range Kinds {
		for _, f := range fields {
			if !containsField(k.Fields, f) {
				continue
			}
			for _, n := range k.Names(f, aliases[k.Name]) {
				want[Normalize(n)] = true
			}
		}
	}
	var cols []int
	for i, h := range header {
		n := Normalize(h)
		if want[n] || want[strings.TrimPrefix(n, "customer")] {
			cols = append(cols, i)
		}
	}
	return cols
}
