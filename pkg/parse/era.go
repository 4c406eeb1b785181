package parse

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// DateError is a date error that says what exactly is wrong: an era date
// that does not exist, a weekday that is not the date's, a year that is
// ambiguous. It unwraps to [ErrDate].
type DateError struct {
	Reason string // follows "is not a date: "
}

func (e *DateError) Error() string { return "is not a date: " + e.Reason }

// Unwrap returns ErrDate.
func (e *DateError) Unwrap() error { return ErrDate }

func dateErrorf(format string, args ...any) error {
	return &DateError{Reason: fmt.Sprintf(format, args...)}
}

// era is one of the Japanese eras of the Gregorian calendar's time in
// Japan, with its first and last days.
type era struct {
	name        string // 令和
	letter      byte   // R
	first, last civil  // last is the zero civil for the current era
}

// civil is a day of the Gregorian calendar.
type civil struct{ y, m, d int }

func (c civil) before(o civil) bool {
	if c.y != o.y {
		return c.y < o.y
	}
	if c.m != o.m {
		return c.m < o.m
	}
	return c.d < o.d
}

func (c civil) String() string { return fmt.Sprintf("%04d-%02d-%02d", c.y, c.m, c.d) }

// eras, newest first. Japan took the Gregorian calendar on 明治6年1月1日
// (1873-01-01); earlier 明治 dates are of the lunisolar calendar and are
// refused rather than converted wrong.
var eras = []era{
	{"令和", 'R', civil{2019, 5, 1}, civil{}},
	{"平成", 'H', civil{1989, 1, 8}, civil{2019, 4, 30}},
	{"昭和", 'S', civil{1926, 12, 25}, civil{1989, 1, 7}},
	{"大正", 'T', civil{1912, 7, 30}, civil{1926, 12, 24}},
	{"明治", 'M', civil{1868, 10, 23}, civil{1912, 7, 29}},
}

// gregorianStart is the first day of the Gregorian calendar in Japan.
var gregorianStart = civil{1873, 1, 1}

// eraOf returns the era a Gregorian day falls in.
func eraOf(c civil) (era, bool) {
	for _, e := range eras {
		if !c.before(e.first) {
			return e, true
		}
	}
	return era{}, false
}

// japanese writes c as 令和元年5月1日.
func japanese(c civil) string {
	e, ok := eraOf(c)
	if !ok {
		return c.String()
	}
	n := c.y - e.first.y + 1
	y := strconv.Itoa(n)
	if n == 1 {
		y = "元"
	}
	return fmt.Sprintf("%s%s年%d月%d日", e.name, y, c.m, c.d)
}

