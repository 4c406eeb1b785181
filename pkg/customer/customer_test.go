package customer

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func open(t *testing.T, data string) (*rows.Reader, *schema.Binding) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "customers.csv", BlockSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Customers.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r, b
}

const customers = "顧客番号,name,phone\n000123,山田,090\nC2,\"Sato, H\",03\nＣ３,鈴木,\n,no id,\nC5,五,5\n"

func TestSelect(t *testing.T) {
	want := map[string]bool{"C2": true, "000123": true, "C5": true, "C9": true}
	r, b := open(t, customers)
	got, err := Select(context.Background(), r, b, func(k []byte) bool { return want[string(k)] }, SelectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, row := range got {
		keys = append(keys, row.Key+"@"+strings.Join(row.Fields, "|"))
	}
	if s := strings.Join(keys, " "); s != "000123@000123|山田|090 C2@C2|Sato, H|03 C5@C5|五|5" {
		t.Errorf("got %s", s)
	}
}

func TestSelectNormalized(t *testing.T) {
	r, b := open(t, customers)
	got, err := Select(context.Background(), r, b, func(k []byte) bool { return string(k) == "123" || string(k) == "C3" },
		SelectOptions{KeyNormalize: true})
	if err != nil || len(got) != 2 || got[0].Key != "123" || got[0].Fields[0] != "000123" || got[1].Fields[0] != "Ｃ３" {
		t.Errorf("got %+v %v", got, err)
	}
}

func TestSelectDuplicate(t *testing.T) {
	r, b := open(t, "customer_id,name\nA,1\nB,2\nA,3\n")
	_, err := Select(context.Background(), r, b, func(k []byte) bool { return string(k) == "A" }, SelectOptions{})
	if err == nil || err.Error() != `customers.csv:4: column "customer_id": "A" appears again (first on line 2); customer ids must be unique` {
		t.Errorf("got %v", err)
	}
	r, b = open(t, "customer_id,name\nA,1\nB,2\nA,3\n")
	if _, err := Select(context.Background(), r, b, func(k []byte) bool { return string(k) == "B" }, SelectOptions{}); err != nil {
		t.Errorf("a duplicate nobody asked for is not this operation's problem: %v", err)
	}
	// Ids that become one under key normalisation: the message says so, in
	// the words join uses.
	r, b = open(t, "customer_id,name\n7,1\n007,2\n")
	_, err = Select(context.Background(), r, b, func(k []byte) bool { return string(k) == "7" }, SelectOptions{KeyNormalize: true})
	var dup *DuplicateIDError
	if !errors.As(err, &dup) || err.Error() != `customers.csv:3: column "customer_id": "007" appears again as "7" (first on line 2); customer ids must be unique` {
		t.Errorf("normalised duplicate: got %v", err)
	}
}

func TestLayout(t *testing.T) {
	l := NewLayout([]string{"顧客番号", "name", "Amount", "first purchase"}, []string{"first_purchase", "amount"})
	if got := strings.Join(l.Header, ","); got != "顧客番号,name,first_purchase,amount" {
		t.Errorf("header %s", got)
	}
	if got := strings.Join(l.Row([]string{"C1", "山田", "old", "old"}, []string{"2026-01-01", "100"}), ","); got != "C1,山田,2026-01-01,100" {
		t.Errorf("row %s", got)
	}
	// Each replaced column is named, as the file writes it, with the
	// computed column that replaces it.
	want := `warning: b.csv: column "Amount" is replaced by the computed amount (rename it to keep it)
warning: b.csv: column "first purchase" is replaced by the computed first_purchase (rename it to keep it)`
	if got := strings.Join(l.Notes("b.csv"), "\n"); got != want {
		t.Errorf("notes:\n%s\nwant\n%s", got, want)
	}
	if n := NewLayout([]string{"顧客番号", "name"}, []string{"amount"}).Notes("b.csv"); n != nil {
		t.Errorf("nothing replaced: %q", n)
	}
}
