package check

import (
	"context"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/schema"
)

// rowsOut keeps the rows written to it.
type rowsOut struct{ rows [][]string }

func (o *rowsOut) WriteHeader(cols []string) error { o.rows = append(o.rows, cols); return nil }
func (o *rowsOut) Write(row []string) error        { o.rows = append(o.rows, row); return nil }

// TestRowsAndFailure: every finding is a row, whatever Keep says, and a
// report with errors fails with its summary.
func TestRowsAndFailure(t *testing.T) {
	var out rowsOut
	rep, err := Rows(context.Background(), []Input{in(schema.Customers, "c.csv", "customer_id,name\nC1,a\nC1,b\nC1,c\n")}, Options{Keep: 1}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(out.rows[0], ",") != strings.Join(Columns, ",") {
		t.Errorf("header %q", out.rows[0])
	}
	dups := 0
	for _, r := range out.rows[1:] {
		if r[4] == "error" {
			dups++
		}
	}
	if dups != 2 {
		t.Errorf("%d error rows, want 2 (Keep does not cap rows): %q", dups, out.rows)
	}
	if err := rep.Failure(); err == nil || !strings.HasPrefix(err.Error(), "check: 2 errors") {
		t.Errorf("failure: %v", err)
	}
	var text strings.Builder
	rep, err = Text(context.Background(), []Input{in(schema.Customers, "c.csv", cleanCustomers)}, Options{}, &text)
	if err != nil || rep.Failure() != nil || !strings.Contains(text.String(), "no problems in 1 file") {
		t.Errorf("clean: %v %v\n%s", err, rep.Failure(), text.String())
	}
}
