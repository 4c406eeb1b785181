package schema

import (
	"fmt"
	"strings"
)

// Basis is which amount of a sales line spend adds up: with consumption
// tax (the default) or without.
type Basis string

// The bases, as the config's amount names them.
const (
	TaxIncluded Basis = "tax_included"
	TaxExcluded Basis = "tax_excluded"
)

// ParseBasis reads the config's amount; "" is tax_included.
func ParseBasis(s string) (Basis, error) {
	switch Basis(strings.TrimSpace(s)) {
	case "", TaxIncluded:
		return TaxIncluded, nil
	case TaxExcluded:
		return TaxExcluded, nil
	}
	return "", fmt.Errorf("amount: %q is not a basis; use %s (the default) or %s", s, TaxIncluded, TaxExcluded)
}

// Layout is a known export layout: the sales or customer file a register,
// POS service or spreadsheet template writes, recognised by its header.
// docs/layouts.md says where each comes from.
type Layout struct {
	Name string // for people: "Smaregi 取引明細"
	kind string
	// all names the columns that must all be present, any lists groups of
	// which one must be, none the columns that must be absent.
	all  []string
	any  [][]string
	none []string
	// pin takes a column for a field before the aliases are tried: the
	// first name present wins. A name ending in "*" matches a header that
	// starts with it (Smaregi writes the codes into the header).
	pin []pin
	// leave names columns no field may take: a receipt's totals repeated on
	// each of its lines, an internal id beside the shop's.
	leave []string
	// Refuse, when set, says why a file in this layout cannot be used.
	Refuse string
	// Caveat, when set, says what of the file the layout does not read
	// and an answer leaves out, for the note that names the layout.
	Caveat string
	// firstCell recognises a file by its first header cell alone.
	firstCell []string
	// OrderOnFirstRow says the export writes an order's own fields, its
	// void column among them, on the order's first line only and leaves
	// them empty on the lines after it: such a line takes its void state
	// from the line before of the same receipt (record.VoidLines), and a
	// reader keeps a receipt's lines in one block (Binding.KeepTogether).
	OrderOnFirstRow bool
}

type pin struct {
	field Field
	names []string
}

