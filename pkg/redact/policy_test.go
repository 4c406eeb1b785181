package redact

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func TestMask(t *testing.T) {
	cases := []struct {
		in          string
		first, last int
		char        rune
		email       bool
		want        string
	}{
		{"山田太郎", 1, 0, '*', false, "山***"},
		{"090-1234-5678", 0, 4, '*', false, "*********5678"},
		{"taro.yamada@example.jp", 2, 0, '●', true, "ta●●●●●●●●●@example.jp"},
		{"@example.jp", 1, 0, '*', true, "@**********"},
		{"李", 1, 0, '*', false, "*"},
		{"ab", 1, 1, '*', false, "a*"},
		{"abcdef", 2, 2, '#', false, "ab##ef"},
	}
	for _, c := range cases {
		if got := string(appendMask(nil, []byte(c.in), c.first, c.last, c.char, c.email)); got != c.want {
			t.Errorf("mask(%q, %d, %d) = %q, want %q", c.in, c.first, c.last, got, c.want)
		}
	}
}

func TestToken(t *testing.T) {
	a := Token(testKey, "090-1234-5678")
	if len(a) != TokenLen || TokenLen != 16 {
		t.Fatalf("token %q has length %d, want 16", a, len(a))
	}
	if a != Token(testKey, "090-1234-5678") {
		t.Error("same value and key give different tokens")
	}
	if a == Token([]byte("another key, 16+ bytes"), "090-1234-5678") {
		t.Error("another key gives the same token")
	}
	if a == Token(testKey, "090-1234-5679") {
		t.Error("another value gives the same token")
	}
	if strings.Trim(a, "abcdefghijklmnopqrstuvwxyz234567") != "" {
		t.Errorf("token %q is not lower-case base32", a)
	}
}

func TestGeneralise(t *testing.T) {
	asOf := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		to   Generalisation
		in   string
		want string
		ok   bool
	}{
		{Year, "1980/04/01", "1980", true},
		{AgeBand, "1980-11-22", "40-49", true},
		{AgeBand, "1986-11-23", "30-39", true}, // turns 40 tomorrow
		{AgeBand, "2020-01-01", "0-9", true},
		{Postal3, "150-0001", "150", true},
		{Postal3, "〒１５０－０００１", "150", true},
		{Postal3, "15", "", false},
		{Prefecture, "東京都渋谷区神宮前1-2-3", "東京都", true},
		{Prefecture, "京都府京都市中京区", "京都府", true},
		{Prefecture, "渋谷区神宮前1-2-3", "", false},
		{PrefectureCity, "東京都渋谷区神宮前1-2-3", "東京都渋谷区", true},
		{PrefectureCity, "〒220-0012 神奈川県 横浜市西区みなとみらい", "神奈川県横浜市", true},
		{PrefectureCity, "千葉県市川市市川1-1", "千葉県市川市", true},
		{PrefectureCity, "三重県四日市市諏訪町1-5", "三重県四日市市", true},
		{PrefectureCity, "福島県郡山市朝日1-23-7", "福島県郡山市", true},
		{PrefectureCity, "奈良県大和郡山市北郡山町248", "奈良県大和郡山市", true},
		{PrefectureCity, "北海道虻田郡倶知安町北1条東2", "北海道虻田郡倶知安町", true},
		{PrefectureCity, "東京都新宿区市谷本村町", "東京都新宿区", true},
		{PrefectureCity, "長野県大町市大町3887", "長野県大町市", true},
		{PrefectureCity, "渋谷区神宮前1-2-3", "渋谷区", true},
		{PrefectureCity, "123 Main Street", "", false},
	}
	p := &Plan{asOf: asOf}
	for _, c := range cases {
		w := p.newWorker()
		got, err := w.apply(&column{op: Generalise, to: c.to}, []byte(c.in))
		if err != nil {
			t.Errorf("%s %q: %v", c.to, c.in, err)
			continue
		}
		if string(got) != c.want || (w.unrecognised == 0) != c.ok {
			t.Errorf("%s %q = %q (unrecognised %d), want %q", c.to, c.in, got, w.unrecognised, c.want)
		}
	}
	w := p.newWorker()
	if _, err := w.apply(&column{op: Generalise, to: AgeBand}, []byte("2027-01-01")); err == nil {
		t.Error("a birthday after --as-of has no age band, want an error")
	}
	if _, err := w.apply(&column{op: Generalise, to: Year}, []byte("soon")); err == nil {
		t.Error("year of a non-date: want an error")
	}
}

