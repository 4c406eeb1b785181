// Package parse turns cell text into typed values: dates and date-times as
// shops write them, amounts with yen signs, thousands separators and
// full-width digits, and periods such as "12mo" or "30d".
//
// Parsers return plain errors that say what is wrong with the value; the
// caller wraps them in a [rows.Error] that adds file, line and column.
package parse

import (
	"errors"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// ErrDate is wrapped by every date error.
var ErrDate = errors.New("is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)")

// Date parses the date and date-time spellings of shop exports:
// 2026-11-22, 2026/11/22, 2026/1/2, 20261122, 2026年11月22日, each optionally
// followed (after a space or 'T') by 10:15, 10:15:00 or 10:15:00.123 and a
// zone (Z, +09:00, or +0900 after a space), or by 10時15分, 午後3:15 or 3:15 PM. Japanese era dates
// are read too: 令和6年11月22日, 令和元年5月1日, R6.11.22, H31/4/30,
// S53-4-12, ㍻31年4月30日; an era date that did not exist (平成32年,
// 令和1年4月30日) is an error. A weekday in brackets after the date
// (2024/11/22(金)) must be the date's. Full-width characters are accepted.
// The result has no zone conversion: a time with an offset keeps its wall
// clock, in UTC, because shop files compare days, not instants.
//
// Years before 1000 are refused (a year written short), and so are the
// ambiguous 24/11/22 and 11/22/2024, with a [DateError] saying what to
// write instead.
func Date(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, ok := asciiDate([]byte(s)); ok {
		return t, nil
	}
	return slowDate(s)
}

// DateBytes is [Date] for a field as read, without a string conversion on the
// common ASCII path.
func DateBytes(b []byte) (time.Time, error) {
	if t, ok := asciiDate(b); ok {
		return t, nil
	}
	return Date(string(b))
}

// slowDate reads the spellings beyond the ASCII ones: full-width, kanji,
// eras, weekdays, 午前/午後.
func slowDate(s string) (time.Time, error) {
	// NFKC folds full-width letters and digits, （金） and the era
	// ligatures ㍻ and ㋿.
	s = strings.TrimSpace(norm.NFKC.String(s))
	s, wd, wdText, hasWd := cutWeekday(s)
	s, mark, pm := cutMeridiem(s)
	iso, isEra, err := cutEra(s)
	if err != nil {
		return time.Time{}, err
	}
	if isEra {
		s = iso
	}
	// 10時15分 has no seconds to separate; 22日10時 needs a space.
	s = strings.TrimSuffix(strings.TrimSpace(s), "分")
	s = strings.NewReplacer("年", "-", "月", "-", "日", " ", "時", ":", "分", ":", "秒", "").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	t, ok := asciiDate([]byte(s))
	if !ok {
		return time.Time{}, diagnose(s)
	}
	if mark != "" {
		if !strings.Contains(s, " ") && !strings.Contains(s, "T") {
			return time.Time{}, dateErrorf("%s has no time after it", mark)
		}
		if t, err = meridiem(t, mark, pm); err != nil {
			return time.Time{}, err
		}
	}
	if hasWd && t.Weekday() != wd {
		return time.Time{}, dateErrorf("%s is a %s (%s), not %s", FormatDate(t), t.Weekday(), weekdays[t.Weekday()][0], wdText)
	}
	return t, nil
}

// asciiDate is the allocation-free parser behind every spelling.
func asciiDate(b []byte) (time.Time, bool) {
	p := scanner{b: b}
	day, ok := p.date()
	if !ok {
		return time.Time{}, false
	}
	return p.timeOfDay(day)
}

// date reads the date part, and returns its day as days since 1970-01-01.
func (p *scanner) date() (int64, bool) {
	y, ok := p.digits(4, 4)
	if !ok {
		return 0, false
	}
	var m, d int
	if p.more() && (p.peek() == '-' || p.peek() == '/' || p.peek() == '.') {
		sep := p.next()
		if m, ok = p.digits(1, 2); !ok || !p.skip(sep) {
			return 0, false
		}
		if d, ok = p.digits(1, 2); !ok {
			return 0, false
		}
	} else {
		// 20261122: the year already took four digits.
		if m, ok = p.digits(2, 2); !ok {
			return 0, false
		}
		if d, ok = p.digits(2, 2); !ok {
			return 0, false
		}
	}
	// Before 1000 the year was written short (0024-11-22), and 0001-01-01
	// would be the zero time, which callers take for no date.
	if y < 1000 || !validDay(y, m, d) {
		return 0, false
	}
	return daysFromCivil(y, m, d), true
}

// timeOfDay reads what follows the date part, if anything, and returns
// the time it makes on day.
func (p *scanner) timeOfDay(day int64) (time.Time, bool) {
	hh, mm, ss, ns := 0, 0, 0, 0
	if p.more() {
		if c := p.next(); c != ' ' && c != 'T' {
			return time.Time{}, false
		}
		for p.more() && p.peek() == ' ' {
			p.next()
		}
		var ok bool
		if hh, mm, ss, ns, ok = p.clock(); !ok {
			return time.Time{}, false
		}
	}
	return time.Unix(day*86400+int64(hh*3600+mm*60+ss), int64(ns)).UTC(), true
}

// DayCache parses dates as [DateBytes] does, remembering the date part of
// the last one: in a time-sorted file most dates share their day with the
// one before, and then only the time of day is read. It is not safe for
// concurrent use; the zero value is ready.
type DayCache struct {
	prefix []byte // the date part of the last date read
	day    int64
}

// Parse parses b.
func (c *DayCache) Parse(b []byte) (time.Time, error) {
	if n := len(c.prefix); n > 0 && len(b) >= n && string(b[:n]) == string(c.prefix) && (len(b) == n || b[n] == ' ' || b[n] == 'T') {
		p := scanner{b: b, i: n}
		if t, ok := p.timeOfDay(c.day); ok {
			return t, nil
		}
	} else {
		p := scanner{b: b}
		if day, ok := p.date(); ok {
			n := p.i
			if t, ok := p.timeOfDay(day); ok {
				c.prefix, c.day = append(c.prefix[:0], b[:n]...), day
				return t, nil
			}
		}
	}
	return DateBytes(b) // the other spellings, or the error
}

// daysFromCivil returns the days from 1970-01-01 to a valid date of the
// proleptic Gregorian calendar (H. Hinnant's algorithm); cheaper than
// time.Date, which also normalises out-of-range fields.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, m)
}

