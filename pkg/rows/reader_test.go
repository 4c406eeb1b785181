package rows

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/charset"
)

func readAll(t *testing.T, input string, opts Options) ([]string, [][]string, []int, error) {
	t.Helper()
	if opts.Name == "" {
		opts.Name = "in.csv"
	}
	return readRecords(input, opts)
}

// readerCases are inputs the reader accepts, with what it must return. The
// fuzz target replays them as its seed corpus.
var readerCases = []struct {
	name   string
	input  string
	header []string
	rows   [][]string
	lines  []int
}{
	{"plain", "a,b\n1,2\n3,4\n", []string{"a", "b"}, [][]string{{"1", "2"}, {"3", "4"}}, []int{2, 3}},
	{"crlf no final newline", "a,b\r\n1,2\r\n3,4", []string{"a", "b"}, [][]string{{"1", "2"}, {"3", "4"}}, []int{2, 3}},
	{"bom", "\xEF\xBB\xBF\"id\",b\n1,2\n", []string{"id", "b"}, [][]string{{"1", "2"}}, []int{2}},
	{"quoted comma quote newline", "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\n5,6\n",
		[]string{"a", "b"}, [][]string{{"x,y", `say "hi"`}, {"multi\nline", "z"}, {"5", "6"}}, []int{2, 3, 5}},
	{"quoted crlf inside", "a,b\r\n\"l1\r\nl2\",x\r\n", []string{"a", "b"}, [][]string{{"l1\r\nl2", "x"}}, []int{2}},
	{"blank lines skipped", "a,b\n\n1,2\r\n\r\n3,4\n\n", []string{"a", "b"}, [][]string{{"1", "2"}, {"3", "4"}}, []int{3, 5}},
	{"literal quote in unquoted field", "a,b\n5\" plate,2\n", []string{"a", "b"}, [][]string{{`5" plate`, "2"}}, []int{2}},
	{"tab detected", "a\tb\n1,5\t2\n", []string{"a", "b"}, [][]string{{"1,5", "2"}}, []int{2}},
	{"empty fields", "a,b,c\n,x,\n", []string{"a", "b", "c"}, [][]string{{"", "x", ""}}, []int{2}},
	{"empty rows skipped", "a,b,c\n1,2,3\n,,\n\"\",\"\",\"\"\r\n,\n4,5,6\n,,\n,,\n", []string{"a", "b", "c"}, [][]string{{"1", "2", "3"}, {"4", "5", "6"}}, []int{2, 6}},
	{"cr line ends", "a,b\r1,2\r\r3,\"x\ny\"\r", []string{"a", "b"}, [][]string{{"1", "2"}, {"3", "x\ny"}}, []int{2, 4}},
	{"cr line ends, no final", "a,b\r1,2\r3,4", []string{"a", "b"}, [][]string{{"1", "2"}, {"3", "4"}}, []int{2, 3}},
	{"repeated header skipped", "a,b\n1,2\na,b\n3,4\n\xEF\xBB\xBFa,b\n5,6\n", []string{"a", "b"}, [][]string{{"1", "2"}, {"3", "4"}, {"5", "6"}}, []int{2, 4, 6}},
	{"header-like row kept", "a,b\na,c\nab,\n", []string{"a", "b"}, [][]string{{"a", "c"}, {"ab", ""}}, []int{2, 3}},
	{"header only", "a,b\n", []string{"a", "b"}, nil, nil},
	{"leading zeros kept", "id\n000123\n", []string{"id"}, [][]string{{"000123"}}, []int{2}},
	{"quoted empty last", "a,b\n1,\"\"\n", []string{"a", "b"}, [][]string{{"1", ""}}, []int{2}},
}

func TestReader(t *testing.T) {
	for _, tt := range readerCases {
		for _, size := range []int{0, 8, 16} {
			h, rows, lines, err := readAll(t, tt.input, Options{BlockSize: size})
			if err != nil {
				t.Errorf("%s (block %d): %v", tt.name, size, err)
				continue
			}
			if !reflect.DeepEqual(h, tt.header) || !reflect.DeepEqual(rows, tt.rows) || !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("%s (block %d):\n got %q %q %v\nwant %q %q %v", tt.name, size, h, rows, lines, tt.header, tt.rows, tt.lines)
			}
		}
	}
}

