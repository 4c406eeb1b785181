package output

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/usererr"
)

func TestCut(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"short", 8, "short"},
		{"abcdefghij", 8, "abcdefg…"},
		{"伊藤由美子", 10, "伊藤由美子"},                   // exactly 10 columns: whole
		{"伊藤由美子さん", 10, "伊藤由美…"},                 // 2 columns a character: 4 of them and …
		{"伊藤由美子さん", 9, "伊藤由美…"},                  // a wide character is never split
		{"ｲﾄｳﾕﾐｺｻﾝ", 5, "ｲﾄｳﾕ…"},                 // half-width kana are one column
		{"Cafe\u0301 au lait", 5, "Cafe\u0301…"}, // é as e + combining accent: the accent stays with its e
		{"Ame\u0301lie", 4, "Ame\u0301…"},
		{"🍵🍵🍵🍵", 5, "🍵🍵…"},             // an emoji is two columns
		{"👨‍👩‍👧 family", 4, "👨‍👩‍👧 …"}, // a ZWJ sequence is one emoji of two columns, kept whole
	} {
		got := cut(c.in, c.width)
		if got != c.want {
			t.Errorf("cut(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
		if w := screenWidth.StringWidth(got); w > c.width {
			t.Errorf("cut(%q, %d) is %d columns wide", c.in, c.width, w)
		}
	}
}

func FuzzCut(f *testing.F) {
	for _, s := range []string{"", "abc", "伊藤由美子さん", "Cafe\u0301", "🍵🍵", "👨‍👩‍👧", "a\u200bb", "\xff\xfe"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		if width < 1 || width > 200 || !utf8.ValidString(s) {
			return
		}
		got := cut(s, width)
		if w := screenWidth.StringWidth(got); w > width {
			t.Fatalf("cut(%q, %d) = %q, %d columns", s, width, got, w)
		}
		if got != s && !strings.HasSuffix(got, "…") {
			t.Fatalf("cut(%q, %d) = %q: cut without …", s, width, got)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("cut(%q, %d) = %q: not UTF-8", s, width, got)
		}
	})
}

