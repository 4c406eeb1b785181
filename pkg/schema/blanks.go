package schema

import "github.com/custkit/custkit/pkg/lineset"

// Blanks are the lines of a sales file whose quantity or amount cell was
// empty, so that the sums took what the rule of record.Totals gives such a
// line: one item, quantity × unit price, or nothing. They are gathered as
// lines are summed, by every pass of a run over the file, a line once; a
// command says so once per file (input.Opener.Notes), and check warns of
// them.
type Blanks struct {
	Quantity lineset.Set // an empty quantity cell: one item
	Priced   lineset.Set // an empty amount cell beside a unit price: quantity × unit price
	Amount   lineset.Set // no amount and no unit price: nothing
}

// Blank is one kind of empty cell of Blanks: its lines, what they lack
// and what each was counted as.
type Blank struct {
	Lines *lineset.Set
	What  string // "no quantity", "no amount"
	As    string // "1", "quantity × unit price", "0"
	// Warn says the default may well be wrong: an item the line may not
	// have sold, an amount of nothing. An amount from the line's own unit
	// price is the documented rule, said but no warning.
	Warn bool
}

// List returns the kinds of empty cell in the order they are told (the
// documented rule first, then the warnings), those met on no line
// included.
func (b *Blanks) List() []Blank {
	return []Blank{
		{&b.Priced, "no amount", "quantity × unit price", false},
		{&b.Quantity, "no quantity", "1", true},
		{&b.Amount, "no amount", "0", true},
	}
}

// TotalsRow returns the columns that tell a spreadsheet's totals row from
// a sales line (rows.Reader.SkipTotals): the customer id and the date
// (-1 if the file has none); -1, -1 for a file of another kind.
func (b *Binding) TotalsRow() (id, date int) {
	if b.Kind.Name != Sales.Name {
		return -1, -1
	}
	return b.Col(CustomerID), b.Col(SoldAt)
}
