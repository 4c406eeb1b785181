package rows

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func encodeAs(t *testing.T, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Real exports: CP932 with CRLF from a register, and Excel's "Unicode text"
// (UTF-16LE with a BOM, tab-separated).
func TestReaderEncodings(t *testing.T) {
	const text = "顧客番号,氏名,メモ\r\n000123,山田太郎,\"㈱山田, 担当①\"\r\n000124,佐藤花子,\"二行の\r\nメモ\"\r\n"
	header := []string{"顧客番号", "氏名", "メモ"}
	rows := [][]string{{"000123", "山田太郎", "㈱山田, 担当①"}, {"000124", "佐藤花子", "二行の\r\nメモ"}}
	tsv := strings.NewReplacer(",", "\t").Replace(strings.ReplaceAll(text, "\"㈱山田, 担当①\"", "㈱山田、担当①"))
	tsvRows := [][]string{{"000123", "山田太郎", "㈱山田、担当①"}, rows[1]}
	tests := []struct {
		name  string
		input string
		force charset.Encoding
		enc   charset.Encoding
		comma byte
		rows  [][]string
	}{
		{"cp932", encodeAs(t, japanese.ShiftJIS, text), "", charset.CP932, ',', rows},
		{"cp932 forced", encodeAs(t, japanese.ShiftJIS, text), charset.CP932, charset.CP932, ',', rows},
		{"utf-16le tab", encodeAs(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), tsv), "", charset.UTF16LE, '\t', tsvRows},
		{"utf-16be tab", encodeAs(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), tsv), "", charset.UTF16BE, '\t', tsvRows},
		{"utf-8 bom", "\xEF\xBB\xBF" + text, "", charset.UTF8BOM, ',', rows},
		{"euc-jp", encodeAs(t, japanese.EUCJP, strings.NewReplacer("㈱", "(株)", "①", "1").Replace(text)), "", charset.EUCJP, ',',
			[][]string{{"000123", "山田太郎", "(株)山田, 担当1"}, rows[1]}},
	}
	for _, tt := range tests {
		for _, size := range []int{0, 16} {
			r, err := NewReader(strings.NewReader(tt.input), Options{Name: "in.csv", Encoding: tt.force, BlockSize: size})
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				continue
			}
			if r.Encoding() != tt.enc || r.Comma() != tt.comma {
				t.Errorf("%s: encoding %q comma %q, want %q %q", tt.name, r.Encoding(), r.Comma(), tt.enc, tt.comma)
			}
			h, got, lines, err := readNext(tt.input, Options{Encoding: tt.force, BlockSize: size})
			if err != nil || !reflect.DeepEqual(h, header) || !reflect.DeepEqual(got, tt.rows) || !reflect.DeepEqual(lines, []int{2, 3}) {
				t.Errorf("%s (block %d):\n got %q %q %v %v\nwant %q %q [2 3]", tt.name, size, h, got, lines, err, header, tt.rows)
			}
		}
	}
}

// Bytes that are not valid in the file's encoding are an error naming the
// line and column, whichever path reads them.
func TestReaderInvalidCP932(t *testing.T) {
	good := encodeAs(t, japanese.ShiftJIS, "顧客番号,氏名\r\n1,山田\r\n2,佐藤\r\n")
	// 0x81 0x20: a lead byte followed by a byte that cannot trail it.
	bad := good + "3,\x81 " + encodeAs(t, japanese.ShiftJIS, "花子\r\n4,鈴木\r\n")
	for _, force := range []charset.Encoding{"", charset.CP932} {
		for _, size := range []int{0, 8} {
			opts := Options{Encoding: force, BlockSize: size}
			_, rows, _, err := readNext(bad, opts)
			want := "in.csv:4: column \"氏名\": \"\ufffd 花子\" invalid byte sequence"
			if !errors.Is(err, ErrEncoding) || err.Error() != want || len(rows) != 2 {
				t.Errorf("Next (%q, block %d): %d rows, %v; want %s", force, size, len(rows), err, want)
			}
			_, _, _, err = readBlocks(bad, opts)
			if !errors.Is(err, ErrEncoding) || err.Error() != want {
				t.Errorf("blocks (%q, block %d): %v", force, size, err)
			}
		}
	}
	// In the header the column has no name yet: it is named by position.
	_, _, _, err := readNext("a,\x81 b\n1,2\n", Options{Encoding: charset.CP932})
	if want := "in.csv:1: column \"#2\": \"\ufffd b\" invalid byte sequence"; !errors.Is(err, ErrEncoding) || err.Error() != want {
		t.Errorf("header: got %v, want %s", err, want)
	}
}

// A UTF-16 file cut after an odd number of bytes ends in half a character.
func TestReaderTruncatedUTF16(t *testing.T) {
	full := encodeAs(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "id,name\n1,山田\n")
	_, _, _, err := readNext(full[:len(full)-3], Options{})
	if !errors.Is(err, ErrEncoding) || !strings.HasPrefix(err.Error(), `in.csv:2: column "name": `) {
		t.Errorf("got %v", err)
	}
}

func TestReaderBlocksOfQuotedNewlines(t *testing.T) {
	// Every block boundary falls inside a quoted field holding newlines.
	var b strings.Builder
	b.WriteString("id,note\n")
	var want [][]string
	var lines []int
	line := 2
	for i := 0; i < 40; i++ {
		note := strings.Repeat("a\n", i%5) + "\"q\",x"
		b.WriteString(string(rune('0'+i%10)) + ",\"" + strings.ReplaceAll(note, "\"", "\"\"") + "\"\r\n")
		want = append(want, []string{string(rune('0' + i%10)), note})
		lines = append(lines, line)
		line += 1 + i%5
	}
	for _, size := range []int{1, 3, 8, 13} {
		h, got, gotLines, err := readBlocks(b.String(), Options{BlockSize: size})
		if err != nil || !reflect.DeepEqual(h, []string{"id", "note"}) || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotLines, lines) {
			t.Errorf("block %d: %v\n got %q %v\nwant %q %v", size, err, got, gotLines, want, lines)
		}
	}
}

