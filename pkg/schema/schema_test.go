package schema

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestBind(t *testing.T) {
	tests := []struct {
		name    string
		kind    Kind
		header  []string
		extra   Aliases
		want    map[Field]int
		unknown []int
	}{
		{"english", Sales, []string{"receipt_id", "customer_id", "sold_at", "amount"}, nil,
			map[Field]int{ReceiptID: 0, CustomerID: 1, SoldAt: 2, Amount: 3}, nil},
		{"japanese", Sales, []string{"伝票番号", "顧客番号", "売上日", "商品名", "数量", "単価", "金額", "担当"}, nil,
			map[Field]int{ReceiptID: 0, CustomerID: 1, SoldAt: 2, ProductName: 3, Quantity: 4, UnitPrice: 5, Amount: 6}, []int{7}},
		{"japanese customers", Customers, []string{"会員番号", "氏名", "フリガナ", "電話番号", "メールアドレス", "郵便番号", "住所", "生年月日"}, nil,
			map[Field]int{CustomerID: 0, Name: 1, NameKana: 2, Phone: 3, Email: 4, PostalCode: 5, Address: 6, Birthday: 7}, nil},
		{"full-width and mixed case", Customers, []string{"ＣＵＳＴＯＭＥＲ＿ＩＤ", " Full Name ", "E-Mail", "Phone-Number", "ｆｕｒｉｇａｎａ"}, nil,
			map[Field]int{CustomerID: 0, Name: 1, Email: 2, Phone: 3, NameKana: 4}, nil},
		{"full-width japanese", Customers, []string{"顧客ＩＤ", "氏名（カナ）"}, nil,
			map[Field]int{CustomerID: 0, NameKana: 1}, nil},
		{"unknown columns pass through", Sales, []string{"point", "customer_id", "レジ番号"}, nil,
			map[Field]int{CustomerID: 1}, []int{0, 2}},
		{"field name beats alias", Sales, []string{"顧客番号", "customer_id"}, nil,
			map[Field]int{CustomerID: 1}, []int{0}},
		{"config alias beats built-in alias", Sales, []string{"顧客番号", "カードNo"},
			Aliases{CustomerID: {"カードNo"}}, map[Field]int{CustomerID: 1}, []int{0}},
		{"config alias is normalised too", Sales, []string{"ｶｰﾄﾞＮＯ", "amount"},
			Aliases{CustomerID: {"カードNo"}}, map[Field]int{CustomerID: 0, Amount: 1}, nil},
	}
	for _, tt := range tests {
		b, err := tt.kind.Bind(tt.header, tt.extra)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(b.Index, tt.want) || !reflect.DeepEqual(b.Unknown, tt.unknown) {
			t.Errorf("%s:\n got %v unknown %v\nwant %v unknown %v", tt.name, b.Index, b.Unknown, tt.want, tt.unknown)
		}
		for f, c := range tt.want {
			if b.Col(f) != c || b.FieldOf(c) != f {
				t.Errorf("%s: Col(%s) = %d, FieldOf(%d) = %q", tt.name, f, b.Col(f), c, b.FieldOf(c))
			}
		}
		if b.Col(Resolution) != -1 || (len(tt.unknown) > 0 && b.FieldOf(tt.unknown[0]) != "") {
			t.Errorf("%s: a missing field or unknown column maps to something", tt.name)
		}
	}
}

func TestBindTwoColumnsOneField(t *testing.T) {
	tests := []struct {
		header []string
		extra  Aliases
		msg    string
	}{
		{[]string{"customer_id", "Customer ID", "amount"}, nil,
			`columns "customer_id" and "Customer ID" both map to customer_id; rename one or set aliases.sales.customer_id in the config`},
		{[]string{"顧客番号", "amount", "顧客番号"}, nil,
			`columns "顧客番号" and "顧客番号" both map to customer_id; rename one or set aliases.sales.customer_id in the config`},
		{[]string{"customer_id", "金額", "金　額"}, nil,
			`columns "金額" and "金\u3000額" both map to amount; rename one or set aliases.sales.amount in the config`},
		{[]string{"顧客番号", "顧客 番号", "顧客_番号"}, nil,
			`columns "顧客番号" and "顧客 番号" and "顧客_番号" all map to customer_id; rename one or set aliases.sales.customer_id in the config`},
		{[]string{"カードNo", "amount", "ｶｰﾄﾞ No"}, Aliases{CustomerID: {"カードNo"}},
			`columns "カードNo" and "ｶｰﾄﾞ No" both map to customer_id; rename one or set aliases.sales.customer_id in the config`},
	}
	for _, tt := range tests {
		_, err := Sales.Bind(tt.header, tt.extra)
		var be *BindError
		if !errors.As(err, &be) {
			t.Errorf("%q: got %v, want a BindError", tt.header, err)
			continue
		}
		if err.Error() != tt.msg {
			t.Errorf("%q:\n got %s\nwant %s", tt.header, err, tt.msg)
		}
	}
}

