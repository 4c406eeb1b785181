// Package redact hides personal data, in two places of the data path.
//
// [Display] masks printed tables: enough of a value stays visible to tell
// rows apart at the counter (the first character of a name, the domain of an
// email, the last digits of a phone number), never enough to copy the data
// out.
//
// A [Policy] is what "custkit redact" applies to a CSV stream before it
// leaves the shop: drop a column, mask it, replace each value with a keyed
// pseudonym (HMAC-SHA-256, so that redacted files still join on it),
// generalise it (a birthday to an age band, a postal code to its area, an
// address to its prefecture) or replace it with a constant. [NewPlan] binds
// a policy to a file's header, finding columns by logical field or by name;
// [Run] streams the rows through it on all cores in constant memory.
package redact

import (
	"strings"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/schema"
)

// Display masks value for printing, according to the field it belongs to;
// an unknown field ("") keeps only its first character. Empty values stay
// empty, so that a missing value is still visible as missing. Digits are
// ASCII, full-width and kanji numerals alike (see isMaskDigit), so a phone
// number written in kanji keeps no more than one written in ASCII. A
// birthday or anniversary shows nothing of the date (see dateMask).
func Display(f schema.Field, value string) string {
	if value == "" {
		return ""
	}
	switch f {
	case schema.Email:
		at := strings.LastIndexByte(value, '@')
		if at <= 0 {
			return keepFirst(value, 1)
		}
		return keepFirst(value[:at], 1) + value[at:]
	case schema.Phone:
		return maskDigits(value, 4)
	case schema.Birthday, schema.Anniversary:
		if strings.TrimSpace(value) == "" {
			return value
		}
		return dateMask
	case schema.PostalCode:
		return keepDigits(value, 3)
	case schema.Address:
		return keepFirst(value, 3)
	}
	return keepFirst(value, 1)
}

// dateMask is how a birthday or an anniversary is printed, whatever its
// form: 1978-04-12, 昭和五十三年四月十二日, 令和元年5月1日, S53.4.12 and an
// Excel serial all print alike. Starring the digits alone would leave the
// era (and with 元年 the very year) and, in the number of digits, whether
// the month and day are below ten.
const dateMask = "****-**-**"

// keepFirst keeps the first n characters and stars the rest (at least one
// star, at most eight, so the length of a long value is not revealed).
func keepFirst(v string, n int) string {
	count := utf8.RuneCountInString(v)
	if count <= n {
		n = count - 1
	}
	var b strings.Builder
	i := 0
	for _, r := range v {
		if i >= n {
			break
		}
		b.WriteRune(r)
		i++
	}
	b.WriteString(strings.Repeat("*", min(max(count-n, 1), 8)))
	return b.String()
}

// maskDigits stars every digit (isMaskDigit) but the last keep ones; other
// characters (hyphens, slashes) stay, so the shape of the value remains
// readable.
func maskDigits(v string, keep int) string {
	total := 0
	for _, r := range v {
		if isMaskDigit(r) {
			total++
		}
	}
	seen := 0
	return strings.Map(func(r rune) rune {
		if !isMaskDigit(r) {
			return r
		}
		seen++
		if seen > total-keep {
			return r
		}
		return '*'
	}, v)
}

// keepDigits keeps the first keep digits (isMaskDigit) and stars the others.
func keepDigits(v string, keep int) string {
	seen := 0
	return strings.Map(func(r rune) rune {
		if !isMaskDigit(r) {
			return r
		}
		seen++
		if seen <= keep {
			return r
		}
		return '*'
	}, v)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// isMaskDigit reports whether r is a digit for masking: an ASCII or
// full-width digit, a kanji numeral (〇 and 零 to 九, 十, 百, 千) or ○, which
// is often typed for 〇. It is wider than isDigit, which reads addresses,
// where 三重県 and 四日市市 are names, not numbers.
func isMaskDigit(r rune) bool {
	return isDigit(r) || strings.ContainsRune("〇零一二三四五六七八九十百千○", r)
}
