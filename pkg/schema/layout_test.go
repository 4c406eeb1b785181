package schema

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestBindAmbiguousNames(t *testing.T) {
	header := []string{"取引No", "会員ID", "会員コード", "金額"}
	_, err := Sales.Bind(header, nil)
	var be *BindError
	if !errors.As(err, &be) || be.Field != CustomerID {
		t.Fatalf("got %v, want an ambiguous customer_id", err)
	}
	want := `columns "会員ID" and "会員コード" both map to customer_id; say which one holds it in the config, e.g. aliases: {sales: {customer_id: ["会員コード"]}}`
	if err.Error() != want {
		t.Errorf("message\n got %s\nwant %s", err, want)
	}
	b, err := Sales.Bind(header, Aliases{CustomerID: {"会員コード"}})
	if err != nil || b.Col(CustomerID) != 2 {
		t.Fatalf("with the alias: %v, customer_id in column %d", err, b.Col(CustomerID))
	}
	// 小計 (tax excluded) and 合計 (tax included) are two fields, not one.
	b, err = Sales.Bind([]string{"customer_id", "小計", "合計"}, nil)
	if err != nil || b.Col(Amount) != 2 || b.Col(AmountExcl) != 1 {
		t.Fatalf("小計/合計: %v, %v", err, b.Index)
	}
	// A landline and a mobile are both phones: the first name wins.
	b, err = Customers.Bind([]string{"顧客番号", "携帯", "電話"}, nil)
	if err != nil || b.Col(Phone) != 2 {
		t.Fatalf("電話/携帯: %v, %v", err, b.Index)
	}
}

func TestRecogniseLayouts(t *testing.T) {
	tests := []struct {
		kind   Kind
		header string
		layout string
		want   map[Field]string
	}{
		{Sales, "取引ID,取引日時,取引区分,取消区分,小計,合計,店舗ID,会員ID,会員コード,取引明細ID,取引明細区分 （1：通常、2：返品、3：部門売り）,商品ID,商品コード,商品名,部門名,販売単価,数量,値引き後計,レシート番号",
			"Smaregi 取引明細", map[Field]string{CustomerID: "会員コード", ReceiptID: "取引ID", Amount: "値引き後計", ProductID: "商品コード",
				Void: "取消区分", SaleKind: "取引明細区分 （1：通常、2：返品、3：部門売り）", AmountExcl: "", Category: "部門名"}},
		{Sales, "取引No,来店日,来店時間,会計日,会計時間,合計,小計,内消費税,人数,商品点数,カテゴリー名,メニュー名,価格,注文数量,顧客名,顧客名(カナ),顧客番号",
			"Airレジ 会計明細", map[Field]string{SoldAt: "会計日", SoldTime: "会計時間", Amount: "", AmountExcl: "", Quantity: "注文数量", UnitPrice: "価格", ReceiptID: "取引No"}},
		{Sales, "Date,Time,Time Zone,Category,Item,Qty,Price Point Name,SKU,Modifiers Applied,Gross Sales,Discounts,Net Sales,Tax,Transaction ID,Payment ID,Device Name,Notes,Details,Event Type,Location,Dining Option,Customer ID,Customer Name,Customer Reference ID",
			"Square アイテム詳細", map[Field]string{CustomerID: "Customer Reference ID", Amount: "Net Sales", SoldAt: "Date", SoldTime: "Time", SaleKind: "Event Type", StoreID: "Location"}},
		{Customers, "顧客番号,氏名,フリガナ,〒,都道府県,市区町村,番地,建物名,電話,携帯,メール,生年月日,登録日,DM可否",
			"Excel 顧客名簿 (split address)", map[Field]string{Prefecture: "都道府県", City: "市区町村", Street: "番地", Address2: "建物名", PostalCode: "〒"}},
		{Sales, "customer_id,sold_at,amount", "", map[Field]string{Amount: "amount"}},
	}
	for _, tt := range tests {
		header := strings.Split(tt.header, ",")
		b, err := tt.kind.Bind(header, nil)
		if err != nil {
			t.Errorf("%s: %v", tt.layout, err)
			continue
		}
		name := ""
		if b.Layout != nil {
			name = b.Layout.Name
		}
		if name != tt.layout {
			t.Errorf("layout %q, want %q", name, tt.layout)
		}
		for f, col := range tt.want {
			got := ""
			if c := b.Col(f); c >= 0 {
				got = header[c]
			}
			if got != col {
				t.Errorf("%s: %s ← %q, want %q", tt.layout, f, got, col)
			}
		}
	}
}

func TestCasioRefused(t *testing.T) {
	for _, header := range [][]string{{"MACHINE ", "MC#01 "}, {"RECORD ", "DESCRIPTOR ", "QUANTITY/No ", "AMOUNT "}} {
		_, err := Sales.Bind(header, nil)
		var be *BindError
		if !errors.As(err, &be) || be.Layout == nil || !strings.Contains(err.Error(), "Casio register's total report") {
			t.Errorf("%q: got %v, want the Casio refusal", header, err)
		}
	}
}

func TestPostalMailingListRefused(t *testing.T) {
	header := []string{"郵便番号", "住所1", "住所2", "会社名", "部署", "役職", "氏名", "敬称"}
	_, err := Customers.Bind(header, nil)
	var be *BindError
	if !errors.As(err, &be) || be.Layout == nil || !strings.Contains(err.Error(), "no customer id") {
		t.Errorf("got %v, want the mailing list refused", err)
	}
	// The same columns beside an id are a customers file.
	if _, err := Customers.Bind(append([]string{"顧客番号"}, header...), nil); err != nil {
		t.Errorf("with an id column: %v", err)
	}
}

