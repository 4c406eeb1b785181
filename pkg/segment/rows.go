package segment

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Columns are the columns a segment run adds after each customer's own.
var Columns = []string{"r", "f", "m", "segment"}

// Cells are the score's cells in Columns order; a customer without a
// purchase has empty scores.
func (s Score) Cells() []string {
	if s.Segment == Never {
		return []string{"", "", "", string(s.Segment)}
	}
	return []string{strconv.Itoa(s.R), strconv.Itoa(s.F), strconv.Itoa(s.M), string(s.Segment)}
}

// SummaryColumns are the columns of a summary's rows.
var SummaryColumns = []string{"segment", "customers", "share", "spend", "spend_share"}

// Cells are the summary line's cells in SummaryColumns order, shares as
// percentages with one decimal (12.3%).
func (s Summary) Cells() []string {
	return []string{string(s.Segment), strconv.Itoa(s.Customers), percent(s.CustomerShare), s.Spend.String(), percent(s.SpendShare)}
}

// percent writes a share as 12.3%.
func percent(f float64) string { return strconv.FormatFloat(100*f, 'f', 1, 64) + "%" }

// Selection is the segments a run keeps; empty keeps every segment.
type Selection []Name

// Select checks the segment names asked for.
func Select(names []string) (Selection, error) {
	sel := make(Selection, 0, len(names))
	for _, n := range names {
		if !slices.Contains(Names, n) {
			return nil, fmt.Errorf("%q is not one of %s", n, strings.Join(Names, ", "))
		}
		sel = append(sel, Name(n))
	}
	return sel, nil
}

// Has reports whether the selection keeps segment n.
func (s Selection) Has(n Name) bool { return len(s) == 0 || slices.Contains(s, n) }
