package mailing

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func keptIDs(t *testing.T, l *List) []string {
	t.Helper()
	var ids []string
	if err := l.Each(func(k Kept) error { ids = append(ids, k.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return ids
}

func groupLines(l *List) []string {
	var out []string
	l.Groups(func(g Group) error {
		for _, m := range g.Members {
			out = append(out, fmt.Sprintf("%d %s kept=%v %s %s", g.N, m.ID, m.Kept, m.Rule, m.With))
		}
		return nil
	})
	return out
}

// One family: one landline, one address, three names and three email
// addresses, everyone agreed to both channels.
const family = `customer_id,name,name_kana,postal_code,address,phone,email,registered_at,mail_opt_in,post_opt_in
F1,東 花子,ヒガシ ハナコ,920-0831,金沢市東山1-13-7,076-252-3141,hanako@example.jp,2019-04-01,1,1
F2,東 次郎,ヒガシ ジロウ,920-0831,金沢市東山一丁目13番7号,０７６－２５２－３１４１,jiro@example.jp,2020-04-01,1,1
F3,東 三郎,ヒガシ サブロウ,920-0831,金沢市東山1-13-7,+81 76-252-3141,saburo@example.jp,2018-04-01,1,1
`

func TestBuildPersonAndHousehold(t *testing.T) {
	tests := []struct {
		ch    Channel
		rules Rules
		want  []string
	}{
		{Email, DefaultRules(Email), []string{"F1", "F2", "F3"}},
		{Post, DefaultRules(Post), []string{"F2"}}, // the most recent registration
		{Post, Person.Rules(), []string{"F1", "F2", "F3"}},
		{Email, Household.Rules(), []string{"F2"}},
	}
	for _, tt := range tests {
		l, err := build(t, family, Options{Channel: tt.ch, Rules: tt.rules, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := keptIDs(t, l); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s by %s: kept %v, want %v", tt.ch, tt.rules, got, tt.want)
		}
	}
	l, err := build(t, family, Options{Channel: Post, Rules: DefaultRules(Post)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1 F1 kept=false phone F2", "1 F2 kept=true phone F1", "1 F3 kept=false phone F1"}
	if got := groupLines(l); !reflect.DeepEqual(got, want) {
		t.Errorf("household groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBuildSamePerson(t *testing.T) {
	// P1 and P2: one address in two cases; P3 writes it in full width,
	// which a mail merge cannot send to: rejected, not sent twice. Q1 and Q2: one
	// person (name with and without a space, one phone) with a new email
	// address. R1 and R2: one person by the name reading (half-width
	// katakana) and phone. S1 and S2 share a name but the phone is a
	// placeholder; T1 and T2 share a phone, U1 a name with T1 but no phone.
	in := `customer_id,name,name_kana,phone,email,registered_at,mail_opt_in
P1,山田 太郎,,,Taro.Yamada@Example.COM,2020-01-01,1
P2,山田 太郎,,,taro.yamada@example.com,2021-01-01,1
P3,山田 太郎,,,ｔａｒｏ．ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ,2024-01-01,1
Q1,佐藤 健一,,090-1111-2222,kenichi@old.example.jp,2022-01-01,1
Q2,佐藤　健一,,09011112222,kenichi@new.example.jp,2023-01-01,1
R1,鈴木 一郎,スズキ イチロウ,080-3333-4444,ichiro@example.jp,2022-01-01,1
R2,鈴木 一朗,ｽｽﾞｷ ｲﾁﾛｳ,+81 80 3333 4444,ichiro2@example.jp,2021-01-01,1
S1,田中 誠,,000-0000-0000,makoto@example.jp,2022-01-01,1
S2,田中 誠,,000-0000-0000,makoto2@example.jp,2022-01-01,1
T1,高橋 一,,03-1234-5678,hajime@example.jp,2022-01-01,1
T2,高橋 二,,03-1234-5678,ni@example.jp,2022-01-01,1
U1,高橋 一,,,hajime2@example.jp,2022-01-01,1
`
	l, err := build(t, in, Options{Channel: Email, Rules: DefaultRules(Email), Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"P2", "Q2", "R1", "S1", "S2", "T1", "T2", "U1"}
	if got := keptIDs(t, l); !reflect.DeepEqual(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	wantGroups := []string{
		"1 P1 kept=false email P2", "1 P2 kept=true email P1",
		"2 Q1 kept=false name+phone Q2", "2 Q2 kept=true name+phone Q1",
		"3 R1 kept=true name+phone R2", "3 R2 kept=false name+phone R1",
	}
	if got := groupLines(l); !reflect.DeepEqual(got, wantGroups) {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantGroups, "\n"))
	}
	if s := l.Stats; s.Merged != 3 || s.Groups != 3 || s.Written != 8 || s.Rejected[ReasonBadEmail] != 1 {
		t.Errorf("stats %+v", s)
	}
}

func TestBuildRefusalHoldsForThePerson(t *testing.T) {
	// The family again: 花子 refused both channels. Her relatives still
	// get their email and the household its postcard, addressed to one of
	// them.
	in := strings.Replace(family, "hanako@example.jp,2019-04-01,1,1", "hanako@example.jp,2019-04-01,0,0", 1)
	for _, tt := range []struct {
		ch   Channel
		want []string
	}{{Email, []string{"F2", "F3"}}, {Post, []string{"F2"}}} {
		l, err := build(t, in, Options{Channel: tt.ch, Rules: DefaultRules(tt.ch)})
		if err != nil {
			t.Fatal(err)
		}
		if got := keptIDs(t, l); !reflect.DeepEqual(got, tt.want) || l.Stats.Refused != 1 || l.Stats.RefusedElsewhere != 0 {
			t.Errorf("%s: kept %v, want %v; stats %+v", tt.ch, got, tt.want, l.Stats)
		}
	}
	l, err := build(t, in, Options{Channel: Post, Rules: DefaultRules(Post)})
	if err != nil {
		t.Fatal(err)
	}
	if got := groupLines(l); !reflect.DeepEqual(got, []string{"1 F2 kept=true phone F3", "1 F3 kept=false phone F2"}) {
		t.Errorf("the refused row is in a group: %v", got)
	}

	// One person, three rows: A1 agreed, A2 (the same email) refused, A3
	// (the same name and phone as A1) agreed. B1 shares only the phone.
	// The refusal holds for A1 and A3, whatever the rules; B1 is mailed.
	in = `customer_id,name,phone,email,registered_at,mail_opt_in
A1,伊藤 純,090-5555-6666,jun@example.jp,2020-01-01,1
A2,伊藤 純,,JUN@example.jp,2024-01-01,no
A3,伊藤　純,09055556666,jun.ito@example.jp,2025-01-01,yes
B1,伊藤 恵,090-5555-6666,megumi@example.jp,2020-01-01,1
`
	for _, rs := range []Rules{DefaultRules(Email), Household.Rules(), 1 << RuleEmail, 0} {
		l, err := build(t, in, Options{Channel: Email, Rules: rs, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := keptIDs(t, l); !reflect.DeepEqual(got, []string{"B1"}) {
			t.Errorf("rules %q: kept %v, want [B1]", rs, got)
		}
		s := l.Stats
		if s.Refused != 1 || s.RefusedElsewhere != 2 || s.Written != 1 || s.Merged != 0 {
			t.Errorf("rules %q: stats %+v", rs, s)
		}
		want := "4 rows: 0 suppressed, 3 without consent (1 refused, 2 refused on another row of the same person, 0 no answer), 0 rejected, 0 merged as duplicates into 0 groups; 1 row written"
		if got := s.Summary(); got != want {
			t.Errorf("summary %q\nwant %q", got, want)
		}
	}
}

func TestScope(t *testing.T) {
	if DefaultScope(Email) != Person || DefaultScope(Post) != Household {
		t.Error("email goes to a person, post to a household")
	}
	if p := Person.Rules(); p.Has(RulePhone) || p.Has(RuleAddressPostal) || p != PersonRules || p.String() != "email,name+phone,address+kana" {
		t.Errorf("person rules %s", p)
	}
	if h := Household.Rules(); h.String() != "email,phone,address+kana,address+postal" {
		t.Errorf("household rules %s", h)
	}
	if Person.String() != "person" || Household.String() != "household" {
		t.Errorf("names %s %s", Person, Household)
	}
}

func TestBuildRefusalInFullWidth(t *testing.T) {
	// The refusal was recorded on a row whose address is in full width:
	// it is the same address, so the person is not mailed.
	in := `customer_id,email,mail_opt_in
A1,Jun@Example.jp,1
A2,ｊｕｎ＠ｅｘａｍｐｌｅ．ｊｐ,0
`
	l, err := build(t, in, Options{Channel: Email})
	if err != nil {
		t.Fatal(err)
	}
	if got := keptIDs(t, l); len(got) != 0 || l.Stats.RefusedElsewhere != 1 || l.Stats.Written != 0 {
		t.Errorf("kept %v, stats %+v", got, l.Stats)
	}
}
