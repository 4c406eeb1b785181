package history

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func open(t *testing.T, name, data string, kind schema.Kind) (*rows.Reader, *schema.Binding) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: name, BlockSize: 96})
	if err != nil {
		t.Fatal(err)
	}
	b, err := kind.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r, b
}

const customers = "customer_id,name\n000123,山田\nC2,佐藤\nC3,鈴木\n"

func TestFindMissingNamesEveryID(t *testing.T) {
	r, b := open(t, "customers.csv", customers, schema.Customers)
	_, err := Find(context.Background(), record.File{Reader: r, Binding: b}, Options{IDs: []string{"C2", "123", "C9", "C2"}})
	var m *MissingError
	if !errors.As(err, &m) || err.Error() != `customers.csv: no customer with ids "123", "C9"` {
		t.Errorf("got %v", err)
	}
	r, b = open(t, "customers.csv", customers, schema.Customers)
	got, err := Find(context.Background(), record.File{Reader: r, Binding: b}, Options{IDs: []string{"C3", "１２３", "C3"}, KeyNormalize: true})
	if err != nil || len(got) != 2 || got[0].Key != "C3" || got[1].Fields[0] != "000123" {
		t.Errorf("got %+v %v", got, err)
	}
}

const sales = `receipt_id,customer_id,sold_at,store_id,product_id,product_name,quantity,amount
R1,C2,2026-01-05 10:00,S1,P1,湯呑み,2,2000
R1,C3,2026-01-05 10:00,S1,P1,湯呑み,1,1000
R2,C2,2026-02-01 09:00,S2,P2,小皿,,500
R1,C2,2026-01-05 10:00,S1,P3,茶托,1,300
R1,C2,2026-03-01 11:00,S1,P1,湯呑み,1,1000
`

const contacts = "customer_id,contacted_at,staff,channel,summary\nC2,2026-02-01 09:00,村田,電話,入荷の連絡\nC3,2026-01-01,村田,来店,相談\n"

const complaints = "customer_id,received_at,product_id,summary,status,resolution\nC2,2026-01-20,P1,欠け,完了,交換\n"

func build(t *testing.T, ids []string, oldestFirst bool) []Timeline {
	t.Helper()
	r, b := open(t, "customers.csv", customers, schema.Customers)
	found, err := Find(context.Background(), record.File{Reader: r, Binding: b}, Options{IDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	h := NewBuilder(found, Options{})
	r, b = open(t, "sales.csv", sales, schema.Sales)
	if err := h.AddSales(context.Background(), record.File{Reader: r, Binding: b}); err != nil {
		t.Fatal(err)
	}
	r, b = open(t, "contacts.csv", contacts, schema.Contacts)
	if err := h.AddContacts(context.Background(), record.File{Reader: r, Binding: b}); err != nil {
		t.Fatal(err)
	}
	r, b = open(t, "complaints.csv", complaints, schema.Complaints)
	if err := h.AddComplaints(context.Background(), record.File{Reader: r, Binding: b}); err != nil {
		t.Fatal(err)
	}
	return h.Timelines(oldestFirst)
}

func describe(tl Timeline) string {
	var out []string
	for _, ev := range tl.Events {
		s := fmt.Sprintf("%s %s", parse.FormatDateTime(ev.At), ev.Kind)
		if ev.Receipt != nil {
			var items []string
			for _, it := range ev.Receipt.Items {
				items = append(items, it.ProductID+"×"+it.Quantity.String())
			}
			s += fmt.Sprintf(" %s@%s [%s] %s", ev.Receipt.ID, ev.Receipt.Store, strings.Join(items, " "), ev.Receipt.Amount)
		} else {
			s += " " + ev.Note.Summary
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

func TestTimeline(t *testing.T) {
	tls := build(t, []string{"C2", "C3"}, false)
	want := `2026-03-01T11:00:00 sale R1@S1 [P1×1] 1000
2026-02-01T09:00:00 sale R2@S2 [P2×1] 500
2026-02-01T09:00:00 contact 入荷の連絡
2026-01-20 complaint 欠け
2026-01-05T10:00:00 sale R1@S1 [P1×2 P3×1] 2300`
	if got := describe(tls[0]); got != want {
		t.Errorf("C2 newest first:\n%s\nwant\n%s", got, want)
	}
	wantTotals := Totals{Receipts: 3, Lines: 4, Quantity: 5 * parse.DecimalScale, Amount: 3800 * parse.DecimalScale, Contacts: 1, Complaints: 1}
	if tls[0].Totals != wantTotals {
		t.Errorf("totals %+v", tls[0].Totals)
	}
	if got := describe(tls[1]); got != "2026-01-05T10:00:00 sale R1@S1 [P1×1] 1000\n2026-01-01 contact 相談" {
		t.Errorf("C3:\n%s", got)
	}
	old := build(t, []string{"C2"}, true)
	if got := describe(old[0]); !strings.HasPrefix(got, "2026-01-05T10:00:00 sale") || !strings.HasSuffix(got, "2026-03-01T11:00:00 sale R1@S1 [P1×1] 1000") ||
		!strings.Contains(got, "sale R2@S2 [P2×1] 500\n2026-02-01T09:00:00 contact") {
		t.Errorf("oldest first:\n%s", got)
	}
}

func TestNoSoldAt(t *testing.T) {
	h := NewBuilder(nil, Options{})
	r, b := open(t, "sales.csv", "customer_id,product_id\nC1,P1\n", schema.Sales)
	if err := h.AddSales(context.Background(), record.File{Reader: r, Binding: b}); err == nil || !strings.Contains(err.Error(), "no column maps to sold_at") {
		t.Errorf("got %v", err)
	}
}
