package parse

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is a calendar length such as 30 days, 12 months or 5 years, as
// written after --within, --expires and in retention rules. Months and years
// are calendar units: 1mo back from 31 March is 28 or 29 February.
type Period struct {
	Years, Months, Days int
}

// ParsePeriod reads 30d, 2w, 12mo, 5y and sums of them such as 1y6mo.
// Units: d (days), w (weeks), mo or m (months), y (years).
func ParsePeriod(s string) (Period, error) {
	var p Period
	rest := strings.ToLower(strings.TrimSpace(s))
	if rest == "" {
		return p, fmt.Errorf("empty period (use a number and a unit: 30d, 12mo, 5y)")
	}
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 {
			return p, fmt.Errorf("period %q: expected a number at %q (use 30d, 12mo, 5y)", s, rest)
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil {
			return p, fmt.Errorf("period %q: %v", s, err)
		}
		rest = rest[i:]
		j := 0
		for j < len(rest) && rest[j] >= 'a' && rest[j] <= 'z' {
			j++
		}
		switch rest[:j] {
		case "d", "day", "days":
			p.Days += n
		case "w", "week", "weeks":
			p.Days += 7 * n
		case "m", "mo", "month", "months":
			p.Months += n
		case "y", "yr", "year", "years":
			p.Years += n
		default:
			return p, fmt.Errorf("period %q: unknown unit %q (use d, w, mo or y)", s, rest[:j])
		}
		rest = rest[j:]
	}
	return p, nil
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
