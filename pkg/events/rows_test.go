package events

import (
	"reflect"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/parse"
)

func TestRows(t *testing.T) {
	if _, err := ParseKinds([]string{"birthday", "wedding"}); err == nil || err.Error() != `"wedding" is not one of birthday, anniversary` {
		t.Errorf("wedding: %v", err)
	}
	if k, err := ParseKinds([]string{"anniversary"}); err != nil || !reflect.DeepEqual(k, []Kind{Anniversary}) {
		t.Errorf("anniversary: %v %v", k, err)
	}
	e := Event{Kind: Birthday, Date: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), DaysUntil: 16, Years: 37}
	if got := e.Computed(); !reflect.DeepEqual(got, []string{"birthday", "2027-01-05", "16", "37"}) {
		t.Errorf("computed: %q", got)
	}
	r := Result{Events: []Event{e}, Counts: Counts{Customers: 9, Empty: map[Kind]int{Birthday: 1}, Malformed: map[Kind]int{Birthday: 2}}}
	opts := Options{AsOf: time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC), Within: parse.Period{Days: 30}}
	want := "9 customers: 1 event from 2026-12-20 to 2027-01-18; birthday: 1 empty, 2 malformed or after --as-of (see --strict)"
	if got := r.Summary(opts); got != want {
		t.Errorf("summary:\n got %q\nwant %q", got, want)
	}
}
