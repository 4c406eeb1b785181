package rows

import (
	"errors"
	"strconv"
	"testing"
)

// cells locates as a sheet whose header is in row 1 does.
type cells []string

func (h cells) Locate(line int, column string) string {
	for i, c := range h {
		if c == column {
			return "!" + string(rune('A'+i)) + strconv.Itoa(line)
		}
	}
	return " row " + strconv.Itoa(line)
}

func TestLocator(t *testing.T) {
	e := func(file string) string {
		return (&Error{File: file, Line: 3, Column: "amount", Value: "x", Err: errors.New("is not a number")}).Error()
	}
	if got, want := e("plain.csv"), `plain.csv:3: column "amount": "x" is not a number`; got != want {
		t.Errorf("no locator: %s", got)
	}
	SetLocator("a.xlsx[s]", cells{"id", "amount"})
	defer SetLocator("a.xlsx[s]", nil)
	if got, want := e("a.xlsx[s]"), `a.xlsx[s]!B3: column "amount": "x" is not a number`; got != want {
		t.Errorf("one locator: %s", got)
	}
	// The same sheet read again with the same header: the cell.
	SetLocator("a.xlsx[s]", cells{"id", "amount"})
	if got, want := e("a.xlsx[s]"), `a.xlsx[s]!B3: column "amount": "x" is not a number`; got != want {
		t.Errorf("two that agree: %s", got)
	}
	// Read again with another header: the row both agree on.
	SetLocator("a.xlsx[s]", cells{"amount"})
	if got, want := e("a.xlsx[s]"), `a.xlsx[s] row 3: column "amount": "x" is not a number`; got != want {
		t.Errorf("two that disagree: %s", got)
	}
	// A name keeps its last few: the one that disagreed is forgotten.
	for range keepLocators {
		SetLocator("a.xlsx[s]", cells{"id", "amount"})
	}
	if got, want := e("a.xlsx[s]"), `a.xlsx[s]!B3: column "amount": "x" is not a number`; got != want {
		t.Errorf("after %d more: %s", keepLocators, got)
	}
	SetLocator("a.xlsx[s]", nil)
	if got, want := e("a.xlsx[s]"), `a.xlsx[s]:3: column "amount": "x" is not a number`; got != want {
		t.Errorf("removed: %s", got)
	}
}

// lines locates as a JSON text whose records start two lines apart,
// below a line of its own.
type lines struct{}

func (lines) Locate(line int, column string) string { return ":" + strconv.Itoa(2*line-1) }
func (lines) LineOf(line int) int                   { return 2*line - 1 }

func TestLineOf(t *testing.T) {
	if got := LineOf("plain.csv", 7); got != 7 {
		t.Errorf("no locator: line %d", got)
	}
	SetLocator("a.xlsx[s]", cells{"id"})
	defer SetLocator("a.xlsx[s]", nil)
	if got := LineOf("a.xlsx[s]", 7); got != 7 {
		t.Errorf("a locator that gives no line: line %d", got)
	}
	SetLocator("b.json", lines{})
	defer SetLocator("b.json", nil)
	if got := LineOf("b.json", 7); got != 13 {
		t.Errorf("a line locator: line %d, want 13", got)
	}
	if got := LineOf("b.json", 0); got != 0 {
		t.Errorf("line 0: %d", got)
	}
	SetLocator("b.json", lines{})
	if got := LineOf("b.json", 7); got != 13 {
		t.Errorf("two that agree: line %d, want 13", got)
	}
	SetLocator("b.json", cells{"id"})
	if got := LineOf("b.json", 7); got != 7 {
		t.Errorf("one that gives no line: line %d, want the text's 7", got)
	}
}
