// Package charset finds the text encoding of an input file and turns it into
// UTF-8, and turns UTF-8 output into the encoding a user asks for.
//
// It is the first step of the data path: [Detect] looks at the first bytes of
// a file, [NewDecoder] wraps the file so that everything after it sees UTF-8
// without a byte order mark, and [NewEncoder] does the reverse for output.
//
// Real shop exports come as UTF-8 (with or without a BOM, Excel adds one),
// CP932 (what Windows calls Shift_JIS; a superset of JIS X 0208 Shift_JIS with
// NEC and IBM extensions such as ① and ㈱), EUC-JP from older Unix systems,
// and UTF-16 with a BOM from Excel's "Unicode text" export.
package charset

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/segmentio/asm/ascii"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names one of the encodings custkit reads or writes.
type Encoding string

// The encodings custkit knows.
const (
	UTF8    Encoding = "utf-8"
	UTF8BOM Encoding = "utf-8-bom"
	CP932   Encoding = "shift_jis"
	EUCJP   Encoding = "euc-jp"
	UTF16LE Encoding = "utf-16le"
	UTF16BE Encoding = "utf-16be"
)

// InputNames lists the values --encoding accepts, "auto" first.
var InputNames = []string{"auto", "utf-8", "utf-8-bom", "shift_jis", "cp932", "euc-jp", "utf-16le", "utf-16be"}

// OutputNames lists the values --output-encoding accepts.
var OutputNames = []string{"utf-8", "utf-8-bom", "shift_jis"}

// Parse turns a user-supplied encoding name into an Encoding. "auto" and ""
// give "" (detect). Spellings are forgiving: "sjis", "Shift-JIS", "windows-31j"
// and "cp932" all mean CP932.
func Parse(name string) (Encoding, error) {
	n := strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(strings.TrimSpace(name)))
	switch n {
	case "", "auto":
		return "", nil
	case "utf8":
		return UTF8, nil
	case "utf8bom", "utf8sig":
		return UTF8BOM, nil
	case "shiftjis", "sjis", "cp932", "windows31j", "mskanji":
		return CP932, nil
	case "eucjp":
		return EUCJP, nil
	case "utf16le", "utf16":
		return UTF16LE, nil
	case "utf16be":
		return UTF16BE, nil
	}
	return "", fmt.Errorf("unknown encoding %q (known: %s)", name, strings.Join(InputNames, ", "))
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Detect guesses the encoding of a file from its first bytes. A BOM decides;
// so does UTF-16 without one, when the NUL bytes of its ASCII characters
// show it (see utf16NoBOM); otherwise valid UTF-8 is UTF-8, and anything
// else is scored as UTF-8,
// CP932 and EUC-JP and the encoding with fewest invalid sequences wins
// (UTF-8, then CP932 on a tie: CP932 is what Japanese Windows and most
// registers write). A UTF-8 file with a stray bad byte is thus read as UTF-8
// and the bad byte reported where it is. Short EUC-JP samples are often
// valid CP932 too (read as half-width katakana), so a tie between those two
// goes to EUC-JP when it decodes to hiragana, which CP932 text can only hold
// in byte pairs that are invalid in EUC-JP.
//
// The sample may end in the middle of a multi-byte character; Detect allows
// for that.
func Detect(sample []byte) Encoding { return Guess(sample).Encoding }

// Detection is what [Guess] and [NewDecoder] found out about the encoding
// of a file.
type Detection struct {
	Encoding Encoding
	// Also is another encoding the start of the file reads in without an
	// invalid byte, when it has so few characters outside ASCII that the
	// choice between the two is a guess; "" when it is not, or when the
	// encoding was given.
	Also Encoding
	// NoBOM says the file is UTF-16 without a byte order mark, recognised
	// by the NUL bytes of its ASCII characters.
	NoBOM bool
}

// Note says, for a message, what is worth knowing about the detection: a
// guess between two encodings, or UTF-16 without a BOM; "" if nothing.
func (d Detection) Note() string {
	switch {
	case d.Also != "":
		return fmt.Sprintf("warning: the encoding is a guess between %s and %s (few characters outside ASCII); give --encoding to say which", d.Encoding, d.Also)
	case d.NoBOM:
		return fmt.Sprintf("%s without a byte order mark", d.Encoding)
	}
	return ""
}

