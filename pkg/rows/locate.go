package rows

import "sync"

// A Locator names places in an input that is not a text file, such as a
// worksheet of a workbook, whose cells a person finds by their reference
// (B12) rather than by a line and a column name. A record's Line in such
// an input is the line of the CSV text the input was turned into, and the
// Locator turns it back.
type Locator interface {
	// Locate returns the position of line's field in column (a header
	// name; "" for the whole row) as it follows the input's name in a
	// message: "!B12", " row 12", or "" for line 0.
	Locate(line int, column string) string
}

// locators holds the Locators of the inputs read through one, by the name
// their records and errors carry (名簿.xlsx[顧客]).
//
// It is process-wide, and not a field of the reader or of Error, because
// an Error is made from a file's name alone in every layer of the data
// path (the reader, header binding, value parsers, each operation, some
// forty places) and is often turned into text at once, wrapped by
// fmt.Errorf, where no reader is at hand; and it must still name the cell
// after the reader is closed, when the command prints the error. Carrying
// the Locator in every Error would change each of those places for the
// one kind of input that needs it.
//
// What makes the name a sound key: within one run, a name is a path as
// the user gave it and a sheet, so two readers of one name read the same
// sheet of the same file and agree on its rows. They may still disagree
// on the columns (--header-row set differently per kind, on one sheet
// given as two kinds): then a position names the row only, which both
// agree on, rather than the cell of one of them. Entries live until the
// process ends, as the errors that need them do; a run opens a handful,
// and a name keeps its last few (a benchmark opening one name in a loop
// does not grow). Tests that read workbooks in parallel in one process
// must give them different names.
var (
	locatorsMu sync.Mutex
	locators   = map[string][]Locator{}
)

// SetLocator makes every [*Error] whose File is name give its position
// through l, or through the position l and any other Locator registered
// under name agree on; nil removes name's Locators.
func SetLocator(name string, l Locator) {
	locatorsMu.Lock()
	defer locatorsMu.Unlock()
	if l == nil {
		delete(locators, name)
		return
	}
	ls := append(locators[name], l)
	if len(ls) > keepLocators {
		ls = append(ls[:0:0], ls[len(ls)-keepLocators:]...)
	}
	locators[name] = ls
}

// keepLocators is how many Locators a name keeps.
const keepLocators = 4

// locatorOf returns the Locator of name, or nil.
func locatorOf(name string) Locator {
	locatorsMu.Lock()
	defer locatorsMu.Unlock()
	switch ls := locators[name]; len(ls) {
	case 0:
		return nil
	case 1:
		return ls[0]
	default:
		return agreed(append([]Locator(nil), ls...))
	}
}

// agreed is several Locators of one name: a position they all give, else
// the row alone.
type agreed []Locator

func (a agreed) Locate(line int, column string) string {
	first := a[0].Locate(line, column)
	for _, l := range a[1:] {
		if l.Locate(line, column) != first {
			return a[0].Locate(line, "")
		}
	}
	return first
}

// A LineLocator is a Locator whose positions are lines or rows (a JSON
// line, a sheet's row): it also gives that number, for a listing that
// has a column for it.
type LineLocator interface {
	Locator
	// LineOf returns the line or row the record on line of the CSV text
	// starts on; 0 when it has none (the header made from a JSON text's
	// keys).
	LineOf(line int) int
}

// LineOf returns the line of the input name that the record on line of
// the text read from it starts on, as its message names it: the number
// of its LineLocator, else line itself (a text file's lines are the
// text's). Several LineLocators of one name give theirs when they agree.
func LineOf(name string, line int) int {
	if line <= 0 {
		return line
	}
	var ls []Locator
	if l := locatorOf(name); l != nil {
		ls = []Locator{l}
		if a, ok := l.(agreed); ok {
			ls = a
		}
	}
	n := 0
	for i, l := range ls {
		ll, ok := l.(LineLocator)
		if !ok {
			return line
		}
		m := ll.LineOf(line)
		if i > 0 && m != n {
			return line
		}
		n = m
	}
	if n <= 0 {
		return line
	}
	return n
}
