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

// locators holds the Locator of each input read through one, by the name
// its records and errors carry. It is process-wide because errors are
// made in every layer of the data path, from a file name alone.
var locators sync.Map // string → Locator

// SetLocator makes every [*Error] whose File is name give its position
// through l; nil removes it.
func SetLocator(name string, l Locator) {
	if l == nil {
		locators.Delete(name)
		return
	}
	locators.Store(name, l)
}

// locatorOf returns the Locator of name, or nil.
func locatorOf(name string) Locator {
	if l, ok := locators.Load(name); ok {
		return l.(Locator)
	}
	return nil
}
