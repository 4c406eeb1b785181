package rows

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
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

// totalsInput is a sales export as Excel leaves it: rows of data, an empty
// row, subtotal and totals rows in the shapes spreadsheets write them
// (the word in the first cell, in a later one, quoted, in any case), and
// rows that look like them but are sales: one has a date, one a customer
// id, one a word that is no totals word, one the word padded. Columns:
// receipt_id, customer_id, sold_at, product, qty, amount.
const totalsInput = "receipt_id,customer_id,sold_at,product,qty,amount\r\n" +
	"R1,C1,2026-11-01,P1,1,100\r\n" + // 2
	"R2,,2026-11-01,P1,1,100\r\n" + // 3: a walk-in
	"小計,,,,2,200\r\n" + // 4
	",,,,,\r\n" + // 5: empty
	"合計,,2026-11-30,,2,200\r\n" + // 6: a date: a sale
	"合計,C1,,,2,200\r\n" + // 7: a customer id: a sale
	"合計額,,,,2,200\r\n" + // 8: not the word
	",,,計,2,200\r\n" + // 9: the word in a later cell
	"\"\",,,\"総計\",2,\"200\"\r\n" + // 10: quoted
	"\"TOTAL\",,,,4,400\r\n" + // 11
	" 合計 ,,,,2,200\r\n" + // 12: padded: not the word alone
	"合計,,,,2,200\r\n" // 13

// TestSkipTotals reads the totals rows of a sales file skipped and
// counted, on both read paths, in blocks that part them, with the pass
// splitting every field or only the first two (the date unsplit: the
// customer id tells), and never a row with a customer id or a date.
func TestSkipTotals(t *testing.T) {
	want := Skips{Empty: 1, Totals: 5, FirstTotals: 4, TotalsColumn: 0, TotalsWord: "小計"}
	kept := []int{2, 3, 6, 7, 8, 12}
	for _, size := range []int{0, 20, 64} {
		r, err := NewReader(strings.NewReader(totalsInput), Options{Name: "s.csv", BlockSize: size})
		if err != nil {
			t.Fatal(err)
		}
		r.SkipTotals(1, 2)
		var lines []int
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, rec.Line)
		}
		if got := r.Skipped(); got != want || !reflect.DeepEqual(lines, kept) {
			t.Errorf("Next, blocks of %d: lines %v, skipped %+v, want %v and %+v", size, lines, got, kept, want)
		}
		for _, prefix := range []int{2, 3, 6} {
			r, _ := NewReader(strings.NewReader(totalsInput), Options{Name: "s.csv", BlockSize: size})
			r.SkipTotals(1, 2)
			var mu sync.Mutex
			lines = lines[:0]
			err = EachBlock(context.Background(), r, 2, func(b *Block) ([]int, error) {
				var ls []int
				err := b.EachPrefix(prefix, func(rec *Record) error { ls = append(ls, rec.Line); return nil })
				return ls, err
			}, func(ls []int) error { mu.Lock(); lines = append(lines, ls...); mu.Unlock(); return nil })
			if got := r.Skipped(); err != nil || got != want || !reflect.DeepEqual(lines, kept) {
				t.Errorf("EachPrefix(%d), blocks of %d: lines %v, skipped %+v (%v), want %v and %+v", prefix, size, lines, got, err, kept, want)
			}
		}
	}
	r, _ := NewReader(strings.NewReader(totalsInput), Options{Name: "s.csv"})
	r.SkipTotals(1, 2)
	for _, err := r.Next(); err == nil; _, err = r.Next() {
	}
	if got := strings.Join(r.Notes(), "; "); got != "1 empty row skipped; 5 totals rows skipped (first on line 4: 小計)" {
		t.Errorf("notes: %s", got)
	}
}

// TestSkipTotalsOff reads every row that is not empty as a record without
// SkipTotals, or with it turned off again.
func TestSkipTotalsOff(t *testing.T) {
	for _, on := range []bool{false, true} {
		r, _ := NewReader(strings.NewReader(totalsInput), Options{Name: "s.csv"})
		if on {
			r.SkipTotals(1, 2)
			r.SkipTotals(-1, 2)
		}
		n := 0
		for _, err := r.Next(); err == nil; _, err = r.Next() {
			n++
		}
		if sk := r.Skipped(); n != 11 || sk.Totals != 0 {
			t.Errorf("off (set and unset %v): %d records, %d totals rows, want 11 and 0", on, n, sk.Totals)
		}
	}
}

// TestSkipTotalsInIDColumn reads a file whose first column is the customer
// id, where a spreadsheet writes the word: a totals row whether the pass
// splits the date or not, and so is one of a file without a date column.
// A customer id beside the word in a later cell is a sale.
func TestSkipTotalsInIDColumn(t *testing.T) {
	input := "customer_id,sold_at,amount\nC1,2026-11-01,100\n合計,,100\nTotal,,100\nC2,,計\n"
	for _, date := range []int{1, -1} {
		for _, prefix := range []int{0, 1, 2} {
			r, _ := NewReader(strings.NewReader(input), Options{Name: "s.csv"})
			r.SkipTotals(0, date)
			var ids []string
			err := EachBlock(context.Background(), r, 1, func(b *Block) ([]string, error) {
				var ids []string
				each := b.Each
				if prefix > 0 {
					each = func(fn func(*Record) error) error { return b.EachPrefix(prefix, fn) }
				}
				err := each(func(rec *Record) error { ids = append(ids, rec.Field(0)); return nil })
				return ids, err
			}, func(got []string) error { ids = append(ids, got...); return nil })
			if err != nil || !reflect.DeepEqual(ids, []string{"C1", "C2"}) || r.Skipped().Totals != 2 {
				t.Errorf("date column %d, prefix %d: %q, %d totals rows (%v)", date, prefix, ids, r.Skipped().Totals, err)
			}
			if got := r.Notes(); !reflect.DeepEqual(got, []string{"2 totals rows skipped (first on line 3: 合計)"}) {
				t.Errorf("date column %d, prefix %d: notes %q", date, prefix, got)
			}
		}
	}
}

// TestCellOf reads cells past the split prefix of a record.
func TestCellOf(t *testing.T) {
	fields := [][]byte{[]byte("a"), []byte("")}
	rest := []byte("c,,e\r")
	for i, want := range []string{"a", "", "c", "", "e", "<nil>"} {
		got := "<nil>"
		if c := cellOf(fields, rest, ',', i); c != nil {
			got = string(c)
		}
		if got != want {
			t.Errorf("cell %d: %q, want %q", i, got, want)
		}
	}
	if col, w := firstCell([][]byte{{}, {}}, []byte(",合計,x"), ','); col != 3 || string(w) != "合計" {
		t.Errorf("first cell: %d %q", col, w)
	}
	if col, w := firstCell([][]byte{{}}, nil, ','); col != -1 || w != nil {
		t.Errorf("no cell: %d %q", col, w)
	}
}
