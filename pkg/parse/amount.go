package parse

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// ErrNumber is wrapped by every amount and number error.
var ErrNumber = errors.New("is not a number")

// Decimal is a fixed-point number with four decimal places, enough for yen
// amounts, prices in other currencies and fractional quantities, summed
// without the rounding drift of floats. Its range is about ±922 trillion.
type Decimal int64

// DecimalScale is the Decimal of 1.
const DecimalScale Decimal = 10000

// Amount parses an amount or quantity: 1200, 1,200, ¥1,200, ￥1,200,
// 1,200円, １２００, -300, △300 and ▲300 (Japanese accounting minus),
// (300), 300- (a trailing minus), and a minus after the yen sign as Excel
// writes negative yen: ¥-3,300, and \-3,300 (the yen sign of Shift_JIS
// is the backslash byte). One sign at most: --3, -¥-3 and (-3) are errors,
// as are 3,30,0 and (3,300. Empty text is an error; so is anything with
// more than four decimal places.
func Amount(s string) (Decimal, error) {
	if d, ok := asciiAmount([]byte(s)); ok {
		return d, nil
	}
	s = strings.TrimSpace(width.Fold.String(s))
	neg, signed := false, false
	for _, p := range []string{"-", "△", "▲", "−", "+"} {
		if strings.HasPrefix(s, p) {
			s, neg, signed = strings.TrimSpace(s[len(p):]), p != "+", true
			break
		}
	}
	if !signed && strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s, neg, signed = strings.TrimSpace(s[1:len(s)-1]), true, true
	}
	for _, c := range []string{"¥", "\\", "$"} { // \ is ¥ in CP932 fonts
		if strings.HasPrefix(s, c) {
			s = s[len(c):]
			// ¥-3,300: Excel's default negative yen.
			if !signed {
				for _, p := range []string{"-", "−"} {
					if strings.HasPrefix(s, p) {
						s, neg, signed = s[len(p):], true, true
						break
					}
				}
			}
			break
		}
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "円"))
	if !signed {
		for _, p := range []string{"-", "−"} {
			if strings.HasSuffix(s, p) {
				s, neg, signed = strings.TrimSpace(s[:len(s)-len(p)]), true, true
				break
			}
		}
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, ErrNumber
	}
	d, ok := asciiAmount([]byte(s))
	if !ok {
		return 0, ErrNumber
	}
	if neg {
		d = -d
	}
	return d, nil
}

// AmountBytes is [Amount] for a field as read, without a string conversion
// on the common ASCII path.
func AmountBytes(b []byte) (Decimal, error) {
	if d, ok := asciiAmount(b); ok {
		return d, nil
	}
	return Amount(string(b))
}

// maxWhole is the largest whole part a Decimal holds.
const maxWhole = math.MaxInt64 / int64(DecimalScale)

// asciiAmount parses [-]digits with optional thousands commas (in groups of
// three) and up to four decimals, with no allocation.
func asciiAmount(b []byte) (Decimal, bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	var v int64
	digits, group := 0, -1 // group counts digits since the last comma
	for ; i < len(b) && b[i] != '.'; i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			if v = v*10 + int64(c-'0'); v > maxWhole {
				return 0, false
			}
			digits++
			if group >= 0 {
				group++
			}
		case c == ',' && digits > 0 && (group < 0 && digits <= 3 || group == 3):
			group = 0
		default:
			return 0, false
		}
	}
	if digits == 0 || (group >= 0 && group != 3) {
		return 0, false
	}
	v *= int64(DecimalScale)
	if i < len(b) {
		i++ // the point
		scale, frac := int64(DecimalScale)/10, int64(0)
		if i == len(b) {
			return 0, false
		}
		for ; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' || scale == 0 {
				return 0, false
			}
			frac += int64(c-'0') * scale
			scale /= 10
		}
		if frac > math.MaxInt64-v {
			return 0, false
		}
		v += frac
	}
	if neg {
		v = -v
	}
	return Decimal(v), true
}

// String writes d without thousands separators and without trailing zero
// decimals: 1200, -3.5.
func (d Decimal) String() string {
	neg := d < 0
	u := uint64(d)
	if neg {
		u = uint64(-d)
	}
	whole, frac := u/uint64(DecimalScale), u%uint64(DecimalScale)
	s := strconv.FormatUint(whole, 10)
	if frac != 0 {
		f := strconv.FormatUint(frac+uint64(DecimalScale), 10)[1:]
		s += "." + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Int returns d rounded toward zero to a whole number.
func (d Decimal) Int() int64 { return int64(d / DecimalScale) }

// Float returns d as a float64, for ratios.
func (d Decimal) Float() float64 { return float64(d) / float64(DecimalScale) }
