package rows

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/charset"
)

// Sentinel errors that an [*Error] unwraps to, so that callers and tests can
// use errors.Is.
var (
	ErrEmpty  = errors.New("the file is empty (no header row)")
	ErrRagged = errors.New("wrong number of fields")
	ErrQuote  = errors.New("unterminated quoted field")
	// ErrTooLong is a record longer than custkit's limit for one record
	// (64 MiB), found before its end: a quote opened and never closed
	// makes the rest of a file one record, and so does a file that is not
	// CSV at all.
	ErrTooLong    = fmt.Errorf("the record starting here is longer than %d MiB, the limit for one record", maxRecord>>20)
	ErrAfterQuote = errors.New(`unexpected text after a closing quote (a field's quotes must be doubled: "")`)
	// ErrEncoding is bytes invalid in the file's encoding; a
	// [*charset.ForeignError] (text in another encoding) unwraps to it.
	ErrEncoding    = charset.ErrInvalid
	ErrNoSuchField = errors.New("no column maps to the field")
	// ErrHeaderDiffers is a later file of several read together whose
	// header is not the first file's, where it must be.
	ErrHeaderDiffers = errors.New("the header differs from the first file's; give files of one layout")
)

// Error is a problem with one place in an input file. Every layer of the data
// path (the CSV reader, header binding, value parsers, operations) reports bad
// input with it, so that each message names the file, line, column and value
// in the same way:
//
//	sales.csv:1234: column "quantity": "abc" is not a number
type Error struct {
	File   string // the file as the user named it ("-" is standard input)
	Line   int    // 1-based physical line where the record starts; 0 if none
	Column string // header name of the column; "" if the error is about a row
	Value  string // the offending value; shown only when Column is set
	Err    error  // what is wrong; its text follows the position
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if l := locatorOf(e.File); l != nil {
		b.WriteString(l.Locate(e.Line, e.Column))
	} else if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Column != "" {
		fmt.Fprintf(&b, "column %q: %s ", e.Column, quoteValue(e.Value))
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// quoteValue quotes a value for a message, shortening long ones and showing
// invalid bytes as hex escapes.
func quoteValue(v string) string {
	const max = 60
	if utf8.RuneCountInString(v) > max {
		r := []rune(v)
		v = string(r[:max]) + "…"
	}
	return quoteReadable(v)
}

// quoteReadable is strconv.Quote that keeps printable non-ASCII (Japanese)
// characters as they are, and the backslash too: in a Shift_JIS file it is
// the yen sign the user typed (\-3,300 is ¥-3,300), and doubling it would
// show a value nobody wrote.
func quoteReadable(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRuneInString(v[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, v[i])
		case r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// RaggedError is the Err of an [*Error] for a row whose field count differs
// from the header's. It unwraps to [ErrRagged].
type RaggedError struct {
	Got, Want int
}

func (e *RaggedError) Error() string {
	fields := "fields"
	if e.Got == 1 {
		fields = "field"
	}
	return fmt.Sprintf("row has %d %s, the header has %d", e.Got, fields, e.Want)
}

// Unwrap returns ErrRagged.
func (e *RaggedError) Unwrap() error { return ErrRagged }
