package charset_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// shopText is what a small shop's export holds: Japanese headers, names with
// kanji, hiragana and katakana, addresses, prices and NEC special characters.
const shopText = "顧客番号,氏名,フリガナ,住所,備考\r\n" +
	"000123,山田太郎,ヤマダタロウ,東京都千代田区丸の内1-1,㈱山田商店 担当①\r\n" +
	"000124,佐藤花子,サトウハナコ,大阪府大阪市北区梅田2-2,ギフト包装あり\r\n" +
	"000125,鈴木一郎,スズキイチロウ,北海道札幌市中央区3-3,\r\n"

// eucText avoids the NEC characters (① ㈱), which EUC-JP does not have.
const eucText = "顧客番号,氏名,フリガナ,住所,備考\n" +
	"000123,山田太郎,ヤマダタロウ,東京都千代田区丸の内1-1,ご来店ありがとうございます\n" +
	"000124,佐藤花子,サトウハナコ,大阪府大阪市北区梅田2-2,ギフト包装あり\n" +
	"000125,鈴木一郎,スズキイチロウ,北海道札幌市中央区3-3,領収書希望\n"

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding sample: %v", err)
	}
	return b
}

var (
	utf16LE = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16BE = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name   string
		sample []byte
		want   charset.Encoding
	}{
		{"ascii", []byte("customer_id,name\n1,a\n"), charset.UTF8},
		{"utf-8", []byte(shopText), charset.UTF8},
		{"utf-8 bom", append([]byte("\xEF\xBB\xBF"), shopText...), charset.UTF8BOM},
		{"cp932", encode(t, japanese.ShiftJIS, shopText), charset.CP932},
		{"euc-jp", encode(t, japanese.EUCJP, eucText), charset.EUCJP},
		{"euc-jp one line", encode(t, japanese.EUCJP, "顧客番号,氏名\n1,山田\n"), charset.EUCJP},
		// Short EUC-JP samples that are also valid CP932 (as half-width kana).
		{"euc-jp hiragana, valid cp932", encode(t, japanese.EUCJP, "名前\nたなか\n"), charset.EUCJP},
		{"euc-jp address, valid cp932", encode(t, japanese.EUCJP, "住所\n丸の内\n"), charset.EUCJP},
		// Half-width katakana in CP932 is also valid EUC-JP (as kanji).
		{"cp932 half-width kana", encode(t, japanese.ShiftJIS, "id,kana\n1,ﾔﾏﾀﾞ\n"), charset.CP932},
		{"cp932 half-width kana with dot", encode(t, japanese.ShiftJIS, "kana\nﾔﾏﾀﾞ･ﾀﾛｳ\n"), charset.CP932},
		{"utf-16le bom", encode(t, utf16LE, shopText), charset.UTF16LE},
		{"utf-16be bom", encode(t, utf16BE, shopText), charset.UTF16BE},
		{"empty", nil, charset.UTF8},
	}
	for _, tt := range tests {
		if got := charset.Detect(tt.sample); got != tt.want {
			t.Errorf("%s: Detect = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A sample is a fixed number of bytes from the start of a file, so it can
// end inside a character; that must not change the verdict.
func TestDetectSampleCutInsideCharacter(t *testing.T) {
	u := []byte(shopText)
	i := bytes.Index(u, []byte("山田太郎"))
	for cut := 1; cut <= 2; cut++ {
		if got := charset.Detect(u[:i+cut]); got != charset.UTF8 {
			t.Errorf("utf-8 cut %d bytes into 山: Detect = %q, want utf-8", cut, got)
		}
	}
	s := encode(t, japanese.ShiftJIS, shopText)
	j := bytes.Index(s, encode(t, japanese.ShiftJIS, "山田太郎"))
	if got := charset.Detect(s[:j+1]); got != charset.CP932 {
		t.Errorf("cp932 cut inside 山: Detect = %q, want shift_jis", got)
	}
	e := encode(t, japanese.EUCJP, eucText)
	k := bytes.Index(e, encode(t, japanese.EUCJP, "山田太郎"))
	if got := charset.Detect(e[:k+1]); got != charset.EUCJP {
		t.Errorf("euc-jp cut inside 山: Detect = %q, want euc-jp", got)
	}
}

func TestNewDecoder(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		force charset.Encoding
		want  charset.Encoding
	}{
		{"utf-8", []byte(shopText), "", charset.UTF8},
		{"utf-8 bom stripped", append([]byte("\xEF\xBB\xBF"), shopText...), "", charset.UTF8BOM},
		{"utf-8 bom stripped when forced", append([]byte("\xEF\xBB\xBF"), shopText...), charset.UTF8, charset.UTF8},
		{"cp932", encode(t, japanese.ShiftJIS, shopText), "", charset.CP932},
		{"euc-jp", encode(t, japanese.EUCJP, eucText), "", charset.EUCJP},
		{"utf-16le bom stripped", encode(t, utf16LE, shopText), "", charset.UTF16LE},
		{"utf-16be bom stripped", encode(t, utf16BE, shopText), "", charset.UTF16BE},
		{"forced euc-jp", encode(t, japanese.EUCJP, eucText), charset.EUCJP, charset.EUCJP},
	}
	for _, tt := range tests {
		r, enc, err := charset.NewDecoder(bytes.NewReader(tt.input), tt.force)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Errorf("%s: reading: %v", tt.name, err)
			continue
		}
		want := shopText
		if tt.want == charset.EUCJP {
			want = eucText
		}
		if enc != tt.want || string(got) != want {
			t.Errorf("%s: got %q %q, want %q %q", tt.name, enc, got, tt.want, want)
		}
	}
}

// A file larger than the detection sample decodes whole, across the point
// where the sample ends (which here falls inside a character).
func TestNewDecoderLongerThanSample(t *testing.T) {
	line := "1,山田太郎,東京都\n"
	text := "id,name,address\n" + strings.Repeat(line, 70<<10/len(line))
	for _, e := range []struct {
		enc  encoding.Encoding
		want charset.Encoding
	}{{japanese.ShiftJIS, charset.CP932}, {utf16LE, charset.UTF16LE}, {encoding.Nop, charset.UTF8}} {
		assertDecodes(t, "70 KiB", encode(t, e.enc, text), e.want, text)
	}
}

func TestNewDecoderUnknownEncoding(t *testing.T) {
	if _, _, err := charset.NewDecoder(strings.NewReader("a\n"), "latin-1"); err == nil {
		t.Error("NewDecoder accepted an unknown encoding")
	}
}

func TestParse(t *testing.T) {
	tests := map[string]charset.Encoding{
		"":            "",
		"auto":        "",
		"UTF-8":       charset.UTF8,
		"utf8":        charset.UTF8,
		"utf-8-bom":   charset.UTF8BOM,
		"utf-8-sig":   charset.UTF8BOM,
		"Shift_JIS":   charset.CP932,
		"sjis":        charset.CP932,
		"CP932":       charset.CP932,
		"windows-31j": charset.CP932,
		"EUC-JP":      charset.EUCJP,
		"utf-16":      charset.UTF16LE,
		"UTF-16BE":    charset.UTF16BE,
	}
	for in, want := range tests {
		if got, err := charset.Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := charset.Parse("latin-1"); err == nil || !strings.Contains(err.Error(), "shift_jis") {
		t.Errorf("Parse(latin-1) = %v, want an error listing the known encodings", err)
	}
}

func TestNewEncoderShiftJISRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w, err := charset.NewEncoder(&buf, charset.CP932)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, shopText); err != nil {
		t.Fatal(err)
	}
	if want := encode(t, japanese.ShiftJIS, shopText); !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("encoded bytes differ from x/text's Shift_JIS")
	}
	r, enc, err := charset.NewDecoder(&buf, "")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	if enc != charset.CP932 || string(got) != shopText {
		t.Errorf("round trip: %q %q", enc, got)
	}
}