// A record far longer than the block grows the block; a stray quote that
// never closes is reported at its line, not after reading forever.
func TestReaderLongRecords(t *testing.T) {
	long := strings.Repeat("長い", 5000)
	input := "id,v\n1," + long + "\n2,\"" + long + "\n" + long + "\"\n3,x"
	h, got, lines, err := readBlocks(input, Options{BlockSize: 64})
	want := [][]string{{"1", long}, {"2", long + "\n" + long}, {"3", "x"}}
	if err != nil || len(h) != 2 || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(lines, []int{2, 3, 5}) {
		t.Errorf("got %d rows, lines %v, %v", len(got), lines, err)
	}
	_, _, _, err = readBlocks("id,v\n1,2\n2,\"open\n"+strings.Repeat("x,y\n", 1000), Options{BlockSize: 64})
	if !errors.Is(err, ErrQuote) || !strings.HasPrefix(err.Error(), `in.csv:3: column "v": "open\nx,y\n`) {
		t.Errorf("unterminated quote: %v", err)
	}
}

func TestReaderNoFinalNewline(t *testing.T) {
	for _, input := range []string{"a,b\n1,2", "a,b\r\n1,2\r", "a,b\n1,\"2\"", "a,b\n1,\"x\ny\""} {
		for _, size := range []int{0, 1, 4} {
			_, got, lines, err := readBlocks(input, Options{BlockSize: size})
			if err != nil || len(got) != 1 || got[0][0] != "1" || lines[0] != 2 {
				t.Errorf("%q (block %d): %q %v %v", input, size, got, lines, err)
			}
		}
	}
}

func TestReaderEmptyAndHeaderOnly(t *testing.T) {
	for _, input := range []string{"", "\xEF\xBB\xBF", "\n\n", "\r\n"} {
		if _, err := NewReader(strings.NewReader(input), Options{Name: "x.csv", BlockSize: 1}); !errors.Is(err, ErrEmpty) {
			t.Errorf("%q: got %v, want ErrEmpty", input, err)
		}
	}
	r, err := NewReader(bytes.NewReader([]byte("\n\nid,name\n\n")), Options{Name: "x.csv", BlockSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err == nil || err.Error() != "EOF" {
		t.Errorf("header-only file: Next = %v, want io.EOF", err)
	}
	if !reflect.DeepEqual(r.Header(), []string{"id", "name"}) {
		t.Errorf("header %q", r.Header())
	}
}

// A month of UTF-8 appended to a CP932 file, and CP932 text pasted into a
// UTF-8 file, are errors naming the line, the column and what the bytes
// read as in each encoding, never mojibake; reading goes on after them.
func TestReaderMixedEncodings(t *testing.T) {
	head := encodeAs(t, japanese.ShiftJIS, "顧客番号,氏名,メモ\r\n1,山田,\"二行の\r\nメモ\"\r\n")
	input := head + "2,佐藤 花子,ok\r\n" + encodeAs(t, japanese.ShiftJIS, "3,鈴木,\r\n")
	want := "in.csv:4: column \"氏名\": \"佐藤 花子\" is utf-8 text in a file read as shift_jis (as shift_jis: \"菴占陸 闃ｱ蟄�\"); save the whole file in one encoding"
	for _, size := range []int{0, 8} {
		r, err := NewReader(strings.NewReader(input), Options{Name: "in.csv", BlockSize: size})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		var errs []string
		for {
			rec, err := r.Next()
			if err != nil {
				if errors.Is(err, ErrEncoding) {
					errs = append(errs, err.Error())
					var fe *charset.ForeignError
					if !errors.As(err, &fe) {
						t.Errorf("not a ForeignError: %v", err)
					}
					continue
				}
				break
			}
			got = append(got, rec.Field(0)+":"+rec.Field(1))
		}
		if !reflect.DeepEqual(got, []string{"1:山田", "3:鈴木"}) || len(errs) != 1 || errs[0] != want {
			t.Errorf("block %d: records %q, errors %q\nwant %s", size, got, errs, want)
		}
	}
	// CP932 in a UTF-8 file, past the start the encoding is detected from.
	utf := "id,name\n1,山田\n" + strings.Repeat("x,y\n", 20000) + "2," + encodeAs(t, japanese.ShiftJIS, "田中") + "\n"
	_, _, _, err := readNext(utf, Options{})
	want = `in.csv:20003: column "name": "\x93c\x92\x86" is shift_jis text in a file read as utf-8 (as shift_jis: "田中"); save the whole file in one encoding`
	if !errors.Is(err, ErrEncoding) || err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// A guess between two encodings, and UTF-16 without a BOM, are noted.
func TestReaderDetectionNotes(t *testing.T) {
	r, err := NewReader(strings.NewReader("id,name\n1,Café\n"), Options{Name: "in.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if n := r.Notes(); len(n) != 1 || !strings.Contains(n[0], "guess between utf-8 and shift_jis") {
		t.Errorf("notes %q", n)
	}
	le := encodeAs(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "id\tname\n1\t山田\n")
	r, err = NewReader(strings.NewReader(le), Options{Name: "in.tsv"})
	if err != nil {
		t.Fatal(err)
	}
	if n := r.Notes(); r.Encoding() != charset.UTF16LE || r.Comma() != '\t' || len(n) != 1 || n[0] != "utf-16le without a byte order mark" {
		t.Errorf("%s %q: notes %q", r.Encoding(), r.Comma(), n)
	}
}