// guessLimit is the number of bytes outside ASCII up to which a sample
// that reads without an invalid byte in two encodings is a guess between
// them. Past it, real text in one encoding has (nearly) always shown a
// sequence the other does not allow. Valid UTF-8 that reads as Japanese
// is not a guess at any length.
const guessLimit = 64

// Guess is [Detect], saying also when the choice was a guess between two
// encodings.
func Guess(sample []byte) Detection {
	if e := utf16NoBOM(sample); e != "" {
		return Detection{Encoding: e, NoBOM: true}
	}
	return guess(sample)
}

// guess is Guess without UTF-16 without a BOM, which only the start of a
// file shows (see Decode).
func guess(sample []byte) Detection {
	switch {
	case bytes.HasPrefix(sample, bomUTF8):
		return Detection{Encoding: UTF8BOM}
	case bytes.HasPrefix(sample, bomUTF16LE):
		return Detection{Encoding: UTF16LE}
	case bytes.HasPrefix(sample, bomUTF16BE):
		return Detection{Encoding: UTF16BE}
	}
	if validUTF8Prefix(sample) {
		d := Detection{Encoding: UTF8}
		// Japanese text in valid UTF-8 is UTF-8: CP932 is valid UTF-8
		// only by chance, and then reads as other scripts (see guard).
		if short(sample) && !(&guard{}).utf8Japanese(cutTail(sample)) {
			if c, _ := invalidCount(cutTail(sample), CP932); c == 0 {
				d.Also = CP932
			}
		}
		return d
	}
	// A UTF-8 file with one stray byte is still UTF-8: the candidate with
	// the fewest invalid sequences wins, UTF-8 first on a tie, then CP932.
	u := invalidUTF8(sample)
	c, _ := invalidCount(sample, CP932)
	e, eucText := invalidCount(sample, EUCJP)
	d := Detection{Encoding: CP932}
	switch {
	case u <= c && u <= e:
		return Detection{Encoding: UTF8}
	case e < c, e == c && hasHiragana(eucText):
		d.Encoding = EUCJP
	}
	if c == 0 && e == 0 && short(sample) {
		d.Also = map[Encoding]Encoding{CP932: EUCJP, EUCJP: CP932}[d.Encoding]
	}
	return d
}

// short reports whether b has some bytes outside ASCII, but no more than
// guessLimit: ASCII reads the same in every encoding detected.
func short(b []byte) bool {
	n := 0
	for _, c := range b {
		if c >= utf8.RuneSelf {
			if n++; n > guessLimit {
				return false
			}
		}
	}
	return n > 0
}

// cutTail drops a character cut off at the end of a valid UTF-8 sample, so
// that the other encoding is not blamed for it.
func cutTail(b []byte) []byte {
	for cut := 1; cut <= 3 && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) && !utf8.Valid(b) {
			return b[:len(b)-cut]
		}
	}
	return b
}

// utf16NoBOM recognises UTF-16 without a byte order mark at the start of a
// file: in little-endian UTF-16 every ASCII character (the tabs, commas and
// line ends of any CSV or TSV, the digits of its ids) is the byte followed
// by a NUL, in big-endian the NUL first. Text in any other encoding holds
// NUL bytes only where something spoilt it. It needs at least 8
// characters, NULs on one side only, none on the other, no character that
// is two NULs, at least one character in four with a NUL, and text that
// is UTF-16 (see utf16Text); "" if not.
func utf16NoBOM(b []byte) Encoding {
	const minChars = 8
	n := min(len(b), sniffSize) / 2
	if n < minChars || bytes.IndexByte(b, 0) < 0 || bytes.HasPrefix(b, bomUTF16LE) || bytes.HasPrefix(b, bomUTF16BE) {
		return ""
	}
	even, odd := 0, 0
	var le, be utf16Text
	for i := 0; i < n; i++ {
		lo, hi := b[2*i], b[2*i+1]
		switch {
		case lo == 0 && hi == 0:
			return ""
		case lo == 0:
			even++
		case hi == 0:
			odd++
		}
		le.add(uint16(hi)<<8 | uint16(lo))
		be.add(uint16(lo)<<8 | uint16(hi))
	}
	switch {
	case even == 0 && odd*4 >= n && le.ok():
		return UTF16LE
	case odd == 0 && even*4 >= n && be.ok():
		return UTF16BE
	}
	return ""
}

