package output

import (
	"fmt"
	"slices"
	"strings"

	"github.com/custkit/custkit/pkg/schema"
	"github.com/mattn/go-runewidth"
)

// Screen fits a table to the terminal it is printed on: the command's
// default columns for a screen (Columns; those the output lacks are passed
// over), long cells cut with "…" and, when the table is still too wide,
// columns left out (those of Drop first, then from the right) until it
// fits. The columns of Keys, a row's key, come first and are never left
// out while another column can be. Note is told once, when the table is
// closed, what was left out or cut. Widths are display widths: a wide
// (Japanese) character takes two columns, a combining mark none, an emoji
// two.
type Screen struct {
	Width   int
	Keys    []string // the row's key, by field or header name: shown first, in the output's order, left out last
	Columns []string // shown, in this order, by field or header name, ScreenRest for every other column; nil shows every column
	Drop    []string // left out first when the table is too wide, by field or header name
	Note    func(line string)
}

// ScreenRest in a Screen's Columns stands for every column not named, in
// the output's order.
const ScreenRest = "*"

// A screen's table is drawn with box lines: "│ a │ b │" is 1 + (width+3)
// per column.
const (
	boxPerColumn = 3
	boxEdge      = 1
	// minCut is the narrowest a cell is cut to, unless its header is
	// narrower still: a column narrower than this says too little.
	minCut = 8
	// roomyCut is the narrowest a cell is cut to before the columns a
	// command gives up first on a narrow screen are left out.
	roomyCut = 24
)

// screenWidth measures as the table writer does (tw.Off: ambiguous
// characters such as … are one column), whatever the locale says.
var screenWidth = &runewidth.Condition{EastAsianWidth: false}

// screenColumns are the columns a command shows on a screen by default
// and those it leaves out first on a narrow one, by the command's name as
// typed after custkit. A command not listed shows every column, fitted.
// keys are a row's key where the output has it (the store of --per-store,
// sales' --by columns): shown first and kept.
var screenColumns = map[string]struct{ keys, show, drop []string }{
	"ledger": {
		keys: []string{"store"},
		show: []string{"customer_id", "name", "visits", "last_visit", "spend", "average_spend", "days_since_last_visit"},
		drop: []string{"days_since_last_visit", "average_spend"},
	},
	"buyers": {
		show: []string{"customer_id", "name", "first_purchase", "last_purchase", "receipts", "quantity", "amount"},
		drop: []string{"first_purchase", "receipts"},
	},
	"segment": {
		keys: []string{"store"},
		show: []string{"customer_id", "name", "segment", "r", "f", "m", "customers", "share", "spend", "spend_share"},
	},
	"events": {
		show: []string{"customer_id", "name", "event", "date", "days_until", "years", "phone"},
		drop: []string{"phone"},
	},
	"join": {
		show: []string{"customer_id", "name", "receipt_id", "sold_at", "product_name", "quantity", "amount"},
		drop: []string{"receipt_id"},
	},
	"history": {
		drop: []string{"receipt", "store", "lines"},
	},
	"mailing": {
		drop: []string{"department", "title"},
	},
	"recommend": {
		keys: []string{"store"},
		drop: []string{"support", "confidence", "lift"},
	},
	"sales": {
		keys: []string{"day", "week", "month", "weekday", "hour", "store", "product", "category"},
		show: []string{"receipts", "customers", "net_amount", "average_receipt", ScreenRest},
	},
	"check": {
		drop: []string{"code", "value"},
	},
}

// ScreenColumns returns the default columns on a screen of command (its
// name as typed after custkit: "ledger", "audit show") and those it leaves
// out first on a narrow screen; nil shows every column.
func ScreenColumns(command string) (show, drop []string) {
	s := screenColumns[command]
	return s.show, s.drop
}

// ScreenKeys returns the columns of command's rows that are the row's key
// when the output has them (a Screen's Keys).
func ScreenKeys(command string) []string {
	return screenColumns[command].keys
}

// screenTable is what a table writer on a screen keeps across the tables
// it draws (history's card draws one per customer): what it left out, for
// the one note.
type screenTable struct {
	*Screen
	aliases  map[string]schema.Aliases
	all      int      // the columns of the first table
	leftOut  []string // header names, in the order first left out
	cut      bool     // some cell was cut
	selected []int    // the default columns of the current table; nil is all
	keys     int      // the key columns of the current table, first in selected
}

// header picks the screen's default columns of cols: the keys, in the
// order of cols, then Columns.
func (s *screenTable) header(cols []string) []string {
	if s.all == 0 {
		s.all = len(cols)
	}
	s.selected, s.keys = nil, 0
	keys, _ := pickColumns(cols, s.Keys, s.aliases, false)
	if s.Columns == nil && len(keys) == 0 {
		return cols
	}
	slices.Sort(keys)
	shown := make([]bool, len(cols))
	idx := make([]int, 0, len(cols))
	take := func(i int) {
		if !shown[i] {
			shown[i] = true
			idx = append(idx, i)
		}
	}
	for _, i := range keys {
		take(i)
	}
	rest := s.Columns == nil
	if s.Columns != nil {
		picked, _ := pickColumns(cols, s.Columns, s.aliases, false)
		for _, i := range picked {
			take(i)
		}
		rest = len(picked) == 0 || slices.Contains(s.Columns, ScreenRest)
	}
	if rest {
		for i := range cols {
			take(i)
		}
	}
	s.selected, s.keys = idx, len(keys)
	for i, c := range cols {
		if !shown[i] {
			s.left(c)
		}
	}
	return pick(nil, cols, idx)
}

