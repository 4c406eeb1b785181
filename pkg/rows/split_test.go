package rows

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRecordRaw(t *testing.T) {
	tests := []struct {
		name, input string
		raw         []string // per record; "<nil>" when Raw must be nil
	}{
		{"plain", "a,b\n1,2\n3,4", []string{"1,2", "3,4"}},
		{"crlf", "a,b\r\n1,2\r\n", []string{"1,2"}},
		{"quoted", "a,b\n\"1\",2\n1,\"x,y\"\n", []string{"<nil>", "<nil>"}},
		{"literal quote", "a,b\n5\" plate,2\n", []string{"<nil>"}},
		{"cr inside", "a,b\n1\r2,3\n", []string{"<nil>"}},
		{"japanese tab", "商品\t数量\n湯呑み\t2\n", []string{"湯呑み\t2"}},
		{"empty cells", "a,b,c\n,x,\n", []string{",x,"}},
		{"cr line ends", "a,b\r1,2\r3,4\r", []string{"1,2", "3,4"}},
	}
	for _, tt := range tests {
		for _, size := range []int{0, 8} {
			r, err := NewReader(strings.NewReader(tt.input), Options{Name: "in.csv", BlockSize: size})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for {
				rec, err := r.Next()
				if err != nil {
					break
				}
				if raw := rec.Raw(); raw == nil {
					got = append(got, "<nil>")
				} else {
					got = append(got, string(raw))
				}
			}
			if !reflect.DeepEqual(got, tt.raw) {
				t.Errorf("%s (block %d): got %q, want %q", tt.name, size, got, tt.raw)
			}
		}
	}
}

// FuzzPlainSplit checks the eight-bytes-at-a-time splitter against the
// plain definition: a record without a quote is its line split at every
// delimiter, less a final CR; a record with a quote is left to the general
// parser.
func FuzzPlainSplit(f *testing.F) {
	for _, s := range []string{"", "a,b,c\nx", "1234567,90abcdef,\r\n", "商品名,数量,単価\n", "ab\"c,d\n", ",,,,,,,,,,\n", "a\tb,c\td\n"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, tab bool) {
		comma := byte(',')
		if tab {
			comma = '\t'
		}
		line, wantNext, wantLines := s, len(s), 0
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, wantNext, wantLines = s[:i], i+1, 1
		}
		for _, at := range offsets {
			for _, marked := range markModes() {
				data, pos := after(at, s)
				p := newTestParser(comma, data, marked)
				next, lines, ok := p.plain(data, pos)
				if strings.Contains(line, `"`) {
					if ok {
						t.Fatalf("%q at %d (marks %v): split a line with a quote", s, pos, p.marks != nil)
					}
					continue
				}
				want := strings.Split(strings.TrimSuffix(line, "\r"), string(comma))
				got := strs(p.fields)
				if !ok || next-pos != wantNext || lines != wantLines || !reflect.DeepEqual(got, want) {
					t.Fatalf("%q at %d (marks %v): got %q next %d lines %d ok %v, want %q next %d lines %d", s, pos, p.marks != nil, got, next-pos, lines, ok, want, wantNext, wantLines)
				}
			}
		}
	})
}

// TestEncodingCheckedOnWorkers checks that a block is validated where it is
// parsed: an invalid byte in a later block is reported with its line and
// column through EachBlock, and the blocks before it are emitted.
func TestEncodingCheckedOnWorkers(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("id,name\n")
	for i := 0; i < 300; i++ {
		b.WriteString("1,山田\n")
	}
	b.WriteString("2,\"bad \xff\"\n3,ok\n")
	for _, workers := range []int{1, 2} {
		r, err := NewReader(bytes.NewReader(b.Bytes()), Options{Name: "in.csv", Encoding: "utf-8", BlockSize: 256})
		if err != nil {
			t.Fatal(err)
		}
		emitted := 0
		err = EachBlock(context.Background(), r, workers, func(blk *Block) (int, error) {
			n := 0
			err := blk.Each(func(*Record) error { n++; return nil })
			return n, err
		}, func(n int) error { emitted += n; return nil })
		if !errors.Is(err, ErrEncoding) || err.Error() != `in.csv:302: column "name": "bad \xff" invalid byte sequence` {
			t.Fatalf("workers %d: got %v", workers, err)
		}
		if emitted == 0 || emitted > 300 {
			t.Errorf("workers %d: %d records emitted before the error", workers, emitted)
		}
	}
}

// The block check uses a vectorised validator; it must reject exactly what
// the standard library rejects, wherever in a long line the bad bytes fall
// (the vector path handles 32 bytes at a time, the tail byte by byte).
func TestBlockValidationMatchesStdlib(t *testing.T) {
	bad := []string{
		"\xff", "\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xe3\x81", "\xe3\x81x",
	}
	good := []string{"é", "陶器", "𠮷野家", "🍵", "\u007f", "\uffff"}
	for _, ins := range append(bad, good...) {
		for off := 0; off < 70; off += 7 {
			name := strings.Repeat("九谷焼", off/3) + strings.Repeat("a", off%3) + ins + strings.Repeat("湯呑", 20)
			input := "id,name\n1,ok\n2," + name + "\n"
			_, _, _, err := readAll(t, input, Options{Name: "in.csv", Encoding: "utf-8"})
			if utf8.ValidString(name) != (err == nil) {
				t.Errorf("%q at %d: got %v", ins, off, err)
			}
			if err != nil && !errors.Is(err, ErrEncoding) {
				t.Errorf("%q at %d: got %v, want an encoding error", ins, off, err)
			}
		}
	}
}

