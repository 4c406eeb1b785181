package mailing

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/parse"
)

// addressKey appends the comparison form of an address (with its second
// line, if the file has one) to dst, so that the spellings of one address
// that shop files mix up compare equal:
//
//   - NFKC: full-width digits, letters and hyphens become ASCII;
//   - a leading prefecture is dropped (the postal code or the rest of the
//     address decides it, and half of all records leave it out), and so is
//     the same prefecture written twice over;
//   - hyphens and dashes of every kind (‐ ‑ ‒ – — ― − ー ─) are one
//     separator, and so are spaces;
//   - 丁目, 番地, 番, 号, 号室 and の after a number are separators, and a
//     number written in kanji before them (三丁目, 十二番地) is converted,
//     so 三丁目4番5号, 3丁目4-5 and ３－４－５ are all 3-4-5;
//   - a separator is kept only between two digits, where it tells 1-23
//     from 12-3; elsewhere it is dropped;
//   - Latin letters are lower-cased (A棟 and ａ棟).
//
// It returns dst unchanged when the address has no digit at all: without a
// block number an address cannot tell one household from another.
func (n *normalizer) addressKey(dst, addr, addr2 []byte) []byte {
	n.addrBuf = append(n.addrBuf[:0], n.nfkc(addr)...)
	if a2 := n.nfkc(addr2); len(a2) > 0 {
		n.addrBuf = append(append(n.addrBuf, ' '), a2...)
	}
	s := stripPrefecture(n.addrBuf)
	o := addrOut{dst: dst}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		if j, v, ok := kanjiNumber(s[i:]); ok {
			o.number(v)
			i += j
			continue
		}
		if m := markerLen(s[i:], o.lastDigit); m > 0 {
			o.pending = true
			i += m
			continue
		}
		i += size
		switch {
		case isDash(r) || unicode.IsSpace(r):
			o.pending = true
		case 'A' <= r && r <= 'Z':
			o.rune(r + 'a' - 'A')
		default:
			o.rune(r)
		}
	}
	if !o.hasDigit {
		return dst
	}
	return o.dst
}

// addrOut collects the normalised address: separators are held back until
// the next character shows whether they stand between two digits.
type addrOut struct {
	dst       []byte
	pending   bool // a separator was seen since the last character
	lastDigit bool // the last character written was a digit
	hasDigit  bool
}

func (o *addrOut) rune(r rune) {
	digit := '0' <= r && r <= '9'
	if o.pending && o.lastDigit && digit {
		o.dst = append(o.dst, '-')
	}
	o.pending = false
	o.dst = utf8.AppendRune(o.dst, r)
	o.lastDigit = digit
	o.hasDigit = o.hasDigit || digit
}

func (o *addrOut) number(v int) {
	for _, c := range []byte(strconv.Itoa(v)) {
		o.rune(rune(c))
	}
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', 'ー', '─', '━', '⁃':
		return true
	}
	return false
}

// markerLen returns the length of the block-number marker at the start of
// s (丁目, 番地, 番, 号室, 号, or の between two numbers), or 0. Markers
// count only after a number.
func markerLen(s []byte, afterNumber bool) int {
	if !afterNumber {
		return 0
	}
	for _, m := range []string{"丁目", "番地", "号室", "番", "号"} {
		if bytes.HasPrefix(s, []byte(m)) {
			return len(m)
		}
	}
	if bytes.HasPrefix(s, []byte("の")) && startsWithNumber(s[len("の"):]) {
		return len("の")
	}
	return 0
}

func startsWithNumber(s []byte) bool {
	if len(s) > 0 && isDigit(s[0]) {
		return true
	}
	r, _ := utf8.DecodeRune(s)
	return kanjiDigit(r) >= 0
}

// kanjiNumber reads a number written in kanji (三, 十二, 二十三, 百五) at the
// start of s, but only when a block-number marker follows it: 三丁目 is 3,
// while 三軒茶屋 and 一番町 are names and stay as they are. It returns the
// bytes read and the value.
func kanjiNumber(s []byte) (n, v int, ok bool) {
	total, cur := 0, 0
	for n < len(s) {
		r, size := utf8.DecodeRune(s[n:])
		if d := kanjiDigit(r); d >= 0 {
			cur = cur*10 + d
		} else if m := kanjiUnit(r); m > 0 {
			total += max(cur, 1) * m
			cur = 0
		} else {
			break
		}
		n += size
	}
	if n == 0 || markerLen(s[n:], true) == 0 || bytes.HasPrefix(s[n:], []byte("番町")) {
		return 0, 0, false
	}
	return n, total + cur, true
}

func kanjiDigit(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

func kanjiUnit(r rune) int {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return 0
}

// stripPrefecture drops a leading prefecture name and spaces around it,
// and the same name again when it is written twice (東京都東京都渋谷区), as
// schema.JoinAddress writes a split address's repeated prefecture once.
func stripPrefecture(s []byte) []byte {
	s = bytes.TrimSpace(s)
	n := parse.Prefecture(s)
	pref, rest := s[:n], bytes.TrimSpace(s[n:])
	if n > 0 && bytes.HasPrefix(rest, pref) {
		rest = bytes.TrimSpace(rest[n:])
	}
	return rest
}