// cutEra reads an era date at the start of s (NFKC-folded): 令和6年11月22日,
// 令和元年5月1日, R6.11.22, H31/4/30, S53-4-12, R6年11月22日. It returns the
// date as YYYY-MM-DD followed by what came after it. ok is false when s
// does not start with an era; err is set when it does but the date does
// not exist.
func cutEra(s string) (iso string, ok bool, err error) {
	var e era
	rest := ""
	for _, x := range eras {
		if strings.HasPrefix(s, x.name) {
			e, rest = x, s[len(x.name):]
			break
		}
		if len(s) > 1 && (s[0] == x.letter || s[0] == x.letter+'a'-'A') && (isDigit(s[1]) || strings.HasPrefix(s[1:], "元")) {
			e, rest = x, s[1:]
			break
		}
	}
	if e.name == "" {
		return "", false, nil
	}
	p := scanner{b: []byte(rest)}
	var n int
	if strings.HasPrefix(rest, "元") {
		n, p.i = 1, len("元")
	} else {
		var okd bool
		if n, okd = p.digits(1, 2); !okd {
			return "", true, ErrDate
		}
	}
	kanji := strings.HasPrefix(rest[p.i:], "年")
	var sep byte
	switch {
	case kanji:
		p.i += len("年")
	case p.more() && (p.peek() == '.' || p.peek() == '/' || p.peek() == '-'):
		sep = p.next()
	default:
		return "", true, ErrDate
	}
	m, okm := p.digits(1, 2)
	if !okm {
		return "", true, ErrDate
	}
	if kanji {
		if !strings.HasPrefix(rest[p.i:], "月") {
			return "", true, ErrDate
		}
		p.i += len("月")
	} else if !p.skip(sep) {
		return "", true, ErrDate
	}
	d, okd := p.digits(1, 2)
	if !okd {
		return "", true, ErrDate
	}
	if kanji {
		if !strings.HasPrefix(rest[p.i:], "日") {
			return "", true, ErrDate
		}
		p.i += len("日")
	}
	if n == 0 {
		return "", true, dateErrorf("%s0年 does not exist: the first year of an era is 元年", e.name)
	}
	c := civil{e.first.y + n - 1, m, d}
	if e.last != (civil{}) && c.y > e.last.y {
		return "", true, dateErrorf("%s%d年 does not exist: %s ended on %s (%s)", e.name, n, e.name, japanese(e.last), e.last)
	}
	if !validDay(c.y, m, d) {
		return "", true, ErrDate
	}
	ny := strconv.Itoa(n)
	if n == 1 {
		ny = "元"
	}
	written := fmt.Sprintf("%s%s年%d月%d日", e.name, ny, m, d)
	if c.before(e.first) {
		if c.before(gregorianStart) {
			return "", true, dateErrorf("%s is before 1873, when Japan took the Western calendar; write the Western date (YYYY-MM-DD)", written)
		}
		return "", true, dateErrorf("%s is before %s began on %s; that day is %s", written, e.name, e.first, japanese(c))
	}
	if e.last != (civil{}) && e.last.before(c) {
		return "", true, dateErrorf("%s is after %s ended on %s; that day is %s", written, e.name, e.last, japanese(c))
	}
	if c.before(gregorianStart) {
		return "", true, dateErrorf("%s is before 1873, when Japan took the Western calendar; write the Western date (YYYY-MM-DD)", written)
	}
	return c.String() + " " + rest[p.i:], true, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// weekdays are the names a weekday in brackets may have, Japanese and
// English, in the order of time.Weekday.
var weekdays = [7][]string{
	{"日", "sun", "sunday"},
	{"月", "mon", "monday"},
	{"火", "tue", "tues", "tuesday"},
	{"水", "wed", "wednesday"},
	{"木", "thu", "thur", "thurs", "thursday"},
	{"金", "fri", "friday"},
	{"土", "sat", "saturday"},
}

// weekdayOf names a weekday: 金, 金曜, 金曜日, Fri, Friday.
func weekdayOf(s string) (time.Weekday, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "日"), "曜")
	if s == "" {
		s = "日" // 日曜日 lost both of its 日 above
	}
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	for d, names := range weekdays {
		for _, n := range names {
			if s == n {
				return time.Weekday(d), true
			}
		}
	}
	return 0, false
}

// cutWeekday removes a weekday in brackets that follows the date part:
// 2024/11/22(金), 2024年11月22日(金) 10:15. It returns the text without it,
// the weekday and the bracket's text as written.
func cutWeekday(s string) (out string, wd time.Weekday, written string, ok bool) {
	open := strings.IndexByte(s, '(')
	if open <= 0 {
		return s, 0, "", false
	}
	end := strings.IndexByte(s[open:], ')')
	if end < 0 {
		return s, 0, "", false
	}
	written = s[open+1 : open+end]
	wd, ok = weekdayOf(written)
	if !ok {
		return s, 0, "", false
	}
	before, after := strings.TrimSpace(s[:open]), strings.TrimSpace(s[open+end+1:])
	if after == "" {
		return before, wd, written, true
	}
	return before + " " + after, wd, written, true
}

// cutMeridiem removes a 午前/午後 or AM/PM mark from a date-time and says
// which it was: 午後3:15, 午後 3時15分, 3:15 PM, PM 3:15.
func cutMeridiem(s string) (out string, mark string, pm bool) {
	for _, m := range []string{"午前", "午後"} {
		if i := strings.Index(s, m); i >= 0 {
			return s[:i] + " " + s[i+len(m):], m, m == "午後"
		}
	}
	f := strings.Fields(s)
	for i, w := range f {
		switch u := strings.ToUpper(strings.ReplaceAll(w, ".", "")); u {
		case "AM", "PM":
			return strings.Join(append(f[:i:i], f[i+1:]...), " "), u, u == "PM"
		}
	}
	return s, "", false
}

// meridiem turns a 12-hour clock into the 24-hour one. Excel writes
// 午前0:15 and 午後0:15 for the first quarter hours of the day and of the
// afternoon, and 12:15 AM / 12:15 PM in English; 午前12時 is read both ways
// in Japan and is refused.
func meridiem(t time.Time, mark string, pm bool) (time.Time, error) {
	h := t.Hour()
	switch {
	case mark == "AM" || mark == "PM":
		if h < 1 || h > 12 {
			return t, dateErrorf("%d o'clock is not a time of a 12-hour clock (1 to 12 %s); write the 24-hour time", h, mark)
		}
		if h == 12 {
			h = 0
		}
	case h > 11:
		return t, dateErrorf("%s%d時 is not a time of a 12-hour clock (%s takes 0 to 11); write the 24-hour time", mark, h, mark)
	}
	if pm {
		h += 12
	}
	return t.Add(time.Duration(h-t.Hour()) * time.Hour), nil
}

