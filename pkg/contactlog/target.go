package contactlog

import (
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/usererr"
)

// Target checks that list, the value of --flag, names the one file a row
// is written to: not standard input, a comma list or a glob pattern. An
// empty list is the caller's to refuse (the flag is required).
func Target(list, flag string) (string, error) {
	if list == "-" || strings.ContainsAny(list, ",*?[") {
		return "", usererr.Usagef("--%s must name the one file to write to, not %q", flag, list)
	}
	return list, nil
}

// TimeLayout is how a recorded row writes when something happened.
const TimeLayout = "2006-01-02 15:04"

// At is --at as written into a file: 2026-11-22 10:15, or the day alone
// when at gives no time; now, to the minute, when at is empty.
func At(at string, now time.Time) (string, error) {
	if strings.TrimSpace(at) == "" {
		return now.Format(TimeLayout), nil
	}
	t, err := parse.Date(at)
	if err != nil {
		return "", usererr.Usagef("--at %q %v", at, err)
	}
	if !strings.Contains(at, ":") && !strings.Contains(at, "時") && !strings.Contains(at, "T") {
		return t.Format("2006-01-02"), nil // a day, without a time
	}
	return t.Format(TimeLayout), nil
}

// Given checks that each value was given (not blank): the first that is
// not is a usage error naming its flag. values are flag, value pairs.
func Given(values ...[2]string) error {
	for _, v := range values {
		if strings.TrimSpace(v[1]) == "" {
			return usererr.Usagef("--%s is required", v[0])
		}
	}
	return nil
}
