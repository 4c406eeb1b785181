package output

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/charset"
	rowsink "github.com/custkit/custkit/pkg/sink" // this package's sink is where a writer puts its bytes
)

func render(t *testing.T, opts Options, header []string, rows ...[]string) (string, error) {
	t.Helper()
	var b bytes.Buffer
	w, err := New(&b, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader(header); err != nil {
		return b.String(), err
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			return b.String(), err
		}
	}
	err = w.Close()
	return b.String(), err
}

func TestFormats(t *testing.T) {
	h := []string{"id", "name"}
	r1 := []string{"001", "山田, \"太郎\""}
	r2 := []string{"002", "line\nbreak"}
	cases := []struct {
		opts Options
		want string
	}{
		{Options{Format: CSV}, "id,name\n001,\"山田, \"\"太郎\"\"\"\n002,\"line\nbreak\"\n"},
		{Options{Format: TSV}, "id\tname\n001\t\"山田, \"\"太郎\"\"\"\n002\t\"line\nbreak\"\n"},
		{Options{Format: JSONL}, "{\"id\":\"001\",\"name\":\"山田, \\\"太郎\\\"\"}\n{\"id\":\"002\",\"name\":\"line\\nbreak\"}\n"},
		{Options{Format: JSON}, "[\n{\"id\":\"001\",\"name\":\"山田, \\\"太郎\\\"\"},\n{\"id\":\"002\",\"name\":\"line\\nbreak\"}\n]\n"},
		{Options{Format: Markdown}, "| id  | name         |\n| --- | ------------ |\n| 001 | 山田, \"太郎\" |\n| 002 | line⏎break   |\n"},
	}
	for _, c := range cases {
		got, err := render(t, c.opts, h, r1, r2)
		if err != nil || got != c.want {
			t.Errorf("%s:\n got %q (%v)\nwant %q", c.opts.Format, got, err, c.want)
		}
	}
}

func TestEmptyJSON(t *testing.T) {
	got, _ := render(t, Options{Format: JSON}, []string{"a"})
	if got != "[]\n" {
		t.Errorf("got %q", got)
	}
}