// utf16Start is utf16NoBOM for head, the start of a file, which is the
// whole file when shorter than sniffSize (see sniff): UTF-16 is two bytes
// a character, so a file of an odd number of bytes is not UTF-16.
func utf16Start(head []byte) Encoding {
	if len(head) < sniffSize && len(head)%2 == 1 {
		return ""
	}
	return utf16NoBOM(head)
}

// utf16Text looks at a text read as UTF-16 of one byte order for what
// tells an 8-bit file with NUL bytes from UTF-16: UTF-16 pairs its
// surrogates, and a CSV or TSV has lines, whose ends are characters of
// their own (LF, CR), as its commas are. An 8-bit file's line end or
// comma byte taken with a byte beside it makes a character of U+0Axx,
// U+0Dxx or U+2Cxx instead (scripts of India, Glagolitic, Coptic), which
// no shop's file holds.
type utf16Text struct {
	ends, split, unpaired int
	high                  bool // the last unit was a high surrogate
}

// add looks at the next code unit.
func (t *utf16Text) add(u uint16) {
	switch hi := u >> 8; {
	case u == '\n' || u == '\r':
		t.ends++
	case hi == '\n' || hi == '\r' || hi == ',':
		t.split++
	}
	low := u >= 0xDC00 && u < 0xE000
	if t.high != low {
		t.unpaired++
	}
	t.high = u >= 0xD800 && u < 0xDC00
}

// ok says the text is UTF-16 with lines: a line end, no line end or comma
// byte as the high byte of a character, and no surrogate unpaired (a high one may
// end the sample, cut off by its end).
func (t utf16Text) ok() bool { return t.ends > 0 && t.split == 0 && t.unpaired == 0 }

// invalidUTF8 counts the invalid sequences in b, allowing a character cut
// off by the end of the sample.
func invalidUTF8(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 && utf8.FullRune(b[i:]) {
			n++
		}
		i += size
	}
	return n
}

func hasHiragana(b []byte) bool {
	for _, r := range string(b) {
		if r >= 'ぁ' && r <= 'ゖ' {
			return true
		}
	}
	return false
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing the last
// character to be cut off by the end of the sample.
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for cut := 1; cut <= 3 && cut < len(b); cut++ {
		head := b[:len(b)-cut]
		if utf8.Valid(head) && !utf8.FullRune(b[len(head):]) {
			return true
		}
	}
	return false
}

// invalidCount decodes b and counts replacement characters, the decoders'
// sign of an invalid byte sequence. It also returns the decoded text.
func invalidCount(b []byte, e Encoding) (int, []byte) {
	out, _, err := transform.Bytes(decoder(e), b)
	if err != nil {
		return len(b), nil
	}
	return bytes.Count(out, []byte("\uFFFD")), out
}

func decoder(e Encoding) transform.Transformer {
	switch e {
	case CP932:
		return japanese.ShiftJIS.NewDecoder()
	case EUCJP:
		return japanese.EUCJP.NewDecoder()
	case UTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
	case UTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
	}
	return transform.Nop
}

// Transcoded reports whether e needs decoding to reach UTF-8. For such input a
// U+FFFD in the decoded text marks bytes that were invalid in e.
func (e Encoding) Transcoded() bool {
	return e != UTF8 && e != UTF8BOM && e != ""
}

// sniffSize is how much of a file Detect looks at.
const sniffSize = 64 << 10

// lookAhead bounds how far NewDecoder reads into a file that starts with
// nothing but ASCII, looking for the first byte that tells the encodings
// apart; it holds what it read in memory until the reading starts.
const lookAhead = 4 << 20

// NewDecoder detects the encoding of r unless enc names one, and returns a
// reader of UTF-8 text with any BOM removed, plus the encoding used.
//
// Detection looks at the first 64 KiB. ASCII reads the same in every
// encoding custkit knows, so when those are all ASCII (English headers and
// codes, the Japanese further down) it reads on, up to 4 MiB, to the
// first byte outside ASCII, and detects from the 64 KiB that start there.
// A file that is ASCII for longer is read as UTF-8.
//
// For UTF-8 input the bytes pass through untouched (the fast path); checking
// that they are valid UTF-8 is the caller's job, since only the caller knows
// the line and column of a bad byte.
func NewDecoder(r io.Reader, enc Encoding) (io.Reader, Encoding, error) {
	dec, d, err := Decode(r, enc)
	return dec, d.Encoding, err
}