func TestNewEncoderUnencodable(t *testing.T) {
	var buf bytes.Buffer
	w, err := charset.NewEncoder(&buf, charset.CP932)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.WriteString(w, "吉野家,𠮷野家\n")
	var ue *charset.UnencodableError
	if !errors.As(err, &ue) || ue.Char != '𠮷' || ue.Encoding != charset.CP932 || ue.Offset != len("吉野家,") {
		t.Fatalf("got %v (%+v), want an UnencodableError for 𠮷 at byte %d", err, ue, len("吉野家,"))
	}
	if want := `character '𠮷' (U+20BB7) cannot be written in shift_jis`; err.Error() != want {
		t.Errorf("message:\n got %s\nwant %s", err, want)
	}
	if buf.Len() != 0 {
		t.Errorf("a failed write left %q behind; it must write nothing", buf.Bytes())
	}
	if err := charset.Check("𠮷", charset.CP932); !errors.As(err, &ue) || ue.Char != '𠮷' {
		t.Errorf("Check(𠮷) = %v", err)
	}
	if err := charset.Check("😀 ok", charset.CP932); !errors.As(err, &ue) || ue.Char != '😀' {
		t.Errorf("Check(😀) = %v", err)
	}
	for _, ok := range []string{"", "abc", "山田①㈱"} {
		if err := charset.Check(ok, charset.CP932); err != nil {
			t.Errorf("Check(%q) = %v", ok, err)
		}
	}
	if err := charset.Check("𠮷", charset.UTF8); err != nil {
		t.Errorf("Check in utf-8 = %v", err)
	}
}

