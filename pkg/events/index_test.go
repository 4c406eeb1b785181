package events

import (
	"context"
	"os"
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// The events of a customers file held whole are those of the file.
func TestFromIndex(t *testing.T) {
	open := func() record.File {
		f, err := os.Open("../../examples/customers.csv")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		r, err := rows.NewReader(f, rows.Options{Name: "customers.csv"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := schema.Customers.Bind(r.Header(), nil)
		if err != nil {
			t.Fatal(err)
		}
		return record.File{Reader: r, Binding: b}
	}
	ctx := context.Background()
	for _, asOf := range []string{"2026-11-22", "2026-03-01", "2026-12-20"} {
		opts := Options{AsOf: day(asOf), Within: parse.Period{Days: 60}}
		want, err := Run(ctx, open(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Events) == 0 {
			t.Fatalf("%s: no events to compare", asOf)
		}
		f := open()
		idx, err := customer.LoadEvery(ctx, f.Reader, f.Binding, false)
		if err != nil {
			t.Fatal(err)
		}
		got, err := FromIndex(ctx, idx, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: from the index\n%+v\nwant\n%+v", asOf, got, want)
		}
	}
}
