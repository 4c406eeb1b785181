package redact

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/usererr"
)

// TestFlagsPolicy: a named policy's rules come first, so a flag wins for
// the same column; clashing flags and no rule at all are usage errors.
func TestFlagsPolicy(t *testing.T) {
	named := Policy{{Op: Drop, Column: "phone"}}
	p, err := Flags{Drop: []string{"name"}, Mask: []string{"phone:last=4"}}.Policy(named)
	if err != nil {
		t.Fatal(err)
	}
	if len(p) != 3 || p[0].Column != "phone" || p[0].Op != Drop || p[1].Column != "name" || p[2].Op != Mask {
		t.Errorf("rules = %+v", p)
	}
	if !reflect.DeepEqual(named, Policy{{Op: Drop, Column: "phone"}}) {
		t.Errorf("the named policy was changed: %+v", named)
	}
	var u *usererr.UsageError
	for _, tt := range []struct {
		f    Flags
		want string
	}{
		{Flags{Drop: []string{"name"}, Hash: []string{"name"}}, `--drop and --hash both name column "name"`},
		{Flags{Generalise: []string{"address:planet"}}, "--generalise address:planet: "},
		{Flags{}, "nothing to redact: give --policy <name> or rules (--drop, --hash, --mask, --generalise, --replace)"},
	} {
		if _, err := tt.f.Policy(nil); !errors.As(err, &u) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%+v: got %v, want a usage error %q", tt.f, err, tt.want)
		}
	}
}

// TestStatsLines: the rows written, what passed through, what could not
// be generalised.
func TestStatsLines(t *testing.T) {
	plan, err := NewPlan(Policy{{Op: Generalise, Column: "address"}}, readerOf(t, "customer_id,phone,address\n", rows.Options{Name: "c.csv"}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := Stats{Rows: 1, Unrecognised: 2}.Lines(plan)
	want := []string{"1 row written", "personal data passed through unchanged: phone",
		"2 values could not be generalised (no prefecture, or fewer than 3 digits); written empty"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