// refRecord is a plain reading of the quoting rules, byte by byte, for the
// fast parser to agree with: a quote opens a quoted field only at the start
// of a field, "" in it is a quote, and after the closing quote comes the
// delimiter, the line end or the end of the data; a CR before the line end
// of an unquoted field is not part of it.
func refRecord(data []byte, comma byte) (fields []string, next, lines int, err error) {
	i := 0
	for {
		if i < len(data) && data[i] == '"' {
			var f []byte
			for i++; ; i++ {
				if i >= len(data) {
					return nil, len(data), 0, ErrQuote
				}
				if data[i] == '"' {
					if i+1 < len(data) && data[i+1] == '"' {
						f = append(f, '"')
						i++
						continue
					}
					i++
					break
				}
				if data[i] == '\n' {
					lines++
				}
				f = append(f, data[i])
			}
			fields = append(fields, string(f))
			switch {
			case i == len(data):
				return fields, i, lines, nil
			case data[i] == comma:
				i++
				continue
			case data[i] == '\n':
				return fields, i + 1, lines + 1, nil
			case data[i] == '\r' && i+1 == len(data):
				return fields, i + 1, lines, nil
			case data[i] == '\r' && data[i+1] == '\n':
				return fields, i + 2, lines + 1, nil
			}
			return nil, 0, 0, ErrAfterQuote
		}
		start := i
		for i < len(data) && data[i] != comma && data[i] != '\n' {
			i++
		}
		f := data[start:i]
		if i == len(data) || data[i] == '\n' {
			fields = append(fields, string(bytes.TrimSuffix(f, []byte("\r"))))
			if i == len(data) {
				return fields, i, lines, nil
			}
			return fields, i + 1, lines + 1, nil
		}
		fields = append(fields, string(f))
		i++
	}
}

// The parser (the fast splitter handing over to the quote-aware one and
// back) reads every record as refRecord does, whole or by its first fields.
func FuzzRecordMatchesReference(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n", "a,\"b,c\",d\n", "\"a\"\"b\",c\r\nx", "a,\"b\nc\",\"\"\n", "ab\"c,\"d\"\n",
		"P1,\"低糖柔軟剤, 200g\",日用品,3,1490,4470\n", "\"x\"y,z\n", "a,\"unterminated\n", "a,b\"\",\"c\"\r",
		"1,2,3,4,5,6,7,8,\"9\",10,11,12,13\n", ",,\"\",,\n",
	} {
		f.Add(s, false)
	}
	f.Add("a\t\"b\tc\"\td\n", true)
	f.Fuzz(func(t *testing.T, s string, tab bool) {
		comma := byte(',')
		if tab {
			comma = '\t'
		}
		want, wantNext, wantLines, wantErr := refRecord([]byte(s), comma)
		for _, at := range offsets {
			for _, marked := range markModes() {
				data, pos := after(at, s)
				p := newTestParser(comma, data, marked)
				next, lines, err := p.record(data, pos)
				if !errors.Is(err, wantErr) || err == nil && wantErr != nil {
					t.Fatalf("%q at %d (marks %v): error %v, want %v", s, pos, p.marks != nil, err, wantErr)
				}
				if wantErr != nil {
					continue
				}
				if got := strs(p.fields); next-pos != wantNext || lines != wantLines || !reflect.DeepEqual(got, want) {
					t.Fatalf("%q at %d (marks %v): %q next %d lines %d, want %q next %d lines %d", s, pos, p.marks != nil, got, next-pos, lines, want, wantNext, wantLines)
				}
			}
			if wantErr != nil {
				continue
			}
			for n := 1; n <= len(want)+1; n++ {
				for _, marked := range markModes() {
					data, pos := after(at, s)
					p := newTestParser(comma, data, marked)
					next, lines, width, err := p.prefix(data, pos, n)
					got := strs(p.fields)
					if err != nil || next-pos != wantNext || lines != wantLines || width != len(want) ||
						len(got) < min(n, len(want)) || !reflect.DeepEqual(got[:min(n, len(want))], want[:min(n, len(want))]) {
						t.Fatalf("%q at %d (marks %v): prefix(%d): %q width %d next %d lines %d err %v, want %q next %d lines %d", s, pos, p.marks != nil, n, got, width, next-pos, lines, err, want, wantNext, wantLines)
					}
				}
			}
		}
	})
}

// offsets are the lengths of the line that after puts before a record:
// the record then starts at each place of a group of bytemask's marks,
// and in a later group.
var offsets = []int{-1, 0, 1, 7, 62, 63, 64, 100}

// after returns s after a line of at bytes (none for -1), in a copy
// of its own that a parser may change, and where s starts in it.
func after(at int, s string) ([]byte, int) {
	if at < 0 {
		return []byte(s), 0
	}
	return []byte(strings.Repeat("x", at) + "\n" + s), at + 1
}

// markModes are the ways a parser splits here: a word at a time and,
// where package bytemask is fast, by the marks of its data.
func markModes() []bool {
	if newMarks(nil) == nil {
		return []bool{false}
	}
	return []bool{false, true}
}

// newTestParser returns a parser for comma, with the marks of data (as a
// block's parser has) when marked.
func newTestParser(comma byte, data []byte, marked bool) *parser {
	p := newParser(comma)
	if marked {
		p.marks = newMarks(data)
	}
	return &p
}

func strs(fields [][]byte) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = string(f)
	}
	return out
}
