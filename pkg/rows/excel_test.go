package rows

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// isIDHeader stands in for schema's test: a header names the id column.
func isIDHeader(fields []string) bool {
	for _, f := range fields {
		if f == "id" {
			return true
		}
	}
	return false
}

func TestHeaderSearch(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		opts   Options
		header []string
		line   int
		note   string
		above  [][]string
		rows   [][]string
		lines  []int
	}{
		{"first row", "id,name\n1,a\n", Options{IsHeader: isIDHeader}, []string{"id", "name"}, 1, "", nil, [][]string{{"1", "a"}}, []int{2}},
		{"title row", "顧客名簿,,\n,,\nid,name,qty\n1,a,2\n", Options{IsHeader: isIDHeader},
			[]string{"id", "name", "qty"}, 3, "header on line 3; lines 1–2 skipped", [][]string{{"顧客名簿", "", ""}, {"", "", ""}}, [][]string{{"1", "a", "2"}}, []int{4}},
		{"title row without commas", "2024年11月 売上\n\nid,name\n1,a\n", Options{IsHeader: isIDHeader},
			[]string{"id", "name"}, 3, "header on line 3; lines 1–2 skipped", [][]string{{"2024年11月 売上"}}, [][]string{{"1", "a"}}, []int{4}},
		{"blank lines only", "\n\nid,name\n1,a\n", Options{}, []string{"id", "name"}, 3, "header on line 3; lines 1–2 skipped", nil, [][]string{{"1", "a"}}, []int{4}},
		{"no header found: the first row", "x,y\n\"1\"\"\",2\n3,4\n", Options{IsHeader: isIDHeader},
			[]string{"x", "y"}, 1, "", nil, [][]string{{`1"`, "2"}, {"3", "4"}}, []int{2, 3}},
		{"header below the search", titles(HeaderSearch) + "id\n1\n", Options{IsHeader: isIDHeader},
			[]string{"t1"}, 1, "", nil, append(titleRows(2, HeaderSearch), []string{"id"}, []string{"1"}), nil},
		{"header row given", "title\nid,name\n1,a\n", Options{HeaderRow: 2}, []string{"id", "name"}, 2, "header on line 2; line 1 skipped", [][]string{{"title"}}, [][]string{{"1", "a"}}, []int{3}},
		{"header row given, cr", "title\rid,name\r1,a\r", Options{HeaderRow: 2}, []string{"id", "name"}, 2, "header on line 2; line 1 skipped", [][]string{{"title"}}, [][]string{{"1", "a"}}, []int{3}},
		{"header row 1", "id,name\n1,a\n", Options{HeaderRow: 1, IsHeader: func([]string) bool { return false }}, []string{"id", "name"}, 1, "", nil, [][]string{{"1", "a"}}, []int{2}},
	}
	for _, tt := range tests {
		for _, size := range []int{0, 5} {
			if size > 0 && tt.opts.IsHeader != nil && tt.line > 1 {
				continue // the search below a title row keeps to the first block
			}
			opts := tt.opts
			opts.BlockSize = size
			r, err := NewReader(strings.NewReader(tt.input), opts)
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				continue
			}
			if !reflect.DeepEqual(r.Header(), tt.header) || r.HeaderLine() != tt.line || r.HeaderNote() != tt.note {
				t.Errorf("%s (block %d): header %q on line %d (%q), want %q on line %d (%q)", tt.name, size, r.Header(), r.HeaderLine(), r.HeaderNote(), tt.header, tt.line, tt.note)
			}
			if size == 0 && !reflect.DeepEqual(r.Above(), tt.above) {
				t.Errorf("%s: above %q, want %q", tt.name, r.Above(), tt.above)
			}
			var rows [][]string
			var lines []int
			for {
				rec, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				rows, lines = append(rows, fieldsOf(rec)), append(lines, rec.Line)
			}
			if tt.lines != nil && !reflect.DeepEqual(lines, tt.lines) || !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("%s (block %d): rows %q on %v, want %q on %v", tt.name, size, rows, lines, tt.rows, tt.lines)
			}
		}
	}
}

// titles returns n lines t1 to tn.
func titles(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "t%d\n", i)
	}
	return b.String()
}

// titleRows returns the rows t<from> to t<to>.
func titleRows(from, to int) [][]string {
	var rows [][]string
	for i := from; i <= to; i++ {
		rows = append(rows, []string{fmt.Sprintf("t%d", i)})
	}
	return rows
}

