package contactlog

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/rows"
)

// FuzzEncodeRow: whatever a till types, the row encoded reads back as the
// same cells in the file's encoding and delimiter, or is refused as a
// whole (a character the encoding lacks, bytes that are not UTF-8).
func FuzzEncodeRow(f *testing.F) {
	for _, seed := range [][3]string{
		{"000101", "村田", "入荷の連絡"},
		{"000102", "大野", "サイズは\"L\",色は紺\n次回確認"},
		{"000103", "a\tb", "\r\n"},
		{"000104", "𠮷野", "①㈱〜−"},
		{"", "", ""},
		{"x", "\"", ",,,"},
	} {
		for _, enc := range []string{"utf-8", "shift_jis", "euc-jp", "utf-16le"} {
			f.Add(seed[0], seed[1], seed[2], enc, false, true)
		}
	}
	f.Fuzz(func(t *testing.T, id, staff, summary, encName string, tab, crlf bool) {
		enc, err := charset.Parse(encName)
		if err != nil || enc == "" {
			return
		}
		header := []string{"customer_id", "staff", "summary"}
		l := &Layout{Encoding: enc, Comma: ',', EOL: "\n", Header: header}
		if tab {
			l.Comma = '\t'
		}
		if crlf {
			l.EOL = "\r\n"
		}
		row := []string{id, staff, summary}
		line, err := l.encode(row)
		var ue *charset.UnencodableError
		if err != nil {
			if errors.As(err, &ue) || !utf8.ValidString(id) || !utf8.ValidString(staff) || !utf8.ValidString(summary) {
				return
			}
			t.Fatalf("encode %q: %v", row, err)
		}
		head, err := l.encode(header)
		if err != nil {
			t.Fatal(err)
		}
		r, err := rows.NewReader(bytes.NewReader(append(head, line...)), rows.Options{Name: "f", Encoding: enc, Comma: l.Comma})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := r.Next()
		if err != nil {
			if strings.TrimSpace(id+staff+summary) == "" || strings.ContainsRune(id+staff+summary, 0xFEFF) {
				return // a row of empty cells is skipped, as custkit reads files
			}
			t.Fatalf("reading %q back: %v", line, err)
		}
		for i, want := range row {
			got := rec.Field(i)
			if enc == charset.CP932 || enc == charset.EUCJP {
				want = strings.Map(charset.JISCompat, want)
				got = strings.Map(charset.JISCompat, got)
			}
			if got != want && !strings.Contains(want, "\r") {
				t.Errorf("cell %d: wrote %q, read %q (line %q)", i, want, got, line)
			}
		}
	})
}
