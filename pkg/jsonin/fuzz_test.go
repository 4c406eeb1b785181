package jsonin

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
)

// FuzzNewReader checks that no JSON text makes the reader panic, and that
// every record it gives has the header's width.
func FuzzNewReader(f *testing.F) {
	for _, s := range []string{
		"[\n{\"id\":\"C001\",\"spend\":1200,\"ok\":true,\"note\":null},\n{\"id\":\"C002\",\"spend\":0.5}\n]\n",
		"{\"id\":\"1\"}\n{\"id\":\"2\",\"x\":1}\n",
		"{\"id\":\"1\",\"n\":{\"a\":[1]}}",
		"[{\"a\":\"x\\ny\"},{\"a\":\"\\\"\"}] [",
		"\ufeff{\"名前\":\"山田\"}",
		"[]", "{}", "", "[1,", "{\"a\":1,\"a\":2}", "{\"a\":\"1\"}{\"a\":\"2\"}\n\n{}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r, _, err := NewReader(strings.NewReader(text), rows.Options{Name: "fuzz.jsonl"})
		if err != nil {
			return
		}
		width := len(r.Header())
		for {
			rec, err := r.Next()
			if err != nil {
				return
			}
			if len(rec.Fields) != width {
				t.Fatalf("record of %d fields, header of %d: %q", len(rec.Fields), width, text)
			}
		}
	})
}

// FuzzRoundTrip checks that what json.Marshal writes of two objects reads
// back as the values written, in the first object's key order, whatever
// the keys and values hold (quotes, commas, line breaks).
func FuzzRoundTrip(f *testing.F) {
	f.Add("顧客番号", "name", "C001", "山田 太郎", "C002", "a,\"b\"\nc")
	f.Add("id", "note", "", "x", "1", "")
	f.Add("a", "b", "0123", "=1+1", "\r", "\r\n")
	f.Fuzz(func(t *testing.T, k1, k2, a1, a2, b1, b2 string) {
		if k1 == k2 {
			return
		}
		obj := func(v1, v2 string) string {
			k1j, _ := json.Marshal(k1)
			k2j, _ := json.Marshal(k2)
			v1j, _ := json.Marshal(v1)
			v2j, _ := json.Marshal(v2)
			return "{" + string(k1j) + ":" + string(v1j) + "," + string(k2j) + ":" + string(v2j) + "}"
		}
		text := obj(a1, a2) + "\n" + obj(b1, b2) + "\n"
		r, _, err := NewReader(strings.NewReader(text), rows.Options{Name: "roundtrip.jsonl"})
		if err != nil {
			t.Skip(err) // keys the CSV reader refuses as a header
		}
		// json.Marshal writes invalid UTF-8 as U+FFFD, as the file holds it.
		k1, k2, a1, a2, b1, b2 = valid(k1), valid(k2), valid(a1), valid(a2), valid(b1), valid(b2)
		if h := r.Header(); len(h) != 2 || h[0] != k1 || h[1] != k2 {
			t.Fatalf("header %q, want %q, %q", h, k1, k2)
		}
		var want [][2]string
		for _, v := range [][2]string{{a1, a2}, {b1, b2}} {
			// Rows of empty cells and repeats of the header are skipped,
			// as in a CSV file.
			if v[0] == "" && v[1] == "" || v[0] == k1 && v[1] == k2 {
				continue
			}
			want = append(want, v)
		}
		for i := 0; ; i++ {
			rec, err := r.Next()
			if err == io.EOF {
				if i != len(want) {
					t.Fatalf("read %d records, want %d", i, len(want))
				}
				return
			}
			if err != nil {
				t.Skip(err) // values the CSV reader refuses, as it would in a CSV file
			}
			if i >= len(want) || rec.Field(0) != want[i][0] || rec.Field(1) != want[i][1] {
				t.Fatalf("record %d is %q, %q; want %q", i, rec.Field(0), rec.Field(1), want)
			}
		}
	})
}

// valid is s as json.Marshal writes it and a JSON reader reads it back.
func valid(s string) string {
	b, _ := json.Marshal(s)
	var back string
	_ = json.Unmarshal(b, &back)
	return back
}
