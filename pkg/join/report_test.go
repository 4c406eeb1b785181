package join

import (
	"errors"
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/usererr"
)

// TestOptionsCheck: the customers without sales take no join type.
func TestOptionsCheck(t *testing.T) {
	if err := (Options{Type: Inner, WithoutSales: true}).Check(); err != nil {
		t.Errorf("inner: %v", err)
	}
	var u *usererr.UsageError
	if err := (Options{Type: Anti, WithoutSales: true}).Check(); !errors.As(err, &u) {
		t.Errorf("anti: %v, want a usage error", err)
	}
}

// TestStatsReport: the summary, and the ids --key-normalize changed.
func TestStatsReport(t *testing.T) {
	st := Stats{Lines: 3, Matched: 1, WalkIn: 1, Unknown: 1, Written: 1, CustomerKeysChanged: 2, KeysChanged: 1}
	want := []string{"3 sales lines: 1 matched, 1 walk-in (no customer id), 1 with an unknown customer id; 1 row written",
		"--key-normalize changed 2 customer ids and 1 sales ids"}
	if got := st.Report(true); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := st.Report(false); !reflect.DeepEqual(got, want[:1]) {
		t.Errorf("without --key-normalize: %q", got)
	}
}