func TestHeaderRowErrors(t *testing.T) {
	tests := []struct {
		input string
		row   int
		msg   string
	}{
		{"a\n\nb\n", 2, "in.csv:2: the header row is line 2, but no row starts there (it is blank, or inside a quoted field)"},
		{"\"a\nb\",c\nd,e\n", 2, "in.csv:2: the header row is line 2, but no row starts there (it is blank, or inside a quoted field)"},
		{"a\nb\n", 5, "in.csv: the header row is line 5, but the file has 2 lines"},
	}
	for _, tt := range tests {
		_, err := NewReader(strings.NewReader(tt.input), Options{Name: "in.csv", HeaderRow: tt.row})
		if err == nil || err.Error() != tt.msg {
			t.Errorf("%q, header row %d: got %v, want %s", tt.input, tt.row, err, tt.msg)
		}
	}
}

// TestSkipped checks the counts of skipped rows on both read paths, with
// blocks small enough that the rows fall in different blocks.
func TestSkipped(t *testing.T) {
	input := "id,name\r\n1,a\r\n,\r\n\r\nid,name\r\n2,b\r\n\"\",\"\"\r\nid,name\r\n,,\r\n"
	want := Skips{Empty: 4, Headers: 2, FirstHeader: 5}
	for _, size := range []int{0, 3, 9} {
		r, err := NewReader(strings.NewReader(input), Options{Name: "in.csv", BlockSize: size})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, rec.Field(0))
		}
		if got := r.Skipped(); got != want || !reflect.DeepEqual(ids, []string{"1", "2"}) {
			t.Errorf("Next, blocks of %d: %v, skipped %+v, want [1 2] and %+v", size, ids, got, want)
		}
		r, _ = NewReader(strings.NewReader(input), Options{Name: "in.csv", BlockSize: size})
		n := 0
		err = EachBlock(context.Background(), r, 2, func(b *Block) (int, error) {
			c := 0
			err := b.EachPrefix(1, func(*Record) error { c++; return nil })
			return c, err
		}, func(c int) error { n += c; return nil })
		if err != nil || n != 2 || r.Skipped() != want {
			t.Errorf("EachBlock, blocks of %d: %d rows, skipped %+v (%v), want 2 and %+v", size, n, r.Skipped(), err, want)
		}
	}
}

// TestCRLineEnds reads a file saved by Excel for Mac, with lone CRs, in
// blocks that cut it everywhere, and one with a CRLF cut between two reads.
func TestCRLineEnds(t *testing.T) {
	input := "id,name\r1,\"a\rb\"\r2,c\r\r3,d"
	for _, size := range []int{0, 1, 2, 3, 7} {
		h, rows, lines, err := readBlocks(input, Options{BlockSize: size})
		want := [][]string{{"1", "a\nb"}, {"2", "c"}, {"3", "d"}}
		if err != nil || !reflect.DeepEqual(h, []string{"id", "name"}) || !reflect.DeepEqual(rows, want) || !reflect.DeepEqual(lines, []int{2, 4, 6}) {
			t.Errorf("blocks of %d: %q %q %v %v", size, h, rows, lines, err)
		}
	}
	r, _ := NewReader(strings.NewReader(input), Options{Name: "in.csv"})
	if !r.CR() || r.CRLF() {
		t.Errorf("CR() = %v, CRLF() = %v, want true, false", r.CR(), r.CRLF())
	}
	for _, lf := range []string{"id,name\n1,a\n", "id,name\r\n1,a\r\n", "id,name\n1,\"x\ry\"\n"} {
		r, _ := NewReader(strings.NewReader(lf), Options{Name: "in.csv"})
		if r.CR() {
			t.Errorf("%q: read as CR line ends", lf)
		}
	}
	// Mixed CRLF and LF, as a file edited on two systems has them.
	h, rows, lines, err := readBlocks("id,name\r\n1,a\n2,b\r\n3,c\n", Options{BlockSize: 4})
	if err != nil || len(h) != 2 || !reflect.DeepEqual(rows, [][]string{{"1", "a"}, {"2", "b"}, {"3", "c"}}) || !reflect.DeepEqual(lines, []int{2, 3, 4}) {
		t.Errorf("mixed line ends: %q %v %v", rows, lines, err)
	}
}

func TestSkippedRowsAreNotRagged(t *testing.T) {
	_, rows, _, err := readNext("a,b,c\n1,2,3\n,\n,,,,\n", Options{})
	if err != nil || len(rows) != 1 {
		t.Errorf("got %q, %v; want one row and no error", rows, err)
	}
	_, _, _, err = readNext("a,b,c\n1,2,3\n,x\n", Options{})
	if !errors.Is(err, ErrRagged) {
		t.Errorf("a short row with a value: %v, want ErrRagged", err)
	}
}
