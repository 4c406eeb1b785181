package rows

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/output"
	"golang.org/x/text/encoding/unicode"
)

// readBlocks reads input through NextBlock and Block.Each, the parallel
// path, stopping at the first error as Each does.
func readBlocks(input string, opts Options) ([]string, [][]string, []int, error) {
	return readPrefix(input, opts, 0, 0)
}

// readPrefix is readBlocks with Block.EachPrefix(n), or Each if n is 0;
// extend > 0 calls Record.Extend(extend) on every other record.
func readPrefix(input string, opts Options, n, extend int) ([]string, [][]string, []int, error) {
	opts.Name = "in.csv"
	r, err := NewReader(strings.NewReader(input), opts)
	if err != nil {
		return nil, nil, nil, err
	}
	var rows [][]string
	var lines []int
	for {
		b, err := r.NextBlock()
		if err == io.EOF {
			return r.Header(), rows, lines, nil
		}
		if err != nil {
			return r.Header(), rows, lines, err
		}
		each := b.Each
		if n > 0 {
			each = func(fn func(*Record) error) error { return b.EachPrefix(n, fn) }
		}
		err = each(func(rec *Record) error {
			if extend > 0 && len(rows)%2 == 1 {
				rec.Extend(extend)
			}
			rows = append(rows, fieldsOf(rec))
			lines = append(lines, rec.Line)
			return nil
		})
		b.Release()
		if err != nil {
			return r.Header(), rows, lines, err
		}
	}
}

// readNext reads input through Next, stopping at the first error.
func readNext(input string, opts Options) ([]string, [][]string, []int, error) {
	opts.Name = "in.csv"
	return readRecords(input, opts)
}

// readRecords reads input, named as opts says, through Next, stopping at
// the first error: the header, the rows, the line of each and the error.
func readRecords(input string, opts Options) ([]string, [][]string, []int, error) {
	r, err := NewReader(strings.NewReader(input), opts)
	if err != nil {
		return nil, nil, nil, err
	}
	var rows [][]string
	var lines []int
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return r.Header(), rows, lines, nil
		}
		if err != nil {
			return r.Header(), rows, lines, err
		}
		rows = append(rows, fieldsOf(rec))
		lines = append(lines, rec.Line)
	}
}

// fieldsOf copies a record's fields.
func fieldsOf(rec *Record) []string {
	row := make([]string, len(rec.Fields))
	for i := range rec.Fields {
		row[i] = rec.Field(i)
	}
	return row
}

type readResult struct {
	header []string
	rows   [][]string
	lines  []int
	err    string
}

func (r readResult) String() string {
	return fmt.Sprintf("header %q rows %q lines %v err %q", r.header, r.rows, r.lines, r.err)
}

// prefix returns r with each row cut to its first n fields, every other
// row to its first extend fields if extend > 0.
func (r readResult) prefix(n, extend int) readResult {
	var rows [][]string
	for i, row := range r.rows {
		m := n
		if extend > 0 && i%2 == 1 {
			m = extend
		}
		rows = append(rows, row[:min(m, len(row))])
	}
	r.rows = rows
	return r
}

func result(h []string, rows [][]string, lines []int, err error) readResult {
	r := readResult{header: h, rows: rows, lines: lines}
	if err != nil {
		r.err = err.Error()
	}
	return r
}

