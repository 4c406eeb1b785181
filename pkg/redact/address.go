package redact

import (
	"bytes"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/parse"
)

// cityEndsInCity are the cities whose own name ends in 市 before the
// "市" of the city: 四日市市, 廿日市市, 野々市市.
var cityEndsInCity = []string{"四日市", "廿日市", "野々市"}

// appendPrefecture appends the prefecture of a Japanese address, and with
// withCity its municipality (city, Tokyo ward, or district and town or
// village); ok is false when neither was found. A leading postal code
// (〒150-0001) and spaces are skipped. An address without a prefecture
// still gives its municipality with withCity.
//
// Japanese addresses run from the largest unit to the smallest, and a
// municipality's name ends in 市, 区, 町 or 村 (a town or village after its
// 郡). The first such character after the prefecture, not at the very start
// (市川市, 郡山市), usually ends it; a designated city keeps its 市 and drops
// the ward (横浜市中区 → 横浜市), and 郡 followed by a 市 was part of a city
// name (大和郡山市). This is a heuristic: it is right for ordinary
// addresses and finds nothing rather than guess.
//
// It runs once per row of a large file, so it works on the bytes in place.
func appendPrefecture(dst, v []byte, withCity bool) ([]byte, bool) {
	var scratch [addressHead]byte
	s := compactAddress(v, &scratch)
	pref := parse.Prefecture(s)
	city := 0
	if withCity {
		city = municipality(s[pref:])
	}
	if pref+city == 0 {
		return dst, false
	}
	dst = append(dst, s[:pref]...)
	return append(dst, s[pref:pref+city]...), true
}

// addressHead bounds how much of an address is looked at: the prefecture
// and municipality are at its start, and the longest (鹿児島県 and a
// district and town such as 虻田郡倶知安町) fit in 24 characters.
const addressHead = 24 * 3

// compactAddress returns the head of an address that can hold the
// prefecture and municipality: a leading postal code is skipped, the head
// ends at the first digit or comma (block numbers and building names come
// after the municipality), and spaces in it are dropped, into scratch when
// there are any.
func compactAddress(v []byte, scratch *[addressHead]byte) []byte {
	for len(v) > 0 {
		r, size := utf8.DecodeRune(v)
		if !(r == '〒' || r == '-' || r == '－' || isSpace(r) || isDigit(r)) {
			break
		}
		v = v[size:]
	}
	end, spaces := 0, false
	for end < len(v) && end < addressHead {
		r, size := utf8.DecodeRune(v[end:])
		if isDigit(r) || r == ',' || r == '、' || end+size > addressHead {
			break
		}
		spaces = spaces || isSpace(r)
		end += size
	}
	v = v[:end]
	if !spaces {
		return v
	}
	out := scratch[:0]
	for len(v) > 0 {
		r, size := utf8.DecodeRune(v)
		if !isSpace(r) {
			out = append(out, v[:size]...)
		}
		v = v[size:]
	}
	return out
}

func isSpace(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' }

// municipality returns the length in bytes of the municipality at the
// start of s, 0 if none is recognised.
func municipality(s []byte) int {
	end, r := firstOf(s, 1, "市区郡")
	if end < 0 {
		if end, _ = firstOf(s, 1, "町村"); end < 0 {
			return 0
		}
		return end + len("町")
	}
	switch r {
	case '郡':
		after := end + len("郡")
		if next, _ := firstOf(s[after:], 1, "市町村"); next >= 0 {
			end = after + next
		}
	case '市':
		after := end + len("市")
		if bytes.HasPrefix(s[after:], []byte("市")) && known(cityEndsInCity, string(s[:after])) {
			end = after
		}
	}
	return end + len("市") // every marker is three bytes in UTF-8
}

// firstOf returns the byte offset and the rune of the first rune of s that
// is one of set, skipping the first skip runes; -1 if there is none.
func firstOf(s []byte, skip int, set string) (int, rune) {
	for i, n := 0, 0; i < len(s); n++ {
		r, size := utf8.DecodeRune(s[i:])
		if n >= skip {
			for _, c := range set {
				if c == r {
					return i, r
				}
			}
		}
		i += size
	}
	return -1, 0
}
