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
		{"", "secret", "s*****"},
		{schema.Name, "", ""},
	}
	for _, c := range cases {
		if got := Display(c.f, c.in); got != c.want {
			t.Errorf("Display(%s, %q) = %q, want %q", c.f, c.in, got, c.want)
		}
	}
}