// drawTable draws header and rows as a table on a screen of width.
func drawTable(t *testing.T, width int, show, drop []string, header []string, rows ...[]string) (string, []string) {
	t.Helper()
	var notes []string
	var b bytes.Buffer
	w, err := New(&b, Options{Format: Table, Screen: &Screen{Width: width, Columns: show, Drop: drop, Note: func(l string) { notes = append(notes, l) }}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader(header); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if n := screenWidth.StringWidth(line); n > width {
			t.Errorf("width %d: a line of %d columns: %s", width, n, line)
		}
	}
	return b.String(), notes
}

func TestScreenFitsTable(t *testing.T) {
	header := []string{"customer_id", "name", "address", "visits", "spend"}
	rows := [][]string{
		{"000101", "山田 花子", "石川県金沢市尾張町1丁目9番6号 ハイツ兼六 202", "12", "166430"},
		{"000102", "佐藤 健一", "石川県金沢市片町2-21-5", "3", "6600"},
	}
	// wide enough: drawn as it is, no note
	out, notes := drawTable(t, 200, nil, nil, header, rows...)
	if len(notes) != 0 || !strings.Contains(out, "ハイツ兼六 202") {
		t.Errorf("200 columns: notes %q\n%s", notes, out)
	}
	// 60 columns: the address is cut, every column kept
	out, notes = drawTable(t, 60, nil, nil, header, rows...)
	want := `┌─────────────┬───────────┬─────────────┬────────┬────────┐
│ customer_id │ name      │ address     │ visits │ spend  │
├─────────────┼───────────┼─────────────┼────────┼────────┤
│ 000101      │ 山田 花子 │ 石川県金沢… │ 12     │ 166430 │
│ 000102      │ 佐藤 健一 │ 石川県金沢… │ 3      │ 6600   │
└─────────────┴───────────┴─────────────┴────────┴────────┘
`
	if out != want {
		t.Errorf("60 columns:\n%s\nwant\n%s", out, want)
	}
	if len(notes) != 1 || notes[0] != "long cells are cut with … to fit 60 terminal columns; --wide or --format csv shows them whole" {
		t.Errorf("60 columns: notes %q", notes)
	}
	// 40 columns: columns of drop go first, then from the right
	out, notes = drawTable(t, 40, nil, []string{"address"}, header, rows...)
	if strings.Contains(out, "address") || !strings.Contains(out, "visits") {
		t.Errorf("40 columns, address dropped first:\n%s", out)
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "2 of 5 columns left out to fit 40 terminal columns: address, spend; --columns NAME,... chooses the columns, --wide shows every one") {
		t.Errorf("40 columns: notes %q", notes)
	}
	// the screen's default columns, by field: the rest named in the note
	out, notes = drawTable(t, 80, []string{"customer_id", "name", "spend", "no_such_column"}, nil, header, rows...)
	if strings.Contains(out, "address") || !strings.Contains(out, "166430") {
		t.Errorf("default columns:\n%s", out)
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "2 of 5 columns left out to fit 80 terminal columns: address, visits;") {
		t.Errorf("default columns: notes %q", notes)
	}
	// one column wider than the screen: cut, header and all
	out, _ = drawTable(t, 12, nil, nil, []string{"address"}, []string{"石川県金沢市尾張町"})
	if !strings.Contains(out, "石川県…") {
		t.Errorf("one column:\n%s", out)
	}
}

func TestScreenKeys(t *testing.T) {
	draw := func(width int, keys, show, drop, header []string, rows ...[]string) (string, []string) {
		t.Helper()
		var notes []string
		var b bytes.Buffer
		w, err := New(&b, Options{Format: Table, Screen: &Screen{Width: width, Keys: keys, Columns: show, Drop: drop, Note: func(l string) { notes = append(notes, l) }}})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteHeader(header); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return strings.SplitN(b.String(), "\n", 3)[1], notes
	}
	// a key the default columns do not name comes first, and a Drop that
	// names it does not leave it out
	header := []string{"store", "customer_id", "name", "address", "visits", "spend"}
	row := []string{"S01", "000101", "山田 花子", "石川県金沢市尾張町1丁目9番6号", "12", "166430"}
	got, notes := draw(40, []string{"store", "no_such_key"}, []string{"customer_id", "visits", "spend"}, []string{"store", "visits"}, header, row)
	if want := "│ store │ customer_id │ spend  │"; got != want {
		t.Errorf("key kept:\n%s\nwant\n%s", got, want)
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "3 of 6 columns left out to fit 40 terminal columns: name, address, visits;") {
		t.Errorf("key kept: notes %q", notes)
	}
	// keys in the output's order, then the default columns, then the rest
	header = []string{"store", "month", "receipts", "walk_in_pct", "net_amount"}
	row = []string{"S01", "2026-11", "3", "0.0", "9900"}
	got, notes = draw(200, []string{"month", "store"}, []string{"net_amount", ScreenRest}, nil, header, row)
	if want := "│ store │ month   │ net_amount │ receipts │ walk_in_pct │"; got != want {
		t.Errorf("keys, columns, rest:\n%s\nwant\n%s", got, want)
	}
	if len(notes) != 0 {
		t.Errorf("keys, columns, rest: notes %q", notes)
	}
	// narrow: the rest goes from the right, the keys and the default columns stay
	got, _ = draw(40, []string{"month", "store"}, []string{"net_amount", ScreenRest}, nil, header, row)
	if want := "│ store │ month   │ net_amount │"; got != want {
		t.Errorf("keys, columns, rest at 40:\n%s\nwant\n%s", got, want)
	}
	// no keys in the output: as before
	got, _ = draw(200, []string{"store"}, nil, nil, []string{"customer_id", "visits"}, []string{"000101", "3"})
	if want := "│ customer_id │ visits │"; got != want {
		t.Errorf("no keys:\n%s\nwant\n%s", got, want)
	}
}

func TestScreenNotesBetweenTables(t *testing.T) {
	var b bytes.Buffer
	var notes []string
	w, err := New(&b, Options{Format: Table, Screen: &Screen{Width: 30, Drop: []string{"receipt"}, Note: func(l string) { notes = append(notes, l) }}})
	if err != nil {
		t.Fatal(err)
	}
	n := w.(Noter)
	for _, id := range []string{"000101", "000102"} {
		if err := n.Note("顧客カルテ " + id); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteHeader([]string{"date", "receipt", "detail"}); err != nil {
			t.Fatal(err)
		}
		if err := w.Write([]string{"2026-10-25", "S01-20261025-001", "有田焼 染付 小皿 ×2"}); err != nil {
			t.Fatal(err)
		}
		if err := n.Note("  totals: 11 receipts, 20 lines, quantity 39"); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.String(), "  totals: 11 receipts, 20\n  lines, quantity 39\n") != 2 {
		t.Errorf("a long note is wrapped at a space and indented:\n%s", b.String())
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "1 of 3 columns left out to fit 30 terminal columns: receipt;") {
		t.Errorf("one note for both tables: %q", notes)
	}
}

func TestColumns(t *testing.T) {
	header := []string{"顧客番号", "氏名", "Postal Code", "visits", "spend"}
	row := []string{"000101", "山田 花子", "920-0902", "12", "166430"}
	for _, c := range []struct {
		columns []string
		want    string
	}{
		{[]string{"spend", "customer_id"}, "spend,顧客番号\n166430,000101\n"}, // a field by its alias, a computed column by name
		{[]string{"postal_code", "氏名"}, "Postal Code,氏名\n920-0902,山田 花子\n"},
		{[]string{"POSTAL-CODE"}, "Postal Code\n920-0902\n"}, // normalised as headers are
		{[]string{"visits", "visits", "ＶＩＳＩＴＳ"}, "visits\n12\n"},
	} {
		var b bytes.Buffer
		w, err := New(&b, Options{Format: CSV, Columns: c.columns})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteHeader(header); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if b.String() != c.want {
			t.Errorf("--columns %q: %q, want %q", c.columns, b.String(), c.want)
		}
		if shown, err := Shown(w, header); err != nil || strings.Join(shown, ",")+"\n" != strings.SplitAfter(c.want, "\n")[0] {
			t.Errorf("--columns %q: Shown %q, %v", c.columns, shown, err)
		}
	}
	// a typed format types the columns it keeps
	var b bytes.Buffer
	w, _ := New(&b, Options{Format: JSONL, Columns: []string{"spend", "customer_id"}})
	_ = w.WriteHeader(header)
	_ = w.Write(row)
	_ = w.Close()
	if b.String() != `{"spend":166430,"顧客番号":"000101"}`+"\n" {
		t.Errorf("jsonl: %s", b.String())
	}
	// an unknown column: a usage error with the nearest name
	w, _ = New(&b, Options{Format: CSV, Columns: []string{"vists"}})
	err := w.WriteHeader(header)
	var ue *usererr.UsageError
	if err == nil || !errors.As(err, &ue) || err.Error() != `--columns: the output has no column "vists"; did you mean "visits"?` {
		t.Errorf("unknown column: %v", err)
	}
	var he *usererr.HintError
	if !errors.As(err, &he) || !strings.Contains(he.Hint, "顧客番号, 氏名, Postal Code, visits, spend") {
		t.Errorf("unknown column: hint %v", err)
	}
	if _, err := Shown(w, header); err == nil {
		t.Error("Shown: no error for an unknown column")
	}
	// no fast path through a selection: every row is chosen from
	w, _ = New(&b, Options{Format: CSV, Columns: []string{"spend"}})
	if _, ok := w.(interface{ WriteEncoded([]byte) error }); ok {
		t.Error("a selection has the fast path")
	}
	// a printed format keeps taking notes
	w, _ = New(&b, Options{Format: Table, Columns: []string{"spend"}})
	if _, ok := w.(Noter); !ok {
		t.Error("a table with a selection takes no notes")
	}
}

// A line break in a cell of a table or markdown output in Shift_JIS is
// the full-width solidus, which the encoding holds (⏎ is not in CP932).
func TestLineMarkerShiftJIS(t *testing.T) {
	for _, f := range []Format{Table, Markdown} {
		for _, enc := range []charset.Encoding{charset.CP932, charset.EUCJP} {
			var b bytes.Buffer
			w, err := New(&b, Options{Format: f, Encoding: enc})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.WriteHeader([]string{"id", "memo"}); err != nil {
				t.Fatal(err)
			}
			if err := w.Write([]string{"000101", "桜柄\n入荷連絡"}); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatalf("%s in %s: %v", f, enc, err)
			}
			r, _, err := charset.Decode(bytes.NewReader(b.Bytes()), enc)
			if err != nil {
				t.Fatal(err)
			}
			text, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(text), "桜柄／入荷連絡") {
				t.Errorf("%s in %s:\n%s", f, enc, text)
			}
		}
	}
}
