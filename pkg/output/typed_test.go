package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/schema"
)

func TestJSONTypedValues(t *testing.T) {
	cases := []struct {
		t    schema.Type
		v    string
		want string
	}{
		{schema.Text, "000123", `"000123"`},
		{schema.Text, "", `""`},
		{schema.Integer, "11", `11`},
		{schema.Integer, "", `null`},
		{schema.Integer, "1.5", `"1.5"`},
		{schema.Number, "¥1,200", `1200`},
		{schema.Number, "-3.5", `-3.5`},
		{schema.Number, "１２００", `1200`},
		{schema.Number, "0123", `"0123"`},
		{schema.Number, "０１２３", `"０１２３"`},
		{schema.Number, "¥0123", `"¥0123"`},
		{schema.Number, "0", `0`},
		{schema.Number, "0.5", `0.5`},
		{schema.Number, "abc", `"abc"`},
		{schema.Percent, "12.3%", `12.3`},
		{schema.Percent, "12.3", `"12.3"`},
		{schema.Bool, "yes", `true`},
		{schema.Bool, "no", `false`},
		{schema.Bool, "maybe", `"maybe"`},
		{schema.Bool, "", `null`},
		{schema.Date, "2026-11-22", `"2026-11-22"`},
		{schema.Date, "", `null`},
	}
	for _, c := range cases {
		if got := string(appendJSONValue(nil, c.t, []byte(c.v))); got != c.want {
			t.Errorf("%v %q: %s, want %s", c.t, c.v, got, c.want)
		}
	}
}

// TestJSONAddsUp does the arithmetic a script does on json output: the
// amounts decode as numbers and add up, an empty one is null.
func TestJSONAddsUp(t *testing.T) {
	out, err := render(t, Options{Format: JSON}, []string{"customer_id", "visits", "spend"},
		[]string{"000101", "11", "166430"}, []string{"000102", "6", "92070.5"}, []string{"000103", "", ""})
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	sum, visits := 0.0, 0.0
	for _, r := range rows {
		if s, ok := r["spend"].(float64); ok {
			sum += s
		} else if r["spend"] != nil {
			t.Errorf("spend %#v is neither a number nor null", r["spend"])
		}
		if v, ok := r["visits"].(float64); ok {
			visits += v
		}
	}
	if sum != 258500.5 || visits != 17 {
		t.Errorf("spend adds up to %v and visits to %v, want 258500.5 and 17", sum, visits)
	}
	if rows[0]["customer_id"] != "000101" || rows[2]["spend"] != nil {
		t.Errorf("customer_id %#v, empty spend %#v", rows[0]["customer_id"], rows[2]["spend"])
	}
}

func TestJSONWriteObject(t *testing.T) {
	for _, f := range []Format{JSON, JSONL} {
		var b bytes.Buffer
		w, err := New(&b, Options{Format: f})
		if err != nil {
			t.Fatal(err)
		}
		_ = w.WriteHeader([]string{"seq", "purge"})
		for _, o := range []string{`{"seq": 1, "purge": {"files": []}}`, `{"seq":2}`} {
			if err := w.(ObjectWriter).WriteObject([]byte(o)); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		want := "[\n{\"seq\":1,\"purge\":{\"files\":[]}},\n{\"seq\":2}\n]\n"
		if f == JSONL {
			want = "{\"seq\":1,\"purge\":{\"files\":[]}}\n{\"seq\":2}\n"
		}
		if b.String() != want {
			t.Errorf("%s: %q, want %q", f, b.String(), want)
		}
	}
}

// FuzzJSONValue: whatever a cell holds, its JSON value is valid JSON: the
// cell's text as a string, the number parse.Amount reads, a boolean, or
// null for an empty cell.
func FuzzJSONValue(f *testing.F) {
	for _, s := range []string{"", "0", "000123", "¥1,200", "１２００", "12.3%", "yes", "no", "-3.5", "2026-11-22", "a\"b\\c\n", "△300", "(300)"} {
		f.Add(uint8(schema.Number), s)
		f.Add(uint8(schema.Percent), s)
		f.Add(uint8(schema.Bool), s)
	}
	f.Fuzz(func(t *testing.T, typ uint8, v string) {
		v = strings.ToValidUTF8(v, "") // the reader refuses invalid UTF-8
		st := schema.Type(typ % 6)
		out := appendJSONValue(nil, st, []byte(v))
		var got any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%v %q: %s is not JSON: %v", st, v, out, err)
		}
		switch g := got.(type) {
		case nil:
			if v != "" {
				t.Fatalf("%v %q: null", st, v)
			}
		case string:
			if g != v {
				t.Fatalf("%v %q: the string %q", st, v, g)
			}
		case float64:
			d, err := parse.Amount(strings.TrimSuffix(v, "%"))
			if err != nil || string(out) != d.String() {
				t.Fatalf("%v %q: the number %s", st, v, out)
			}
		case bool:
			if st != schema.Bool {
				t.Fatalf("%v %q: a boolean", st, v)
			}
		}
	})
}
