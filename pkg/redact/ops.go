package redact

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"hash"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/parse"
)

// appendMask appends v with all but the first and last characters replaced
// by char, one for one. At least one character is always masked: when the
// kept characters would cover the whole value, fewer are kept (the end
// first). With email set, only the part before the last '@' is masked and
// the domain is kept.
func appendMask(dst, v []byte, first, last int, char rune, email bool) []byte {
	var domain []byte
	if email {
		if at := bytes.LastIndexByte(v, '@'); at > 0 {
			v, domain = v[:at], v[at:]
		}
	}
	n := utf8.RuneCount(v)
	for first+last >= n && last > 0 {
		last--
	}
	for first+last >= n && first > 0 {
		first--
	}
	head := 0
	for i := 0; i < first; i++ {
		_, size := utf8.DecodeRune(v[head:])
		head += size
	}
	tail := len(v)
	for i := 0; i < last; i++ {
		_, size := utf8.DecodeLastRune(v[:tail])
		tail -= size
	}
	dst = append(dst, v[:head]...)
	for i := first; i < n-last; i++ {
		if char < utf8.RuneSelf {
			dst = append(dst, byte(char))
		} else {
			dst = utf8.AppendRune(dst, char)
		}
	}
	dst = append(dst, v[tail:]...)
	return append(dst, domain...)
}

// tokenEncoding writes pseudonyms in lower-case base32: letters and digits
// only, so a token is never mistaken for a number or a formula.
var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// tokenBytes is how much of the HMAC a token keeps: 80 bits, 16 characters.
// Two different values of a million customers share a token with a
// probability below one in a trillion.
const tokenBytes = 10

// TokenLen is the length of a pseudonym.
const TokenLen = (tokenBytes*8 + 4) / 5

// appendToken appends the keyed pseudonym of v: HMAC-SHA-256 under the key
// mac was made with, shortened. mac is reset first; sum is scratch space.
func appendToken(dst []byte, mac hash.Hash, sum, v []byte) []byte {
	mac.Reset()
	mac.Write(v)
	sum = mac.Sum(sum[:0])
	n := len(dst)
	dst = append(dst, make([]byte, TokenLen)...)
	tokenEncoding.Encode(dst[n:], sum[:tokenBytes])
	return dst
}

// Token returns the pseudonym of value under key, as the hash operation
// writes it. It is the same in every file and every run with the same key.
func Token(key []byte, value string) string {
	mac := hmac.New(sha256.New, key)
	return string(appendToken(nil, mac, nil, []byte(value)))
}

// IsToken reports whether s has the form of a pseudonym: TokenLen
// characters of the token alphabet. It cannot tell a pseudonym from an id
// that happens to look like one; the purge uses it, with other signs, to
// recognise a customer it already anonymised.
func IsToken(s string) bool {
	if len(s) != TokenLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

// errBirthdayAfterAsOf is the one problem an age band can have beyond a
// malformed date.
var errBirthdayAfterAsOf = errors.New("is after the --as-of date, so it has no age")

// appendYear appends the year of a date; serial reads an Excel serial day
// number as a date (parse.DateOrSerial).
func appendYear(dst, v []byte, serial bool) ([]byte, error) {
	t, err := parse.DateOrSerial(bytes.TrimSpace(v), serial)
	if err != nil {
		return dst, err
	}
	return strconv.AppendInt(dst, int64(t.Year()), 10), nil
}

// appendAgeBand appends the ten-year age band ("40-49") of someone born on
// the date v, as of asOf; serial as for appendYear.
func appendAgeBand(dst, v []byte, asOf time.Time, serial bool) ([]byte, error) {
	born, err := parse.DateOrSerial(bytes.TrimSpace(v), serial)
	if err != nil {
		return dst, err
	}
	by, bm, bd := born.Date()
	ay, am, ad := asOf.Date()
	age := ay - by
	if am < bm || am == bm && ad < bd {
		age--
	}
	if age < 0 {
		return dst, errBirthdayAfterAsOf
	}
	lo := age / 10 * 10
	dst = strconv.AppendInt(dst, int64(lo), 10)
	dst = append(dst, '-')
	return strconv.AppendInt(dst, int64(lo+9), 10), nil
}

// appendPostal3 appends the first three digits of a postal code (full-width
// digits are folded); ok is false when it has fewer than three.
func appendPostal3(dst, v []byte) ([]byte, bool) {
	var digits [3]byte
	n := 0
	for len(v) > 0 && n < 3 {
		r, size := utf8.DecodeRune(v)
		v = v[size:]
		switch {
		case r >= '0' && r <= '9':
			digits[n] = byte(r)
			n++
		case r >= '０' && r <= '９':
			digits[n] = byte(r - '０' + '0')
			n++
		}
	}
	if n < 3 {
		return dst, false
	}
	return append(dst, digits[:]...), true
}