func TestParseBasis(t *testing.T) {
	for in, want := range map[string]Basis{"": TaxIncluded, "tax_included": TaxIncluded, "tax_excluded": TaxExcluded} {
		if got, err := ParseBasis(in); err != nil || got != want {
			t.Errorf("ParseBasis(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseBasis("gross"); err == nil || !strings.Contains(err.Error(), "tax_excluded") {
		t.Errorf("ParseBasis(gross) = %v", err)
	}
	b := &Binding{Basis: TaxExcluded}
	if b.SpendField() != AmountExcl || (&Binding{}).SpendField() != Amount {
		t.Error("SpendField does not follow the basis")
	}
}

func TestPersonalHeadersOfRealLists(t *testing.T) {
	header := []string{"携帯", "お客様名", "顧客氏名", "氏名(漢字)", "宛名", "メモ", "顧客名(カナ)", "都道府県", "番地", "売上"}
	got := PersonalColumns(header, nil, nil)
	for i, f := range got[:len(got)-1] {
		if f == "" {
			t.Errorf("%s is not personal", header[i])
		}
	}
	if got[len(got)-1] != "" {
		t.Errorf("売上 is personal (%s)", got[len(got)-1])
	}
	if cols := ColumnsOf(header, Address, nil); len(cols) != 2 {
		t.Errorf("ColumnsOf(address) = %v, want the split address's 都道府県 and 番地", cols)
	}
}

// TestRecogniseOrderExports reads the two order exports of web shops:
// MakeShop's date and hhmmss time columns and 処理状況 as the void column;
// Shopify's line-item columns, with the order totals (first row only) and
// the refund left unmapped, and its caveat said. Shopify has no customer
// number, so the e-mail is named in the config.
func TestRecogniseOrderExports(t *testing.T) {
	header := strings.Split("日付,注文時間,注文番号,処理状況,会員ID,注文者,商品名,数量,単価", ",")
	b, err := Sales.Bind(header, nil)
	if err != nil || b.Layout == nil || b.Layout.Name != "MakeShop 注文" {
		t.Fatalf("MakeShop: %v, %+v", err, b)
	}
	for f, want := range map[Field]int{SoldAt: 0, SoldTime: 1, ReceiptID: 2, Void: 3, CustomerID: 4, UnitPrice: 8} {
		if b.Col(f) != want {
			t.Errorf("MakeShop: %s in column %d, want %d", f, b.Col(f), want)
		}
	}
	if b.Layout.Note() != "read as the MakeShop 注文 layout" {
		t.Errorf("MakeShop note %q", b.Layout.Note())
	}

	header = strings.Split("Name,Email,Financial Status,Paid at,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,"+
		"Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,Cancelled at,Refunded Amount,Id", ",")
	if _, err := Sales.Bind(header, nil); err == nil || !strings.Contains(err.Error(), "no column maps to customer_id") {
		t.Errorf("Shopify without an alias for the customer: %v", err)
	}
	b, err = Sales.Bind(header, Aliases{CustomerID: {"Email"}})
	if err != nil || b.Layout == nil || b.Layout.Name != "Shopify 注文 (orders export)" {
		t.Fatalf("Shopify: %v, %+v", err, b)
	}
	want := map[Field]string{ReceiptID: "Name", CustomerID: "Email", SoldAt: "Created at", Quantity: "Lineitem quantity",
		UnitPrice: "Lineitem price", ProductID: "Lineitem sku", ProductName: "Lineitem name", Void: "Financial Status",
		Amount: "", AmountExcl: ""}
	for f, col := range want {
		got := ""
		if c := b.Col(f); c >= 0 {
			got = header[c]
		}
		if got != col {
			t.Errorf("Shopify: %s ← %q, want %q", f, got, col)
		}
	}
	if n := b.Layout.Note(); !strings.HasPrefix(n, "read as the Shopify 注文 (orders export) layout; spend is Lineitem price × Lineitem quantity") {
		t.Errorf("Shopify note %q", n)
	}
}

// TestOtherIDColumns: the columns beside the key that hold a customer id
// too, by a layout's names, a built-in alias or the config's.
func TestOtherIDColumns(t *testing.T) {
	tests := []struct {
		name   string
		kind   Kind
		header string
		extra  Aliases
		want   []int
	}{
		{"Smaregi: 会員ID beside 会員コード", Sales, "取引ID,取引日時,取消区分,合計,店舗ID,会員ID,会員コード,取引明細ID,商品コード,数量,値引き後計", nil, []int{5}},
		{"Smaregi without 会員コード: 会員ID is the key", Sales, "取引ID,取引日時,取消区分,合計,店舗ID,会員ID,取引明細ID,商品コード,数量,値引き後計", nil, nil},
		{"Square: Customer ID beside Customer Reference ID", Sales, "Date,Time,Item,Qty,Net Sales,Transaction ID,Event Type,Customer ID,Customer Name,Customer Reference ID", nil, []int{7}},
		{"a config alias picks one of two", Sales, "取引No,会員ID,会員コード,金額", Aliases{CustomerID: {"会員コード"}}, []int{1}},
		{"a config alias names the other", Customers, "顧客番号,氏名,旧番号", Aliases{CustomerID: {"旧番号"}}, []int{0}},
		{"one id", Sales, "customer_id,sold_at,amount", nil, nil},
	}
	for _, tt := range tests {
		b, err := tt.kind.Bind(strings.Split(tt.header, ","), tt.extra)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := b.OtherIDColumns(tt.extra); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v (key in column %d)", tt.name, got, tt.want, b.Col(CustomerID))
		}
	}
}