// Layouts are the layouts custkit knows, in the order they are tried.
var Layouts = []*Layout{
	{
		Name: "Smaregi 取引明細", kind: "sales",
		all: []string{"取引ID", "取引明細ID"},
		pin: []pin{
			{ReceiptID, []string{"取引ID"}},
			{CustomerID, []string{"会員コード", "会員ID"}},
			{SoldAt, []string{"取引日時", "端末取引日時"}},
			{StoreID, []string{"店舗ID"}},
			{ProductID, []string{"商品コード", "商品ID"}},
			{ProductName, []string{"商品名"}},
			{Category, []string{"部門名"}},
			{Quantity, []string{"数量"}},
			{UnitPrice, []string{"販売単価"}},
			{Amount, []string{"値引き後計"}},
			{Void, []string{"取消区分"}},
			{SaleKind, []string{"取引明細区分*"}},
			{TxClass, []string{"取引区分"}},
			{Cancelling, []string{"打消区分*"}},
		},
		leave: []string{"小計", "合計", "会員ID", "商品ID", "レシート番号", "端末取引ID", "商品単価"},
	},
	{
		Name: "Smaregi 取引履歴", kind: "sales",
		all:  []string{"取引ID", "取消区分", "合計"},
		none: []string{"取引明細ID"},
		pin: []pin{
			{ReceiptID, []string{"取引ID"}},
			{CustomerID, []string{"会員コード", "会員ID"}},
			{SoldAt, []string{"取引日時"}},
			{StoreID, []string{"店舗ID"}},
			{Amount, []string{"合計"}},
			{AmountExcl, []string{"小計"}},
			{Void, []string{"取消区分"}},
			{TxClass, []string{"取引区分"}},
		},
		leave: []string{"会員ID", "レシート番号", "端末取引ID"},
	},
	{
		Name: "Airレジ 会計明細", kind: "sales",
		all: []string{"会計日", "会計時間"},
		any: [][]string{{"取引No", "伝票番号"}},
		pin: []pin{
			{ReceiptID, []string{"取引No", "伝票番号"}},
			{SoldAt, []string{"会計日"}},
			{SoldTime, []string{"会計時間"}},
			{CustomerID, []string{"顧客番号"}},
			{ProductName, []string{"メニュー名"}},
			{Category, []string{"カテゴリー名"}},
			{Quantity, []string{"注文数量"}},
			{UnitPrice, []string{"価格"}},
		},
		leave: []string{"合計", "小計", "内消費税", "来店日", "来店時間", "修正金額合計", "修正後合計", "修正後内消費税", "割引/割増合計(税込)"},
	},
	{
		Name: "Square アイテム詳細", kind: "sales",
		all: []string{"Transaction ID", "Event Type", "Customer Reference ID"},
		pin: []pin{
			{ReceiptID, []string{"Transaction ID"}},
			{SoldAt, []string{"Date"}},
			{SoldTime, []string{"Time"}},
			{CustomerID, []string{"Customer Reference ID"}},
			{StoreID, []string{"Location"}},
			{ProductID, []string{"SKU"}},
			{ProductName, []string{"Item"}},
			{Category, []string{"Category"}},
			{Quantity, []string{"Qty"}},
			{Amount, []string{"Net Sales"}},
			{SaleKind, []string{"Event Type"}},
		},
		leave: []string{"Customer ID", "Gross Sales", "Discounts", "Tax", "Payment ID", "Time Zone"},
	},
	{
		Name: "Square アイテム詳細 (日本語)", kind: "sales",
		all: []string{"イベントタイプ", "顧客の参照ID"},
		pin: []pin{
			{SoldAt, []string{"日付"}},
			{SoldTime, []string{"時間"}},
			{CustomerID, []string{"顧客の参照ID"}},
			{Amount, []string{"純売上高"}},
			{SaleKind, []string{"イベントタイプ"}},
		},
		leave: []string{"顧客ID", "総売上高", "ディスカウント"},
	},
	{
		// MakeShop 注文出力 (docs/layouts.md): 日付 and 注文時間 (hhmmss) in
		// two columns, 処理状況 a status whose 注文キャンセル is a void.
		Name: "MakeShop 注文", kind: "sales",
		all: []string{"注文番号", "処理状況"},
		any: [][]string{{"日付", "注文時間"}},
		pin: []pin{
			{ReceiptID, []string{"注文番号"}},
			{SoldAt, []string{"日付"}},
			{SoldTime, []string{"注文時間"}},
			{Void, []string{"処理状況"}},
		},
	},
	{
		// Shopify's orders export (docs/layouts.md): one row per line item,
		// the order's totals and Financial Status on its first row only.
		Name: "Shopify 注文 (orders export)", kind: "sales",
		all: []string{"Financial Status", "Lineitem quantity", "Lineitem price"},
		pin: []pin{
			{ReceiptID, []string{"Name"}},
			{SoldAt, []string{"Created at"}},
			{ProductID, []string{"Lineitem sku"}},
			{ProductName, []string{"Lineitem name"}},
			{Quantity, []string{"Lineitem quantity"}},
			{UnitPrice, []string{"Lineitem price"}},
			{Void, []string{"Financial Status"}},
		},
		leave: []string{"Subtotal", "Shipping", "Taxes", "Total", "Discount Amount", "Refunded Amount",
			"Lineitem compare at price", "Lineitem discount", "Paid at", "Fulfilled at", "Cancelled at", "Id"},
		Caveat: "spend is Lineitem price × Lineitem quantity: the order's Discount Amount, Lineitem discount, " +
			"Shipping and Refunded Amount are not in it",
		OrderOnFirstRow: true,
	},
	{
		Name: "a Casio register's total report (SD card CSV)", kind: "sales",
		all:       []string{"RECORD", "DESCRIPTOR"},
		firstCell: []string{"MACHINE", "MODEL"},
		Refuse: "it holds the register's totals (GROSS, NET, departments), not receipts, customers or products, " +
			"so no customer analysis can use it; export the sales lines from your POS, or the register's journal, instead",
	},
	{
		// custkit's own output: mailing --channel post writes what 宛名
		// software prints, and no id, so it cannot be read back as customers.
		Name: "custkit's postal mailing list (mailing --channel post)", kind: "customers",
		all:  []string{"郵便番号", "住所1", "住所2", "会社名", "部署", "役職", "氏名", "敬称"},
		none: append([]string{string(CustomerID)}, builtinAliases[CustomerID]...),
		Refuse: "it holds the names and addresses to print and no customer id, " +
			"so it cannot stand for the customers; read the customers file it was made from instead",
	},
	{
		Name: "Excel 顧客名簿 (split address)", kind: "customers",
		all: []string{"都道府県"},
		any: [][]string{{"市区町村", "郡市区", "市町村", "市区郡"}, {"番地", "町域・番地", "番地名", "それ以降の住所", "町名番地"}},
	},
}