// TestGeneraliseSerial: with the config's dates: {excel_serial: true} a
// birthday saved by Excel as a serial day number (29580 is 1980-12-25) is
// generalised as the date it is, as every command reads it; without it,
// it is no date.
func TestGeneraliseSerial(t *testing.T) {
	asOf := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	p := &Plan{asOf: asOf, serial: true}
	for to, want := range map[Generalisation]string{Year: "1980", AgeBand: "40-49"} {
		got, err := p.newWorker().apply(&column{op: Generalise, to: to}, []byte(" 29580 "))
		if err != nil || string(got) != want {
			t.Errorf("%s of serial 29580 = %q, %v; want %q", to, got, err, want)
		}
	}
	if _, err := p.newWorker().apply(&column{op: Generalise, to: Year}, []byte("60")); err == nil || !strings.Contains(err.Error(), "1900-02-29") {
		t.Errorf("serial 60: %v, want the error of Excel's 1900-02-29", err)
	}
	if _, err := (&Plan{asOf: asOf}).newWorker().apply(&column{op: Generalise, to: Year}, []byte("29580")); err == nil || !strings.Contains(err.Error(), "excel_serial") {
		t.Errorf("serial without the setting: %v, want the error naming the setting", err)
	}
}

func TestParseRule(t *testing.T) {
	good := []struct {
		op   Op
		flag string
		want Rule
	}{
		{Drop, "phone", Rule{Column: "phone", Op: Drop, First: -1, Last: -1}},
		{Mask, "phone:last=4", Rule{Column: "phone", Op: Mask, First: -1, Last: 4}},
		{Mask, "氏名:first=1,char=●", Rule{Column: "氏名", Op: Mask, First: 1, Last: -1, Char: '●'}},
		{Generalise, "address:prefecture-city", Rule{Column: "address", Op: Generalise, First: -1, Last: -1, To: PrefectureCity}},
		{Replace, "memo:(removed: see file)", Rule{Column: "memo", Op: Replace, First: -1, Last: -1, Value: "(removed: see file)"}},
		{Replace, "memo", Rule{Column: "memo", Op: Replace, First: -1, Last: -1}},
	}
	for _, c := range good {
		got, err := ParseFlag(c.op, c.flag)
		if err != nil || got != c.want {
			t.Errorf("ParseFlag(%s, %q) = %+v, %v; want %+v", c.op, c.flag, got, err, c.want)
		}
	}
	bad := []struct {
		op   Op
		flag string
		want string
	}{
		{Mask, "phone:last4", "not key=value"},
		{Mask, "phone:last=-1", "not a count"},
		{Mask, "phone:char=**", "one character"},
		{Mask, "phone:width=3", "unknown setting"},
		{Generalise, "birthday:decade", "unknown generalisation"},
		{Hash, "phone:sha1", "takes no argument"},
		{Drop, ":x", "needs a column"},
	}
	for _, c := range bad {
		_, err := ParseFlag(c.op, c.flag)
		if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseFlag(%s, %q) = %v, want %q", c.op, c.flag, err, c.want)
		}
	}
}

