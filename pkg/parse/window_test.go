package parse

import (
	"testing"
	"time"
)

// TestWindowCalendar pins the window arithmetic at month ends, leap days
// and year ends: --within counts whole days back from --as-of, and a month
// step that lands past the end of a month clamps to its last day.
func TestWindowCalendar(t *testing.T) {
	cases := []struct {
		within, asOf, until string
		from, to            string
	}{
		{"1mo", "2026-03-31", "", "2026-03-01", "2026-03-31"},  // 31 Mar - 1mo = 28 Feb
		{"1mo", "2024-03-31", "", "2024-03-01", "2024-03-31"},  // leap year: 29 Feb
		{"1mo", "2024-03-28", "", "2024-02-29", "2024-03-28"},  // 28 Feb + 1 day is the leap day
		{"1mo", "2026-05-31", "", "2026-05-01", "2026-05-31"},  // 30 April
		{"1mo", "2026-01-31", "", "2026-01-01", "2026-01-31"},  // 31 December, across the year end
		{"12mo", "2024-02-29", "", "2023-03-01", "2024-02-29"}, // from a leap day
		{"1y", "2025-02-28", "", "2024-02-29", "2025-02-28"},   // back into a leap year
		{"4y", "2028-02-29", "", "2024-03-01", "2028-02-29"},   // leap day to leap day
		{"30d", "2026-01-10", "", "2025-12-12", "2026-01-10"},  // straddles the year end
		{"1d", "2026-01-01", "", "2026-01-01", "2026-01-01"},   // one day is the as-of day
		{"90d", "2024-03-01", "", "2023-12-03", "2024-03-01"},  // counts the leap day
		{"1w", "2026-11-22", "2026-01-03", "2025-12-28", "2026-01-03"},
	}
	for _, c := range cases {
		p, err := ParsePeriod(c.within)
		if err != nil {
			t.Fatal(err)
		}
		asOf, _ := Date(c.asOf)
		w, err := NewWindow("", c.until, &p, asOf)
		if err != nil || FormatDate(w.Since) != c.from || FormatDate(w.Until) != c.to {
			t.Errorf("--within %s as of %s (until %q): got %s..%s %v, want %s..%s",
				c.within, c.asOf, c.until, FormatDate(w.Since), FormatDate(w.Until), err, c.from, c.to)
		}
	}
}

func TestWindowYearEndEdges(t *testing.T) {
	w, err := NewWindow("2025-12-15", "2026/01/15", nil, Today(mustDate(t, "2026-11-22")))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		at   string
		want bool
	}{
		{"2025-12-14 23:59:59", false},
		{"2025-12-15", true},
		{"2025-12-31 23:59", true},
		{"2026-01-01 00:00", true},
		{"2026-01-15 23:59:59", true},
		{"2026-01-16", false},
	} {
		if got := w.Contains(mustDate(t, c.at)); got != c.want {
			t.Errorf("Contains(%s) = %v, want %v", c.at, got, c.want)
		}
	}
	open, _ := NewWindow("", "2024-02-29", nil, mustDate(t, "2026-11-22"))
	if !open.Contains(mustDate(t, "1999-01-01")) || !open.Contains(mustDate(t, "2024-02-29 12:00")) || open.Contains(mustDate(t, "2024-03-01")) {
		t.Error("an open start takes every earlier day, up to the end of --until")
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := Date(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// An empty window is refused, naming the flags and values that make it so.
func TestWindowEmpty(t *testing.T) {
	asOf := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		since, until string
		within       *Period
		want         string
	}{
		{"", "", &Period{}, "--within 0d is an empty window: give a period of a day or more (7d, 1mo)"},
		{"", "2026-01-01", &Period{}, "--within 0d is an empty window: give a period of a day or more (7d, 1mo)"},
		{"2026-02-01", "2026-01-01", nil, `--since "2026-02-01" is after --until "2026-01-01": the window is empty`},
	} {
		_, err := NewWindow(tt.since, tt.until, tt.within, asOf)
		if err == nil || err.Error() != tt.want {
			t.Errorf("NewWindow(%q, %q, %v): %v, want %q", tt.since, tt.until, tt.within, err, tt.want)
		}
	}
	if _, err := NewWindow("2026-01-01", "2026-01-01", nil, asOf); err != nil {
		t.Errorf("a window of one day: %v", err)
	}
}
