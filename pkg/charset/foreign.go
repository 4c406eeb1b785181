package charset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/segmentio/asm/ascii"
	"golang.org/x/text/transform"
)

// ErrInvalid is the error of bytes that are invalid in a file's encoding.
var ErrInvalid = errors.New("invalid byte sequence")

// ForeignMark is what a decoder of CP932 or EUC-JP puts before the first
// non-ASCII character of a line it found to be UTF-8 (see [NewDecoder]):
// U+FFFD, which marks invalid input in every decoded file, followed by
// U+FDD0, a noncharacter that no decoder produces. The line itself is
// passed on as the UTF-8 it is, not decoded into mojibake.
const ForeignMark = "\uFFFD\uFDD0"

// ForeignError is text in another encoding than its file's: a line of
// UTF-8 in a file read as CP932 (a month appended by another program), or
// CP932 text in a file read as UTF-8.
type ForeignError struct {
	Read  Encoding // the encoding the file is read in
	Other Encoding // the encoding the bytes read correctly in
	Bytes []byte   // the bytes as they stand in the file
}

// Error says what the bytes are, and what they read as in the encoding
// that is not UTF-8 (the reader's message shows the UTF-8 reading).
func (e *ForeignError) Error() string {
	as := e.Read
	if !as.Transcoded() {
		as = e.Other
	}
	return fmt.Sprintf("is %s text in a file read as %s (as %s: %s); save the whole file in one encoding",
		e.Other, e.Read, as, quoteShort(decodeLossy(e.Bytes, as)))
}

// Unwrap returns ErrInvalid.
func (e *ForeignError) Unwrap() error { return ErrInvalid }

// Foreign returns a *ForeignError when b, invalid in enc, reads without an
// invalid byte in another encoding custkit knows (UTF-8 for a file read as
// CP932 or EUC-JP, CP932 or EUC-JP for one read as UTF-8), or nil. Readers
// call it only for a field already found invalid, to say what it is.
func Foreign(b []byte, enc Encoding) *ForeignError {
	if ascii.Valid(b) {
		return nil
	}
	var others []Encoding
	switch enc {
	case UTF8, UTF8BOM, "":
		others = []Encoding{CP932, EUCJP}
	case CP932, EUCJP:
		others = []Encoding{UTF8}
	}
	for _, o := range others {
		if o == UTF8 && utf8.Valid(b) {
			return &ForeignError{Read: enc, Other: o, Bytes: b}
		}
		if o != UTF8 {
			if n, _ := invalidCount(b, o); n == 0 {
				return &ForeignError{Read: enc, Other: o, Bytes: b}
			}
		}
	}
	return nil
}

// decodeLossy reads b in enc, an invalid sequence becoming U+FFFD.
func decodeLossy(b []byte, enc Encoding) string {
	if !enc.Transcoded() {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	out, _, err := transform.Bytes(decoder(enc), b)
	if err != nil {
		return "\uFFFD"
	}
	return string(out)
}

// quoteShort quotes s for a message, cut to 40 characters.
func quoteShort(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// judgeMax is how much of a line the guard looks at to decide whether it
// is UTF-8: enough for any line of a shop's export, and less than the
// 4 KiB a transform.Reader gives a transformer at once.
const judgeMax = 1024

// The states of a guard.
const (
	lineStart = iota // at the start of a line, not yet judged
	inNative         // in a line in the file's encoding
	inForeign        // in a line found to be UTF-8
)

// guard decodes CP932 or EUC-JP line by line and passes on a line that is
// UTF-8 instead, marked with ForeignMark, so that the reader names the line
// rather than reading mojibake. A line is UTF-8 when it is valid UTF-8 and
// holds at least two Japanese characters (kana, kanji, full-width forms, see
// japaneseText), more than other characters outside ASCII. CP932 text is
// valid UTF-8 only by chance, since its kana and most kanji start with bytes
// UTF-8 allows only inside a character, and what passes decodes mostly to
// other blocks: of two million lines of 2 to 9 characters drawn at random
// from all of CP932, 84 pass, all of them three characters or fewer of
// rare kanji and half-width katakana. Once one line of the file was UTF-8,
// one Japanese character is enough. A line of UTF-8 without one (only
// accented Latin letters) is not told apart.
//
// Line ends are ASCII in every encoding guarded, never inside a character,
// so a line is judged from its bytes alone; CR and LF both end one.
type guard struct {
	dec   transform.Transformer
	state int
	// run is the length of the whole lines at the start of src judged to
	// be in the file's encoding, decoded in one call.
	run int
	// tail says the line after the run, not whole in src yet, was judged
	// from its start to be in the file's encoding.
	tail   bool
	marked bool // the ForeignMark of the current foreign line was written
	seen   bool // a line of the file was found to be UTF-8
}

func newGuard(dec transform.Transformer) *guard { return &guard{dec: dec} }

func (g *guard) Reset() {
	g.dec.Reset()
	g.state, g.run, g.tail, g.marked, g.seen = lineStart, 0, false, false, false
}

func (g *guard) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		var d, s int
		switch {
		case g.run > 0:
			// Whole lines: the run ends with a line end, never inside
			// a character.
			d, s, err = g.dec.Transform(dst[nDst:], src[nSrc:nSrc+g.run], true)
			g.run -= s
			if g.run == 0 && g.tail {
				g.state, g.tail = inNative, false
			}
		case g.state == lineStart:
			var foreign, ok bool
			g.run, g.tail, foreign, ok = g.judgeRun(src[nSrc:], atEOF)
			switch {
			case g.run == 0 && g.tail:
				g.state, g.tail = inNative, false
			case g.run == 0 && foreign:
				g.state, g.marked, g.seen = inForeign, false, true
			case g.run == 0 && !ok:
				return nDst, nSrc, transform.ErrShortSrc
			}
			continue
		default:
			// The rest of a line: in the file's encoding (the tail of a
			// line longer than what was judged), or UTF-8.
			seg, ends := src[nSrc:], false
			if i := lineEnd(seg); i >= 0 {
				seg, ends = seg[:i], true
			}
			if g.state == inNative {
				d, s, err = g.dec.Transform(dst[nDst:], seg, atEOF || ends)
			} else {
				d, s, err = g.pass(dst[nDst:], seg)
			}
			if ends && s == len(seg) {
				g.state = lineStart
			}
		}
		nDst, nSrc = nDst+d, nSrc+s
		if err != nil {
			return nDst, nSrc, err
		}
	}
	return nDst, nSrc, nil
}