// readerErrorCases are inputs the reader rejects, with the error it gives.
var readerErrorCases = []struct {
	name  string
	input string
	is    error
	msg   string
}{
	{"empty", "", ErrEmpty, "in.csv: the file is empty (no header row)"},
	{"bom only", "\xEF\xBB\xBF", ErrEmpty, "in.csv: the file is empty (no header row)"},
	{"ragged", "a,b\n1,2\n1,2,3\n", ErrRagged, "in.csv:3: row has 3 fields, the header has 2"},
	{"ragged short", "a,b\n1,2\n1\n", ErrRagged, "in.csv:3: row has 1 field, the header has 2"},
	{"unterminated", "a,b\n1,2\n3,\"open\n4,5\n", ErrQuote, `in.csv:3: column "b": "open\n4,5\n" unterminated quoted field`},
	{"after quote", "a,b\n\"x\"y,2\n", ErrAfterQuote, `in.csv:2: column "a": "x" unexpected text after a closing quote (a field's quotes must be doubled: "")`},
	{"invalid utf8", "a,name\n1,ok\n2,\xff\xfe\n", ErrEncoding, `in.csv:3: column "name": "\xff\xfe" invalid byte sequence`},
}

func TestReaderErrors(t *testing.T) {
	for _, tt := range readerErrorCases {
		_, _, _, err := readAll(t, tt.input, Options{Encoding: encodingFor(tt.name)})
		if !errors.Is(err, tt.is) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.is)
			continue
		}
		if err.Error() != tt.msg {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, err, tt.msg)
		}
	}
}

func encodingFor(name string) charset.Encoding {
	if name == "invalid utf8" {
		return "utf-8"
	}
	return ""
}

// TestNextGoesOn checks that reading goes on after the errors Next allows
// it for, as a validator that lists every problem needs.
func TestNextGoesOn(t *testing.T) {
	input := "a,b\n1,2,3\n2,\xff\n3,\"x\"y\n4,5\n"
	for _, size := range []int{0, 8} {
		r, err := NewReader(strings.NewReader(input), Options{Name: "in.csv", Encoding: charset.UTF8, BlockSize: size})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			switch {
			case err != nil && rec != nil:
				got = append(got, fmt.Sprintf("%d %q %v", rec.Line, rec.Field(0), err))
			case err != nil:
				got = append(got, err.Error())
			default:
				got = append(got, fmt.Sprintf("%d %q", rec.Line, rec.Field(0)))
			}
		}
		want := []string{
			`2 "1" in.csv:2: row has 3 fields, the header has 2`,
			`in.csv:3: column "b": "\xff" invalid byte sequence`,
			`in.csv:4: column "b": "x" unexpected text after a closing quote (a field's quotes must be doubled: "")`,
			`5 "4"`,
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("block %d:\n got %q\nwant %q", size, got, want)
		}
	}
}

// TestCRLF checks that the reader tells the line ends of the header row,
// so that a file can be written back as it was saved.
func TestCRLF(t *testing.T) {
	cases := []struct {
		input string
		crlf  bool
	}{
		{"a,b\r\n1,2\r\n", true},
		{"a,b\n1,2\r\n", false},
		{"\r\n\r\n\"a\",\"b\"\r\n1,2\r\n", true},
		{"\"a\nb\",c\r\n1,2\r\n", true},
		{"a,b", false},
	}
	for _, tt := range cases {
		for _, size := range []int{0, 4} {
			r, err := NewReader(strings.NewReader(tt.input), Options{Name: "in.csv", BlockSize: size})
			if err != nil {
				t.Fatalf("%q: %v", tt.input, err)
			}
			if r.CRLF() != tt.crlf {
				t.Errorf("%q (block %d): CRLF() = %v, want %v", tt.input, size, r.CRLF(), tt.crlf)
			}
		}
	}
}

// TestEachPrefix: the rest of a record is skipped but checked; errors
// there are those of Each.
func TestEachPrefix(t *testing.T) {
	tests := []struct{ input, want, err string }{
		{"a,b,c\n1,2,3\n4,5,6", "1|4", ""},
		{"a,b,c\n1,\"x,\ny\",3\n4,5,6\r\n", "1|4", ""},
		{"a,b,c\n1,2\n", "", "in.csv:2: row has 2 fields, the header has 3"},
		{"a,b,c\n1,2,3,4\n", "", "in.csv:2: row has 4 fields, the header has 3"},
		{"a,b,c\n1,2,\"x\"y\n", "", `in.csv:2: column "c": "x" unexpected text after a closing quote (a field's quotes must be doubled: "")`},
		{"a,b,c\n1,2,\xff\n", "", `in.csv:2: column "c": "\xff" invalid byte sequence`},
	}
	for _, tt := range tests {
		_, rows, _, err := readPrefix(tt.input, Options{Encoding: "utf-8"}, 1, 0)
		var got []string
		for _, row := range rows {
			if len(row) != 1 {
				t.Errorf("%q: row %q has more than one field", tt.input, row)
			}
			got = append(got, row[0])
		}
		if msg := fmt.Sprint(err); strings.Join(got, "|") != tt.want || (tt.err != "" || err != nil) && msg != tt.err {
			t.Errorf("%q: got %q %v, want %q %s", tt.input, got, err, tt.want, tt.err)
		}
	}
}