// writeCSV writes header and rows with the output package's writer, using
// the delimiter the reader found. A first header cell that starts with
// U+FEFF would look like a byte order mark at the start of the file, so
// then the file gets a real BOM in front.
func writeCSV(t *testing.T, comma byte, header []string, rows [][]string) string {
	t.Helper()
	opts := output.Options{Format: output.CSV}
	if comma == '\t' {
		opts.Format = output.TSV
	}
	if strings.HasPrefix(header[0], "\uFEFF") {
		opts.Encoding = charset.UTF8BOM
	}
	var buf bytes.Buffer
	w, err := output.New(&buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader(header); err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// FuzzReadCSV checks two properties of the reader on any input:
//
//   - the block path (NextBlock + Each) with tiny blocks, where block
//     boundaries fall everywhere, gives the same records, line numbers and
//     first error as Next reading the input in one block; so does
//     EachPrefix, with the records cut to the fields asked for
//     (and extended by Record.Extend); so do blocks whose runs of one
//     value in the first column are kept together (Reader.KeepTogether),
//     whose bytes are the file's and which never split a run;
//   - whatever the reader accepts, written back as RFC 4180 CSV (or TSV)
//     and read again, gives the same header and rows. Written text with a
//     NUL byte in every other place can be UTF-16 as well, line ends and
//     all: it is taken for UTF-16 without a byte order mark, which the
//     reader's notes say, and read as the UTF-8 it was written in when
//     that is given.
func FuzzReadCSV(f *testing.F) {
	for _, tt := range readerCases {
		f.Add(tt.input)
	}
	for _, tt := range readerErrorCases {
		f.Add(tt.input)
	}
	for _, s := range []string{
		"id\n\"\"\n",       // one empty field: must not become a blank line
		"\"\"\n1\n",        // empty header name
		"\n\na\tb\n1\t2\n", // blank lines before a TSV header
		"customer_id\tname\tmemo\n1\t\"a\tb\"\t\n",                              // TSV header longer than a small block
		"a,b\n\" lead\",x\r\ny,\"\r\"\n",                                        // leading space, lone CR
		"a,b\n1,\"x\"\"\n\"\"y\"\n",                                             // doubled quotes around a newline
		"a,b\n\r",                                                               // CR at the very end
		"\xEF\xBB\xBF\xEF\xBB\xBFa\n1\n",                                        // a second BOM is data
		"\xFF\xFEa\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00",                    // UTF-16LE
		"\x8c\xda\x8b\x71\x94\xd4\x8d\x86,\x8e\x81\x96\xbc\r\n1,\x8eR\x93c\r\n", // CP932
		"id,name,qty\r1,x,2\r2,\"a\rb\",3\r",                                    // CR line ends (Excel for Mac)
		"id,name\r\n1,x\r\n,\r\n,,\r\n\"\",\"\"\r\n",                            // trailing empty rows
		"顧客名簿,,\n,,\nid,name,qty\n1,x,2\n",                                      // a title row above the header
		"id,name\n1,x\nid,name\n\xEF\xBB\xBFid,name\n2,y\n",                     // monthly files joined with cat
		"id,jan\n1,4.90123E+12\n2,\x00\n",                                       // ids spoiled by a spreadsheet
		"Name,item\n#1,a\n#1,\"b\nc\"\n\"#1\",d\n#2,e\n,f\n,g\n#2,h\n#2,i\n",    // runs of one order's lines
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		want := result(readNext(input, Options{BlockSize: len(input) + 1}))
		for _, size := range []int{1, 7, 64} {
			if got := result(readBlocks(input, Options{BlockSize: size})); !reflect.DeepEqual(got, want) {
				t.Fatalf("blocks of %d differ from Next:\n got %s\nwant %s", size, got, want)
			}
		}
		for _, size := range []int{1, 7, 64} {
			if got := result(readTogether(input, Options{BlockSize: size}, 0)); !reflect.DeepEqual(got, want) {
				t.Fatalf("blocks of %d kept together by the first column differ from Next:\n got %s\nwant %s", size, got, want)
			}
		}
		for _, n := range []int{1, 2, 3} {
			for _, size := range []int{7, len(input) + 1} {
				for _, extend := range []int{0, n + 2} {
					want := want.prefix(n, extend)
					if got := result(readPrefix(input, Options{BlockSize: size}, n, extend)); !reflect.DeepEqual(got, want) {
						t.Fatalf("EachPrefix(%d), Extend(%d), blocks of %d, differs from Next:\n got %s\nwant %s", n, extend, size, got, want)
					}
				}
			}
		}
		if got := result(readNext(input, Options{BlockSize: 7})); !reflect.DeepEqual(got, want) {
			t.Fatalf("Next with blocks of 7 differs:\n got %s\nwant %s", got, want)
		}
		if want.err != "" {
			return
		}
		r, err := NewReader(strings.NewReader(input), Options{Name: "in.csv"})
		if err != nil {
			t.Fatal(err)
		}
		written := writeCSV(t, r.Comma(), want.header, want.rows)
		again := result(readNext(written, Options{}))
		if w, err := NewReader(strings.NewReader(written), Options{Name: "in.csv"}); err == nil && w.Detection().NoBOM && alsoUTF16(written, w.Encoding()) {
			if note := w.Encoding() + " without a byte order mark"; !slices.Contains(w.Notes(), string(note)) {
				t.Fatalf("%q read as %s without a note: %q", written, w.Encoding(), w.Notes())
			}
			again = result(readNext(written, Options{Encoding: charset.UTF8}))
		}
		if again.err != "" || !reflect.DeepEqual(again.header, want.header) || !reflect.DeepEqual(again.rows, want.rows) {
			t.Fatalf("read → write → read changed the data:\ninput   %q\nwritten %q\n got %q %q %s\nwant %q %q",
				input, written, again.header, again.rows, again.err, want.header, want.rows)
		}
	})
}

// alsoUTF16 reports whether text is UTF-16 of encoding e as well as what
// it was written in: two bytes a character, no surrogate unpaired, and
// lines.
func alsoUTF16(text string, e charset.Encoding) bool {
	order := unicode.LittleEndian
	if e == charset.UTF16BE {
		order = unicode.BigEndian
	}
	read, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().String(text)
	return err == nil && len(text)%2 == 0 && !strings.Contains(read, "\uFFFD") && strings.ContainsAny(read, "\r\n")
}

// TestReadCSVRoundTrip is the fuzz property on hand-picked tricky fields, so
// that a regression shows with a readable name.
func TestReadCSVRoundTrip(t *testing.T) {
	fields := []string{"", " lead", "trail ", "a,b", `say "hi"`, "l1\nl2", "l1\r\nl2", "cr\r", "\r", `"`, `""`, "x\"y", "\t", "山田,太郎"}
	for _, comma := range []byte{',', '\t'} {
		for _, f := range fields {
			header := []string{"a"}
			rows := [][]string{{f}}
			if comma == '\t' {
				header = []string{"a", "b"}
				rows = [][]string{{f, f}}
			}
			if f == "" {
				rows = nil // a row of empty fields holds nothing: it is skipped
			}
			written := writeCSV(t, comma, header, rows)
			h, got, _, err := readNext(written, Options{})
			if err != nil || !reflect.DeepEqual(h, header) || !reflect.DeepEqual(got, rows) {
				t.Errorf("field %q (comma %q): wrote %q, read %q %q %v", f, comma, written, h, got, err)
			}
		}
	}
}

// The fuzz target's block comparison, spelled out for the cases a block
// reader must get right: boundaries inside quoted fields with newlines, and
// records longer than a block.
func TestBlocksMatchNext(t *testing.T) {
	long := strings.Repeat("x", 300)
	inputs := []string{
		"a,b\n\"multi\nline\nfield\",1\n\"x\"\"y\nz\",2\n3,4\n",
		"a,b\r\n\"l1\r\nl2\",x\r\n\r\n\"q,\r\n\",y\r\n",
		"a,b\n" + long + "," + long + "\n\"" + long + "\n" + long + "\",z\n",
		"a,b\n1,2\n3,4",        // no final newline
		"a,b\n1,\"open\n2,3\n", // unterminated quote, reported the same way
	}
	for _, in := range inputs {
		want := result(readNext(in, Options{}))
		for _, size := range []int{1, 2, 3, 5, 7, 16, 64} {
			if got := result(readBlocks(in, Options{BlockSize: size})); !reflect.DeepEqual(got, want) {
				t.Errorf("%q, blocks of %d:\n got %s\nwant %s", in, size, got, want)
			}
		}
	}
}

func ExampleBlock_Each() {
	r, _ := NewReader(strings.NewReader("id,name\n1,\"Sato, Hanako\"\n2,山田\n"), Options{Name: "c.csv"})
	for {
		b, err := r.NextBlock()
		if err != nil {
			break
		}
		b.Each(func(rec *Record) error {
			fmt.Printf("line %d: %s | %s\n", rec.Line, rec.Field(0), rec.Field(1))
			return nil
		})
	}
	// Output:
	// line 2: 1 | Sato, Hanako
	// line 3: 2 | 山田
}