func TestNewEncoderUTF8(t *testing.T) {
	var plain, bom bytes.Buffer
	w, _ := charset.NewEncoder(&plain, charset.UTF8)
	io.WriteString(w, "𠮷\n")
	w, _ = charset.NewEncoder(&bom, charset.UTF8BOM)
	io.WriteString(w, "𠮷\n")
	if plain.String() != "𠮷\n" || bom.String() != "\xEF\xBB\xBF𠮷\n" {
		t.Errorf("got %q and %q", plain.Bytes(), bom.Bytes())
	}
	if _, err := charset.NewEncoder(&plain, charset.Encoding("latin-1")); err == nil {
		t.Error("NewEncoder(latin-1) succeeded")
	}
}

// TestNewEncoderRoundTrip writes text in every encoding custkit reads, in
// several writes, and reads it back: a file rewritten in its own encoding
// must come back as it was, with one BOM where the encoding has one.
func TestNewEncoderRoundTrip(t *testing.T) {
	parts := []string{"顧客番号,氏名\n", "000101,山田 花子\n", "000102,髙橋 ①㈱\n"}
	for _, enc := range []charset.Encoding{charset.UTF8, charset.UTF8BOM, charset.CP932, charset.EUCJP, charset.UTF16LE, charset.UTF16BE} {
		var buf bytes.Buffer
		w, err := charset.NewEncoder(&buf, enc)
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		for _, p := range parts {
			if _, err := io.WriteString(w, p); err != nil {
				t.Fatalf("%s: %v", enc, err)
			}
		}
		if got := charset.Detect(buf.Bytes()); got != enc && !(enc == charset.EUCJP && got == charset.CP932) {
			t.Errorf("%s: written text detected as %s", enc, got)
		}
		r, _, err := charset.NewDecoder(&buf, enc)
		if err != nil {
			t.Fatal(err)
		}
		back, _ := io.ReadAll(r)
		if want := strings.Join(parts, ""); string(back) != want {
			t.Errorf("%s: read back %q, want %q", enc, back, want)
		}
	}
	var ue *charset.UnencodableError
	w, _ := charset.NewEncoder(io.Discard, charset.EUCJP)
	if _, err := io.WriteString(w, "吉𠮷"); !errors.As(err, &ue) || ue.Char != '𠮷' || ue.Encoding != charset.EUCJP {
		t.Errorf("euc-jp 𠮷: %v", err)
	}
}

// Text typed on a Mac or taken from the web writes 〜 − — ‖ ¢ £ ¬ with the
// JIS code points, which CP932 spells differently; ¥ and ‾ are the bytes
// 0x5C and 0x7E. They are written as Windows writes them, not refused.
func TestNewEncoderJISCompat(t *testing.T) {
	const in = "石川県金沢市1−2−3 10〜12時 ¥1,200 —‖¢£¬‾\n"
	const want = "石川県金沢市1－2－3 10～12時 \\1,200 ―∥￠￡￢~\n"
	for _, enc := range []charset.Encoding{charset.CP932, charset.EUCJP} {
		var buf bytes.Buffer
		w, err := charset.NewEncoder(&buf, enc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, in); err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		if err := charset.Check(in, enc); err != nil {
			t.Errorf("%s: Check: %v", enc, err)
		}
		r, _, err := charset.NewDecoder(&buf, enc)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := io.ReadAll(r); string(got) != want {
			t.Errorf("%s: read back %q, want %q", enc, got, want)
		}
		var ue *charset.UnencodableError
		if err := charset.Check("¥−𠮷", enc); !errors.As(err, &ue) || ue.Char != '𠮷' || ue.Offset != len("¥−") {
			t.Errorf("%s: Check(¥−𠮷) = %v (%+v), want 𠮷 at byte %d", enc, err, ue, len("¥−"))
		}
	}
}

