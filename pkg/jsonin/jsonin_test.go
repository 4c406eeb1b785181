package jsonin

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
)

// readAll reads text as the JSON input called name and returns its
// header and records (each with its line in the error's terms).
func readAll(t *testing.T, name, text string) ([]string, [][]string, error) {
	t.Helper()
	r, _, err := NewReader(strings.NewReader(text), rows.Options{Name: name})
	if err != nil {
		return nil, nil, err
	}
	var recs [][]string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return r.Header(), recs, nil
		}
		if err != nil {
			return r.Header(), recs, err
		}
		row := make([]string, len(rec.Fields))
		for i := range rec.Fields {
			row[i] = rec.Field(i)
		}
		recs = append(recs, row)
	}
}

func join(recs [][]string) string {
	var b strings.Builder
	for _, r := range recs {
		b.WriteString(strings.Join(r, "|"))
		b.WriteString("\n")
	}
	return b.String()
}

func TestReadsArrayAndLines(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"a.json", "[\n{\"顧客番号\":\"C001\",\"spend\":1200,\"ok\":true,\"note\":null},\n{\"顧客番号\":\"C002\",\"spend\":0.5,\"ok\":false,\"note\":\"a, \\\"b\\\"\\nc\"}\n]\n"},
		{"a.jsonl", "{\"顧客番号\":\"C001\",\"spend\":1200,\"ok\":true,\"note\":null}\n{\"spend\":0.5,\"顧客番号\":\"C002\",\"note\":\"a, \\\"b\\\"\\nc\",\"ok\":false}\n"},
		{"bom.jsonl", "\ufeff{\"顧客番号\":\"C001\",\"spend\":1200,\"ok\":true,\"note\":null}\r\n{\"顧客番号\":\"C002\",\"spend\":0.5,\"ok\":false,\"note\":\"a, \\\"b\\\"\\nc\"}\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, recs, err := readAll(t, tc.name, tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(h, "|"); got != "顧客番号|spend|ok|note" {
				t.Errorf("header %q", got)
			}
			want := "C001|1200|yes|\nC002|0.5|no|a, \"b\"\nc\n"
			if got := join(recs); got != want {
				t.Errorf("records\n%q, want\n%q", got, want)
			}
		})
	}
}

func TestNumbersAsWritten(t *testing.T) {
	_, recs, err := readAll(t, "n.jsonl", `{"a":1.50,"b":-0,"c":1e3,"d":"0123"}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := join(recs); got != "1.50|-0|1e3|0123\n" {
		t.Errorf("got %q", got)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"new.jsonl", "{\"id\":\"1\"}\n{\"id\":\"2\"}\n{\"id\":\"3\",\"extra\":1}\n", `new.jsonl:3: key "extra" is not one of the first object's keys ("id")`},
		{"nested.json", "[\n{\"id\":\"1\"},\n{\"id\":{\"x\":1}}\n]", `nested.json:3: key "id" holds an object`},
		{"arr.jsonl", "{\"id\":\"1\",\"tags\":[1,2]}\n", `arr.jsonl:1: key "tags" holds an array`},
		{"twice.jsonl", "{\"id\":\"1\"}\n\n{\"id\":\"2\",\"id\":\"3\"}\n", `twice.jsonl:3: key "id" is written twice in one object`},
		{"twice1.jsonl", "{\"id\":\"1\",\"id\":\"3\"}\n", `twice1.jsonl:1: key "id" is written twice in one object`},
		{"bad.jsonl", "{\"id\":\"1\"}\n{\"id\":\"2\",}\n", `bad.jsonl:2: not valid JSON: invalid character '}'`},
		{"cut.json", "[\n{\"id\":\"1\"},\n{\"id\":\"2\"", `cut.json:3: the JSON text ends inside an object or array`},
		{"empty.json", "[]\n", `empty.json:1: the array holds no objects`},
		{"noKeys.jsonl", "{}\n", `noKeys.jsonl:1: the first object has no keys`},
		{"scalar.json", "[{\"id\":\"1\"},\n2]", `scalar.json:2: the number 2 where an object should be`},
		{"after.json", "[{\"id\":\"1\"}]\n[{\"id\":\"2\"}]", `after.json:2: an array after the array's end`},
		{"string.json", "\"x\"", `string.json:1: starts with the string "x", not an object`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := readAll(t, tc.name, tc.text)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error %v, want %s…", err, tc.want)
			}
		})
	}
}

func TestNothingIsEmpty(t *testing.T) {
	_, _, err := readAll(t, "nothing.jsonl", " \n")
	if !errors.Is(err, rows.ErrEmpty) {
		t.Fatalf("error %v, want rows.ErrEmpty", err)
	}
}

