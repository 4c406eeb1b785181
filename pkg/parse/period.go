package parse

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Period is a calendar length such as 30 days, 12 months or 5 years, as
// written after --within, --expires and in retention rules. Months and years
// are calendar units: 1mo back from 31 March is 28 or 29 February.
type Period struct {
	Years, Months, Days int
}

// MaxPeriod is the most days, months or years a period holds: more is a
// mistake (and would overflow the arithmetic of dates).
const MaxPeriod = 100000

// periodUnits are the units of a period written in letters, by what each
// adds; jaUnits those written in Japanese, as a shop writes them (30日,
// 2週間, 6ヶ月, 1年), each also with 間 after it (30日間, 6ヶ月間).
var (
	periodUnits = map[string]func(p *Period, n int){
		"d": addDays, "day": addDays, "days": addDays,
		"w": addWeeks, "week": addWeeks, "weeks": addWeeks,
		"m": addMonths, "mo": addMonths, "month": addMonths, "months": addMonths,
		"y": addYears, "yr": addYears, "year": addYears, "years": addYears,
	}
	jaUnits = []struct {
		unit string
		add  func(p *Period, n int)
	}{
		{"日", addDays}, {"週", addWeeks}, {"年", addYears},
		{"か月", addMonths}, {"ヶ月", addMonths}, {"ケ月", addMonths}, {"カ月", addMonths}, {"ヵ月", addMonths},
	}
)

func addDays(p *Period, n int)   { p.Days += n }
func addWeeks(p *Period, n int)  { p.Days += 7 * n }
func addMonths(p *Period, n int) { p.Months += n }
func addYears(p *Period, n int)  { p.Years += n }

// ParsePeriod reads 30d, 2w, 12mo, 5y and sums of them such as 1y6mo.
// Units: d (days), w (weeks), mo or m (months), y (years), or the words
// (6 months); in Japanese 日, 週 (週間), か月 (ヶ月, ケ月, カ月, ヵ月) and 年,
// with 間 after any of them (30日間). Spaces may stand between a number
// and its unit and between the parts (1 year 6 months), and digits may be
// full-width (６ヶ月). A number without a unit is an error that says
// how to write it.
func ParsePeriod(s string) (Period, error) {
	var p Period
	rest := strings.ToLower(strings.TrimSpace(norm.NFKC.String(s)))
	if rest == "" {
		return p, fmt.Errorf("empty period (use a number and a unit: 30d, 12mo, 5y)")
	}
	for first := true; rest != ""; first = false {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 {
			return p, fmt.Errorf("period %q: expected a number at %q (use 30d, 12mo, 5y)", s, rest)
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n > MaxPeriod {
			return p, tooLong(s)
		}
		digits := rest[:i]
		rest = strings.TrimLeftFunc(rest[i:], unicode.IsSpace)
		unit, add := cutUnit(rest)
		if add == nil {
			if unit == "" {
				return p, noUnit(s, digits, n, first && rest == "")
			}
			return p, fmt.Errorf("period %q: unknown unit %q (use d, w, mo or y)", s, unit)
		}
		add(&p, n)
		if p.Days > MaxPeriod || p.Months > MaxPeriod || p.Years > MaxPeriod {
			return p, tooLong(s)
		}
		rest = strings.TrimLeftFunc(rest[len(unit):], unicode.IsSpace)
	}
	return p, nil
}

// cutUnit returns the unit at the start of rest and what it adds; nil
// for a unit that is none of custkit's, and then unit is the word there
// ("" when rest is empty or starts with a digit).
func cutUnit(rest string) (unit string, add func(*Period, int)) {
	j := 0
	for j < len(rest) && rest[j] >= 'a' && rest[j] <= 'z' {
		j++
	}
	if j > 0 {
		return rest[:j], periodUnits[rest[:j]]
	}
	for _, u := range jaUnits {
		if strings.HasPrefix(rest, u.unit) {
			if strings.HasPrefix(rest[len(u.unit):], "間") {
				return u.unit + "間", u.add
			}
			return u.unit, u.add
		}
	}
	for j < len(rest) {
		r, size := utf8.DecodeRuneInString(rest[j:])
		if unicode.IsDigit(r) || unicode.IsSpace(r) {
			break
		}
		j += size
	}
	return rest[:j], nil
}

// noUnit is the error of a number n, written digits, without a unit in
// period s (alone: the number is the whole period): it says how to write
// about as long a time in each unit.
func noUnit(s, digits string, n int, alone bool) error {
	about := func(per float64) int {
		k := int(math.Round(float64(n) / per))
		if k == 0 && n > 0 {
			return 1
		}
		return k
	}
	write := fmt.Sprintf("write %dd, %dw, %dm or %dy", n, about(7), about(365.25/12), about(365.25))
	if alone {
		return fmt.Errorf("period %q has no unit: %s", s, write)
	}
	return fmt.Errorf("period %q: %q has no unit: %s", s, digits, write)
}

// tooLong is the error of a period s of more than MaxPeriod of a unit.
func tooLong(s string) error {
	return fmt.Errorf("period %q is too long: at most %d days, months or years", s, MaxPeriod)
}

// IsZero reports whether p is no time at all (0d).
func (p Period) IsZero() bool { return p == Period{} }

// String writes p in the form ParsePeriod reads.
func (p Period) String() string {
	var b strings.Builder
	if p.Years != 0 {
		fmt.Fprintf(&b, "%dy", p.Years)
	}
	if p.Months != 0 {
		fmt.Fprintf(&b, "%dmo", p.Months)
	}
	if p.Days != 0 || b.Len() == 0 {
		fmt.Fprintf(&b, "%dd", p.Days)
	}
	return b.String()
}

// Before returns the date p before t. A month step that lands past the end
// of a month clamps to its last day (31 March - 1mo = 28/29 February).
func (p Period) Before(t time.Time) time.Time {
	return addClamped(t, -p.Years, -p.Months).AddDate(0, 0, -p.Days)
}

// After returns the date p after t, clamping like Before.
func (p Period) After(t time.Time) time.Time {
	return addClamped(t, p.Years, p.Months).AddDate(0, 0, p.Days)
}

func addClamped(t time.Time, years, months int) time.Time {
	y, m, d := t.Date()
	total := int(m) - 1 + months + 12*years
	ny, nm := y+floorDiv(total, 12), time.Month(floorMod(total, 12)+1)
	last := time.Date(ny, nm+1, 0, 0, 0, 0, 0, t.Location()).Day()
	if d > last {
		d = last
	}
	return time.Date(ny, nm, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }
