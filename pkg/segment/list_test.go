package segment

import (
	"context"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// csvRows keeps what is written to it as CSV-like lines.
type csvRows struct{ lines []string }

func (o *csvRows) WriteHeader(cols []string) error { return o.Write(cols) }
func (o *csvRows) Write(row []string) error {
	o.lines = append(o.lines, strings.Join(row, ","))
	return nil
}

// TestList: the kept segments only, by customer id, then the ledger's
// summary and the warning about a short span of sales.
func TestList(t *testing.T) {
	const sales = "receipt_id,customer_id,sold_at,amount\nR1,C2,2026-11-01,100\nR2,C1,2026-11-02,300\nR3,C1,2026-11-03,900\n"
	r, err := rows.NewReader(strings.NewReader(sales), rows.Options{Name: "s.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := ListOptions{Settings: ledger.Settings{AsOf: day("2026-11-22")}, Thresholds: DefaultThresholds(), Keep: Selection{New}}
	var out csvRows
	lines, err := List(context.Background(), ledger.Input{Sales: record.File{Reader: r, Binding: b}}, opts, &out)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(out.lines, "\n"); got != "customer_id,r,f,m,segment\nC1,3,3,3,new\nC2,1,1,1,new" {
		t.Errorf("rows:\n%s", got)
	}
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "3 sales lines") || !strings.HasPrefix(lines[1], "warning: the sales cover") || !strings.HasPrefix(lines[2], "warning: ") {
		t.Errorf("lines %q", lines)
	}
}