func TestTableMasksAndFitsWideText(t *testing.T) {
	mask := func(col, v string) string {
		if col == "name" {
			return "***"
		}
		return v
	}
	got, err := render(t, Options{Format: Table, Mask: mask}, []string{"id", "name", "city"}, []string{"1", "山田太郎", "東京都"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "山田") || !strings.Contains(got, "***") || !strings.Contains(got, "東京都") {
		t.Fatalf("mask not applied:\n%s", got)
	}
	lines := strings.Split(strings.TrimSpace(got), "\n")
	for _, l := range lines[1:] {
		if w, w0 := displayWidth(l), displayWidth(lines[0]); w != w0 {
			t.Errorf("line %q has width %d, want %d:\n%s", l, w, w0, got)
		}
	}
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x3000 && r <= 0x9fff {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func TestFormulaGuard(t *testing.T) {
	got, _ := render(t, Options{Format: CSV, FormulaGuard: true}, []string{"v"},
		[]string{"=SUM(A1)"}, []string{"-300"}, []string{"+81-90"}, []string{"@x"}, []string{"1,200"}, []string{"ok"}, []string{"-1.5"})
	want := "v\n\"'=SUM(A1)\"\n-300\n\"'+81-90\"\n\"'@x\"\n\"1,200\"\nok\n-1.5\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestFormulaGuardHeader(t *testing.T) {
	for _, f := range []Format{CSV, TSV} {
		got, _ := render(t, Options{Format: f, FormulaGuard: true}, []string{"id", "=HDR", "-300", "@who"}, []string{"1", "a", "b", "c"})
		want := strings.ReplaceAll("id,\"'=HDR\",-300,\"'@who\"\n1,a,b,c\n", ",", map[Format]string{CSV: ",", TSV: "\t"}[f])
		if got != want {
			t.Errorf("%s: got %q\nwant %q", f, got, want)
		}
		got, _ = render(t, Options{Format: f}, []string{"=HDR"}, []string{"=x"})
		if got != "=HDR\n=x\n" {
			t.Errorf("%s without the guard: got %q", f, got)
		}
	}
}

func TestShiftJIS(t *testing.T) {
	got, err := render(t, Options{Format: CSV, Encoding: charset.CP932}, []string{"名前"}, []string{"山田"})
	if err != nil || got != "\x96\xbc\x91\x4f\n\x8eR\x93c\n" {
		t.Errorf("got %q %v", got, err)
	}
	_, err = render(t, Options{Format: CSV, Encoding: charset.CP932}, []string{"名前"}, []string{"山田"}, []string{"𠮷野"})
	var ue *charset.UnencodableError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), `output row 2, column "名前"`) {
		t.Errorf("got %v", err)
	}
}

func TestUTF8BOM(t *testing.T) {
	got, _ := render(t, Options{Format: CSV, Encoding: charset.UTF8BOM}, []string{"a"}, []string{"1"})
	if got != "\xEF\xBB\xBFa\n1\n" {
		t.Errorf("got %q", got)
	}
}

func TestNotesBetweenTables(t *testing.T) {
	for _, c := range []struct {
		format Format
		want   string
	}{
		{Markdown, "card 1\n| a   |\n| --- |\n| x   |\ntotal\n| b   |\n| --- |\n| y   |\n"},
		{Table, "card 1\n┌───┐\n│ a │\n├───┤\n│ x │\n└───┘\ntotal\n┌───┐\n│ b │\n├───┤\n│ y │\n└───┘\n"},
	} {
		var b bytes.Buffer
		w, _ := New(&b, Options{Format: c.format})
		n := w.(Noter)
		err := errors.Join(n.Note("card 1"), w.WriteHeader([]string{"a"}), w.Write([]string{"x"}), n.Note("total"),
			w.WriteHeader([]string{"b"}), w.Write([]string{"y"}), w.Close())
		if err != nil || b.String() != c.want {
			t.Errorf("%s: got %q %v\nwant %q", c.format, b.String(), err, c.want)
		}
	}
	// A document that ends with a note draws no empty table after it.
	var b bytes.Buffer
	w, _ := New(&b, Options{Format: Table})
	if err := errors.Join(w.(Noter).Note("nothing"), w.Close()); err != nil || b.String() != "nothing\n" {
		t.Errorf("got %q %v", b.String(), err)
	}
	if _, ok := any(&csvWriter{}).(Noter); ok {
		t.Error("csv has no notes")
	}
}

// A row whose only cell is empty must not be written as a blank line, which
// CSV readers skip: the row would be lost. Both the row writer and the
// Encoder path write it as "".
func TestCSVSingleEmptyCell(t *testing.T) {
	for _, f := range []Format{CSV, TSV} {
		got, err := render(t, Options{Format: f}, []string{"id"}, []string{""}, []string{"1"}, []string{""})
		if want := "id\n\"\"\n1\n\"\"\n"; err != nil || got != want {
			t.Errorf("%s: got %q, want %q", f, got, want)
		}
		var b bytes.Buffer
		w, _ := New(&b, Options{Format: f})
		enc := w.(rowsink.Encoder)
		var p []byte
		for _, cell := range []string{"", "1", ""} {
			p = enc.AppendRowEnd(enc.AppendCells(p, [][]byte{[]byte(cell)}, 0))
		}
		p = enc.AppendRowEnd(enc.AppendCells(p, [][]byte{nil, nil}, 0))
		sep := ","
		if f == TSV {
			sep = "\t"
		}
		if want := "\"\"\n1\n\"\"\n" + sep + "\n"; string(p) != want {
			t.Errorf("%s encoder: got %q, want %q", f, p, want)
		}
	}
}

func TestCRLF(t *testing.T) {
	got, err := render(t, Options{Format: CSV, CRLF: true}, []string{"id", "memo"}, []string{"1", "two\nlines"}, []string{""})
	if want := "id,memo\r\n1,\"two\nlines\"\r\n\"\"\r\n"; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}

// On the Encoder path rows are encoded in batches; a character Shift_JIS
// cannot hold must still be reported with its row and column, counting the
// rows of earlier batches and of Write, and skipping quoted delimiters,
// newlines and braces.
func TestShiftJISEncoderNamesCell(t *testing.T) {
	for _, f := range []Format{CSV, TSV, JSON, JSONL} {
		var b bytes.Buffer
		w, _ := New(&b, Options{Format: f, Encoding: charset.CP932})
		enc := w.(rowsink.Encoder)
		row := func(p []byte, cells ...string) []byte {
			bs := make([][]byte, len(cells))
			for i, c := range cells {
				bs[i] = []byte(c)
			}
			return enc.AppendRowEnd(enc.AppendCells(p, bs, 0))
		}
		if err := errors.Join(w.WriteHeader([]string{"id", "名前", "memo"}), w.Write([]string{"1", "山田", "a"})); err != nil {
			t.Fatal(err)
		}
		if err := enc.WriteEncoded(row(row(nil, "2", "a,\"b\"\n{c}\t}", "x"), "3", "佐藤", `\"`)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		err := enc.WriteEncoded(row(row(nil, "4", "ok", "\"{,"), "5", "鈴木", "𠮷野"))
		var ue *charset.UnencodableError
		if want := `output row 5, column "memo": `; !errors.As(err, &ue) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got %v, want %s…", f, err, want)
		}
	}
	_, err := render(t, Options{Format: CSV, Encoding: charset.CP932}, []string{"id", "𠮷"})
	if want := `output header, column "𠮷": `; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("header: got %v, want %s…", err, want)
	}
}

// printable builds its replacer only for a cell with a line break or a
// tab: building one per cell made a table or markdown file of a large
// join take minutes.
func TestPrintableAllocations(t *testing.T) {
	row := []string{"C1", "山田 花子", "2026-11-22", "1200"}
	if n := testing.AllocsPerRun(100, func() { printable(nil, row, nil, "⏎") }); n > 1 {
		t.Errorf("printable allocates %v times for a row without line breaks, want 1 (the row)", n)
	}
	if got := printable(nil, []string{"a\r\nb\tc\nd"}, nil, "⏎"); got[0] != "a⏎b c⏎d" {
		t.Errorf("got %q", got[0])
	}
}
