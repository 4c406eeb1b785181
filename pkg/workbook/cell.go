package workbook

import (
	"strings"

	"github.com/xuri/nfp"
)

// class is what a cell style's number format means for reading its
// numbers.
type class int

const (
	// raw: the number as stored (General, #,##0, 0.00, ¥#,##0, 0%).
	raw class = iota
	// shown: as displayed, because the display is the data (000000,
	// 000-0000, "C"0000, @).
	shown
	// date: a date or time, whatever it displays as.
	date
)

// Built-in number formats (ECMA-376 18.8.30) that custkit does not read as
// raw numbers: dates and times, the CJK dates (27–36, 50–58) and text.
func builtinClass(id int) class {
	switch {
	case 14 <= id && id <= 22, 27 <= id && id <= 36, 45 <= id && id <= 47, 50 <= id && id <= 58:
		return date
	case id == 49:
		return shown
	}
	return raw
}

// classify reads a custom number format code. A code with a date or
// time part is a date; a code whose first section is text (@) or only
// zeros and literals, with two zeros or more, is shown; any other is
// raw.
func classify(code string) class {
	p := nfp.NumberFormatParser()
	sections := p.Parse(code)
	if len(sections) == 0 {
		return raw
	}
	for _, s := range sections {
		for _, t := range s.Items {
			if t.TType == nfp.TokenTypeDateTimes || t.TType == nfp.TokenTypeElapsedDateTimes {
				return date
			}
		}
	}
	zeros := 0
	for _, t := range sections[0].Items {
		switch t.TType {
		case nfp.TokenTypeTextPlaceHolder:
			return shown
		case nfp.TokenTypeZeroPlaceHolder:
			zeros += len(t.TValue)
		case nfp.TokenTypeLiteral, nfp.TokenTypeColor, nfp.TokenTypeAlignment:
		default:
			return raw
		}
	}
	if zeros >= 2 {
		return shown
	}
	return raw
}

// dateMark starts what the date format custkit gives date styles shows,
// so that a date cell is known from its text: a private-use character
// that no program writes.
const dateMark = "\uE000"

// dateCode is that format: the mark, then the date and time. The locale
// tag ([$-409], English) changes nothing in what digits show, but spares
// excelize a scan of its whole table of languages for every date cell,
// which a format without one costs (half the time of reading a sheet with
// a date column; see docs/benchmarks.md).
const dateCode = `[$-409]"` + dateMark + `"yyyy-mm-dd hh:mm:ss`

// CellText turns the text excelize shows for a cell into what custkit
// reads: a date cell (shown with [dateCode]) as 2024-11-22, with its time
// when it has one (2024-11-22 10:15, 2024-11-22 10:15:30); any other cell
// as it is.
func CellText(v string) string {
	rest, ok := strings.CutPrefix(v, dateMark)
	if !ok || !isStamp(rest) {
		return v
	}
	switch {
	case strings.HasSuffix(rest, " 00:00:00"):
		return rest[:10]
	case strings.HasSuffix(rest, ":00"):
		return rest[:16]
	}
	return rest
}

// isStamp reports whether s is yyyy-mm-dd hh:mm:ss in digits.
func isStamp(s string) bool {
	const shape = "dddd-dd-dd dd:dd:dd"
	if len(s) != len(shape) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if shape[i] == 'd' {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		} else if s[i] != shape[i] {
			return false
		}
	}
	return true
}