func TestSpecRules(t *testing.T) {
	s := Spec{Drop: []string{"phone"}, Hash: []string{"customer_id"},
		Mask: map[string]string{"name": "first=1"}, Generalise: map[string]string{"address": "prefecture"}}
	p, err := s.Rules("redact.policies.printer")
	if err != nil || len(p) != 4 || p[0].Op != Drop || p[3].Op != Generalise || !p.NeedsKey() {
		t.Fatalf("Rules = %+v, %v", p, err)
	}
	s.Mask["name"] = "first"
	if _, err := s.Rules("redact.policies.printer"); err == nil || !strings.HasPrefix(err.Error(), "redact.policies.printer.mask.name: ") {
		t.Errorf("bad mask: %v", err)
	}
	s.Mask["name"] = ""
	s.Drop = append(s.Drop, "name")
	if _, err := s.Rules("p"); err == nil || !strings.Contains(err.Error(), `column "name" is named by both drop and mask`) {
		t.Errorf("two operations on one column: %v", err)
	}
}

const customers = `customer_id,氏名,電話番号,携帯番号,email,birthday,郵便番号,住所,memo
C1,山田太郎,03-1234-5678,090-1111-2222,taro@example.jp,1980/04/01,150-0001,東京都渋谷区神宮前1-2-3,"likes ""tea"""
C2,佐藤花子,,080-3333-4444,,1992-12-31,220-0012,神奈川県横浜市西区みなとみらい2-2-1,
`

func redactString(t *testing.T, input string, p Policy, fast bool) (string, Stats, error) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(input), rows.Options{Name: "c.csv", BlockSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := NewPlan(p, r, Options{Key: testKey, AsOf: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return "", Stats{}, err
	}
	var buf bytes.Buffer
	w, err := output.New(&buf, output.Options{Format: output.CSV})
	if err != nil {
		t.Fatal(err)
	}
	var out sink.Rows = w
	if !fast {
		out = struct{ sink.Rows }{w} // hides the fast path
	}
	st, err := Run(context.Background(), r, plan, out, 2)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return buf.String(), st, err
}

func mustPolicy(t *testing.T, flags ...string) Policy {
	t.Helper()
	var p Policy
	for _, f := range flags {
		op, rest, _ := strings.Cut(f, " ")
		r, err := ParseFlag(Op(op), rest)
		if err != nil {
			t.Fatal(err)
		}
		p = append(p, r)
	}
	return p
}

func TestRun(t *testing.T) {
	p := mustPolicy(t, "hash customer_id", "mask name", "drop phone", "generalise birthday",
		"generalise postal_code", "generalise address:prefecture-city", "mask email", "replace memo:-")
	c1, c2 := Token(testKey, "C1"), Token(testKey, "C2")
	want := "customer_id,氏名,email,birthday,郵便番号,住所,memo\n" +
		c1 + ",山***,t***@example.jp,40-49,150,東京都渋谷区,-\n" +
		c2 + ",佐***,,30-39,220,神奈川県横浜市,\n"
	for _, fast := range []bool{true, false} {
		got, st, err := redactString(t, customers, p, fast)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("fast=%v:\n%s\nwant:\n%s", fast, got, want)
		}
		if st.Rows != 2 {
			t.Errorf("fast=%v: %d rows, want 2", fast, st.Rows)
		}
	}
}

func TestLaterRuleWins(t *testing.T) {
	p := mustPolicy(t, "drop name", "mask 氏名:last=1")
	got, _, err := redactString(t, customers, p, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, ",***郎,") {
		t.Errorf("the later mask rule did not replace the drop:\n%s", got)
	}
}

