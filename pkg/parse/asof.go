package parse

import (
	"time"

	"github.com/custkit/custkit/pkg/usererr"
)

// AsOf is the day --as-of names (asOf), or today by now when it is empty:
// the day a run counts from. A date it cannot read is a usage error that
// names the flag. now is called only for today.
func AsOf(asOf string, now func() time.Time) (time.Time, error) {
	if asOf == "" {
		return Today(now()), nil
	}
	t, err := Date(asOf)
	if err != nil {
		return t, usererr.Usagef("--as-of %q %v", asOf, err)
	}
	return t, nil
}

// SelectWindow is the window of --since, --until and --within (nil when
// not given), counted back from --as-of (see [AsOf] and [NewWindow]), and
// the --as-of day; its mistakes are usage errors.
func SelectWindow(since, until string, within *Period, asOf string, now func() time.Time) (Window, time.Time, error) {
	day, err := AsOf(asOf, now)
	if err != nil {
		return Window{}, day, err
	}
	win, err := NewWindow(since, until, within, day)
	if err != nil {
		return win, day, usererr.Usage(err)
	}
	return win, day, nil
}
