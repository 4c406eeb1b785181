package events

import (
	"context"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

type csvRows struct{ lines []string }

func (o *csvRows) WriteHeader(cols []string) error { return o.Write(cols) }
func (o *csvRows) Write(row []string) error {
	o.lines = append(o.lines, strings.Join(row, ","))
	return nil
}

// TestWrite: the customer's columns, then the event's, and the summary.
func TestWrite(t *testing.T) {
	r, err := rows.NewReader(strings.NewReader("customer_id,birthday\nC1,1980-12-01\nC2,1990-06-01\n"), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Customers.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var out csvRows
	opts := Options{AsOf: day("2026-11-22"), Within: parse.Period{Days: 30}}
	summary, err := Write(context.Background(), record.File{Reader: r, Binding: b}, opts, &out)
	if err != nil {
		t.Fatal(err)
	}
	want := "customer_id,birthday," + strings.Join(Columns, ",") + "\nC1,1980-12-01,birthday,2026-12-01,9,46"
	if got := strings.Join(out.lines, "\n"); got != want {
		t.Errorf("rows:\n%s\nwant\n%s", got, want)
	}
	if len(summary) != 1 || summary[0] == "" {
		t.Errorf("summary %q", summary)
	}
}

// TestWriteReplaced: a customers column named like an event's column is
// replaced by it, with a warning naming it after the summary.
func TestWriteReplaced(t *testing.T) {
	r, err := rows.NewReader(strings.NewReader("customer_id,birthday,Date\nC1,1980-12-01,2020-01-01\n"), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Customers.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var out csvRows
	lines, err := Write(context.Background(), record.File{Reader: r, Binding: b}, Options{AsOf: day("2026-11-22"), Within: parse.Period{Days: 30}}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(out.lines, "\n"); got != "customer_id,birthday,"+strings.Join(Columns, ",")+"\nC1,1980-12-01,birthday,2026-12-01,9,46" {
		t.Errorf("rows:\n%s", got)
	}
	if len(lines) != 2 || lines[1] != `warning: c.csv: column "Date" is replaced by the computed date (rename it to keep it)` {
		t.Errorf("lines %q", lines)
	}
}
