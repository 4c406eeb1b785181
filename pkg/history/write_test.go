package history

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// printer is a fakeCard of a printed format, or not.
type printer struct {
	fakeCard
	printed bool
	holds   []string
}

func (p *printer) Printed() bool       { return p.printed }
func (p *printer) Holds(cols []string) { p.holds = cols }

func input(t *testing.T, withNotes bool) Input {
	t.Helper()
	file := func(name, data string, kind schema.Kind) record.File {
		r, b := open(t, name, data, kind)
		return record.File{Reader: r, Binding: b}
	}
	in := Input{Customers: file("customers.csv", customers, schema.Customers), Sales: file("sales.csv", sales, schema.Sales)}
	if withNotes {
		c, p := file("contacts.csv", contacts, schema.Contacts), file("complaints.csv", complaints, schema.Complaints)
		in.Contacts, in.Complaints = &c, &p
	}
	return in
}

// TestWrite: cards on a printed output, which is told the customers'
// columns; rows on any other; a missing id with the hint about text ids.
func TestWrite(t *testing.T) {
	ctx := context.Background()
	p := &printer{printed: true}
	if _, err := Write(ctx, input(t, true), Options{IDs: []string{"C2"}}, false, p); err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.holds, ",") != "customer_id,name" || !strings.Contains(strings.Join(p.lines, "\n"), "P1 [完了] *** → 交換") {
		t.Errorf("card: holds %q\n%s", p.holds, strings.Join(p.lines, "\n"))
	}
	rows := &printer{}
	if _, err := Write(ctx, input(t, false), Options{IDs: []string{"C3"}}, true, rows); err != nil {
		t.Fatal(err)
	}
	if rows.holds != nil || len(rows.lines) != 2 || rows.lines[0] != strings.Join(Columns, "|") {
		t.Errorf("rows:\n%s", strings.Join(rows.lines, "\n"))
	}
	_, err := Write(ctx, input(t, false), Options{IDs: []string{"123"}}, false, rows)
	var h *usererr.HintError
	if !errors.As(err, &h) {
		t.Errorf("missing id: %v, want a hint", err)
	}
}

// TestWriteNearMiss: sales lines whose id is a chosen customer's only
// after --key-normalize (123 for 000123) are named with the hint the
// other commands give, unless the customers file has that id as its own
// customer, or --key-normalize matched them.
func TestWriteNearMiss(t *testing.T) {
	ctx := context.Background()
	const cust = "customer_id,name\n000123,山田\n0124,佐藤\n124,鈴木\n"
	const sold = "receipt_id,customer_id,sold_at,product_id,quantity,amount\n" +
		"R1,123,2026-01-05,P1,1,100\nR2,000123,2026-01-06,P1,1,100\nR3, 123 ,2026-01-07,P1,1,100\n" +
		"R4,124,2026-01-08,P1,1,100\nR5,0124,2026-01-09,P1,1,100\n"
	in := func() Input {
		c, cb := open(t, "c.csv", cust, schema.Customers)
		s, sb := open(t, "s.csv", sold, schema.Sales)
		return Input{Customers: record.File{Reader: c, Binding: cb}, Sales: record.File{Reader: s, Binding: sb}}
	}
	for _, tc := range []struct {
		ids       []string
		normalize bool
		want      string
	}{
		{[]string{"000123"}, false, `2 lines have an id that is in c.csv only after --key-normalize (e.g. "123" ~ "000123"); give --key-normalize if they are the same customers`},
		{[]string{"0124"}, false, ""}, // 124 is a customer of its own
		{[]string{"000123"}, true, ""},
	} {
		lines, err := Write(ctx, in(), Options{IDs: tc.ids, KeyNormalize: tc.normalize}, false, &printer{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(lines, "\n"); got != tc.want {
			t.Errorf("%v normalize=%v: got %q, want %q", tc.ids, tc.normalize, got, tc.want)
		}
	}
}
