package output

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/schema"
)

// unfold undoes RFC 6350 line folding and splits the content lines.
func unfold(t *testing.T, s string) []string {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("output does not end in CRLF: %q", s)
	}
	for _, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("folding split a character: %q", l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("bare line break in %q", l)
		}
	}
	return strings.Split(strings.ReplaceAll(strings.TrimSuffix(s, "\r\n"), "\r\n ", ""), "\r\n")
}

func TestVCard(t *testing.T) {
	header := []string{"顧客番号", "氏名", "フリガナ", "会社名", "部署", "役職", "郵便番号", "住所", "住所2", "電話番号", "メールアドレス", "生年月日", "結婚記念日", "メモ"}
	person := []string{"C1", "山田 太郎", "ヤマダ タロウ", "山田商店; 本店", "営業部", "店長", "100-0001", "東京都千代田区千代田1-1", "パレス101", "090-1234-5678", "taro@example.com", "1980/1/15", "2010-06-01", "secret"}
	org := []string{"C2", "", "", "株式会社テスト", "", "", "530-0001", "大阪市北区梅田1-1", "", "", "", "", "", ""}
	got, err := render(t, Options{Format: VCard}, header, person, org)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"BEGIN:VCARD",
		"VERSION:4.0",
		"FN:山田 太郎",
		`N;SORT-AS="ヤマダ,タロウ":山田;太郎;;;`,
		"X-PHONETIC-LAST-NAME:ヤマダ",
		"X-PHONETIC-FIRST-NAME:タロウ",
		`ORG:山田商店\; 本店;営業部`,
		"TITLE:店長",
		"ADR:;パレス101;東京都千代田区千代田1-1;;;100-0001;",
		"TEL:090-1234-5678",
		"EMAIL:taro@example.com",
		"BDAY:19800115",
		"ANNIVERSARY:20100601",
		"END:VCARD",
		"BEGIN:VCARD",
		"VERSION:4.0",
		"KIND:org",
		"FN:株式会社テスト",
		"ORG:株式会社テスト",
		"ADR:;;大阪市北区梅田1-1;;;530-0001;",
		"END:VCARD",
	}
	lines := unfold(t, got)
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), got)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d: got %q, want %q", i+1, lines[i], want[i])
		}
	}
	if strings.Contains(got, "secret") || strings.Contains(got, "C1") {
		t.Errorf("columns that are no vCard property leaked:\n%s", got)
	}
}

func TestVCardFoldingAndEscaping(t *testing.T) {
	long := strings.Repeat("あ", 40) + `a,b;c\d` + "\n" + strings.Repeat("x", 100)
	got, err := render(t, Options{Format: VCard}, []string{"name", "address"}, []string{"長い 名前", long})
	if err != nil {
		t.Fatal(err)
	}
	lines := unfold(t, got)
	want := "ADR:;;" + strings.Repeat("あ", 40) + `a\,b\;c\\d\n` + strings.Repeat("x", 100) + ";;;;"
	found := false
	for _, l := range lines {
		found = found || l == want
	}
	if !found {
		t.Errorf("no line %q in:\n%s", want, got)
	}
	// The first physical line of the folded ADR is 75 octets or fewer and
	// was cut before a character that did not fit.
	for _, l := range strings.Split(got, "\r\n") {
		if strings.HasPrefix(l, "ADR:") && len(l) < 73 {
			t.Errorf("first folded line is %d octets; fold only when 75 would be passed", len(l))
		}
	}
}

func TestVCardErrors(t *testing.T) {
	if _, err := render(t, Options{Format: VCard}, []string{"customer_id", "note"}, []string{"1", "x"}); err == nil || !strings.Contains(err.Error(), "no column holds a name") {
		t.Errorf("no name column: %v", err)
	}
	_, err := render(t, Options{Format: VCard}, []string{"name", "birthday"}, []string{"山田", "1980/1/15"}, []string{"佐藤", "someday"})
	if err == nil || !strings.Contains(err.Error(), `output row 2, column "birthday": "someday"`) {
		t.Errorf("bad birthday: %v", err)
	}
	if _, err := render(t, Options{Format: VCard}, []string{"name", "email"}, []string{"", ""}); err == nil || !strings.Contains(err.Error(), "output row 1: no name") {
		t.Errorf("nameless row: %v", err)
	}
	var b strings.Builder
	if _, err := New(&b, Options{Format: VCard, Encoding: charset.CP932}); err == nil {
		t.Error("vcard in shift_jis accepted")
	}
	got, err := render(t, Options{Format: VCard, Aliases: schema.Aliases{schema.Name: {"お客様"}}}, []string{"お客様"}, []string{"山田"})
	if err != nil || !strings.Contains(got, "FN:山田\r\n") {
		t.Errorf("config alias not used: %q %v", got, err)
	}
}

// TestVCardSerial: with Options.ExcelSerial a birthday saved by Excel as a
// serial day number is written as the date it is; without it, it is an
// error naming the setting.
func TestVCardSerial(t *testing.T) {
	header := []string{"name", "birthday"}
	row := []string{"山田 太郎", "29580"}
	got, err := render(t, Options{Format: VCard, ExcelSerial: true}, header, row)
	if err != nil {
		t.Fatal(err)
	}
	if lines := unfold(t, got); !strings.Contains(strings.Join(lines, "\n"), "BDAY:19801225") {
		t.Errorf("got %q, want BDAY:19801225", lines)
	}
	if _, err := render(t, Options{Format: VCard}, header, row); err == nil || !strings.Contains(err.Error(), "excel_serial") {
		t.Errorf("without the setting: %v, want the error naming it", err)
	}
}