// Decode is [NewDecoder], saying also when the encoding was a guess
// between two and when UTF-16 had no BOM (see [Detection]).
//
// A line of a CP932 or EUC-JP file that is UTF-8 instead (valid UTF-8 with
// at least two Japanese characters, or one once a line before it was
// UTF-8; see guard) is not decoded into mojibake: it is passed on as it is,
// with [ForeignMark] before its first character outside ASCII, for the
// reader to report.
func Decode(r io.Reader, enc Encoding) (io.Reader, Detection, error) {
	head, sample, err := sniff(r, enc == "")
	if err != nil {
		return nil, Detection{}, err
	}
	d := Detection{Encoding: enc}
	if enc == "" {
		if d.Encoding = utf16Start(head); d.Encoding != "" {
			d.NoBOM = true
		} else {
			d = guess(sample)
		}
	}
	rest := io.MultiReader(bytes.NewReader(head), r)
	switch d.Encoding {
	case UTF8, UTF8BOM:
		if bytes.HasPrefix(head, bomUTF8) {
			rest = io.MultiReader(bytes.NewReader(head[len(bomUTF8):]), r)
		}
		return rest, d, nil
	case CP932, EUCJP:
		return transform.NewReader(rest, newGuard(decoder(d.Encoding))), d, nil
	case UTF16LE, UTF16BE:
		return transform.NewReader(rest, decoder(d.Encoding)), d, nil
	}
	return nil, Detection{}, fmt.Errorf("unknown encoding %q", d.Encoding)
}

// sniff reads the start of r: head, the bytes read, and sample, the part of
// them to detect the encoding from: the 64 KiB from the first byte outside
// ASCII, looked for up to lookAhead (see NewDecoder), or head when there is
// none. Every byte before that one is ASCII, so the sample starts on a
// character. With detect false it reads only what any caller needs, the
// first 64 KiB.
func sniff(r io.Reader, detect bool) (head, sample []byte, err error) {
	head, done, err := readMore(r, nil, sniffSize)
	if err != nil || !detect || utf16Start(head) != "" {
		return head, head, err
	}
	i := firstNonASCII(head)
	for i < 0 && !done && len(head) < lookAhead {
		from := len(head)
		if head, done, err = readMore(r, head, sniffSize); err != nil {
			return nil, nil, err
		}
		if j := firstNonASCII(head[from:]); j >= 0 {
			i = from + j
		}
	}
	if i < 0 {
		return head, head, nil
	}
	if have := len(head) - i; !done && have < sniffSize {
		head, _, err = readMore(r, head, sniffSize-have)
	}
	return head, head[i:min(len(head), i+sniffSize)], err
}

// readMore appends up to n bytes of r to buf; done says r has no more.
func readMore(r io.Reader, buf []byte, n int) ([]byte, bool, error) {
	buf = slices.Grow(buf, n)
	m, err := io.ReadFull(r, buf[len(buf):len(buf)+n])
	buf = buf[:len(buf)+m]
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return buf, true, nil
	}
	return buf, false, err
}

