package mailing

import (
	"errors"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestEmailKey(t *testing.T) {
	cases := []struct {
		in, want      string
		caseSensitive bool
		valid         bool
	}{
		{"Taro.Yamada@Example.COM", "taro.yamada@example.com", false, true},
		{"Taro.Yamada@Example.COM", "Taro.Yamada@example.com", true, true},
		{" ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ ", "taro@example.com", false, true},
		{"taro@localhost", "taro@localhost", false, false},
		{"なし", "なし", false, false},
		{"", "", false, false},
	}
	for _, c := range cases {
		n := normalizer{emailCaseSensitive: c.caseSensitive}
		got, valid := n.emailKey(nil, []byte(c.in))
		if string(got) != c.want || valid != c.valid {
			t.Errorf("emailKey(%q, case %v) = %q, %v; want %q, %v", c.in, c.caseSensitive, got, valid, c.want, c.valid)
		}
	}
}

func TestValidEmail(t *testing.T) {
	good := []string{"a@b.jp", "taro.yamada+dm@mail.example.co.jp", "o'neil@example.com", "x_y-z@sub-domain.example"}
	bad := []string{"", "@example.com", "taro@", "taro", "taro@@example.com", "taro@example", ".taro@example.com",
		"ta..ro@example.com", "taro.@example.com", "taro@-example.com", "taro@example-.com", "taro@example.123",
		"taro yamada@example.com", "山田@example.com", "taro@例え.jp", "taro@example..com", "ｔａｒｏ＠example.com"}
	for _, e := range good {
		if !ValidEmail([]byte(e)) {
			t.Errorf("ValidEmail(%q) = false, want true", e)
		}
	}
	for _, e := range bad {
		if ValidEmail([]byte(e)) {
			t.Errorf("ValidEmail(%q) = true, want false", e)
		}
	}
}

func TestPhoneKey(t *testing.T) {
	cases := map[string]string{
		"090-1234-5678": "09012345678",
		"０９０－１２３４－５６７８":         "09012345678",
		"(090) 1234 5678":       "09012345678",
		"+81 90-1234-5678":      "09012345678",
		"+81 (0)90 1234 5678":   "09012345678",
		"＋８１９０１２３４５６７８":         "09012345678",
		"+81-3-1234-5678":       "0312345678",
		"+1 (212) 555-0100":     "+12125550100",
		"03-1234-5678 (自宅)":     "0312345678",
		"":                      "",
		"-":                     "",
		"+":                     "",
		"tel: 0120-000-111 ext": "0120000111",
	}
	var n normalizer
	for in, want := range cases {
		if got := n.phoneKey(nil, []byte(in)); string(got) != want {
			t.Errorf("phoneKey(%q) = %q, want %q", in, got, want)
		}
	}
	for k, want := range map[string]bool{"09012345678": true, "0312345678": true, "123456789": false, "00000000000": false, "0000000000": false} {
		if got := usablePhone([]byte(k)); got != want {
			t.Errorf("usablePhone(%q) = %v, want %v", k, got, want)
		}
	}
}

func TestAddressKey(t *testing.T) {
	same := [][]string{
		{"東京都千代田区千代田1-2-3", "千代田区千代田１－２－３", "東京都 千代田区千代田1丁目2番3号", "東京都千代田区千代田一丁目二番三号",
			"千代田区千代田1丁目2番地3", "千代田区千代田1‐2‐3", "千代田区千代田1–2—3", "千代田区千代田1ー2ｰ3", "千代田区千代田1−2―3",
			"千代田区千代田 1 - 2 - 3", "千代田区千代田1丁目2-3", "千代田区千代田1-2番地の3", "千代田区千代田1-2-3号"},
		{"大阪市北区梅田2-4-9 ブリーゼタワー10F", "大阪府大阪市北区梅田二丁目4番9号　ブリーゼタワー１０Ｆ", "大阪市北区梅田2-4-9ブリーゼタワー10f"},
		{"札幌市中央区北1条西2-1 メゾン101号室", "北海道札幌市中央区北1条西2丁目1番 メゾン101"},
		{"港区六本木6-10-1 A棟", "港区六本木6-10-1 ａ棟"},
		{"渋谷区神宮前1-2-3", "東京都東京都渋谷区神宮前1-2-3", "東京都　東京都 渋谷区神宮前1-2-3", "東京都渋谷区神宮前1-2-3"},
	}
	var n normalizer
	for _, group := range same {
		want := string(n.addressKey(nil, []byte(group[0]), nil))
		if want == "" {
			t.Fatalf("addressKey(%q) is empty", group[0])
		}
		for _, a := range group[1:] {
			if got := string(n.addressKey(nil, []byte(a), nil)); got != want {
				t.Errorf("addressKey(%q) = %q, want %q (as %q)", a, got, want, group[0])
			}
		}
	}
	different := [][2]string{
		{"千代田区千代田1-23", "千代田区千代田12-3"},
		{"千代田区千代田1-2-3 メゾン101", "千代田区千代田1-2-3 メゾン201"},
		{"世田谷区三軒茶屋1-2-3", "世田谷区3軒茶屋1-2-3"},
		{"千代田区一番町1-2", "千代田区1-1-2"},
		{"千代田区九段北1-2-3", "千代田区9段北1-2-3"},
		{"京都府京都市中京区1-2", "中京区1-2"},
	}
	for _, d := range different {
		a, b := string(n.addressKey(nil, []byte(d[0]), nil)), string(n.addressKey(nil, []byte(d[1]), nil))
		if a == b {
			t.Errorf("addressKey(%q) = addressKey(%q) = %q, want them different", d[0], d[1], a)
		}
	}
	if got := n.addressKey(nil, []byte("千代田区千代田"), nil); len(got) != 0 {
		t.Errorf("an address without a number has key %q, want none", got)
	}
	split := string(n.addressKey(nil, []byte("千代田区千代田1-2-3"), []byte("メゾン101")))
	if one := string(n.addressKey(nil, []byte("千代田区千代田1-2-3 メゾン101"), nil)); split != one {
		t.Errorf("address split over two columns gives %q, in one column %q", split, one)
	}
}

func TestStableNFKC(t *testing.T) {
	stable := []string{"東京都千代田区千代田1-2-3 パレス101", "ヤマダ タロウ", "やまだ", "佐々木", "ヴァイオリン", "taro@example.jp", ""}
	changing := []string{"ﾔﾏﾀﾞ", "１２３", "千代田　区", "㈱テスト", "﨑山", "カ\u3099", "ヿ", "a\tb"}
	for _, s := range stable {
		if !stableNFKC([]byte(s)) || !norm.NFKC.IsNormalString(s) {
			t.Errorf("%q: stableNFKC %v, NFKC-normal %v; want both true", s, stableNFKC([]byte(s)), norm.NFKC.IsNormalString(s))
		}
	}
	for _, s := range changing {
		if stableNFKC([]byte(s)) {
			t.Errorf("stableNFKC(%q) = true, want the full NFKC", s)
		}
	}
}

func TestKanaKey(t *testing.T) {
	var n normalizer
	want := "ヤマダタロウ"
	for _, in := range []string{"ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ", "やまだ　たろう", "ヤマダ・タロウ"} {
		if got := string(n.kanaKey(nil, []byte(in))); got != want {
			t.Errorf("kanaKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPostalCode(t *testing.T) {
	var n normalizer
	for in, ok := range map[string]bool{"1000001": true, "100-0001": true, "〒100-0001": true, "１００－０００１": true, " 100 0001 ": true,
		"100-001": false, "10000011": false, "": false, "100-000a": false, "〒": false} {
		d, got := n.postalCode([]byte(in))
		if got != ok || ok && string(d[:]) != "1000001" {
			t.Errorf("postalCode(%q) = %q, %v; want ok=%v", in, d[:], got, ok)
		}
	}
}

func TestConsentMarks(t *testing.T) {
	own, err := NewConsentMarks([]string{"済", "◎", "Done"}, []string{"辞退", "ＳＴＯＰ"})
	if err != nil {
		t.Fatal(err)
	}
	var n normalizer
	for in, want := range map[string]Consent{"済": Agreed, "◎": Agreed, "DONE": Agreed, "ｄｏｎｅ": Agreed,
		"辞退": Refused, "stop": Refused, "1": Agreed, "無": Refused, "": NoAnswer} {
		if c, err := n.consent([]byte(in), own); c != want || err != nil {
			t.Errorf("consent(%q) = %v, %v; want %v", in, c, err, want)
		}
	}
	if _, err := n.consent([]byte("済"), ConsentMarks{}); !errors.Is(err, ErrConsentValue) {
		t.Errorf("済 without the shop's marks: %v, want ErrConsentValue", err)
	}
	for _, c := range []struct {
		agreed, refused []string
		want            string
	}{
		{[]string{"×"}, nil, `mailing.consent.agreed: "×" is a built-in mark of the other answer`},
		{nil, []string{"OK"}, `mailing.consent.refused: "OK" is a built-in mark of the other answer`},
		{[]string{"済"}, []string{"済"}, `mailing.consent: "済" is in both agreed and refused`},
		{[]string{" "}, nil, `mailing.consent.agreed: an empty mark; an empty cell is always no answer`},
	} {
		if _, err := NewConsentMarks(c.agreed, c.refused); err == nil || err.Error() != c.want {
			t.Errorf("NewConsentMarks(%q, %q) = %v, want %s", c.agreed, c.refused, err, c.want)
		}
	}
	// A built-in mark listed again with its own answer is harmless.
	if _, err := NewConsentMarks([]string{"○"}, []string{"×"}); err != nil {
		t.Errorf("built-in marks with their own answers: %v", err)
	}
}

func TestParseConsent(t *testing.T) {
	yes := []string{"1", "true", "TRUE", "Yes", "yes", "ＹＥＳ", "y", "可", "○", "◯", "希望する", "希望", "する", "１", " 1 ",
		"〇", "有", "要", "OK", "ok", "Ok", "ＯＫ", "ｏｋ"}
	no := []string{"0", "false", "False", "no", "NO", "n", "不可", "×", "✕", "希望しない", "不要", "しない", "０",
		"無", "否", "NG", "ng", "ＮＧ"}
	for _, v := range yes {
		if c, err := ParseConsent([]byte(v)); c != Agreed || err != nil {
			t.Errorf("ParseConsent(%q) = %v, %v; want agreed", v, c, err)
		}
	}
	for _, v := range no {
		if c, err := ParseConsent([]byte(v)); c != Refused || err != nil {
			t.Errorf("ParseConsent(%q) = %v, %v; want refused", v, c, err)
		}
	}
	if c, err := ParseConsent([]byte("  ")); c != NoAnswer || err != nil {
		t.Errorf("empty consent = %v, %v; want no answer", c, err)
	}
	for _, v := range []string{"maybe", "2", "△", "ok?"} {
		if _, err := ParseConsent([]byte(v)); !errors.Is(err, ErrConsentValue) {
			t.Errorf("ParseConsent(%q) error = %v, want ErrConsentValue", v, err)
		}
	}
}

func TestSplitAddress(t *testing.T) {
	cases := [][3]string{
		{"千代田区千代田1-1 パレス101", "千代田区千代田1-1", "パレス101"},
		{"東京都 千代田区千代田1-1　パレス 101", "東京都 千代田区千代田1-1", "パレス 101"},
		{"千代田区千代田1丁目1番地 パレス", "千代田区千代田1丁目1番地", "パレス"},
		{"千代田区千代田1-1", "千代田区千代田1-1", ""},
	}
	for _, c := range cases {
		a, b := splitAddress([]byte(c[0]))
		if string(a) != c[1] || string(b) != c[2] {
			t.Errorf("splitAddress(%q) = %q, %q; want %q, %q", c[0], a, b, c[1], c[2])
		}
	}
}

// FuzzKeys feeds every normaliser the same text: none may panic, an
// address key of valid text is valid text, and the NFKC shortcut never
// skips text that NFKC would change.
func FuzzKeys(f *testing.F) {
	for _, s := range []string{"東京都千代田区千代田一丁目二番三号 パレス101号室", "+81 (0)90-1234-5678", "Taro@Example.COM",
		"ﾔﾏﾀﾞ ﾀﾛｳ", "〒100-0001", "十二番地の3", "1の", "一番町", "ー－‐", "", "\xff\xfe", "九十九丁目"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var n normalizer
		b := []byte(s)
		if stableNFKC(b) && !norm.NFKC.IsNormal(b) {
			t.Errorf("stableNFKC(%q) is true, but NFKC changes it", s)
		}
		key := n.addressKey(nil, b, nil)
		if !utf8.Valid(key) && utf8.ValidString(s) {
			t.Errorf("addressKey(%q) = %q, not UTF-8", s, key)
		}
		n.emailKey(nil, b)
		n.phoneKey(nil, b)
		n.kanaKey(nil, b)
		n.postalCode(b)
		ParseConsent(b)
		ValidEmail(b)
		splitAddress(b)
	})
}
