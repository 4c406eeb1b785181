package parse

import (
	"errors"
	"testing"
	"time"
)

func TestExcelSerial(t *testing.T) {
	day := func(y int, m time.Month, d, hh, mm, ss int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	}
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"45618", day(2024, 11, 22, 0, 0, 0)},
		{" 45618 ", day(2024, 11, 22, 0, 0, 0)},
		{"45618.", day(2024, 11, 22, 0, 0, 0)},
		{"45618.0", day(2024, 11, 22, 0, 0, 0)},
		{"45618.5", day(2024, 11, 22, 12, 0, 0)},
		{"45618.25", day(2024, 11, 22, 6, 0, 0)},
		{"45618.635416666664", day(2024, 11, 22, 15, 15, 0)}, // 15:15 as Excel stores it
		{"45618.99999999", day(2024, 11, 23, 0, 0, 0)},       // rounds to the next second: midnight
		{"61", day(1900, 3, 1, 0, 0, 0)},
		{"25569", day(1970, 1, 1, 0, 0, 0)},
		{"36526", day(2000, 1, 1, 0, 0, 0)},
		{"29146", day(1979, 10, 18, 0, 0, 0)},
		{"045618", day(2024, 11, 22, 0, 0, 0)},
		{"2958465", day(9999, 12, 31, 0, 0, 0)},
		{"2958465.5", day(9999, 12, 31, 12, 0, 0)},
	} {
		got, ok, err := ExcelSerial(c.in)
		if !ok || err != nil || !got.Equal(c.want) {
			t.Errorf("ExcelSerial(%q) = %v, %v, %v; want %v", c.in, got, ok, err, c.want)
		}
	}
}

func TestExcelSerialErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"60", "is not a date: 60 is Excel's serial day number of 1900-02-29, a day that did not exist; write the date as YYYY-MM-DD"},
		{"60.5", "is not a date: 60.5 is Excel's serial day number of 1900-02-29, a day that did not exist; write the date as YYYY-MM-DD"},
		{"59", "is not a date: 59 is an Excel serial day number before 1900-03-01, more likely a mistake than a date; write the date as YYYY-MM-DD"},
		{"1", "is not a date: 1 is an Excel serial day number before 1900-03-01, more likely a mistake than a date; write the date as YYYY-MM-DD"},
		{"0", "is not a date: 0 is not an Excel serial day number (they start at 1, 1900-01-01)"},
		{"0.5", "is not a date: 0.5 is not an Excel serial day number (they start at 1, 1900-01-01)"},
		{"-1", "is not a date: -1 is not an Excel serial day number (they start at 1, 1900-01-01)"},
		{"-45618", "is not a date: -45618 is not an Excel serial day number (they start at 1, 1900-01-01)"},
		{"2958466", "is not a date: 2958466 is past Excel's last serial day number, 2958465 (9999-12-31)"},
		{"99999999999999999999", "is not a date: 99999999999999999999 is past Excel's last serial day number, 2958465 (9999-12-31)"},
		{"2958465.9999999", "is not a date: 2958465.9999999 is past Excel's last serial day number, 2958465 (9999-12-31)"},
	} {
		_, ok, err := ExcelSerial(c.in)
		if !ok || err == nil || err.Error() != c.want || !errors.Is(err, ErrDate) {
			t.Errorf("ExcelSerial(%q) = %v, %v\n want %s", c.in, ok, err, c.want)
		}
	}
	// Not numbers: the caller keeps the date parser's error.
	for _, in := range []string{"", ".", "abc", "45618x", "45,618", "4.5.6", "1e5", "２０２４"} {
		if _, ok, err := ExcelSerial(in); ok || err != nil {
			t.Errorf("ExcelSerial(%q) = %v, %v; want not a number", in, ok, err)
		}
	}
}

// TestDateRefusesSerial: Date itself never reads a serial; the refusal
// names the setting that does, for a fraction too.
func TestDateRefusesSerial(t *testing.T) {
	for in, want := range map[string]string{
		"45618":   "is not a date: 45618 looks like an Excel serial day number (2024-11-22); format the column as a date in Excel before saving, write YYYY-MM-DD, or set dates: {excel_serial: true} in the config to read such numbers in date columns",
		"45618.5": "is not a date: 45618.5 looks like an Excel serial day number (2024-11-22); format the column as a date in Excel before saving, write YYYY-MM-DD, or set dates: {excel_serial: true} in the config to read such numbers in date columns",
	} {
		if _, err := Date(in); err == nil || err.Error() != want {
			t.Errorf("Date(%q) error = %v\n want %s", in, err, want)
		}
	}
}
