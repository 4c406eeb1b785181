package check

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/jsonin"
	"github.com/custkit/custkit/pkg/schema"
)

func in(kind schema.Kind, name, text string) Input {
	return Input{Kind: kind, Name: name, Src: strings.NewReader(text)}
}

// problems runs a check keeping every finding and returns them as lines.
func problems(t *testing.T, inputs ...Input) (*Report, []string) {
	t.Helper()
	rep, err := Run(context.Background(), inputs, Options{Keep: -1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Files {
		for _, p := range f.Findings {
			got = append(got, string(p.Severity())+" "+p.String())
		}
	}
	return rep, got
}

const cleanCustomers = "顧客番号,氏名,電話番号,誕生日,メモ\nC1,山田太郎,090-1111-2222,1980/02/29,\nC2,\"Sato, Hanako\",,,VIP\n"

func TestClean(t *testing.T) {
	rep, got := problems(t,
		in(schema.Customers, "c.csv", cleanCustomers),
		in(schema.Sales, "s.csv", "customer_id,sold_at,quantity,amount\r\nC1,2026/11/22 10:15,1,\"¥1,200\"\r\n,2026-11-23,２,500\r\nC2,20261124,1,300\r\n"))
	if len(got) != 0 {
		t.Fatalf("findings in clean files: %q", got)
	}
	if rep.Errors() != 0 || rep.Warnings() != 0 || rep.Summary() != "no problems in 2 files" {
		t.Errorf("summary %q, %d errors, %d warnings", rep.Summary(), rep.Errors(), rep.Warnings())
	}
	c, s := rep.Files[0], rep.Files[1]
	if c.Rows != 2 || s.Rows != 3 || c.Encoding != charset.UTF8 || c.Comma != ',' {
		t.Errorf("rows %d, %d; encoding %s; comma %q", c.Rows, s.Rows, c.Encoding, c.Comma)
	}
	if c.Binding.Col(schema.CustomerID) != 0 || c.Binding.Col(schema.Birthday) != 3 || !reflect.DeepEqual(c.Binding.Unknown, []int{4}) {
		t.Errorf("binding %v, unknown %v", c.Binding.Index, c.Binding.Unknown)
	}
	want := []schema.Field{"", schema.Name, schema.Phone, schema.Birthday, schema.Note} // メモ: free text about a person
	if !reflect.DeepEqual(c.Personal, want) {
		t.Errorf("personal %q, want %q", c.Personal, want)
	}
	if s.IDsCheckedIn != "c.csv" || s.Counts[CodeWalkIn] != 1 {
		t.Errorf("ids checked in %q, walk-ins %d", s.IDsCheckedIn, s.Counts[CodeWalkIn])
	}
}

func TestExcelFacts(t *testing.T) {
	var facts []string
	_, err := Run(context.Background(), []Input{
		in(schema.Customers, "c.csv", "顧客名簿,\r,\rcustomer_id,name\rC1,a\r,\rcustomer_id,name\rC2,b\rcustomer_id,name\r,\r\r"),
		{Kind: schema.Sales, Name: "s.csv", HeaderRow: 2, Src: strings.NewReader("customer_id\nC1\nC2\n")},
	}, Options{Emit: func(f *Finding) error {
		if f.Code == CodeFile || f.Code == CodeHeaderRow || f.Code == CodeEmptyRows || f.Code == CodeRepeatedHeader || f.Code == CodeRows {
			facts = append(facts, string(f.Severity())+" "+f.String())
		}
		return nil
	}})
	want := []string{
		"info c.csv: customers file, utf-8, comma-separated, CR line ends (Excel for Mac)",
		"info c.csv:3: header on line 3; lines 1–2 skipped",
		"info c.csv: 3 empty rows skipped",
		"warning c.csv:6: repeats the header, first of 2 lines that do; skipped (files joined with cat?)",
		"info c.csv: 2 rows",
		"info s.csv: sales file, utf-8, comma-separated",
		"info s.csv:2: header on line 2; line 1 skipped",
		"info s.csv: 1 row",
	}
	if err != nil || !reflect.DeepEqual(facts, want) {
		t.Errorf("got %q (%v)\nwant %q", facts, err, want)
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name   string
		inputs []Input
		want   []string
	}{
		{"duplicate and empty customer ids", []Input{in(schema.Customers, "c.csv", "customer_id,name\nC1,a\nC2,b\n  ,c\nC1,d\nC2,e\n")}, []string{
			`error c.csv:4: column "customer_id": "  " is empty; every customer needs an id`,
			`error c.csv:5: column "customer_id": "C1" appears again (first on line 2); customer ids must be unique`,
			`error c.csv:6: column "customer_id": "C2" appears again (first on line 3); customer ids must be unique`,
		}},
		{"bad dates and numbers", []Input{in(schema.Sales, "s.csv", "customer_id,sold_at,quantity,unit_price,amount\nC1,2026/13/45,abc,100,\"1,20\"\nC2,2026-02-29,1,¥,1.23456\n")}, []string{
			// ¥ alone in UTF-8 (C2 A5) is ﾂ･ in CP932.
			`warning s.csv: read as utf-8, but it reads as shift_jis too (few characters outside ASCII); give --encoding to say which`,
			`error s.csv:2: column "sold_at": "2026/13/45" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
			`error s.csv:2: column "quantity": "abc" is not a number`,
			`error s.csv:2: column "amount": "1,20" is not a number`,
			`error s.csv:3: column "sold_at": "2026-02-29" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
			`error s.csv:3: column "unit_price": "¥" is not a number`,
			`error s.csv:3: column "amount": "1.23456" is not a number`,
		}},
		{"dates of every kind", []Input{
			in(schema.Customers, "c.csv", "customer_id,birthday,registered_at,anniversary\nC1,x,y,z\n"),
			in(schema.Contacts, "t.csv", "customer_id,contacted_at,channel\nC1,2026/1/32,電話\n"),
			in(schema.Complaints, "p.csv", "customer_id,received_at,status\nC1,yesterday,未対応\n"),
		}, []string{
			`error c.csv:2: column "birthday": "x" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
			`error c.csv:2: column "registered_at": "y" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
			`error c.csv:2: column "anniversary": "z" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
			`error t.csv:2: column "contacted_at": "2026/1/32" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
			`error p.csv:2: column "received_at": "yesterday" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
		}},
		{"reading goes on after ragged rows, invalid bytes and stray quotes", []Input{
			{Kind: schema.Sales, Name: "s.csv", Encoding: charset.UTF8, Src: strings.NewReader("sold_at,customer_id,amount\n2026-11-01,C1,1,2\n2026-11-01,C2,\xff\n2026-11-01,C3,\"a\"b\n2026-11-01,C4\n2026-11-01,C5,x\n")},
		}, []string{
			`error s.csv:2: row has 4 fields, the header has 3`,
			`error s.csv:3: column "amount": "\xff" invalid byte sequence`,
			`error s.csv:4: column "amount": "a" unexpected text after a closing quote (a field's quotes must be doubled: "")`,
			`error s.csv:5: row has 2 fields, the header has 3`,
			`error s.csv:6: column "amount": "x" is not a number`,
		}},
		{"unterminated quote stops the file, not the check", []Input{
			in(schema.Sales, "s.csv", "sold_at,customer_id,amount\n2026-11-01,C1,x\n2026-11-01,C2,\"1\n"),
			in(schema.Contacts, "t.csv", "customer_id,contacted_at,channel\nC1,never,電話\n"),
		}, []string{
			`error s.csv:2: column "amount": "x" is not a number`,
			`error s.csv:3: column "amount": "1\n" unterminated quoted field`,
			`error t.csv:2: column "contacted_at": "never" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
		}},
		{"orphans in every file, looked up after the customers file whatever the order", []Input{
			in(schema.Sales, "s.csv", "customer_id,sold_at\nC1,2026-11-01\nC9,2026-11-01\n\nc1,2026-11-01\n123,2026-11-01\n１２３,2026-11-01\n"),
			in(schema.Customers, "c.csv", "customer_id\nC1\n000123\n"),
			in(schema.Complaints, "p.csv", "customer_id,status\nC8,完了\n"),
		}, []string{
			`warning s.csv:3: column "customer_id": "C9" is not in c.csv`,
			`warning s.csv:5: column "customer_id": "c1" is not in c.csv`,
			`warning s.csv:6: column "customer_id": "123" is not in c.csv, but "000123" is (join --key-normalize matches them)`,
			`warning s.csv:7: column "customer_id": "１２３" is not in c.csv, but "000123" is (join --key-normalize matches them)`,
			`warning p.csv:2: column "customer_id": "C8" is not in c.csv`,
		}},
		{"ids a spreadsheet spoiled", []Input{
			in(schema.Customers, "c.csv", "customer_id,name\n4.90123E+12,a\nC\x002,b\n1234E5,c\n"),
			in(schema.Sales, "s.csv", "customer_id,product_id,sold_at\n1234E5,4.9E+12,2026-11-01\n1234E5,4901234567894,2026-11-01\n1234E5,1E+,2026-11-01\n1234E5,4.90123e+12,2026-11-01\n"),
		}, []string{
			`error c.csv:2: column "customer_id": "4.90123E+12" is a number in scientific notation, as a spreadsheet shows a long number, and its last digits are lost; format the column as text in the spreadsheet (or export it again from the register) and save the file again`,
			`error c.csv:3: column "customer_id": "C\x002" holds a NUL byte; export the file again from the program that made it`,
			`error s.csv:2: column "product_id": "4.9E+12" is a number in scientific notation, as a spreadsheet shows a long number, and its last digits are lost; format the column as text in the spreadsheet (or export it again from the register) and save the file again`,
			`error s.csv:5: column "product_id": "4.90123e+12" is a number in scientific notation, as a spreadsheet shows a long number, and its last digits are lost; format the column as text in the spreadsheet (or export it again from the register) and save the file again`,
		}},
		{"a title row, empty rows and a repeated header", []Input{
			in(schema.Customers, "c.csv", "顧客名簿,\r,\rcustomer_id,name\rC1,a\r,\rcustomer_id,name\rC2,b\r,\r\r"),
		}, []string{
			`warning c.csv:6: repeats the header; skipped (files joined with cat?)`,
		}},
		{"no column for a field the listings answer by", []Input{
			in(schema.Complaints, "p.csv", "customer_id,received_at,進み具合\nC1,2026-01-10,完了\n"),
			in(schema.Contacts, "t.csv", "customer_id,方法\nC1,電話\n"),
			in(schema.Complaints, "q.csv", "customer_id,状況\nC1,完了\n"),
		}, []string{
			`warning p.csv:1: no column maps to status (tried status, state, 状態, ステータス, 対応状況, 状況, 進捗, 進捗状況, 対応ステータス): complaints --open and --summary need it, and the list cannot tell open complaints from closed ones; name the column that holds status in the config, e.g. aliases: {complaints: {status: ["進み具合"]}}`,
		}},
		{"header problems", []Input{
			in(schema.Sales, "s.csv", "id,amount\n1,x\n"),
			in(schema.Contacts, "t.csv", "customer_id,Customer ID\n"),
			in(schema.Complaints, "p.csv", ""),
			in(schema.Customers, "c.csv", "\xEF\xBB\xBF\n\n"),
		}, []string{
			`error c.csv: the file is empty (no header row)`,
			`error s.csv:1: no column maps to customer_id (tried customer_id, customer_no, customer_number, customer, member_id, member_no, client_id, 顧客番号, 顧客ID, 顧客コード, 顧客No, 会員番号, 会員ID, 会員コード, カード番号, お客様番号, customer_reference_id, 顧客の参照ID)`,
			`error t.csv:1: columns "customer_id" and "Customer ID" both map to customer_id; rename one or set aliases.contacts.customer_id in the config`,
			`error p.csv: the file is empty (no header row)`,
		}},
		{"a sales file without dates, as a customers list given as sales", []Input{
			in(schema.Sales, "s.csv", "顧客一覧\n顧客番号,氏名\nC1,a\n"),
		}, []string{
			`error s.csv:2: no column maps to sold_at (tried sold_at, date, sale_date, sold_on, purchased_at, purchase_date, order_date, datetime, 売上日, 販売日, 購入日, 日付, 日時, 売上日時, 取引日時, 会計日): every command that reads dates refuses the file; name its column in the config: aliases: {sales: {sold_at: [<header>]}}`,
		}},
	}
	for _, tt := range tests {
		_, got := problems(t, tt.inputs...)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestCodesAndCounts(t *testing.T) {
	rep, err := Run(context.Background(), []Input{
		in(schema.Customers, "c.csv", "customer_id\nC1\nC1\n"),
		in(schema.Sales, "s.csv", "customer_id,amount,sold_at\nC1,x,2026-11-01\nC1,y,2026-11-01\nC1,z,2026-11-01\nC9,1,2026-11-01\n,1,2026-11-01\n,2,2026-11-01\n"),
	}, Options{Keep: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, s := rep.Files[0], rep.Files[1]
	var dup *customer.DuplicateIDError
	if len(c.Findings) != 1 || c.Findings[0].Code != CodeDuplicateID || !errors.As(c.Findings[0].Err, &dup) || dup.First != 2 {
		t.Errorf("customers findings %+v", c.Findings)
	}
	if s.Counts[CodeBadNumber] != 3 || s.Counts[CodeOrphan] != 1 || s.Counts[CodeWalkIn] != 2 {
		t.Errorf("counts %v", s.Counts)
	}
	if len(s.Findings) != 2 || s.Findings[0].Line != 2 || s.Findings[1].Code != CodeOrphan {
		t.Errorf("kept %+v, want the first bad number and the orphan", s.Findings)
	}
	if rep.Errors() != 4 || rep.Warnings() != 1 || rep.Summary() != "4 errors, 1 warning in 2 files" {
		t.Errorf("%d errors, %d warnings, %q", rep.Errors(), rep.Warnings(), rep.Summary())
	}
}

func TestNotLookedUp(t *testing.T) {
	sales := "customer_id\nC9\n"
	tests := []struct {
		name   string
		inputs []Input
		why    string
	}{
		{"no customers file", nil, "no customers file was given"},
		{"customers file stopped", []Input{in(schema.Customers, "c.csv", "customer_id\n\"C1\n")}, "c.csv could not be read to the end"},
		{"customers file empty", []Input{in(schema.Customers, "c.csv", "")}, "c.csv could not be read to the end"},
		{"customers without ids", []Input{in(schema.Customers, "c.csv", "name\nA\n")}, "c.csv has no customer id column"},
	}
	for _, tt := range tests {
		rep, err := Run(context.Background(), append(tt.inputs, in(schema.Sales, "s.csv", sales)), Options{Keep: -1})
		if err != nil {
			t.Fatal(err)
		}
		s := rep.Files[len(rep.Files)-1]
		if s.NotCheckedWhy != tt.why || s.IDsCheckedIn != "" || s.Counts[CodeOrphan] != 0 {
			t.Errorf("%s: why %q, checked in %q, %d orphans; want %q", tt.name, s.NotCheckedWhy, s.IDsCheckedIn, s.Counts[CodeOrphan], tt.why)
		}
	}
}

func TestEmit(t *testing.T) {
	var got []string
	_, err := Run(context.Background(), []Input{
		in(schema.Sales, "s.csv", "顧客番号,金額,氏名,memo,売上日\nC1,x,A,,2026-11-01\n,1,,,2026-11-01\n"),
	}, Options{Emit: func(f *Finding) error {
		got = append(got, strings.Join([]string{string(f.Severity()), string(f.Code), f.Column, f.Value, f.Problem()}, "|"))
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"info|file||utf-8|sales file, utf-8, comma-separated",
		"info|column|顧客番号|customer_id|maps to customer_id",
		"info|column|金額|amount|maps to amount",
		"info|unknown-column|氏名||maps to no field; passed through",
		"info|personal-data|氏名|name|holds personal data (name)",
		"info|unknown-column|memo||maps to no field; passed through",
		"info|personal-data|memo|summary|holds personal data (summary)",
		"info|column|売上日|sold_at|maps to sold_at",
		"error|bad-number|金額|x|is not a number",
		"info|walk-in|||1 walk-in sales line (no customer id)",
		"info|rows||2|2 rows",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("emitted\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	stop := errors.New("stop")
	_, err = Run(context.Background(), []Input{in(schema.Sales, "s.csv", "customer_id\nC1\n")},
		Options{Emit: func(*Finding) error { return stop }})
	if err != stop {
		t.Errorf("an Emit error should stop Run: %v", err)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, []Input{in(schema.Sales, "s.csv", "customer_id\nC1\n")}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestCP932(t *testing.T) {
	var b strings.Builder
	w, err := charset.NewEncoder(&b, charset.CP932)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("顧客番号,売上日,金額\r\nC1,2026/11/22,１２００\r\nC2,２０２６年１３月１日,千円\r\n")); err != nil {
		t.Fatal(err)
	}
	rep, got := problems(t, in(schema.Sales, "sjis.csv", b.String()))
	want := []string{
		`error sjis.csv:3: column "売上日": "２０２６年１３月１日" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
		`error sjis.csv:3: column "金額": "千円" is not a number`,
	}
	if !reflect.DeepEqual(got, want) || rep.Files[0].Encoding != charset.CP932 {
		t.Errorf("got %q in %s, want %q", got, rep.Files[0].Encoding, want)
	}
}

func TestWriteText(t *testing.T) {
	rep, err := Run(context.Background(), []Input{
		in(schema.Customers, "c.csv", "顧客番号,氏名,memo\nC1,A,\nC1,B,\n"),
		in(schema.Sales, "s.csv", "customer_id\tamount\tsold_at\nC1\tx\t2026-11-01\nC1\ty\t2026-11-01\nC1\tz\t2026-11-01\nC9\t1\t2026-11-01\n\t1\t2026-11-01\n"),
		in(schema.Contacts, "t.csv", ""),
	}, Options{Keep: 2})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `c.csv: customers file, utf-8, comma-separated, 2 rows
  customer_id ← 顧客番号
  name        ← 氏名
  unknown columns, passed through: memo
  personal data: 氏名 (name), memo (summary)
  error: 1 duplicate customer id
    c.csv:3: column "顧客番号": "C1" appears again (first on line 2); customer ids must be unique

s.csv: sales file, utf-8, tab-separated, 5 rows
  customer_id ← customer_id
  amount      ← amount
  sold_at     ← sold_at
  personal data: none
  error: 3 bad numbers
    s.csv:2: column "amount": "x" is not a number
    s.csv:3: column "amount": "y" is not a number
    ... and 1 more
  warning: 1 row with an unknown customer id
    s.csv:5: column "customer_id": "C9" is not in c.csv
  info: 1 walk-in sales line (no customer id)

t.csv: contacts file
  error: 1 empty file
    t.csv: the file is empty (no header row)

5 errors, 1 warning in 3 files
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// With purposes configured, check names the columns none of them uses: by
// header (compared as header aliases are) or by field name, the customer id
// always needed. Without purposes it says nothing about it.
func TestUnneededColumns(t *testing.T) {
	inputs := func() []Input { return []Input{in(schema.Customers, "c.csv", cleanCustomers)} }
	rep, err := Run(context.Background(), inputs(), Options{Keep: -1})
	if err != nil || rep.Files[0].Unneeded != nil {
		t.Fatalf("no purposes: unneeded %q, %v", rep.Files[0].Unneeded, err)
	}
	var emitted []string
	purposes := map[string][]string{"mailings": {"name", "ＭＥＭＯ"}, "cards": {"birthday"}, "unrelated": {"amount"}}
	rep, err = Run(context.Background(), inputs(), Options{Keep: -1, Purposes: purposes, Emit: func(f *Finding) error {
		if f.Code == CodeUnneeded {
			emitted = append(emitted, string(f.Severity())+" "+f.String())
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	// 氏名 is the name field and 誕生日 the birthday. ＭＥＭＯ names no
	// column here (the column is メモ), so the memo is unneeded, as is the
	// phone; renamed memo below, the column matches it after NFKC and case
	// folding.
	if got := strings.Join(rep.Files[0].Unneeded, ","); got != "電話番号,メモ" {
		t.Errorf("unneeded %q", got)
	}
	want := []string{
		`info c.csv:1: column "電話番号": "" no configured purpose uses it; collect only what you need`,
		`info c.csv:1: column "メモ": "" no configured purpose uses it; collect only what you need`,
	}
	if !reflect.DeepEqual(emitted, want) || rep.Errors() != 0 || rep.Warnings() != 0 {
		t.Errorf("emitted %q, %d errors, %d warnings; want %q and none", emitted, rep.Errors(), rep.Warnings(), want)
	}
	purposes["care"] = []string{"Memo", "phone"}
	rep, err = Run(context.Background(), []Input{in(schema.Customers, "c.csv", strings.Replace(cleanCustomers, "メモ", "memo", 1))}, Options{Purposes: purposes})
	if err != nil || rep.Files[0].Unneeded == nil || len(rep.Files[0].Unneeded) != 0 {
		t.Errorf("every column named: unneeded %q, %v", rep.Files[0].Unneeded, err)
	}
}

func TestSeveralCustomersFiles(t *testing.T) {
	rep, got := problems(t,
		in(schema.Sales, "s.csv", "customer_id,sold_at\nC1,2026-11-01\nC5,2026-11-01\nC9,2026-11-01\n"),
		in(schema.Customers, "a.csv", "customer_id\nC1\nC2\n"),
		in(schema.Customers, "b.csv", "customer_id\nC5\nC2\nC5\n"),
	)
	want := []string{
		`error b.csv:3: column "customer_id": "C2" appears again (first in a.csv:3); customer ids must be unique across the customers files`,
		`error b.csv:4: column "customer_id": "C5" appears again (first on line 2); customer ids must be unique`,
		`warning s.csv:4: column "customer_id": "C9" is not in the customers files a.csv, b.csv`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%q\nwant\n%q", got, want)
	}
	var dup *customer.DuplicateIDError
	if f := rep.Files[1].Findings[0]; f.Code != CodeDuplicateID || !errors.As(f.Err, &dup) || dup.FirstFile != "a.csv" || dup.First != 3 {
		t.Errorf("finding %+v, want a duplicate id first in a.csv:3", f)
	}
	if s := rep.Files[2]; s.Name != "s.csv" || s.IDsCheckedIn != "a.csv, b.csv" {
		t.Errorf("%s: ids checked in %q, want both customers files", s.Name, s.IDsCheckedIn)
	}

	// One customers file that cannot be read to the end leaves the ids
	// unknown, whichever of them it is; the first reason is given.
	rep, _ = problems(t,
		in(schema.Customers, "a.csv", "customer_id\nC1\n"),
		in(schema.Customers, "b.csv", "name\nA\n"),
		in(schema.Customers, "c.csv", "customer_id\n\"C2\n"),
		in(schema.Sales, "s.csv", "customer_id\nC9\n"),
	)
	if s := rep.Files[3]; s.IDsCheckedIn != "" || s.NotCheckedWhy != "b.csv has no customer id column" || s.Counts[CodeOrphan] != 0 {
		t.Errorf("checked in %q, why %q, %d orphans", s.IDsCheckedIn, s.NotCheckedWhy, s.Counts[CodeOrphan])
	}
}

// TestKeyNormalize compares ids as --key-normalize matches them: 000105
// and 105 are one customer, so the second is a duplicate across the
// customers files, and a sales line's 0107 is C107's. Without it they
// are different ids, as every command then reads them.
func TestKeyNormalize(t *testing.T) {
	inputs := func() []Input {
		return []Input{
			in(schema.Customers, "a.csv", "customer_id\n000105\n000106\n"),
			in(schema.Customers, "b.csv", "customer_id\n105\n１０７\n"),
			in(schema.Sales, "s.csv", "customer_id,sold_at\n0107,2026-11-01\n"),
		}
	}
	lines := func(rep *Report) []string {
		var got []string
		for _, f := range rep.Files {
			for _, p := range f.Findings {
				got = append(got, string(p.Severity())+" "+p.String())
			}
		}
		return got
	}
	rep, err := Run(context.Background(), inputs(), Options{Keep: -1, KeyNormalize: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`error b.csv:2: column "customer_id": "105" appears again as "105" (first in a.csv:2); customer ids must be unique across the customers files`}
	if got := lines(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("with KeyNormalize\n%q\nwant\n%q", got, want)
	}
	rep, err = Run(context.Background(), inputs(), Options{Keep: -1})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{`warning s.csv:2: column "customer_id": "0107" is not in the customers files a.csv, b.csv, but "１０７" is (join --key-normalize matches them)`}
	if got := lines(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("without\n%q\nwant\n%q", got, want)
	}
}

// TestJSON: a JSON input is read as every command reads it (by name or
// content, see input.NewReader), its layout said where a CSV file's
// encoding is, and its findings' line the JSON line.
func TestJSON(t *testing.T) {
	pretty := "[\n  {\"customer_id\": \"C1\", \"name\": \"山田\"},\n  {\"customer_id\": \"C1\", \"name\": \"佐藤\"}\n]\n"
	lines := "{\"customer_id\":\"C1\",\"sold_at\":\"2026-11-22\"}\n{\"customer_id\":\"C9\",\"sold_at\":\"昨日\"}\n"
	rep, got := problems(t, in(schema.Customers, "check_c.json", pretty), in(schema.Sales, "check_s.txt", lines))
	want := []string{
		`error check_c.json:3: column "customer_id": "C1" appears again (first on line 2); customer ids must be unique`,
		`warning check_s.txt:2: column "customer_id": "C9" is not in check_c.json`,
		`error check_s.txt:2: column "sold_at": "昨日" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%q, want\n%q", got, want)
	}
	c, s := rep.Files[0], rep.Files[1]
	if c.JSON != jsonin.Array || s.JSON != jsonin.Lines {
		t.Errorf("layouts %q, %q", c.JSON, s.JSON)
	}
	if got := c.title(); got != "check_c.json: customers file, json array, 2 rows" {
		t.Errorf("title %q", got)
	}
	if got := s.Findings[1].Cells()[1]; got != "2" {
		t.Errorf("line cell %q, want the JSON line 2", got)
	}
	// --input-format csv reads it as CSV
	r := in(schema.Sales, "check_s2.txt", lines)
	r.Format = jsonin.CSV
	rep, _ = problems(t, r)
	if rep.Files[0].JSON != "" || rep.Files[0].Stopped == nil {
		t.Errorf("read as CSV: layout %q, stopped %v", rep.Files[0].JSON, rep.Files[0].Stopped)
	}
}

// A file its list names twice, or a copy of another, is an error of its
// own and is not read: its customer ids are not duplicates of the first
// file's, and the sales lines are looked up in the first file only.
func TestDuplicateFile(t *testing.T) {
	copyOf := &input.Duplicate{File: "c (1).csv", First: "c.csv", How: input.SameContents}
	again := &input.Duplicate{File: "s.csv", First: "s.csv", How: input.SamePath, At: 1}
	rep, err := Run(context.Background(), []Input{
		in(schema.Customers, "c.csv", "customer_id\nC1\n"),
		{Kind: schema.Customers, Name: "c (1).csv", Duplicate: copyOf},
		in(schema.Sales, "s.csv", "customer_id,amount,sold_at\nC1,100,2026-11-01\n"),
		{Kind: schema.Sales, Name: "s.csv", Duplicate: again},
	}, Options{Keep: -1})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `c.csv: customers file, utf-8, comma-separated, 1 row
  customer_id ← customer_id
  personal data: none

c (1).csv: customers file
  error: 1 duplicate file
    c (1).csv: has the same contents as "c.csv": its customers would be read twice; leave one of them out

s.csv: sales file, utf-8, comma-separated, 1 row
  customer_id ← customer_id
  amount      ← amount
  sold_at     ← sold_at
  personal data: none

s.csv: sales file
  error: 1 duplicate file
    s.csv: is given twice: its sales would count twice; give it once

2 errors, 0 warnings in 4 files
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if s := rep.Files[2]; s.IDsCheckedIn != "c.csv" {
		t.Errorf("ids checked in %q, want c.csv only", s.IDsCheckedIn)
	}
	f := rep.Files[1].Findings[0]
	if got := strings.Join(f.Cells(), "|"); got != `c (1).csv|||c.csv|error|duplicate-file|has the same contents as "c.csv": its customers would be read twice; leave one of them out` {
		t.Errorf("cells %s", got)
	}
}

// TestOverlappingFiles warns of a sales file that holds a receipt an
// earlier one holds too, once per earlier file, on the later file's line
// of it; files of other stores or days are not, and a file not read (a
// duplicate) makes no pair.
func TestOverlappingFiles(t *testing.T) {
	const header = "レシート番号,顧客番号,売上日,店舗,数量,金額\n"
	sep := header + "000122,C1,2024-09-14 18:00,1,1,100\n000123,C1,2024-09-15 10:00,1,1,100\n000123,C1,2024-09-15 10:00,1,1,100\n"
	rep, err := Run(context.Background(), []Input{
		in(schema.Sales, "sep.csv", sep),
		{Kind: schema.Sales, Name: "sep (1).csv", Duplicate: &input.Duplicate{File: "sep (1).csv", First: "sep.csv", How: input.SameContents}},
		in(schema.Sales, "store2.csv", header+"000123,C1,2024-09-15 10:00,2,1,100\n"),
		in(schema.Sales, "late.csv", header+"000123,C1,2024/09/15 10:00,1,1,100\n000123,C1,2024/09/15 10:00,1,1,100\n000200,C1,2024/09/16 10:00,1,1,100\n"),
		in(schema.Sales, "notime.csv", "顧客番号,売上日,店舗,金額\nC1,2024-09-15 10:00,1,100\n"),
	}, Options{Keep: -1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, fr := range rep.Files {
		for _, f := range fr.Findings {
			got = append(got, strings.Join(f.Cells(), "|"))
		}
	}
	want := []string{
		`sep (1).csv|||sep.csv|error|duplicate-file|has the same contents as "sep.csv": its sales would count twice; leave one of them out`,
		`late.csv|2|レシート番号|000123|warning|overlapping-files|of 2024/09/15 10:00 (store 1) is in sep.csv:3 too: the same sales exported twice are counted twice; read one of them, or export periods that do not overlap`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Warnings() != 1 || rep.Files[3].Counts[CodeOverlap] != 1 {
		t.Errorf("%d warnings, %v", rep.Warnings(), rep.Files[3].Counts)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if want := "  warning: 1 overlapping file\n    late.csv:2: column \"レシート番号\": \"000123\" of 2024/09/15 10:00 (store 1) is in sep.csv:3 too: "; !strings.Contains(b.String(), want) {
		t.Errorf("text report\n%s\nwant a part\n%s", b.String(), want)
	}
}

// TestSalesAsCommandsRead checks a sales file as the commands read it: a
// line without a date is the error they stop at, a walk-in's too, but not
// a line of another transaction, which they leave out first; a totals row
// is skipped as they skip it; the lines whose quantity or amount is empty
// are counted by the default they take, once per kind, on the first.
func TestSalesAsCommandsRead(t *testing.T) {
	sales := "receipt_id,customer_id,sold_at,quantity,unit_price,amount,transaction_class\n" +
		"R1,C1,2026-11-01,1,100,100,1\n" + // 2
		"R2,,,1,100,100,1\n" + // 3: a walk-in without a date
		"R3,C1, ,1,100,100,1\n" + // 4: a blank date
		"R4,C1,,,,,6\n" + // 5: no sale: nothing to say
		"R5,C1,2026-11-02,,100,100,1\n" + // 6: no quantity
		"R6,C1,2026-11-02,2,100,,1\n" + // 7: amount from the unit price
		"R7,C1,2026-11-02,1,,,1\n" + // 8: worth nothing
		"R8,,2026-11-03,,,,1\n" + // 9: no quantity, worth nothing
		",,,,,,\n" + // 10
		"合計,,,7,,600,\n" // 11
	var facts []string
	rep, err := Run(context.Background(), []Input{in(schema.Sales, "s.csv", sales)}, Options{Keep: -1, Emit: func(f *Finding) error {
		switch f.Code {
		case CodeTotalsRow, CodePricedAmount, CodeEmptyAmount, CodeEmptyQuantity, CodeEmptyDate, CodeWalkIn:
			facts = append(facts, strings.Join(f.Cells(), ","))
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"s.csv,3,sold_at,,error,empty-date,is empty",
		"s.csv,4,sold_at, ,error,empty-date,is empty",
		"s.csv,11,receipt_id,合計,info,totals-row,is a totals row (no customer id, no date), not a sale; skipped",
		"s.csv,6,,2,warning,empty-quantity,has no quantity, the first of 2 lines that have none: each counted as 1",
		"s.csv,7,,1,info,priced-amount,has no amount: counted as quantity × unit price",
		"s.csv,8,,2,warning,empty-amount,has no amount, the first of 2 lines that have none: each counted as 0",
		"s.csv,,,,info,walk-in,2 walk-in sales lines (no customer id)",
	}
	if !reflect.DeepEqual(facts, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(facts, "\n"), strings.Join(want, "\n"))
	}
	f := rep.Files[0]
	if rep.Errors() != 2 || rep.Warnings() != 2 || f.Rows != 8 || f.TotalsRows != 1 || f.EmptyRows != 1 {
		t.Errorf("%d errors, %d warnings, %d rows, %d totals rows, %d empty rows", rep.Errors(), rep.Warnings(), f.Rows, f.TotalsRows, f.EmptyRows)
	}
	// A totals row longer than the header (Excel's trailing commas), its
	// word past the header's end: skipped, named by its place.
	facts = facts[:0]
	rep, err = Run(context.Background(), []Input{in(schema.Sales, "t.csv", "customer_id,sold_at\nC1,2026-11-01\n,,合計,\n")}, Options{Emit: func(f *Finding) error {
		if f.Code == CodeTotalsRow || f.Code == CodeRagged {
			facts = append(facts, strings.Join(f.Cells(), ","))
		}
		return nil
	}})
	if want := []string{"t.csv,3,#3,合計,info,totals-row,is a totals row (no customer id, no date), not a sale; skipped"}; err != nil || !reflect.DeepEqual(facts, want) {
		t.Errorf("a long totals row: %q (%v)", facts, err)
	}
	rep, _ = Run(context.Background(), []Input{in(schema.Sales, "s.csv", sales)}, Options{Keep: -1})
	var text strings.Builder
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"  error: 2 lines without a date\n    s.csv:3: column \"sold_at\": \"\" is empty\n    s.csv:4: column \"sold_at\": \" \" is empty\n",
		"  warning: lines without a quantity\n    s.csv:6: has no quantity, the first of 2 lines that have none: each counted as 1\n",
		"  warning: lines without an amount\n    s.csv:8: has no amount, the first of 2 lines that have none: each counted as 0\n",
		"  info: 1 line has no amount (line 7): counted as quantity × unit price\n",
		"  info: 1 totals row skipped (line 11: 合計)\n",
	} {
		if !strings.Contains(text.String(), line) {
			t.Errorf("text report without\n%s\n%s", line, text.String())
		}
	}
}
