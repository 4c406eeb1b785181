package mailing

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func build(t testing.TB, csv string, opts Options) (*List, error) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(csv), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Customers.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return Run(context.Background(), record.File{Reader: r, Binding: b}, opts)
}

func keptRows(t *testing.T, l *List) []string {
	t.Helper()
	var out []string
	err := l.Each(func(k Kept) error {
		out = append(out, k.ID+":"+strings.Join(k.Cells, "|"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const postInput = `customer_id,name,name_kana,company,postal_code,address,phone,email,registered_at,last_purchase,post_opt_in
C1,山田太郎,ヤマダタロウ,,100-0001,東京都千代田区千代田1-2-3 パレス101,090-1111-2222,taro@example.com,2020-01-01,2024-05-01,1
C2,山田太郎,ﾔﾏﾀﾞﾀﾛｳ,,１００－０００１,千代田区千代田一丁目2番3号　パレス101,,,2023-01-01,,yes
C3,佐藤花子,サトウハナコ,,150-0001,渋谷区神宮前1-1-1,０９０－３３３３－４４４４,hanako@example.com,2021-01-01,2025-01-01,○
C4,佐藤花子,サトウハナコ,,150-0002,渋谷区渋谷2-2-2,090-3333-4444,,2019-01-01,,可
C5,,,株式会社テスト,530-0001,大阪市北区梅田1-1,06-1234-5678,,2020-01-01,,希望する
C6,鈴木一郎,スズキイチロウ,,12345,札幌市中央区北1条西2-1,,,2020-01-01,,1
C7,高橋次郎,タカハシジロウ,,980-0001,,,,2020-01-01,,1
C8,田中三郎,タナカサブロウ,,460-0001,名古屋市中区三の丸1-1,,,2020-01-01,,0
C9,伊藤四郎,イトウシロウ,,460-0001,名古屋市中区三の丸2-2,,,2020-01-01,,
`

func TestBuildPost(t *testing.T) {
	var rejects []string
	opts := Options{Channel: Post, Layout: LayoutPost, Rules: DefaultRules(Post), Workers: 2,
		Reject: func(r Reject) error {
			rejects = append(rejects, fmt.Sprintf("%d:%s:%s", r.Line, r.Fields[0], r.Reason))
			return nil
		}}
	l, err := build(t, postInput, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(l.Header, PostHeader) {
		t.Errorf("header %v", l.Header)
	}
	want := []string{
		"C1:100-0001|東京都千代田区千代田1-2-3|パレス101||||山田太郎|様",
		"C3:150-0001|渋谷区神宮前1-1-1|||||佐藤花子|様",
		"C5:530-0001|大阪市北区梅田1-1||株式会社テスト||||御中",
	}
	if got := keptRows(t, l); !reflect.DeepEqual(got, want) {
		t.Errorf("kept:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantRejects := []string{"7:C6:postal code is not 7 digits", "8:C7:address is empty"}
	if !reflect.DeepEqual(rejects, wantRejects) {
		t.Errorf("rejects %v, want %v", rejects, wantRejects)
	}
	var groups []string
	l.Groups(func(g Group) error {
		for _, m := range g.Members {
			groups = append(groups, fmt.Sprintf("%d %s line %d kept=%v %s %s", g.N, m.ID, m.Line, m.Kept, m.Rule, m.With))
		}
		return nil
	})
	wantGroups := []string{
		"1 C1 line 2 kept=true address+kana C2",
		"1 C2 line 3 kept=false address+kana C1",
		"2 C3 line 4 kept=true phone C4",
		"2 C4 line 5 kept=false phone C3",
	}
	if !reflect.DeepEqual(groups, wantGroups) {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(groups, "\n"), strings.Join(wantGroups, "\n"))
	}
	s := l.Stats
	if s.Read != 9 || s.Refused != 1 || s.NoAnswer != 1 || s.RejectedTotal() != 2 || s.Merged != 2 || s.Groups != 2 || s.Largest != 2 || s.Written != 3 {
		t.Errorf("stats %+v", s)
	}
}

func TestBuildKeepsMostRecent(t *testing.T) {
	in := `customer_id,email,registered_at,last_purchase,mail_opt_in
A,taro@example.com,2020-01-01,2024-01-01,1
B,TARO@EXAMPLE.COM,2023-01-01,,1
C,Taro@Example.com,2019-01-01,2022-01-01,1
`
	l, err := build(t, in, Options{Channel: Email, Rules: DefaultRules(Email)})
	if err != nil {
		t.Fatal(err)
	}
	got := keptRows(t, l)
	if len(got) != 1 || !strings.HasPrefix(got[0], "A:") {
		t.Errorf("kept %v, want A (last purchase 2024 is the most recent)", got)
	}
	l, err = build(t, in, Options{Channel: Email, Rules: DefaultRules(Email), EmailCaseSensitive: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := keptRows(t, l); len(got) != 3 {
		t.Errorf("case-sensitive local parts kept %v, want all three", got)
	}
	l, err = build(t, in, Options{Channel: Email})
	if err != nil {
		t.Fatal(err)
	}
	if got := keptRows(t, l); len(got) != 3 || l.Stats.Groups != 0 {
		t.Errorf("without rules kept %v, want all three", got)
	}
}

func TestBuildTieKeepsLaterRow(t *testing.T) {
	in := "customer_id,email,mail_opt_in\nA,a@example.com,1\nB,a@example.com,1\n"
	l, err := build(t, in, Options{Channel: Email, Rules: DefaultRules(Email)})
	if err != nil {
		t.Fatal(err)
	}
	if got := keptRows(t, l); len(got) != 1 || !strings.HasPrefix(got[0], "B:") {
		t.Errorf("kept %v, want B", got)
	}
}

func TestBuildTransitiveGroup(t *testing.T) {
	// A and B share an email, B and C a phone: one household of three,
	// but two people.
	in := `customer_id,email,phone,mail_opt_in
A,a@example.com,,1
B,a@example.com,090-1234-5678,1
C,c@example.com,09012345678,1
D,d@example.com,,1
`
	l, err := build(t, in, Options{Channel: Email, Rules: Household.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	if l.Stats.Groups != 1 || l.Stats.Largest != 3 || l.Stats.Written != 2 {
		t.Errorf("household: stats %+v", l.Stats)
	}
	l, err = build(t, in, Options{Channel: Email, Rules: Person.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	if l.Stats.Groups != 1 || l.Stats.Largest != 2 || l.Stats.Written != 3 {
		t.Errorf("person: stats %+v", l.Stats)
	}
}

func TestBuildSuppression(t *testing.T) {
	in := `customer_id,email,phone,mail_opt_in
000123,keep@example.com,,1
C2,Stop@Example.com,,1
C3,c3@example.com,+81 90-1111-2222,maybe
C4,c4@example.com,,1
`
	s := NewSuppression()
	for _, list := range []string{"customer_id\n123\n", "メールアドレス\nstop@example.COM\n", "電話番号\n０９０１１１１２２２２\n"} {
		r, _ := rows.NewReader(strings.NewReader(list), rows.Options{Name: "s.csv"})
		b, err := SuppressKind.Bind(r.Header(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Load(r, b); err != nil {
			t.Fatal(err)
		}
	}
	// C3's consent value is invalid, but suppression comes first.
	l, err := build(t, in, Options{Channel: Email, Suppress: s})
	if err != nil {
		t.Fatal(err)
	}
	if got := keptRows(t, l); len(got) != 1 || !strings.HasPrefix(got[0], "C4:") || l.Stats.Suppressed != 3 {
		t.Errorf("kept %v, stats %+v", got, l.Stats)
	}

	r, _ := rows.NewReader(strings.NewReader("name,note\nx,y\n"), rows.Options{Name: "bad.csv"})
	b, _ := SuppressKind.Bind(r.Header(), nil)
	err = NewSuppression().Load(r, b)
	if !errors.Is(err, ErrNoSuppressColumn) || !strings.HasPrefix(err.Error(), "bad.csv:1: ") {
		t.Errorf("suppression file without columns: %v", err)
	}
}

func TestBuildErrors(t *testing.T) {
	_, err := build(t, "customer_id,email,mail_opt_in\nA,a@example.com,1\nB,b@example.com,たぶん\n", Options{Channel: Email})
	if !errors.Is(err, ErrConsentValue) || !strings.HasPrefix(err.Error(), `c.csv:3: column "mail_opt_in": "たぶん" is not a consent value`) {
		t.Errorf("unknown consent: %v", err)
	}
	_, err = build(t, "customer_id,email\nA,a@example.com\n", Options{Channel: Email})
	var nc *NoConsentColumnError
	if !errors.As(err, &nc) || nc.Field != schema.MailOptIn {
		t.Errorf("no consent column: %v", err)
	}
	l, err := build(t, "customer_id,email,同意\nA,a@example.com,1\n", Options{Channel: Email, ConsentColumn: "同意"})
	if err != nil || l.Stats.Written != 1 {
		t.Errorf("--consent-column: %v", err)
	}
	_, err = build(t, "customer_id,email,mail_opt_in\nA,a@example.com,1\n", Options{Channel: Email, ConsentColumn: "dm"})
	if err == nil || !strings.Contains(err.Error(), `no column is named "dm"`) {
		t.Errorf("missing --consent-column: %v", err)
	}
	_, err = build(t, "customer_id,address,post_opt_in\nA,x,1\n", Options{Channel: Post})
	var be *schema.BindError
	if !errors.As(err, &be) || be.Field != schema.PostalCode {
		t.Errorf("post without postal code column: %v", err)
	}
	_, err = build(t, "customer_id,email,mail_opt_in,registered_at\nA,a@example.com,1,someday\n", Options{Channel: Email, Rules: DefaultRules(Email)})
	if err == nil || !strings.HasPrefix(err.Error(), `c.csv:2: column "registered_at": "someday"`) {
		t.Errorf("bad date: %v", err)
	}
}

func TestRules(t *testing.T) {
	rs, err := ParseRules([]string{"email", " address+postal"})
	if err != nil || !rs.Has(RuleEmail) || rs.Has(RulePhone) || !rs.Has(RuleAddressPostal) || rs.String() != "email,address+postal" {
		t.Errorf("ParseRules = %v, %v", rs, err)
	}
	if _, err := ParseRules([]string{"name"}); err == nil {
		t.Error("unknown rule accepted")
	}
	if DefaultRules(Email).Has(RuleAddressPostal) || !DefaultRules(Post).Has(RuleAddressPostal) {
		t.Error("household merging belongs to post only")
	}
}

// The 宛名 layout is what schema refuses to read back as customers: the
// two lists of columns must not drift apart.
// A hand-kept list with a split address often repeats the prefecture in
// 市区町村: the postcard says it once, and the row is the same household as
// its twin written without the repetition.
func TestBuildPostSplitAddressRepeated(t *testing.T) {
	const in = `顧客番号,氏名,〒,都道府県,市区町村,番地,建物名,DM送付
C001,山田 花子,1500001,東京都,東京都渋谷区神宮前,1-2-3,,有
C002,山田 太郎,1500001,東京都,渋谷区神宮前,1-2-3,,有
C003,佐藤 健,5300001,大阪府,大阪市北区梅田,大阪市北区梅田2-4-6,梅田ハイツ301,有
`
	opts := Options{Channel: Post, Layout: LayoutPost, Workers: 2}
	l, err := build(t, in, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"C001:150-0001|東京都渋谷区神宮前1-2-3|||||山田 花子|様",
		"C002:150-0001|東京都渋谷区神宮前1-2-3|||||山田 太郎|様",
		"C003:530-0001|大阪府大阪市北区梅田2-4-6|梅田ハイツ301||||佐藤 健|様",
	}
	if got := keptRows(t, l); !reflect.DeepEqual(got, want) {
		t.Errorf("kept:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	opts.Rules = DefaultRules(Post)
	if l, err = build(t, in, opts); err != nil {
		t.Fatal(err)
	}
	var groups []string
	l.Groups(func(g Group) error {
		for _, m := range g.Members {
			groups = append(groups, fmt.Sprintf("%d %s kept=%v %s %s", g.N, m.ID, m.Kept, m.Rule, m.With))
		}
		return nil
	})
	wantGroups := []string{"1 C001 kept=false address+postal C002", "1 C002 kept=true address+postal C001"}
	if !reflect.DeepEqual(groups, wantGroups) {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(groups, "\n"), strings.Join(wantGroups, "\n"))
	}
}

func TestPostHeaderIsRefusedAsCustomers(t *testing.T) {
	_, err := schema.Customers.Bind(PostHeader, nil)
	var be *schema.BindError
	if !errors.As(err, &be) || be.Layout == nil {
		t.Errorf("PostHeader read as customers: %v, want the mailing list refused", err)
	}
}