func TestBindMissingCustomerID(t *testing.T) {
	_, err := Sales.Bind([]string{"receipt_id", "会員No.", "amount"}, Aliases{CustomerID: {"カードNo"}})
	var be *BindError
	if !errors.As(err, &be) || be.Field != CustomerID || be.Kind != "sales" {
		t.Fatalf("got %v, want a BindError for customer_id", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "no column maps to customer_id (tried customer_id, カードNo, customer_no, ") {
		t.Errorf("message does not list the field, then config aliases, then built-in ones:\n%s", msg)
	}
	for _, alias := range []string{"顧客番号", "会員番号", "member_id", "お客様番号"} {
		if !strings.Contains(msg, alias) {
			t.Errorf("message does not list %s: %s", alias, msg)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"Customer ID": "customerid",
		"customer_id": "customerid",
		"ＣＵＳＴＯＭＥＲ＿ＩＤ": "customerid",
		" 顧客ＩＤ ":      "顧客id",
		"ｶｰﾄﾞ":        "カード",
		"氏名・カナ":       "氏名カナ",
		"E-Mail":      "email",
		"郵便\u3000番号":  "郵便番号",
	}
	for in, want := range tests {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPersonalColumns(t *testing.T) {
	header := []string{"customer_id", "name", "customer_name", "Customer Phone", "customer_store_id", "氏名", "customer_住所",
		"amount", "hobby", "customer_hobby", "E-mail", "customer_customer_name", "birthday", "store_id",
		"summary", "対応結果", "memo", "備考"}
	aliases := map[string]Aliases{"customers": {Name: {"お客様名"}}}
	got := PersonalColumns(append(header, "お客様名", "customer_お客様名"), aliases, []string{"hobby"})
	want := []Field{"", Name, Name, Phone, "", Name, Address, "", Other, Other, Email, Name, Birthday, "",
		Summary, Resolution, Summary, Note, Name, Name}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PersonalColumns:\n got %q\nwant %q", got, want)
	}
	if !AnyPersonal(got) || AnyPersonal(PersonalColumns([]string{"receipt_id", "amount", "customer_store_id"}, nil, nil)) {
		t.Error("AnyPersonal is wrong")
	}
	// Aliases of one kind name personal columns in every kind's output
	// (a join writes customers' columns beside sales columns).
	if f := PersonalColumns([]string{"customer_電話"}, map[string]Aliases{"customers": {Phone: {"電話"}}}, nil); f[0] != Phone {
		t.Errorf("config alias with customer_ prefix: %q", f)
	}
	// What hand-kept 名簿 write about a person beside the fields: masked
	// as the field that fits, whatever the brackets' width.
	extra := []string{"備考欄", "連絡先", "緊急連絡先", "家族構成", "特記事項", "生年月日（和暦）", "番地・建物", "趣味"}
	got = PersonalColumns(extra, nil, nil)
	want = []Field{Note, Note, Note, Note, Note, Birthday, Street, ""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names of 名簿 columns:\n got %q\nwant %q", got, want)
	}
	if f := PersonalColumns([]string{"家族構成"}, nil, []string{"家族構成"}); f[0] != Other {
		t.Errorf("a built-in personal header the config lists: %q", f)
	}
}

func TestNamesOrder(t *testing.T) {
	names := Sales.Names(CustomerID, Aliases{CustomerID: {"x", "y"}})
	if names[0] != "customer_id" || names[1] != "x" || names[2] != "y" || names[3] != "customer_no" {
		t.Errorf("Names = %q", names)
	}
}

func TestKindByName(t *testing.T) {
	for _, k := range Kinds {
		if got, ok := KindByName(k.Name); !ok || got.Name != k.Name {
			t.Errorf("KindByName(%q) = %v %v", k.Name, got.Name, ok)
		}
	}
	if _, ok := KindByName("orders"); ok {
		t.Error("KindByName(orders) found a kind")
	}
}

func TestSortedFields(t *testing.T) {
	got := SortedFields(map[Field]int{Amount: 3, CustomerID: 0, SoldAt: 1})
	if want := []Field{CustomerID, SoldAt, Amount}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v", got)
	}
}

func TestMapsRequired(t *testing.T) {
	tests := []struct {
		kind   Kind
		header []string
		extra  Aliases
		want   bool
	}{
		{Customers, []string{"顧客名簿", "", ""}, nil, false},
		{Customers, []string{"", "", ""}, nil, false},
		{Customers, []string{"No", "会員番号", "氏名"}, nil, true},
		{Sales, []string{"2024年11月 売上"}, nil, false},
		{Sales, []string{"伝票番号", "顧客ID", "顧客ＩＤ"}, nil, true}, // ambiguous, but a header
		{Sales, []string{"日付", "会員No"}, Aliases{CustomerID: {"会員No"}}, true},
		{Contacts, []string{"customer", "date"}, nil, true},
	}
	for _, tt := range tests {
		if got := tt.kind.MapsRequired(tt.header, tt.extra); got != tt.want {
			t.Errorf("%s %q: MapsRequired = %v, want %v", tt.kind.Name, tt.header, got, tt.want)
		}
	}
}

func TestJoinAddress(t *testing.T) {
	tests := []struct {
		parts []string
		want  string
	}{
		{[]string{"東京都", "渋谷区神宮前", "1-2-3"}, "東京都渋谷区神宮前1-2-3"},
		{[]string{"東京都", "東京都渋谷区神宮前", "1-2-3"}, "東京都渋谷区神宮前1-2-3"},
		{[]string{"東京都", "東京都　渋谷区神宮前", "1-2-3"}, "東京都渋谷区神宮前1-2-3"},
		{[]string{" 東京都 ", "東京都 渋谷区神宮前 ", " 1-2-3"}, "東京都渋谷区神宮前1-2-3"},
		{[]string{"東京都", "渋谷区神宮前", "渋谷区神宮前1-2-3"}, "東京都渋谷区神宮前1-2-3"},
		{[]string{"東京都", "東京都渋谷区", "東京都渋谷区神宮前1-2-3"}, "東京都渋谷区神宮前1-2-3"},
		{[]string{"東京都", "東京都", "渋谷区神宮前1-2-3"}, "東京都渋谷区神宮前1-2-3"},
		{[]string{"東京都", "", "東京都渋谷区神宮前1-2-3"}, "東京都渋谷区神宮前1-2-3"},
		{[]string{"", "渋谷区神宮前", "1-2-3"}, "渋谷区神宮前1-2-3"},
		// Only the whole of the part before is a repeat: 京都府 then 京都市
		// and 大阪府 then 大阪市 are names, and a space inside is kept.
		{[]string{"京都府", "京都市中京区", "1"}, "京都府京都市中京区1"},
		{[]string{"大阪府", "大阪市北区梅田", "2-4-9"}, "大阪府大阪市北区梅田2-4-9"},
		{[]string{"東京都", "東京都 渋谷区", "神宮前 1-2-3"}, "東京都渋谷区神宮前 1-2-3"},
		{[]string{"東京都", "渋谷区 神宮前", "渋谷区　神宮前1-2-3"}, "東京都渋谷区 神宮前渋谷区　神宮前1-2-3"},
		{[]string{"Tokyo", "Tokyo Shibuya", "Jingumae 1-2-3"}, "Tokyo Shibuya Jingumae 1-2-3"},
		{[]string{"Tokyo", "Shibuya", "Jingumae"}, "Tokyo Shibuya Jingumae"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := JoinAddress(tt.parts...); got != tt.want {
			t.Errorf("JoinAddress(%q) = %q, want %q", tt.parts, got, tt.want)
		}
	}
}

func TestFollowUpAliases(t *testing.T) {
	b, err := Complaints.Bind([]string{"顧客番号", "状況", "進み具合"}, nil)
	if err != nil || b.Col(Status) != 1 {
		t.Fatalf("状況 is the status: %v, %v", b.Index, err)
	}
	c, err := Contacts.Bind([]string{"顧客番号", "方法"}, nil)
	if err != nil || c.Col(Channel) != 1 {
		t.Fatalf("方法 is the channel: %v, %v", c.Index, err)
	}
	n, err := Contacts.Bind([]string{"顧客番号", "経由", "内容"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n.AliasHint(Channel), `name the column that holds channel in the config, e.g. aliases: {contacts: {channel: ["経由"]}}`; got != want {
		t.Errorf("AliasHint = %q, want %q", got, want)
	}
	if got := n.Missing(Channel, Aliases{Channel: {"経由2"}}).Error(); !strings.HasPrefix(got, "no column maps to channel (tried channel, 経由2, contact_channel,") {
		t.Errorf("Missing = %q", got)
	}
	// No alias is another field's: a header name maps to one field.
	seen := map[string]Field{}
	for f, names := range builtinAliases {
		for _, a := range names {
			if g, ok := seen[Normalize(a)]; ok && (f == Status || f == Channel || g == Status || g == Channel) {
				t.Errorf("%q is an alias of both %s and %s", a, f, g)
			}
			seen[Normalize(a)] = f
		}
	}
}

func TestFit(t *testing.T) {
	customers := []string{"顧客番号", "氏名", "電話", "生年月日", "登録日", "DM可否"}
	sales := []string{"伝票番号", "売上日", "店舗", "顧客番号", "商品コード", "商品名", "数量", "金額"}
	tests := []struct {
		kind   Kind
		header []string
		extra  Aliases
		want   int
	}{
		{Sales, customers, nil, 0}, // a customer id, but no date: no sales
		{Sales, sales, nil, 8},
		{Sales, []string{"会員No", "日"}, Aliases{CustomerID: {"会員No"}, SoldAt: {"日"}}, 2},
		{Sales, []string{"顧客番号", "金額"}, nil, 0},
		{Customers, customers, nil, 6},
		{Customers, sales, nil, 2}, // customer_id and store_id: it fits, worse
		{Customers, []string{"氏名"}, nil, 0},
		{Contacts, []string{"customer", "date"}, nil, 2},
	}
	for _, tt := range tests {
		if got := tt.kind.Fit(tt.header, tt.extra); got != tt.want {
			t.Errorf("%s %q: Fit = %d, want %d", tt.kind.Name, tt.header, got, tt.want)
		}
	}
	if got, want := Sales.Wants(), "a sales file's customer_id and sold_at"; got != want {
		t.Errorf("Sales.Wants() = %q, want %q", got, want)
	}
	if got, want := Customers.Wants(), "a customers file's customer_id"; got != want {
		t.Errorf("Customers.Wants() = %q, want %q", got, want)
	}
}

func TestExpect(t *testing.T) {
	b, err := Sales.Bind([]string{"顧客番号", "氏名"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = Sales.Expect(b, Aliases{SoldAt: {"日"}})
	var be *BindError
	if !errors.As(err, &be) || be.Field != SoldAt {
		t.Fatalf("Expect = %v, want a BindError for sold_at", err)
	}
	for _, want := range []string{"no column maps to sold_at (tried sold_at, 日, date,", "every command that reads dates refuses the file", "aliases: {sales: {sold_at: [<header>]}}"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Expect = %q, want it to hold %q", err, want)
		}
	}
	if b, err = Sales.Bind([]string{"顧客番号", "売上日"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := Sales.Expect(b, nil); err != nil {
		t.Errorf("Expect of a dated sales file = %v", err)
	}
	if b, err = Customers.Bind([]string{"顧客番号"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := Customers.Expect(b, nil); err != nil {
		t.Errorf("Expect of a customers file = %v", err)
	}
}