// TestExtend: Record.Extend splits the rest of a record as Each would.
func TestExtend(t *testing.T) {
	input := "a,b,c\r\n1,2,3\r\n4,\"5,x\",6\r\n7,8,\r\n9,10,11"
	want := [][]string{{"1", "2", "3"}, {"4", "5,x", "6"}, {"7", "8", ""}, {"9", "10", "11"}}
	for _, extend := range []int{2, 3, 4} {
		r, err := NewReader(strings.NewReader(input), Options{Name: "in.csv"})
		if err != nil {
			t.Fatal(err)
		}
		var got [][]string
		for {
			b, err := r.NextBlock()
			if err != nil {
				break
			}
			if err := b.EachPrefix(1, func(rec *Record) error {
				rec.Extend(extend)
				got = append(got, strings.Split(string(bytes.Join(rec.Fields, []byte{'|'})), "|"))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		for i := range want {
			if w := want[i][:min(extend, 3)]; i >= len(got) || !reflect.DeepEqual(got[i], w) {
				t.Errorf("Extend(%d): got %q, want %q", extend, got, w)
				break
			}
		}
	}
}

// TestRecordTooLong checks that a quote opened and never closed in a file
// larger than the record limit is reported as a record over the limit, on
// the line it starts, rather than as the rest of the file held in memory or
// an unterminated field.
func TestRecordTooLong(t *testing.T) {
	input := io.MultiReader(strings.NewReader("a,b\n1,2\n3,\"open\n"),
		io.LimitReader(repeatByte('x'), 2*maxRecord+4<<20), strings.NewReader("\n4,5\n"))
	r, err := NewReader(input, Options{Name: "in.csv", Encoding: charset.UTF8})
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, err = r.Next()
		if err != nil {
			break
		}
	}
	if !errors.Is(err, ErrTooLong) || !strings.HasPrefix(err.Error(), "in.csv:3: the record starting here is longer than 64 MiB") {
		t.Errorf("err = %v, want in.csv:3: %v", err, ErrTooLong)
	}
}

// TestRecordTooLongAnywhere checks that a record over the limit is the
// same error whether a line end or the end of the file ends it, and that a
// record of the limit's length is read wherever it is.
func TestRecordTooLongAnywhere(t *testing.T) {
	long := func(n int) io.Reader { return io.LimitReader(repeatByte('x'), int64(n)) }
	cases := []struct {
		name  string
		input func() io.Reader
		err   bool
	}{
		{"last, no line end", func() io.Reader {
			return io.MultiReader(strings.NewReader("a,b\n1,2\n3,"), long(maxRecord))
		}, true},
		{"last, with a line end", func() io.Reader {
			return io.MultiReader(strings.NewReader("a,b\n1,2\n3,"), long(maxRecord), strings.NewReader("\n"))
		}, true},
		{"in the middle", func() io.Reader {
			return io.MultiReader(strings.NewReader("a,b\n1,2\n3,"), long(maxRecord+maxRecord/8), strings.NewReader("\n4,5\n"))
		}, true},
		{"at the limit, last", func() io.Reader {
			return io.MultiReader(strings.NewReader("a,b\n1,2\n3,"), long(maxRecord-2))
		}, false},
		{"at the limit, in the middle", func() io.Reader {
			return io.MultiReader(strings.NewReader("a,b\n1,2\n3,"), long(maxRecord-2), strings.NewReader("\n4,5\n"))
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := NewReader(c.input(), Options{Name: "in.csv", Encoding: charset.UTF8})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for {
				if _, err = r.Next(); err != nil {
					break
				}
				n++
			}
			if !c.err {
				if err != io.EOF {
					t.Fatalf("err = %v after %d records, want every record read", err, n)
				}
				return
			}
			if !errors.Is(err, ErrTooLong) || !strings.HasPrefix(err.Error(), "in.csv:3: the record starting here is longer than 64 MiB") {
				t.Errorf("err = %v after %d records, want in.csv:3: %v", err, n, ErrTooLong)
			}
		})
	}
}

// repeatByte reads as an endless run of c.
type repeatByte byte

func (c repeatByte) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}
