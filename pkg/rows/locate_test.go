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
