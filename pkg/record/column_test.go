package record

import (
	"testing"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// TestDecimalDigits checks that the plain-digits shortcut of Column.Decimal
// reads what the general parser reads, and leaves the rest to it.
func TestDecimalDigits(t *testing.T) {
	bind, _ := schema.Sales.Bind([]string{"customer_id", "amount"}, nil)
	col := NewDecoder("s.csv", bind).Column(schema.Amount)
	for _, v := range []string{"0", "2", "012", "1200", "99999999999999", "999999999999999", "922337203685477", "1,200", "¥1,200", " 12 ", "-3", "1.5", "１２"} {
		want, err := parse.Amount(v)
		got, ok, gerr := col.Decimal(&rows.Record{Fields: [][]byte{[]byte("C1"), []byte(v)}})
		if (err != nil) != (gerr != nil) || err == nil && (!ok || got != want) {
			t.Errorf("%q: got %v %v %v, want %v %v", v, got, ok, gerr, want, err)
		}
	}
}