func TestNewPlanErrors(t *testing.T) {
	header := readerOf(t, "customer_id,name,phone\n", rows.Options{Name: "c.csv"})
	_, err := NewPlan(mustPolicy(t, "drop email"), header, Options{})
	if err == nil || err.Error() != `c.csv:1: the policy names column "email", which the file does not have (columns: customer_id, name, phone)` {
		t.Errorf("missing column: %v", err)
	}
	if _, err := NewPlan(mustPolicy(t, "hash phone"), header, Options{}); !errors.Is(err, ErrNoKey) {
		t.Errorf("hash without a key: %v", err)
	}
	if _, err := NewPlan(mustPolicy(t, "hash phone"), header, Options{Key: []byte("short")}); err == nil {
		t.Error("a 5-byte key was accepted")
	}
	_, err = NewPlan(mustPolicy(t, "generalise name"), header, Options{})
	if err == nil || !strings.Contains(err.Error(), "say how to generalise") {
		t.Errorf("generalise without a default: %v", err)
	}
	plan, err := NewPlan(mustPolicy(t, "drop phone"), header, Options{})
	if err != nil || strings.Join(plan.Untouched(), ",") != "name" {
		t.Errorf("untouched = %v, %v; want name", plan.Untouched(), err)
	}
}

// TestNewPlanHeaderLine: errors about the header name its line below a
// title row, and a title taken for the header is hinted at.
func TestNewPlanHeaderLine(t *testing.T) {
	const meibo = "顧客名簿（2024年12月現在）,,\n顧客番号,氏名,電話番号\nM0001,山田 花子,03-1234-5678\n"
	var hint *usererr.HintError
	below := readerOf(t, meibo, rows.Options{Name: "m.csv", HeaderRow: 2})
	_, err := NewPlan(mustPolicy(t, "drop email"), below, Options{})
	if err == nil || err.Error() != `m.csv:2: the policy names column "email", which the file does not have (columns: 顧客番号, 氏名, 電話番号)` || errors.As(err, &hint) {
		t.Errorf("below a title: %v", err)
	}
	_, err = NewPlan(mustPolicy(t, "generalise 氏名"), below, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), `m.csv:2: column "氏名": `) {
		t.Errorf("a rule that cannot be bound, below a title: %v", err)
	}
	title := readerOf(t, meibo, rows.Options{Name: "m.csv"})
	_, err = NewPlan(mustPolicy(t, "drop phone"), title, Options{})
	if !errors.As(err, &hint) || hint.Hint != "line 1 looks like a title, not the header; give the header's line: --header-row <line>" {
		t.Errorf("a title taken for the header: %v, hint %v", err, hint)
	}
	for _, h := range [][]string{{"email"}, {"customer_id", "", "name"}, {"", "", ""}} {
		if looksLikeTitle(h) {
			t.Errorf("%q looks like a title", h)
		}
	}
	if !looksLikeTitle([]string{"", "顧客名簿", " "}) {
		t.Error("a name between empty cells does not look like a title")
	}
}

// readerOf reads the header of text.
func readerOf(t *testing.T, text string, opts rows.Options) *rows.Reader {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(text), opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRunNamesTheBadValue(t *testing.T) {
	in := "customer_id,birthday\nC1,1980-01-01\nC2,someday\n"
	for _, fast := range []bool{true, false} {
		_, _, err := redactString(t, in, mustPolicy(t, "generalise birthday:year"), fast)
		if err == nil || !strings.HasPrefix(err.Error(), `c.csv:3: column "birthday": "someday" is not a date`) {
			t.Errorf("fast=%v: %v", fast, err)
		}
	}
}

func TestRunCountsUnrecognised(t *testing.T) {
	in := "customer_id,address\nC1,東京都港区\nC2,Main Street 1\n"
	got, st, err := redactString(t, in, mustPolicy(t, "generalise address"), true)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unrecognised != 1 || got != "customer_id,address\nC1,東京都\nC2,\n" {
		t.Errorf("got %q, %d unrecognised", got, st.Unrecognised)
	}
}

func TestIsToken(t *testing.T) {
	tok := Token([]byte("0123456789abcdef"), "000101")
	if !IsToken(tok) {
		t.Errorf("IsToken(%q) = false for a token", tok)
	}
	for _, s := range []string{"", "000101", "C0000001", tok[:TokenLen-1], tok + "a", "ABCDEFGHIJKLMNOP", "abcdefghijklmno1", "abcdefghijklmno8"} {
		if IsToken(s) {
			t.Errorf("IsToken(%q) = true", s)
		}
	}
}