// A value's error names the JSON line of its object, whatever the lines
// of the CSV text were: a value with line breaks, a pretty-printed
// array.
func TestLocate(t *testing.T) {
	text := "[\n  {\n    \"id\": \"1\",\n    \"note\": \"a\\nb\\nc\"\n  },\n  {\n    \"id\": \"2\",\n    \"note\": \"\"\n  },\n  {\n    \"id\": \"3\",\n    \"note\": \"\"\n  }\n]\n"
	r, _, err := NewReader(strings.NewReader(text), rows.Options{Name: "pretty.json"})
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		e := &rows.Error{File: rec.File, Line: rec.Line, Column: "note", Value: rec.Field(1), Err: errors.New("bad")}
		lines = append(lines, rec.Line)
		t.Log(e)
		if want := map[string]string{"1": "pretty.json:2:", "2": "pretty.json:6:", "3": "pretty.json:10:"}[rec.Field(0)]; !strings.HasPrefix(e.Error(), want) {
			t.Errorf("error %q, want it to start %q", e, want)
		}
	}
	if len(lines) != 3 {
		t.Fatalf("read %d records, want 3", len(lines))
	}
}

// Many objects of one layout make one segment: the locator does not grow
// with the file.
func TestSegmentsStayFew(t *testing.T) {
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; i < 5000; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString("{\"id\":\"x\",\"n\":1}")
	}
	b.WriteString("\n]\n")
	s := newSource("seg.json", strings.NewReader(b.String()))
	if _, err := io.Copy(io.Discard, s); err != nil {
		t.Fatal(err)
	}
	if len(s.segs) > 3 {
		t.Errorf("%d segments for one layout", len(s.segs))
	}
	if got := s.jsonLine(5001); got != 5001 {
		t.Errorf("CSV line 5001 is JSON line %d, want 5001", got)
	}
}

func TestLooks(t *testing.T) {
	for head, want := range map[string]bool{
		"[{\"a\":1}]": true, "  [\n  {": true, "[]": true, "\ufeff{\"a\"": true, "{}": true, "\n{ \"a\"": true,
		"[顧客一覧]\nid,name": false, "{a},b": false, "id,name\n": false, "[": false, "": false, "PK\x03\x04": false,
	} {
		if got := Looks([]byte(head)); got != want {
			t.Errorf("Looks(%q) = %v, want %v", head, got, want)
		}
	}
}

func TestChoose(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		f          Format
		want       bool
	}{
		{"a.csv", "id\n1\n", Auto, false},
		{"a.json", "id\n1\n", Auto, true},
		{"a.JSONL.age", "", Auto, true},
		{"b.ndjson", "", Auto, true},
		{"-", "{\"id\":\"1\"}", Auto, true},
		{"-", "{\"id\":\"1\"}", CSV, false},
		{"-", "id\n1\n", JSONL, true},
	} {
		r, got := Choose(strings.NewReader(tc.text), tc.name, tc.f)
		if got != tc.want {
			t.Errorf("Choose(%q, %q, %q) = %v", tc.name, tc.text, tc.f, got)
		}
		if b, _ := io.ReadAll(r); string(b) != tc.text {
			t.Errorf("Choose(%q) lost bytes: %q", tc.name, b)
		}
	}
}

func TestFormatOf(t *testing.T) {
	isKind := func(k string) bool { return k == "sales" || k == "customers" }
	for _, tc := range []struct {
		spec, kind string
		want       Format
	}{
		{"", "sales", Auto}, {"jsonl", "sales", JSONL}, {"jsonl", "", JSONL}, {"sales=json", "customers", Auto},
		{"sales=json", "sales", JSON}, {"csv,sales=ndjson", "sales", JSONL}, {"csv,sales=ndjson", "customers", CSV}, {"AUTO", "", Auto},
	} {
		got, err := FormatOf(tc.spec, tc.kind, isKind)
		if err != nil || got != tc.want {
			t.Errorf("FormatOf(%q, %q) = %q, %v; want %q", tc.spec, tc.kind, got, err, tc.want)
		}
	}
	for _, spec := range []string{"xml", "stock=json"} {
		if _, err := FormatOf(spec, "sales", isKind); err == nil {
			t.Errorf("FormatOf(%q) took it", spec)
		}
	}
}

func TestLayout(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Layout
		says string
	}{
		{"[{\"a\":1},{\"a\":2}]", Array, "json array"},
		{"\ufeff  [\n  {\"a\": 1}\n]\n", Array, "json array"},
		{"{\"a\":1}\n{\"a\":2}\n", Lines, "json lines"},
		{"{\"a\":1}", Lines, "json lines"},
	} {
		_, got, err := NewReader(strings.NewReader(tc.text), rows.Options{Name: "layout.json"})
		if err != nil {
			t.Fatalf("%q: %v", tc.text, err)
		}
		if got != tc.want || got.Describe() != tc.says {
			t.Errorf("%q: layout %q (%s), want %q (%s)", tc.text, got, got.Describe(), tc.want, tc.says)
		}
	}
	if _, got, err := NewReader(strings.NewReader("[]"), rows.Options{Name: "layout.json"}); err == nil || got != "" {
		t.Errorf("an empty array: layout %q, error %v; want an error", got, err)
	}
}