// assertDetected encodes text in Shift_JIS, EUC-JP and UTF-8 and checks that
// NewDecoder detects each and decodes the text back whole; what names the
// text in messages.
func assertDetected(t *testing.T, what, text string) {
	t.Helper()
	for _, e := range []struct {
		enc  encoding.Encoding
		want charset.Encoding
	}{{japanese.ShiftJIS, charset.CP932}, {japanese.EUCJP, charset.EUCJP}, {encoding.Nop, charset.UTF8}} {
		assertDecodes(t, what, encode(t, e.enc, text), e.want, text)
	}
}

// assertDecodes checks that NewDecoder detects enc in input and decodes it
// to text.
func assertDecodes(t *testing.T, what string, input []byte, enc charset.Encoding, text string) {
	t.Helper()
	r, got, err := charset.NewDecoder(bytes.NewReader(input), "")
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil || got != enc || string(out) != text {
		t.Errorf("%s in %s: read as %s, %d bytes, %v (want %d bytes)", what, enc, got, len(out), err, len(text))
	}
}

// A file whose first rows are all ASCII (English headers, codes) reads the
// same in every encoding, so detection looks on to its first Japanese text,
// wherever that starts, and the whole file comes out right.
func TestNewDecoderASCIIStart(t *testing.T) {
	row := "R0001,C0001,P0001,2026-11-22,1200\r\n"
	for _, asciiBytes := range []int{70 << 10, 200<<10 + 7, 3 << 20} {
		text := "receipt_id,customer_id,product_id,sold_at,amount,memo\r\n" +
			strings.Repeat(row, asciiBytes/len(row)) + "R0002,C0002,P0002,2026-11-22,800,九谷焼の湯呑 ギフト包装\r\n" + row
		assertDetected(t, fmt.Sprintf("text after %d ASCII bytes", asciiBytes), text)
	}
}

// Past the look-ahead a file that is all ASCII so far is read as UTF-8, and
// one that is all ASCII to its end is UTF-8 whatever its size.
func TestNewDecoderASCIIBeyondLookAhead(t *testing.T) {
	row := strings.Repeat("x", 99) + "\n"
	long := strings.Repeat(row, 5<<20/len(row))
	for _, text := range []string{long, long + "\x8b\xe3\x92\x4a\n"} {
		assertDecodes(t, fmt.Sprintf("%d bytes", len(text)), []byte(text), charset.UTF8, text)
	}
}

// The first Japanese text can fall anywhere: at the very end of the first
// 64 KiB, or in a line that began long before (a memo after 100 KiB of
// codes, or a file with CR line ends, which has no newline to start from).
// Detection sees 64 KiB of it wherever it falls.
func TestNewDecoderFirstNonASCIIAnywhere(t *testing.T) {
	const japaneseText = "九谷焼の湯呑みギフト包装、ご来店ありがとうございます\n"
	var texts []string
	for _, at := range []int{64<<10 - 1, 64<<10 - 3, 64<<10 - 8, 128<<10 - 2} {
		row := "abcdefg\n"
		pad := strings.Repeat(row, at/len(row)) + strings.Repeat("z", at%len(row))
		texts = append(texts, pad+strings.Repeat(japaneseText, 50))
	}
	texts = append(texts, "id,memo\n1,"+strings.Repeat("x", 100<<10)+strings.Repeat(japaneseText, 50))
	texts = append(texts, strings.ReplaceAll("id,memo\n"+strings.Repeat("1,abc\n", 20000)+strings.Repeat(japaneseText, 50), "\n", "\r"))
	for k, text := range texts {
		assertDetected(t, fmt.Sprintf("text %d", k), text)
	}
}
