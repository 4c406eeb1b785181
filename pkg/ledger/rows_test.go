package ledger

import (
	"reflect"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/parse"
)

func TestCells(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	e := Entry{Visits: 2, First: day(1), Last: day(12), Lines: 3, Quantity: 4 * parse.DecimalScale, Spend: 3001 * parse.DecimalScale}
	want := []string{"2", "2026-11-01", "2026-11-12", "10", "3", "4", "3001", "1500.5"}
	if got := e.Cells(day(22)); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := (Entry{}).Cells(day(22)); got[3] != "" || got[0] != "0" {
		t.Errorf("no visit: %q", got)
	}
	if DefaultOrder(0) != ByCustomer || DefaultOrder(10) != ByVisits {
		t.Error("default orders")
	}
}
