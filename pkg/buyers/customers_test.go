package buyers

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// TestList checks the look-up of buyers in the customers file: a buyer it
// has gets its columns and its spelling of the id, a buyer it lacks is
// left out and counted with its lines; without the file a row is the id.
func TestList(t *testing.T) {
	bs := []Buyer{
		{Key: "123", ID: "123", Purchases: Purchases{Lines: 2, Receipts: 1}},
		{Key: "C9", ID: "C9", Purchases: Purchases{Lines: 3, Receipts: 2}},
		{Key: "C2", ID: "C2", Purchases: Purchases{Lines: 1, Receipts: 1}},
	}
	r, err := rows.NewReader(strings.NewReader("customer_id,name,receipts\n000123,山田,9\nC2,佐藤,9\n"), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Customers.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := List(context.Background(), Customers{Reader: r, Binding: b}, append([]Buyer(nil), bs...), ListOptions{Sort: SortReceipts, KeyNormalize: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"customer_id", "name", "first_purchase", "last_purchase", "receipts", "lines", "quantity", "amount"}; !reflect.DeepEqual(l.Header, want) {
		t.Errorf("header %q", l.Header)
	}
	var got [][]string
	for _, b := range l.Buyers {
		got = append(got, l.Row(b))
	}
	want := [][]string{{"000123", "山田", "", "", "1", "2", "0", "0"}, {"C2", "佐藤", "", "", "1", "1", "0", "0"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if !reflect.DeepEqual(l.Unknown, []string{"C9"}) || l.UnknownLines != 3 {
		t.Errorf("unknown %q (%d lines)", l.Unknown, l.UnknownLines)
	}

	l, err = List(context.Background(), Customers{}, append([]Buyer(nil), bs...), ListOptions{Sort: SortLines})
	if err != nil {
		t.Fatal(err)
	}
	if row := l.Row(l.Buyers[0]); len(l.Buyers) != 3 || row[0] != "C9" || l.Header[0] != "customer_id" || len(l.Unknown) != 0 {
		t.Errorf("without customers: %q %q", l.Header, row)
	}
}

// TestListNearManyBlocks looks buyers up in a customers file parsed in
// many blocks at once, each with ids that match a buyer's only after
// NormalizeKey: the near misses are noted from every block (run with
// -race: the look-up is called on several goroutines).
func TestListNearManyBlocks(t *testing.T) {
	var cust strings.Builder
	cust.WriteString("customer_id,name\n")
	var bs []Buyer
	for i := range 2000 {
		fmt.Fprintf(&cust, "%06d,n%d\n", i+1, i)
		k := strconv.Itoa(i + 1)
		bs = append(bs, Buyer{Key: k, ID: k, Purchases: Purchases{Lines: 1, Receipts: 1}})
	}
	r, err := rows.NewReader(strings.NewReader(cust.String()), rows.Options{Name: "c.csv", BlockSize: 256})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Customers.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := List(context.Background(), Customers{Reader: r, Binding: b}, bs, ListOptions{Sort: SortLines})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Buyers) != 0 || l.UnknownLines != 2000 || l.Near.Lines != 2000 {
		t.Errorf("%d buyers, %d unknown lines, %d near misses; want 0, 2000, 2000", len(l.Buyers), l.UnknownLines, l.Near.Lines)
	}
}
