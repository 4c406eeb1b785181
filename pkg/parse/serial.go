package parse

import (
	"strings"
	"time"
)

// Excel serial day numbers, in the 1900 date system of Excel for Windows
// (and of Excel for Mac since 2011): serial 1 is 1900-01-01, and 60 is the
// 1900-02-29 that Lotus 1-2-3 counted and Excel kept, a day that did not
// exist. From 61 (1900-03-01) on, serial n is n days after 1899-12-30.
const (
	// SerialMin is the first serial custkit reads: 1900-03-01. The
	// serials below it count from a different day than the ones after
	// the fictitious 1900-02-29, and a shop's dates are not that old, so
	// a small number there is more likely a mistake than a date.
	SerialMin = 61
	// SerialMax is Excel's last day, 9999-12-31.
	SerialMax = 2958465
)

// SerialSetting is the config setting that has date columns read Excel
// serial day numbers, as messages name it.
const SerialSetting = "dates: {excel_serial: true}"

// serialEpoch is serial 0 for the serials from 61 on.
var serialEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// DateOrSerial reads the cell of a column known to hold dates, as every
// command does: [DateBytes], and, when serial is set (the config's
// SerialSetting), an Excel serial day number where DateBytes finds no
// date ([SerialOr]).
func DateOrSerial(b []byte, serial bool) (time.Time, error) {
	t, err := DateBytes(b)
	if err == nil || !serial {
		return t, err
	}
	return SerialOr(string(b), err)
}

// SerialOr is the second reading of a date cell that [DateBytes] refused
// with err: the date of the Excel serial day number s, or why s is no
// serial custkit reads; err when s is no number at all.
func SerialOr(s string, err error) (time.Time, error) {
	t, ok, serr := ExcelSerial(s)
	if !ok {
		return time.Time{}, err
	}
	return t, serr
}

// ExcelSerial reads s as an Excel serial date: a day number, and after a
// decimal point the fraction of the day (45618.5 is 2024-11-22T12:00:00),
// rounded to the second. It is for columns known to hold dates, when the
// config says their numbers are serials; [Date] never reads them. ok is
// false when s is not a number at all, and the caller keeps its own error;
// a number that is no serial custkit reads (60, 0, a negative number, one
// before 1900-03-01 or after 9999-12-31) is a [DateError].
func ExcelSerial(s string) (t time.Time, ok bool, err error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if !allDigits(whole) || hasFrac && frac != "" && !allDigits(frac) {
		return time.Time{}, false, nil
	}
	whole = strings.TrimLeft(whole, "0")
	switch {
	case neg && strings.Trim(whole+frac, "0") != "":
		return time.Time{}, true, dateErrorf("%s is not an Excel serial day number (they start at 1, 1900-01-01)", s)
	case len(whole) > len("2958465") || atoi(whole) > SerialMax:
		return time.Time{}, true, dateErrorf("%s is past Excel's last serial day number, %d (9999-12-31)", s, SerialMax)
	}
	n := atoi(whole)
	switch {
	case n == 60:
		return time.Time{}, true, dateErrorf("%s is Excel's serial day number of 1900-02-29, a day that did not exist; write the date as YYYY-MM-DD", s)
	case n < 1:
		return time.Time{}, true, dateErrorf("%s is not an Excel serial day number (they start at 1, 1900-01-01)", s)
	case n < SerialMin:
		return time.Time{}, true, dateErrorf("%s is an Excel serial day number before 1900-03-01, more likely a mistake than a date; write the date as YYYY-MM-DD", s)
	}
	t = serialEpoch.AddDate(0, 0, n)
	if hasFrac {
		// The fraction of a day, to the second: read at most nine
		// digits, as exact decimals, then round.
		if len(frac) > 9 {
			frac = frac[:9]
		}
		num, den := int64(atoi(frac)), int64(1)
		for range frac {
			den *= 10
		}
		sec := (num*86400 + den/2) / den
		if n == SerialMax && sec == 86400 {
			return time.Time{}, true, dateErrorf("%s is past Excel's last serial day number, %d (9999-12-31)", s, SerialMax)
		}
		t = t.Add(time.Duration(sec) * time.Second)
	}
	return t, true, nil
}