// judgeRun judges the lines at the start of b, up to the first that is
// UTF-8 or not yet whole: run is the length of those in the file's
// encoding, tail says that the next line, not whole, is in it too, and
// foreign that it is UTF-8. ok false asks for more of b.
func (g *guard) judgeRun(b []byte, atEOF bool) (run int, tail, foreign, ok bool) {
	for run < len(b) {
		rest := b[run:]
		end := lineEnd(rest)
		line, whole := rest, atEOF
		if end >= 0 {
			line, whole = rest[:end-1], true
		}
		f, ok := g.judge(line, whole)
		switch {
		case !ok:
			return run, false, false, false
		case f:
			return run, false, true, true
		case end < 0:
			return run, true, false, true
		}
		run += end
	}
	return run, false, false, true
}

// lineEnd returns the length of the line at the start of b with its CR or
// LF, or -1 when b holds no line end.
func lineEnd(b []byte) int {
	i := bytes.IndexByte(b, '\n')
	head := b
	if i >= 0 {
		head = b[:i]
	}
	if j := bytes.IndexByte(head, '\r'); j >= 0 {
		return j + 1
	}
	if i >= 0 {
		return i + 1
	}
	return -1
}

// judge decides whether line, the start of a line without its line end,
// is UTF-8; whole says it is all of the line. ok false asks for more of it.
func (g *guard) judge(line []byte, whole bool) (foreign, ok bool) {
	if len(line) > judgeMax {
		line, whole = line[:judgeMax], false
	} else if !whole && len(line) < judgeMax {
		return false, false
	}
	// A whole line must not end in a cut character.
	return g.utf8Japanese(line) && (!whole || utf8.Valid(line)), true
}

// utf8Japanese reports whether b, all of it valid UTF-8 but for a
// character cut off at its end, holds at least two Japanese characters,
// or one once a line before was UTF-8, and more of them than other
// characters outside ASCII.
func (g *guard) utf8Japanese(b []byte) bool {
	line := b
	i := firstHigh(line)
	if i < 0 || line[i] < 0xC2 || line[i] > 0xF4 {
		// ASCII, or a byte no UTF-8 character starts with: CP932's kana
		// and most of its kanji start so.
		return false
	}
	jp, other := 0, 0
	for i < len(line) {
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && size == 1 {
			if utf8.FullRune(line[i:]) {
				return false
			}
			break // a character cut off at the end
		}
		if japaneseText(r) {
			jp++
		} else {
			other++
		}
		i += size
	}
	return jp > other && (jp >= 2 || g.seen && jp >= 1)
}

// firstHigh returns the index of the first byte of b above 0x7F, or -1,
// eight bytes at a time.
func firstHigh(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// japaneseText reports whether r is of the blocks Japanese text is written in:
// CJK punctuation, kana, the common kanji and the full-width forms. CP932
// bytes that happen to be valid UTF-8 decode mostly to other blocks
// (Latin-1 letters, rare CJK extensions, private use).
func japaneseText(r rune) bool {
	return r >= 0x3000 && r <= 0x30FF || r >= 0x4E00 && r <= 0x9FFF || r >= 0xFF01 && r <= 0xFF9F
}

// pass copies a line found to be UTF-8, writing ForeignMark before its
// first non-ASCII byte.
func (g *guard) pass(dst, src []byte) (nDst, nSrc int, err error) {
	if !g.marked {
		i := 0
		for i < len(src) && src[i] < utf8.RuneSelf {
			i++
		}
		if i < len(src) {
			if len(dst) < i+len(ForeignMark) {
				n := copy(dst, src[:min(i, len(dst))])
				return n, n, transform.ErrShortDst
			}
			copy(dst, src[:i])
			copy(dst[i:], ForeignMark)
			g.marked = true
			d, s, err := g.pass(dst[i+len(ForeignMark):], src[i:])
			return i + len(ForeignMark) + d, i + s, err
		}
	}
	n := copy(dst, src)
	if n < len(src) {
		return n, n, transform.ErrShortDst
	}
	return n, n, nil
}
