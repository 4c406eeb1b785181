package ledger

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func file(t *testing.T, name, data string, kind schema.Kind) record.File {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	b, err := kind.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return record.File{Reader: r, Binding: b}
}

// csvRows keeps what is written to it as CSV-like lines.
type csvRows struct{ lines []string }

func (o *csvRows) WriteHeader(cols []string) error { return o.Write(cols) }
func (o *csvRows) Write(row []string) error {
	o.lines = append(o.lines, strings.Join(row, ","))
	return nil
}

// TestList: the customers file first, a sale after --as-of left out (the
// window ends there), the top one by spend, and the summary.
func TestList(t *testing.T) {
	const sales = "receipt_id,customer_id,sold_at,amount\nR1,C1,2026-11-01,100\nR2,C2,2026-11-02,300\nR3,C1,2026-11-30,900\nR4,C9,2026-11-02,50\n"
	in := Input{Sales: file(t, "s.csv", sales, schema.Sales)}
	cust := file(t, "c.csv", "customer_id,name\nC1,a\nC2,b\nC3,c\n", schema.Customers)
	in.Customers = &cust
	var out csvRows
	lines, err := List(context.Background(), in, ListOptions{Settings: Settings{AsOf: day("2026-11-22")}, By: BySpend, Top: 1}, &out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"customer_id,name," + strings.Join(Columns, ","), "C2,b,1,2026-11-02,2026-11-02,20,1,1,300,300"}
	if !reflect.DeepEqual(out.lines, want) {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(out.lines, "\n"), strings.Join(want, "\n"))
	}
	if len(lines) != 1 || !strings.Contains(lines[0], "1 with a customer id not in c.csv") {
		t.Errorf("summary %q", lines)
	}
	if err := (ListOptions{Top: -1}).Check(); err == nil {
		t.Error("--top -1 was accepted")
	}
}