// diagnose explains why s (NFKC-folded, the date part not read) is not a
// date when it is a known mistake: a two-digit year, the year last, an
// Excel serial day number, a year of fewer than four digits. It returns
// ErrDate otherwise.
func diagnose(s string) error {
	// The date part alone: the first field.
	f := s
	if i := strings.IndexAny(f, " T"); i > 0 {
		f = f[:i]
	}
	var parts []string
	for _, sep := range []string{"/", "-", "."} {
		if strings.Count(f, sep) == 2 {
			parts = strings.Split(f, sep)
			break
		}
	}
	if len(parts) == 3 && allDigits(parts[0]) && allDigits(parts[1]) && allDigits(parts[2]) {
		a, b, c := parts[0], parts[1], parts[2]
		switch {
		case len(a) <= 2 && len(b) <= 2 && len(c) <= 2:
			return dateErrorf("a two-digit year is ambiguous; write the year in full (YYYY-MM-DD) or with its era (R6.11.22)")
		case len(a) <= 2 && len(b) <= 2 && len(c) == 4:
			x, _ := strconv.Atoi(a)
			y, _ := strconv.Atoi(b)
			switch {
			case x <= 12 && y > 12 && validDay(atoi(c), x, y):
				return dateErrorf("the year comes last (month/day/year); write the year first: %s-%02d-%02d", c, x, y)
			case x > 12 && y <= 12 && validDay(atoi(c), y, x):
				return dateErrorf("the year comes last (day/month/year); write the year first: %s-%02d-%02d", c, y, x)
			}
			return dateErrorf("the year comes last, and which of %s and %s is the month is a guess; write YYYY-MM-DD", a, b)
		case (len(a) < 4 || len(a) == 4 && atoi(a) < 1000) && len(b) <= 2 && len(c) <= 2:
			return dateErrorf("the year %s is written short; write all four digits (YYYY-MM-DD)", a)
		}
	}
	if whole, frac, _ := strings.Cut(s, "."); len(whole) == 5 && allDigits(whole) && (frac == "" || allDigits(frac)) {
		t := serialEpoch.AddDate(0, 0, atoi(whole))
		return dateErrorf("%s looks like an Excel serial day number (%s); format the column as a date in Excel before saving, write YYYY-MM-DD, or set %s in the config to read such numbers in date columns", s, FormatDate(t), SerialSetting)
	}
	return ErrDate
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// TimeOfDay parses a time of day written alone, as registers that put the
// date and the time in two columns write it: 15:15, 15:15:30, 15時15分,
// 午後3:15, 午後3時15分, 3:15 PM, 151530 (hhmmss), in full-width characters too. It returns
// the time since midnight, to add to the date of the other column.
func TimeOfDay(s string) (time.Duration, error) {
	// Read as the time of a date, so that every spelling Date takes after
	// a date is taken here, with the same checks and messages.
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(norm.NFKC.String(s), "()") {
		return 0, ErrTime // nothing, or a weekday with no date
	}
	// hhmmss in six digits, as MakeShop's order export writes 注文時間
	// (103309 is 10:33:09): only in a column of its own, where six
	// digits can be nothing else.
	if n := norm.NFKC.String(s); len(n) == 6 && allDigits(n) {
		s = n[0:2] + ":" + n[2:4] + ":" + n[4:6]
	}
	t, err := Date("2000-01-03 " + s)
	if err != nil {
		if de, ok := err.(*DateError); ok {
			return 0, &TimeError{Reason: de.Reason}
		}
		return 0, ErrTime
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
		time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond()), nil
}

// ErrTime is wrapped by every error of [TimeOfDay].
var ErrTime = errors.New("is not a time of day (use 15:15, 15:15:30, 15時15分 or 午後3:15)")

// TimeError is a [TimeOfDay] error that says what exactly is wrong. It
// unwraps to [ErrTime].
type TimeError struct {
	Reason string // follows "is not a time of day: "
}

func (e *TimeError) Error() string { return "is not a time of day: " + e.Reason }

// Unwrap returns ErrTime.
func (e *TimeError) Unwrap() error { return ErrTime }
