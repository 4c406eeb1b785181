package main

import (
	"testing"

	"github.com/custkit/custkit/pkg/charset"
)

func TestEncodingOf(t *testing.T) {
	for _, c := range []struct {
		spec, kind string
		want       charset.Encoding
		err        string
	}{
		{"", "sales", "", ""},
		{"auto", "sales", "", ""},
		{"sjis", "sales", charset.CP932, ""},
		{"sjis", "", charset.CP932, ""},
		{"customers=shift_jis,sales=utf-8", "sales", charset.UTF8, ""},
		{"customers=shift_jis,sales=utf-8", "customers", charset.CP932, ""},
		{"customers=shift_jis,sales=utf-8", "contacts", "", ""},
		{"customers=shift_jis,sales=utf-8", "", "", ""},
		{"euc-jp, sales = utf-8", "sales", charset.UTF8, ""},
		{"euc-jp, sales = utf-8", "customers", charset.EUCJP, ""},
		{"sales=utf-8,euc-jp", "sales", charset.EUCJP, ""},
		{"orders=utf-8", "sales", "", `--encoding: "orders" is not a kind of file; use customers, sales, contacts or complaints (customers=shift_jis)`},
		{"sales=latin1", "customers", "", `--encoding: unknown encoding "latin1" (known: auto, utf-8, utf-8-bom, shift_jis, cp932, euc-jp, utf-16le, utf-16be)`},
	} {
		got, err := encodingOf(c.spec, c.kind)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != c.want || msg != c.err {
			t.Errorf("encodingOf(%q, %q) = %q, %q; want %q, %q", c.spec, c.kind, got, msg, c.want, c.err)
		}
	}
}