// Describe is the layout's name and, when it has one, its caveat: what
// check prints as the file's layout.
func (l *Layout) Describe() string {
	if l.Caveat == "" {
		return l.Name
	}
	return l.Name + "; " + l.Caveat
}

// Note is what a run says once about a file read in the layout.
func (l *Layout) Note() string {
	n := "read as the " + l.Name + " layout"
	if l.Caveat != "" {
		n += "; " + l.Caveat
	}
	return n
}

// Recognise returns the known layout of a file of kind k with header, or
// nil when it is none of them.
func Recognise(k Kind, header []string) *Layout {
	set := make(map[string]bool, len(header))
	for _, h := range header {
		set[Normalize(h)] = true
	}
	for _, l := range Layouts {
		if l.kind != k.Name {
			continue
		}
		if l.firstCell != nil && len(header) > 0 && has(l.firstCell, Normalize(header[0])) {
			return l
		}
		if l.matches(set) {
			return l
		}
	}
	return nil
}

func has(names []string, n string) bool {
	for _, x := range names {
		if Normalize(x) == n {
			return true
		}
	}
	return false
}

func (l *Layout) matches(set map[string]bool) bool {
	for _, n := range l.all {
		if !set[Normalize(n)] {
			return false
		}
	}
	for _, n := range l.none {
		if set[Normalize(n)] {
			return false
		}
	}
	for _, group := range l.any {
		found := false
		for _, n := range group {
			found = found || set[Normalize(n)]
		}
		if !found {
			return false
		}
	}
	return true
}

// apply pins the layout's columns in b and takes the columns it leaves
// unmapped. A field the config names aliases for is the user's choice and
// left to them.
func (l *Layout) apply(b *Binding, norms []string, taken []bool, extra Aliases) {
	find := func(name string) int {
		want, prefix := Normalize(strings.TrimSuffix(name, "*")), strings.HasSuffix(name, "*")
		for i, n := range norms {
			if !taken[i] && (n == want || prefix && strings.HasPrefix(n, want)) {
				return i
			}
		}
		return -1
	}
	for _, p := range l.pin {
		if len(extra[p.field]) > 0 {
			continue
		}
		for _, name := range p.names {
			if c := find(name); c >= 0 {
				b.Index[p.field] = c
				taken[c] = true
				break
			}
		}
	}
	chosen := map[string]bool{}
	for _, names := range extra {
		for _, n := range names {
			chosen[Normalize(n)] = true
		}
	}
	for _, name := range l.leave {
		if c := find(name); c >= 0 && !chosen[norms[c]] {
			taken[c] = true
		}
	}
}

// KeepTogether returns the column whose runs of one value a reader of
// the file must hand out in one block (rows.Reader.KeepTogether): the
// receipt column, when the file's layout writes a receipt's void flag on
// its first line only (Layout.OrderOnFirstRow), so that a pass over a
// block sees each receipt from its first line; -1 for any other file.
func (b *Binding) KeepTogether() int {
	if b.Layout == nil || !b.Layout.OrderOnFirstRow || b.Col(Void) < 0 {
		return -1
	}
	return b.Col(ReceiptID)
}

// OtherIDColumns returns the columns of b's header, other than the one
// bound to the customer id, that hold a customer id too: named by a name
// or alias of customer_id (extra, the config's, too) or by the name b's
// layout gives it (Smaregi's 会員ID, the register's internal number,
// beside the 会員コード it keys on; Square's Customer ID beside 顧客の参照ID).
// Such a column names the customer as well as the key does.
func (b *Binding) OtherIDColumns(extra Aliases) []int {
	names := map[string]bool{}
	for _, n := range b.Kind.Names(CustomerID, extra) {
		names[Normalize(n)] = true
	}
	if b.Layout != nil {
		for _, p := range b.Layout.pin {
			if p.field == CustomerID {
				for _, n := range p.names {
					names[Normalize(n)] = true
				}
			}
		}
	}
	key := b.Col(CustomerID)
	var cols []int
	for i, h := range b.Header {
		if i != key && names[Normalize(h)] {
			cols = append(cols, i)
		}
	}
	return cols
}
