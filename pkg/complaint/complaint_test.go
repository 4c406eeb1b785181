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
