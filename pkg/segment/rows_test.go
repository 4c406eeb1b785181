package segment

import (
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
)

func TestCells(t *testing.T) {
	if got := (Score{R: 3, F: 1, M: 2, Segment: New}).Cells(); !reflect.DeepEqual(got, []string{"3", "1", "2", "new"}) {
		t.Errorf("new: %q", got)
	}
	if got := (Score{Segment: Never}).Cells(); !reflect.DeepEqual(got, []string{"", "", "", "never"}) {
		t.Errorf("never: %q", got)
	}
	sum := Summary{Segment: Loyal, Customers: 3, Spend: 1500 * parse.DecimalScale, CustomerShare: 0.25, SpendShare: 2.0 / 3}
	if got := sum.Cells(); !reflect.DeepEqual(got, []string{"loyal", "3", "25.0%", "1500", "66.7%"}) {
		t.Errorf("summary: %q", got)
	}
}

func TestSelect(t *testing.T) {
	all, err := Select(nil)
	if err != nil || !all.Has(Lapsed) {
		t.Errorf("no names: %v %v", all, err)
	}
	sel, err := Select([]string{"one-time", "lapsed"})
	if err != nil || !sel.Has(Lapsed) || sel.Has(Loyal) {
		t.Errorf("one-time, lapsed: %v %v", sel, err)
	}
	if _, err := Select([]string{"vip"}); err == nil || err.Error() != `"vip" is not one of loyal, repeat, new, one-time, at-risk, lapsed, never` {
		t.Errorf("vip: %v", err)
	}
}
