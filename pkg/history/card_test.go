package history

import (
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
)

// fakeCard records what a card prints, masking every summary.
type fakeCard struct{ lines []string }

func (f *fakeCard) WriteHeader(cols []string) error { return f.Write(cols) }
func (f *fakeCard) Write(row []string) error {
	f.lines = append(f.lines, strings.Join(row, "|"))
	return nil
}
func (f *fakeCard) Note(line string) error { return f.Write([]string{line}) }
func (f *fakeCard) Mask(column, value string) string {
	if column == "summary" || column == "name" {
		return "***"
	}
	return value
}

func TestCard(t *testing.T) {
	at := time.Date(2026, 11, 2, 10, 15, 0, 0, time.UTC)
	tl := Timeline{
		Customer: customer.Row{Fields: []string{"C1", "Sato", ""}},
		Events: []Event{
			{Kind: Sale, At: at, Receipt: &Receipt{ID: "R1", Store: "S1", Amount: 1500 * parse.DecimalScale, Items: []Item{
				{At: at, ProductName: "teacup", Quantity: 2 * parse.DecimalScale, Amount: 1000 * parse.DecimalScale},
				{At: at, ProductID: "P9", Quantity: parse.DecimalScale, Amount: 500 * parse.DecimalScale}}}},
			{Kind: Contact, At: at.Truncate(24 * time.Hour), Note: &Note{Channel: "phone", Summary: "asked about stock"}},
		},
		Totals: Totals{Receipts: 1, Lines: 2, Quantity: 3 * parse.DecimalScale, Amount: 1500 * parse.DecimalScale, Contacts: 1},
	}
	c := Card{Header: []string{"customer_id", "name", "memo"}, IDCol: 0, Contacts: true}
	var f fakeCard
	if err := c.Print(&f, []Timeline{tl}); err != nil {
		t.Fatal(err)
	}
	want := []string{"顧客カルテ C1", "  name: ***", "", strings.Join(CardColumns, "|"),
		"2026-11-02 10:15|sale|S1|R1|2|teacup ×2, P9|1500",
		"2026-11-02|contact||||phone: ***|",
		"", "  totals: 1 receipt, 2 lines, quantity 3, amount 1500; 1 contact"}
	if got := strings.Join(f.lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("card:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	f = fakeCard{}
	if err := c.WriteRows(&f, []Timeline{tl}); err != nil {
		t.Fatal(err)
	}
	if len(f.lines) != 4 || f.lines[2] != "C1|sale|2026-11-02T10:15:00|S1|R1|P9|||1|500|||||" {
		t.Errorf("rows: %q", f.lines)
	}
}
