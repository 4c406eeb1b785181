package redact

import (
	"testing"

	"github.com/custkit/custkit/pkg/schema"
)

func TestDisplay(t *testing.T) {
	cases := []struct {
		f        schema.Field
		in, want string
	}{
		{schema.Name, "山田太郎", "山***"},
		{schema.Name, "李", "*"},
		{schema.Email, "taro.yamada@example.jp", "t********@example.jp"},
		{schema.Phone, "090-1234-5678", "***-****-5678"},
		{schema.Birthday, "1980-04-01", "****-**-**"},
		{schema.PostalCode, "150-0001", "150-****"},
		{schema.Address, "東京都渋谷区神宮前1-2-3", "東京都********"},
		{schema.Phone, "〇三-一二三四-五六七八", "**-****-五六七八"},
		{schema.Phone, "０３ー１２３４ー５６７８", "**ー****ー５６７８"},
		{schema.Phone, "○九〇一二三四五六七八", "*******五六七八"},
		{schema.Phone, "零三（一二三四）五六七八", "**（****）五六七八"},
		{schema.PostalCode, "〒一五〇-〇〇〇一", "〒一五〇-****"},
		{schema.Birthday, "1980/4/1", "****-**-**"},
		{schema.Birthday, "昭和五十三年四月十二日", "****-**-**"},
		{schema.Birthday, "令和元年5月1日", "****-**-**"},
		{schema.Birthday, "平成3年10月21日", "****-**-**"},
		{schema.Birthday, "S53.4.12", "****-**-**"},
		{schema.Birthday, "H3/10/21", "****-**-**"},
		{schema.Birthday, "R1-05-01", "****-**-**"},
		{schema.Birthday, "29322", "****-**-**"},
		{schema.Anniversary, "大正十五年十二月二十五日", "****-**-**"},
		{schema.Anniversary, "2005-06-18", "****-**-**"},
		{schema.Birthday, " ", " "},
		{"", "secret", "s*****"},
		{schema.Name, "", ""},
	}
	for _, c := range cases {
		if got := Display(c.f, c.in); got != c.want {
			t.Errorf("Display(%s, %q) = %q, want %q", c.f, c.in, got, c.want)
		}
	}
}

// TestDisplayDateRevealsNothing: no character of a date value, whether
// era, 元, digit or kanji numeral, reaches the printed form.
func TestDisplayDateRevealsNothing(t *testing.T) {
	for _, v := range []string{"令和元年5月1日", "昭和五十三年四月十二日", "明治45年7月30日", "M45.7.30", "T15.12.25", "1978-04-12"} {
		for _, f := range []schema.Field{schema.Birthday, schema.Anniversary} {
			got := Display(f, v)
			for _, r := range got {
				if r != '*' && r != '-' {
					t.Errorf("Display(%s, %q) = %q shows %q", f, v, got, r)
				}
			}
		}
	}
}