// firstNonASCII returns the index of the first byte of b above 0x7F, or -1.
func firstNonASCII(b []byte) int {
	if ascii.Valid(b) {
		return -1
	}
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// NewEncoder returns a writer that turns UTF-8 into enc and writes it to w.
// UTF-8 with BOM writes the BOM first. For Shift_JIS and EUC-JP a character
// the encoding does not have (𠮷, emoji) is an error, never a silent "?";
// the error names the character. Characters that JIS tables and Windows
// spell with different code points (〜 and ～, − and －) are written as
// Windows writes them (see jisCompat). EUC-JP and UTF-16 (written with a BOM, the
// only way they are detected) are not offered as --output-encoding; they
// exist so that a file can be rewritten in the encoding it was read in.
func NewEncoder(w io.Writer, enc Encoding) (io.Writer, error) {
	switch enc {
	case "", UTF8:
		return w, nil
	case UTF8BOM:
		return withBOM(w, bomUTF8, nil, enc)
	case CP932, EUCJP:
		return &strictEncoder{w: w, enc: encoder(enc), name: enc}, nil
	case UTF16LE:
		return withBOM(w, bomUTF16LE, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder(), enc)
	case UTF16BE:
		return withBOM(w, bomUTF16BE, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder(), enc)
	}
	return nil, fmt.Errorf("cannot write %s (choose one of %s)", enc, strings.Join(OutputNames, ", "))
}

// withBOM writes bom once, then everything through e (nil: unchanged). The
// BOM is not left to the UTF-16 encoder, which would repeat it on every
// write: each strictEncoder write is a fresh transformation.
func withBOM(w io.Writer, bom []byte, e *encoding.Encoder, name Encoding) (io.Writer, error) {
	if _, err := w.Write(bom); err != nil {
		return nil, err
	}
	if e == nil {
		return w, nil
	}
	return &strictEncoder{w: w, enc: e, name: name}, nil
}

// UnencodableError says which character could not be written in the output
// encoding.
type UnencodableError struct {
	Encoding Encoding
	Char     rune
	// Offset is the character's byte offset in the UTF-8 text of the
	// failed write or check, so that a writer can name the cell it is in.
	Offset int
}

func (e *UnencodableError) Error() string {
	return fmt.Sprintf("character %q (U+%04X) cannot be written in %s", e.Char, e.Char, e.Encoding)
}

// strictEncoder encodes whole writes, so that an unencodable character is
// found and named instead of being replaced.
type strictEncoder struct {
	w    io.Writer
	enc  *encoding.Encoder
	name Encoding
}

func (s *strictEncoder) Write(p []byte) (int, error) {
	in := p
	if s.name == CP932 || s.name == EUCJP {
		in = toCompat(p)
	}
	out, err := s.enc.Bytes(in)
	if err != nil {
		return 0, unencodable(p, s.name)
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// unencodable names the first rune of p that enc cannot hold.
func unencodable(p []byte, enc Encoding) *UnencodableError {
	e := encoder(enc)
	for i, r := range string(p) {
		if _, err := e.String(string(jisCompat(r))); err != nil {
			return &UnencodableError{Encoding: enc, Char: r, Offset: i}
		}
	}
	return &UnencodableError{Encoding: enc, Char: utf8.RuneError}
}

// encoder is the strict encoder of the Japanese encodings; UTF encodings
// hold every character. Its input goes through toCompat first.
func encoder(enc Encoding) *encoding.Encoder {
	switch enc {
	case CP932:
		return japanese.ShiftJIS.NewEncoder()
	case EUCJP:
		return japanese.EUCJP.NewEncoder()
	}
	return encoding.Nop.NewEncoder()
}

// jisCompat maps the characters that Unicode has twice, once as JIS
// X 0208 tables map them (what macOS input methods and many web forms
// write) and once as Windows' CP932 does, to the code point CP932 has:
// 〜 WAVE DASH to ～, − MINUS SIGN to －, — to ―, ‖ to ∥, ¢ £ ¬ to ￠ ￡ ￢.
// ¥ and ‾ become the bytes 0x5C and 0x7E, which Japanese fonts show as ¥
// and ‾, as the WHATWG Shift_JIS encoder and Windows write them. Without
// this an address typed on a Mac ("1−2−3") could not be written in
// Shift_JIS at all.
func jisCompat(r rune) rune {
	switch r {
	case '\u301C':
		return '\uFF5E'
	case '\u2212':
		return '\uFF0D'
	case '\u2014':
		return '\u2015'
	case '\u2016':
		return '\u2225'
	case '\u00A2':
		return '\uFFE0'
	case '\u00A3':
		return '\uFFE1'
	case '\u00AC':
		return '\uFFE2'
	case '\u00A5':
		return '\\'
	case '\u203E':
		return '~'
	}
	return r
}

// JISCompat is the folding the Shift_JIS encoder applies (see jisCompat),
// for those who compare a text with what came back from a Shift_JIS file.
func JISCompat(r rune) rune { return jisCompat(r) }

// toCompat returns p with jisCompat applied, or p itself, without a copy,
// when that changes nothing (nearly always).
func toCompat(p []byte) []byte {
	for i := 0; i < len(p); {
		if p[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(p[i:])
		if jisCompat(r) != r {
			return bytes.Map(jisCompat, p)
		}
		i += n
	}
	return p
}

// Check returns an *UnencodableError if s cannot be written in enc. Writers
// call it per cell to name the row of a bad character.
func Check(s string, enc Encoding) error {
	if enc != CP932 && enc != EUCJP {
		return nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			if _, err := encoder(enc).String(strings.Map(jisCompat, s)); err != nil {
				return unencodable([]byte(s), enc)
			}
			return nil
		}
	}
	return nil
}