// daysIn is the length of month m of year y in the Gregorian calendar.
// Commands validate every date of a large file, so it is arithmetic rather
// than a round trip through time.Date.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

type scanner struct {
	b []byte
	i int
}

func (p *scanner) more() bool { return p.i < len(p.b) }
func (p *scanner) peek() byte { return p.b[p.i] }
func (p *scanner) next() byte { c := p.b[p.i]; p.i++; return c }

func (p *scanner) skip(c byte) bool {
	if p.more() && p.peek() == c {
		p.i++
		return true
	}
	return false
}

// digits reads between min and max decimal digits.
func (p *scanner) digits(min, max int) (int, bool) {
	n, v := 0, 0
	for n < max && p.more() && p.peek() >= '0' && p.peek() <= '9' {
		v = v*10 + int(p.next()-'0')
		n++
	}
	return v, n >= min
}

// clock reads hh:mm[:ss[.frac]][zone] to the end of the input.
func (p *scanner) clock() (hh, mm, ss, ns int, ok bool) {
	if hh, mm, ss, ok = p.plainClock(); ok {
		return hh, mm, ss, 0, hh <= 23 && mm <= 59 && ss <= 60
	}
	if hh, ok = p.digits(1, 2); !ok || !p.skip(':') {
		return 0, 0, 0, 0, false
	}
	if mm, ok = p.digits(2, 2); !ok {
		return 0, 0, 0, 0, false
	}
	if p.skip(':') {
		if ss, ok = p.digits(2, 2); !ok {
			return 0, 0, 0, 0, false
		}
		if p.skip('.') {
			start := p.i
			frac, _ := p.digits(1, 9)
			for k := p.i - start; k < 9; k++ {
				frac *= 10
			}
			ns = frac
		}
	}
	if hh > 23 || mm > 59 || ss > 60 {
		return 0, 0, 0, 0, false
	}
	return hh, mm, ss, ns, p.zone()
}

// plainClock reads the two spellings of nearly every time in a register
// export, hh:mm:ss and hh:mm, when they end the input; anything else is
// left to clock's general reading.
func (p *scanner) plainClock() (hh, mm, ss int, ok bool) {
	r := p.b[p.i:]
	if len(r) != 5 && (len(r) != 8 || r[5] != ':' || !twoDigits(r[6:])) || r[2] != ':' || !twoDigits(r) || !twoDigits(r[3:]) {
		return 0, 0, 0, false
	}
	hh, mm = int(r[0]-'0')*10+int(r[1]-'0'), int(r[3]-'0')*10+int(r[4]-'0')
	if len(r) == 8 {
		ss = int(r[6]-'0')*10 + int(r[7]-'0')
	}
	p.i = len(p.b)
	return hh, mm, ss, true
}

func twoDigits(b []byte) bool { return b[0]-'0' <= 9 && b[1]-'0' <= 9 }

// zone accepts Z, +09:00, +0900 or nothing, and must end the input. A
// numeric offset may follow the time after one space, as Shopify's order
// export writes it (2024-11-03 10:15:00 +0900).
func (p *scanner) zone() bool {
	if !p.more() {
		return true
	}
	if p.peek() == ' ' && p.i+1 < len(p.b) && (p.b[p.i+1] == '+' || p.b[p.i+1] == '-') {
		p.next()
	}
	switch p.next() {
	case 'Z':
	case '+', '-':
		if _, ok := p.digits(2, 2); !ok {
			return false
		}
		p.skip(':')
		if _, ok := p.digits(2, 2); !ok {
			return false
		}
	default:
		return false
	}
	return !p.more()
}

// FormatDate writes t as 2006-01-02, the form custkit prints dates in.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// FormatDateTime writes t as 2006-01-02 when it has no time of day and as
// 2006-01-02T15:04:05 otherwise.
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02T15:04:05")
}

// Today returns now's date at midnight UTC, the default --as-of.
func Today(now time.Time) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