// row picks the default columns of a row.
func (s *screenTable) row(r []string) []string {
	if s.selected == nil {
		return r
	}
	return pick(nil, r, s.selected)
}

func (s *screenTable) left(name string) {
	for _, n := range s.leftOut {
		if n == name {
			return
		}
	}
	s.leftOut = append(s.leftOut, name)
}

// fit makes header and rows (printable cells) fit the screen's width: it
// cuts the widest cells first, down to minCut or the header's width, and
// leaves columns out while that is not enough.
func (s *screenTable) fit(header []string, rows [][]string) ([]string, [][]string) {
	drop := slices.DeleteFunc(dropOrder(header, s.Drop, s.aliases), func(i int) bool { return i < s.keys })
	keep, limit := fitWidths(header, rows, s.Width, drop)
	if len(keep) == len(header) && !cutAny(header, rows, limit) {
		return header, rows
	}
	kept := make([]bool, len(header))
	for _, i := range keep {
		kept[i] = true
	}
	for i, h := range header {
		if !kept[i] {
			s.left(h)
		}
	}
	h := make([]string, len(keep))
	for j, i := range keep {
		h[j] = cut(header[i], limit[i])
	}
	out := make([][]string, len(rows))
	for n, r := range rows {
		o := make([]string, len(keep))
		for j, i := range keep {
			if i < len(r) {
				o[j] = cut(r[i], limit[i])
				if o[j] != r[i] {
					s.cut = true
				}
			}
		}
		out[n] = o
	}
	return h, out
}

// cutAny reports whether a cell is wider than its column's limit.
func cutAny(header []string, rows [][]string, limit []int) bool {
	for n := -1; n < len(rows); n++ {
		r := header
		if n >= 0 {
			r = rows[n]
		}
		for i, v := range r {
			if i < len(limit) && screenWidth.StringWidth(v) > limit[i] {
				return true
			}
		}
	}
	return false
}

// dropOrder turns the names of Drop into the indices of header.
func dropOrder(header, drop []string, aliases map[string]schema.Aliases) []int {
	idx, _ := pickColumns(header, drop, aliases, false)
	return idx
}

// fitWidths decides which columns of a table fit in width and how wide
// each may be (limit, by column of header). The widest cells are cut
// first, down to a third of the screen (at least roomyCut columns);
// while that is not enough, the columns of drop are left out, in that
// order. Then cells are cut down to minCut or their header's width, and
// columns left out from the right while even that is not enough. The last
// column left is cut to fit, header and all.
func fitWidths(header []string, rows [][]string, width int, drop []int) (keep, limit []int) {
	natural := make([]int, len(header))
	heads := make([]int, len(header))
	for i, h := range header {
		heads[i] = screenWidth.StringWidth(h)
		natural[i] = heads[i]
		for _, r := range rows {
			if i < len(r) {
				natural[i] = max(natural[i], screenWidth.StringWidth(r[i]))
			}
		}
	}
	keep = make([]int, len(header))
	for i := range keep {
		keep[i] = i
	}
	limit = make([]int, len(header))
	// fits cuts the kept columns down to floor (or their header) and
	// reports whether they fit.
	fits := func(floor int) bool {
		total := boxEdge
		for _, i := range keep {
			limit[i] = natural[i]
			total += natural[i] + boxPerColumn
		}
		for total > width {
			widest := -1
			for _, i := range keep {
				least := min(natural[i], max(heads[i], floor))
				if limit[i] > least && (widest < 0 || limit[i] > limit[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				return false
			}
			limit[widest]--
			total--
		}
		return true
	}
	roomy := max(roomyCut, width/3)
	for _, d := range drop {
		if fits(roomy) || len(keep) == 1 {
			return keep, limit
		}
		keep = slices.DeleteFunc(keep, func(i int) bool { return i == d })
	}
	for !fits(minCut) {
		if len(keep) == 1 {
			limit[keep[0]] = max(1, width-boxEdge-boxPerColumn)
			return keep, limit
		}
		keep = keep[:len(keep)-1]
	}
	return keep, limit
}

// cut shortens v to at most width display columns, ending it with "…" when
// it was longer. It cuts between whole characters as a terminal shows
// them (a base character with its combining marks, an emoji sequence).
func cut(v string, width int) string {
	if screenWidth.StringWidth(v) <= width {
		return v
	}
	return screenWidth.Truncate(v, width, "…")
}

// wrapNote breaks a line of text printed between tables (a card's
// totals) at spaces so that no line is wider than width, each further
// line indented as the first; a word wider than the screen is cut.
func wrapNote(line string, width int) string {
	if screenWidth.StringWidth(line) <= width {
		return line
	}
	indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
	var b strings.Builder
	cur := indent
	for _, word := range strings.Fields(line) {
		next := cur + word
		if cur != indent {
			next = cur + " " + word
		}
		if screenWidth.StringWidth(next) > width && cur != indent {
			b.WriteString(cut(cur, width) + "\n")
			next = indent + word
		}
		cur = next
	}
	b.WriteString(cut(cur, width))
	return b.String()
}

// note is the one line that says what the screen left out or cut, or "".
func (s *screenTable) note() string {
	switch {
	case len(s.leftOut) > 0:
		line := fmt.Sprintf("%d of %d columns left out to fit %d terminal columns: %s; --columns NAME,... chooses the columns, --wide shows every one, --format csv writes them all",
			len(s.leftOut), s.all, s.Width, strings.Join(s.leftOut, ", "))
		if s.cut {
			line += "; long cells are cut with …"
		}
		return line
	case s.cut:
		return fmt.Sprintf("long cells are cut with … to fit %d terminal columns; --wide or --format csv shows them whole", s.Width)
	}
	return ""
}
