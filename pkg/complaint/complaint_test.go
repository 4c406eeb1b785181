package complaint

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func TestIDs(t *testing.T) {
	x := NewIDs(time.Date(2026, 11, 22, 15, 0, 0, 0, time.UTC))
	for _, id := range []string{"C20261121-009", "C20261122-002", "other", " C20261122-010 "} {
		x.See(id)
	}
	if got := x.Next(); got != "C20261122-011" {
		t.Errorf("Next = %s", got)
	}
	if got := NewIDs(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)).Next(); got != "C20260102-001" {
		t.Errorf("first of a day = %s", got)
	}
}

func file(t *testing.T, csv string) record.File {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(csv), rows.Options{Name: "complaints.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Complaints.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return record.File{Reader: r, Binding: b}
}

const sample = `受付番号,顧客番号,受付日,商品コード,内容,状態,担当者,完了日
C1,000101,2026-01-10,P1,a,完了,村田,2026-01-14
C2,000102,2026-02-01,P2,b,未対応,大野,
C3,000103,2026-01-05,P1,c,対応中,村田,
C4,000104,2026-03-01,P1,d,closed,大野,2026-03-03
`

func TestRunOrdersOldestOpenFirst(t *testing.T) {
	asOf := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	got, err := Run(context.Background(), file(t, sample), Options{Statuses: contactlog.DefaultStatuses, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	var ids, ages []string
	for _, c := range got {
		ids = append(ids, c.ID)
		ages = append(ages, c.Cells(asOf)[3])
	}
	if strings.Join(ids, " ") != "C3 C2 C1 C4" || strings.Join(ages, " ") != "64 37 4 2" {
		t.Errorf("order %v, ages %v; want C3 C2 C1 C4 and 64 37 4 2", ids, ages)
	}
	open, err := Run(context.Background(), file(t, sample), Options{Statuses: contactlog.DefaultStatuses, OpenOnly: true,
		Products: []string{"P1"}, AsOf: asOf})
	if err != nil || len(open) != 1 || open[0].ID != "C3" {
		t.Errorf("--open --product P1: %+v, %v", open, err)
	}
}

func TestRunUnknownStatus(t *testing.T) {
	_, err := Run(context.Background(), file(t, "complaint_id,customer_id,status\nC1,1,保留\n"), Options{Statuses: contactlog.DefaultStatuses})
	if err == nil || !strings.Contains(err.Error(), `complaints.csv:2: column "status": "保留" is not a status (known: 未対応, 対応中, 完了); add it to follow_up.statuses in the config`) {
		t.Errorf("error %v", err)
	}
}

func TestSummarise(t *testing.T) {
	got, err := Run(context.Background(), file(t, sample), Options{Statuses: contactlog.DefaultStatuses})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, g := range Summarise(got, ByProduct) {
		lines = append(lines, strings.Join(g.Cells(), ","))
	}
	if want := "P1,3,1,3 P2,1,1,"; strings.Join(lines, " ") != want {
		t.Errorf("by product: %v, want %s", lines, want)
	}
	lines = nil
	for _, g := range Summarise(got, ByMonth) {
		lines = append(lines, strings.Join(g.Cells(), ","))
	}
	if want := "2026-01,2,1,4 2026-02,1,1, 2026-03,1,0,2"; strings.Join(lines, " ") != want {
		t.Errorf("by month: %v, want %s", lines, want)
	}
	if _, err := ParseBy("weekday"); err == nil {
		t.Error("ParseBy(weekday) passed")
	}
}

func TestNoStatusColumn(t *testing.T) {
	const csv = "受付番号,顧客番号,受付日,進み具合,完了日\nC1,000101,2020-01-15,完了,2020-01-27\nC2,000102,2024-11-10,未対応,\n"
	opts := Options{Statuses: contactlog.DefaultStatuses, AsOf: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC),
		Aliases: schema.Aliases{schema.Status: {"進行"}}}
	open := opts
	open.OpenOnly = true
	for _, c := range []struct {
		name    string
		summary bool
		opts    Options
		want    string
	}{
		{"--open", false, open, "complaints.csv:1: no column maps to status (tried status, 進行, state, "},
		{"--summary", true, opts, ": --summary needs it for its open and median_days_to_close columns"},
	} {
		err := CheckStatus(file(t, csv), c.summary, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if err := CheckStatus(file(t, sample), true, open); err != nil {
		t.Errorf("a file with a status column: %v", err)
	}
	f := file(t, csv)
	got, err := Run(context.Background(), f, opts)
	if err != nil || len(got) != 2 {
		t.Fatalf("list: %v, %v", got, err)
	}
	// Ages run to closed_at where given, not to the as-of day.
	if a, b := got[0].Cells(opts.AsOf)[3], got[1].Cells(opts.AsOf)[3]; a != "12" || b != "21" {
		t.Errorf("ages %s %s, want 12 21", a, b)
	}
	lines, err := Write(got, false, ByProduct, opts.AsOf, &discard{})
	if err != nil || strings.Join(lines, "|") != "2 complaints" {
		t.Errorf("summary line %q, %v: no open count without a status", lines, err)
	}
	w := Warnings(f, opts)
	if len(w) != 1 || !strings.HasPrefix(w[0], "warning: complaints.csv: no column maps to status (tried status, 進行,") ||
		!strings.HasSuffix(w[0], `e.g. aliases: {complaints: {status: ["進み具合"]}}`) {
		t.Errorf("warnings %q", w)
	}
	if w := Warnings(file(t, sample), opts); w != nil {
		t.Errorf("warnings with a status column: %q", w)
	}
}

type discard struct{}

func (*discard) WriteHeader([]string) error { return nil }
func (*discard) Write([]string) error       { return nil }
