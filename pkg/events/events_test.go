package events

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func day(s string) time.Time {
	d, err := parse.Date(s)
	if err != nil {
		panic(err)
	}
	return d
}

func find(t *testing.T, customers, asOf string, opts Options) ([]string, Counts, error) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(customers), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Customers.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	opts.AsOf = day(asOf)
	if opts.Within == (parse.Period{}) {
		opts.Within = parse.Period{Days: 30}
	}
	res, err := Run(context.Background(), record.File{Reader: r, Binding: b}, opts)
	counts := res.Counts
	var got []string
	for _, e := range res.Events {
		got = append(got, fmt.Sprintf("%s %s %s +%d %dy", e.Cells[0], e.Kind, parse.FormatDate(e.Date), e.DaysUntil, e.Years))
	}
	return got, counts, err
}

// As of 2026-12-20, 30 days run to 2027-01-18: across the year end.
const yearEnd = `customer_id,birthday,anniversary
A,1980-12-25,
B,1990/1/5,2001-01-10
C,1990-01-19,
D,1990-01-18,
E,2000-12-19,
F,2000-12-20,2000-12-25
G,,
H,1990-13-01,
I,2030-01-01,
`

func TestYearEnd(t *testing.T) {
	got, counts, err := find(t, yearEnd, "2026-12-20", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"F birthday 2026-12-20 +0 26y",    // today
		"A birthday 2026-12-25 +5 46y",    // same day as F's anniversary: birthday first
		"F anniversary 2026-12-25 +5 26y", // ...
		"B birthday 2027-01-05 +16 37y",   // next year's
		"B anniversary 2027-01-10 +21 26y",
		"D birthday 2027-01-18 +29 37y", // the last day of the 30; C's 01-19 is out, E's passed
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if counts.Customers != 9 || counts.Empty[Birthday] != 1 || counts.Malformed[Birthday] != 2 || counts.Empty[Anniversary] != 7 {
		t.Errorf("counts %+v", counts)
	}
	got, _, _ = find(t, yearEnd, "2026-12-20", Options{Kinds: []Kind{Anniversary}, Within: parse.Period{Days: 6}})
	if want := []string{"F anniversary 2026-12-25 +5 26y"}; !reflect.DeepEqual(got, want) {
		t.Errorf("anniversaries within 6d: %q", got)
	}
}

func TestStrict(t *testing.T) {
	_, _, err := find(t, yearEnd, "2026-12-20", Options{Strict: true})
	if err == nil || err.Error() != `c.csv:9: column "birthday": "1990-13-01" `+parse.ErrDate.Error() {
		t.Errorf("got %v", err)
	}
	_, _, err = find(t, "customer_id,birthday\nI,2030-01-01\n", "2026-12-20", Options{Strict: true})
	if !errors.Is(err, ErrFuture) {
		t.Errorf("a birthday after --as-of: %v", err)
	}
	_, _, err = find(t, "customer_id,name\nA,x\n", "2026-12-20", Options{})
	if err == nil || !strings.Contains(err.Error(), "no column maps to the field birthday") {
		t.Errorf("no date columns: %v", err)
	}
}

// TestLeapDay: someone born on 29 February has a birthday on 28 February
// in years without a 29th, and on the 29th in leap years.
func TestLeapDay(t *testing.T) {
	const c = "customer_id,birthday\nL,2000-02-29\nM,2001-02-28\nN,2000-03-01\n"
	tests := []struct {
		asOf string
		want []string
	}{
		{"2027-02-20", []string{"L birthday 2027-02-28 +8 27y", "M birthday 2027-02-28 +8 26y", "N birthday 2027-03-01 +9 27y"}},
		{"2028-02-20", []string{"M birthday 2028-02-28 +8 27y", "L birthday 2028-02-29 +9 28y", "N birthday 2028-03-01 +10 28y"}},
		{"2027-02-28", []string{"L birthday 2027-02-28 +0 27y", "M birthday 2027-02-28 +0 26y", "N birthday 2027-03-01 +1 27y"}},
		// the day after 28 February 2027: L's next birthday is 29 February 2028, past the 30 days
		{"2027-03-01", []string{"N birthday 2027-03-01 +0 27y"}},
	}
	for _, tt := range tests {
		got, _, err := find(t, c, tt.asOf, Options{})
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("as of %s: %q %v\nwant %q", tt.asOf, got, err, tt.want)
		}
	}
	if got := Next(day("2000-02-29"), day("2027-03-01")); parse.FormatDate(got) != "2028-02-29" {
		t.Errorf("Next = %s", parse.FormatDate(got))
	}
}
