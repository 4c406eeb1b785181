package followup

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func contacts(t *testing.T, csv string) record.File {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(csv), rows.Options{Name: "contacts.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Contacts.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return record.File{Reader: r, Binding: b}
}

func TestScanAndDate(t *testing.T) {
	f := contacts(t, "顧客番号,対応日,担当者\n C1 ,2026/11/22 10:15,村田\nC2,,大野\nC3,昨日,村田\n")
	var got []string
	err := Scan(context.Background(), f, func(rec *rows.Record) error {
		at, err := Date(rec, f, schema.ContactedAt)
		if err != nil {
			return err
		}
		got = append(got, Cell(rec, f.Binding, schema.CustomerID)+"@"+Day(at))
		return nil
	})
	var re *rows.Error
	if !errors.As(err, &re) || re.Line != 4 || re.Column != "対応日" || re.Value != "昨日" {
		t.Fatalf("err = %v, want the line, column and value of 昨日", err)
	}
	if strings.Join(got, " ") != "C1@2026-11-22 C2@" {
		t.Errorf("got %v", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Scan(ctx, contacts(t, "customer_id\nC1\n"), func(*rows.Record) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled scan: %v", err)
	}
}

func TestDays(t *testing.T) {
	from := time.Date(2026, 11, 20, 23, 59, 0, 0, time.UTC)
	if d := Days(from, time.Date(2026, 11, 22, 0, 1, 0, 0, time.UTC)); d != 2 {
		t.Errorf("Days = %d, want 2 (calendar days, not hours)", d)
	}
	if d := Days(from, from.AddDate(0, 0, -3)); d != -3 {
		t.Errorf("Days backwards = %d", d)
	}
	if Month(time.Time{}) != "" || Month(from) != "2026-11" || Day(time.Time{}) != "" {
		t.Error("Month or Day of a zero time")
	}
}

func TestBysParse(t *testing.T) {
	bs := Bys{"staff", "month"}
	if b, err := bs.Parse(" Month "); err != nil || b != "month" {
		t.Errorf("Parse = %q, %v", b, err)
	}
	if _, err := bs.Parse("day"); err == nil || err.Error() != `--by "day": summarise by one of staff, month` {
		t.Errorf("Parse day: %v", err)
	}
}

func TestGroupsSorted(t *testing.T) {
	var gs Groups[int]
	for _, k := range []string{"b", "a", "", "b", "c", "a", "b"} {
		*gs.At(k)++
	}
	show := func(g []Group[int]) string {
		var s []string
		for _, x := range g {
			s = append(s, x.Key+"="+string(rune('0'+x.Val)))
		}
		return strings.Join(s, " ")
	}
	size := func(n *int) int { return *n }
	if got := show(gs.Sorted(false, size)); got != "b=3 a=2 (none)=1 c=1" {
		t.Errorf("by size: %s", got)
	}
	if got := show(gs.Sorted(true, size)); got != "(none)=1 a=2 b=3 c=1" {
		t.Errorf("by key: %s", got)
	}
}
