package mailing

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Keys are compared in a normalised form; the values written out are never
// changed by it. A normaliser reuses its buffers, so each goroutine needs
// its own.
type normalizer struct {
	emailCaseSensitive bool
	nfkcBuf            []byte
	addrBuf            []byte
}

// nfkc returns b trimmed and in Unicode NFKC form (full-width letters and
// digits become ASCII, half-width katakana full-width). The result may alias
// b or the normaliser's buffer.
func (n *normalizer) nfkc(b []byte) []byte {
	b = bytes.TrimSpace(b)
	if stableNFKC(b) {
		return b
	}
	n.nfkcBuf = norm.NFKC.Append(n.nfkcBuf[:0], b...)
	return bytes.TrimSpace(n.nfkcBuf)
}

// stableNFKC reports, cheaply, that NFKC leaves b as it is: b is made only
// of characters that have no decomposition and compose with nothing —
// printable ASCII, hiragana, katakana with ー, 々, and the CJK ideographs
// of U+3400-U+9FFF — which is how most addresses, names and readings
// are written. Anything else (full-width forms, half-width katakana, the
// ideographic space, compatibility ideographs) takes the full NFKC.
func stableNFKC(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < utf8.RuneSelf:
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
		case c >= 0xE3 && c <= 0xE9 && i+2 < len(b):
			r, size := utf8.DecodeRune(b[i:])
			if !(r >= 0x3400 && r <= 0x9FFF || r >= 'ぁ' && r <= 'ゖ' || r >= 'ァ' && r <= 'ヺ' || r == 'ー' || r == '々') {
				return false
			}
			i += size
		default:
			return false
		}
	}
	return true
}

// emailKey appends the comparison form of an email address to dst: NFKC,
// the domain lower-cased and, unless emails are compared case-sensitively,
// the local part too. valid says whether the address has a valid syntax;
// only valid addresses merge duplicates, any non-empty one is suppressed.
func (n *normalizer) emailKey(dst, raw []byte) (key []byte, valid bool) {
	e := n.nfkc(raw)
	if len(e) == 0 {
		return dst, false
	}
	at := bytes.LastIndexByte(e, '@')
	start := len(dst)
	for i, c := range e {
		if 'A' <= c && c <= 'Z' && (i > at || !n.emailCaseSensitive) {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, ValidEmail(dst[start:])
}

// ValidEmail reports whether e is an email address a mail merge can send
// to: ASCII, one @, a dot-atom local part of at most 64 characters and a
// domain of at least two labels of letters, digits and hyphens whose last
// label is not all digits. Quoted local parts and IP-literal domains, legal
// but never seen in shop data, are refused.
func ValidEmail(e []byte) bool {
	at := bytes.IndexByte(e, '@')
	if at <= 0 || at > 64 || bytes.IndexByte(e[at+1:], '@') >= 0 || len(e)-at-1 > 253 {
		return false
	}
	return validLocal(e[:at]) && validDomain(e[at+1:])
}

const atext = "!#$%&'*+-/=?^_`{|}~"

func validLocal(l []byte) bool {
	if l[0] == '.' || l[len(l)-1] == '.' || bytes.Contains(l, []byte("..")) {
		return false
	}
	for _, c := range l {
		if !isAlnum(c) && c != '.' && bytes.IndexByte([]byte(atext), c) < 0 {
			return false
		}
	}
	return true
}

func validDomain(d []byte) bool {
	labels, last := 0, 0
	for i := 0; i <= len(d); i++ {
		if i < len(d) && d[i] != '.' {
			if !isAlnum(d[i]) && d[i] != '-' {
				return false
			}
			continue
		}
		l := d[last:i]
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		labels++
		if i == len(d) && allDigits(l) {
			return false
		}
		last = i + 1
	}
	return labels >= 2
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// phoneKey appends the comparison form of a phone number to dst: NFKC,
// digits only, and the Japanese country code +81 turned back into the
// trunk prefix 0 (+81 90-1234-5678, +81 (0)90 1234 5678 and 090-1234-5678
// are one number). Other international numbers keep a leading '+'.
func (n *normalizer) phoneKey(dst, raw []byte) []byte {
	p := n.nfkc(raw)
	if len(p) == 0 {
		return dst
	}
	start := len(dst)
	if p[0] == '+' {
		rest := p[1:]
		if bytes.HasPrefix(rest, []byte("81")) {
			dst = append(dst, '0')
			rest = rest[2:]
			// Skip separators and a trunk 0 written after the code, as in
			// "+81 (0)90": the 0 is already there.
			for len(rest) > 0 && (!isDigit(rest[0]) || rest[0] == '0') {
				rest = rest[1:]
			}
		} else {
			dst = append(dst, '+')
		}
		p = rest
	}
	for _, c := range p {
		if isDigit(c) {
			dst = append(dst, c)
		}
	}
	if len(dst)-start == 1 && (dst[start] == '+' || dst[start] == '0') {
		return dst[:start]
	}
	return dst
}

// usablePhone reports whether a phone key can merge duplicates: at least 10
// digits (every Japanese number has 10 or 11) and not one digit repeated,
// which is how placeholders such as 000-0000-0000 look.
func usablePhone(k []byte) bool {
	if len(k) < 10 {
		return false
	}
	for _, c := range k[1:] {
		if c != k[len(k)-1] {
			return true
		}
	}
	return false
}

// kanaKey appends the comparison form of a name reading: NFKC (half-width
// ｶﾀｶﾅ becomes full-width), hiragana as katakana, Latin letters in lower
// case, and no spaces or middle dots.
func (n *normalizer) kanaKey(dst, raw []byte) []byte {
	for _, r := range string(n.nfkc(raw)) {
		switch {
		case unicode.IsSpace(r) || r == '・':
			continue
		case 'ぁ' <= r && r <= 'ゖ':
			r += 'ァ' - 'ぁ'
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// postalCode returns the 7 digits of a Japanese postal code written as
// 1000001, 100-0001, 〒100-0001 or in full-width digits, and whether there
// were exactly 7 (and nothing else but a hyphen or spaces).
func (n *normalizer) postalCode(raw []byte) (d [7]byte, ok bool) {
	p := bytes.TrimSpace(bytes.TrimPrefix(n.nfkc(raw), []byte("〒")))
	k := 0
	for _, c := range p {
		switch {
		case isDigit(c) && k < 7:
			d[k] = c
			k++
		case c == '-' || c == ' ':
		default:
			return d, false
		}
	}
	return d, k == 7
}
