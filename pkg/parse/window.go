package parse

import (
	"fmt"
	"time"
)

// Window is a range of days, both ends included; a zero end is open. It is
// what --since, --until and --within select.
type Window struct {
	Since time.Time // first day included; zero = no lower bound
	Until time.Time // last day included; zero = no upper bound
}

// NewWindow builds the window of --since, --until and --within. within
// counts back from asOf: "--within 30d" as of 2026-11-22 is 2026-10-24
// through 2026-11-22, thirty days; "--within 12mo" is 2025-11-23 through
// 2026-11-22. --within with --since is a contradiction and an error;
// --within sets Until to asOf unless --until is given.
func NewWindow(since, until string, within *Period, asOf time.Time) (Window, error) {
	var w Window
	var err error
	if since != "" {
		if w.Since, err = Date(since); err != nil {
			return w, fmt.Errorf("--since %q %v", since, err)
		}
	}
	if until != "" {
		if w.Until, err = Date(until); err != nil {
			return w, fmt.Errorf("--until %q %v", until, err)
		}
	}
	if within != nil {
		if within.IsZero() {
			return w, fmt.Errorf("--within %s is an empty window: give a period of a day or more (7d, 1mo)", within)
		}
		if since != "" {
			return w, fmt.Errorf("--within and --since both set the start of the window; use one")
		}
		end := asOf
		if until != "" {
			end = w.Until
		}
		w.Since = day(within.Before(day(end))).AddDate(0, 0, 1)
		w.Until = day(end)
	}
	w.Since, w.Until = day(w.Since), day(w.Until)
	if !w.Since.IsZero() && !w.Until.IsZero() && w.Until.Before(w.Since) {
		if within == nil {
			return w, fmt.Errorf("--since %q is after --until %q: the window is empty", since, until)
		}
		return w, fmt.Errorf("the window ends (%s) before it starts (%s)", FormatDate(w.Until), FormatDate(w.Since))
	}
	return w, nil
}

// Contains reports whether t falls on a day of the window.
func (w Window) Contains(t time.Time) bool {
	if !w.Since.IsZero() && t.Before(w.Since) {
		return false
	}
	// Until is a midnight in UTC, where every day has 24 hours: Add is
	// AddDate(0, 0, 1) without its calendar arithmetic, on every line.
	if !w.Until.IsZero() && !t.Before(w.Until.Add(24*time.Hour)) {
		return false
	}
	return true
}

// IsZero reports whether the window has no bounds.
func (w Window) IsZero() bool { return w.Since.IsZero() && w.Until.IsZero() }

// day truncates t to its date.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
