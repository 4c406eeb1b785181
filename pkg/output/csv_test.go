package output

import (
	rowsink "github.com/custkit/custkit/pkg/sink" // this package's sink is where a writer puts its bytes
	"strings"
	"testing"
)

// TestBytesNeedQuotes checks the eight-bytes-at-a-time check against the
// byte-by-byte one, with each special byte at every position.
func TestBytesNeedQuotes(t *testing.T) {
	bases := []string{"", "a", "abcdefg", "abcdefgh", "湯呑み九谷焼の皿", "0123456789abcdefghijklmnop"}
	for _, base := range bases {
		for _, comma := range []byte{',', '\t'} {
			if got := bytesNeedQuotes([]byte(base), comma); got != needsQuotes(base, comma) {
				t.Errorf("%q: got %v", base, got)
			}
			for i := 0; i <= len(base); i++ {
				for _, c := range []string{",", "\t", `"`, "\n", "\r", "x", "\x80"} {
					v := base[:i] + c + base[i:]
					if got, want := bytesNeedQuotes([]byte(v), comma), needsQuotes(v, comma); got != want {
						t.Errorf("%q with comma %q: got %v, want %v", v, comma, got, want)
					}
				}
			}
		}
	}
}

func TestVerbatim(t *testing.T) {
	for _, tt := range []struct {
		format Format
		guard  bool
		comma  byte
		want   bool
	}{
		{CSV, false, ',', true},
		{CSV, false, '\t', false},
		{CSV, true, ',', false},
		{TSV, false, '\t', true},
		{TSV, false, ',', false},
		{JSONL, false, ',', false},
		{JSON, false, '\t', false},
	} {
		w, err := New(&strings.Builder{}, Options{Format: tt.format, FormulaGuard: tt.guard})
		if err != nil {
			t.Fatal(err)
		}
		v, ok := w.(rowsink.Encoder)
		if !ok {
			t.Fatalf("%s writer is not a rowsink.Encoder", tt.format)
		}
		if got := v.Verbatim(tt.comma); got != tt.want {
			t.Errorf("%s guard %v comma %q: got %v", tt.format, tt.guard, tt.comma, got)
		}
	}
	for _, f := range []Format{Table, Markdown, VCard} {
		w, _ := New(&strings.Builder{}, Options{Format: f})
		if _, ok := w.(rowsink.Encoder); ok {
			t.Errorf("the %s writer has a fast path; a printed format must see rows one by one", f)
		}
	}
}
