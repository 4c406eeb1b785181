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
	if summary == "" {
		t.Error("no summary")
	}
}
