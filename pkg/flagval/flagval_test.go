package flagval

import (
	"testing"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/retention"
)

func TestEnum(t *testing.T) {
	target := "csv"
	e := &Enum{Target: &target, Allowed: []string{"csv", "json"}}
	if err := e.Set("json"); err != nil || target != "json" || e.String() != "json" {
		t.Errorf("Set(json): %v, %q", err, target)
	}
	if err := e.Set("JSON"); err == nil || err.Error() != `"JSON" is not one of csv, json` || target != "json" {
		t.Errorf("Set(JSON): %v, %q", err, target)
	}
	if got := EnumUsage("output format", e.Allowed); got != "output format: {csv|json}" {
		t.Errorf("EnumUsage = %q", got)
	}
}

func TestPeriod(t *testing.T) {
	var p parse.Period
	var given bool
	v := &Period{P: &p, Given: &given}
	if v.String() != "" || v.Type() != "period" {
		t.Errorf("unset: %q %q", v.String(), v.Type())
	}
	if err := v.Set("1y6mo"); err != nil || !given || v.String() != "1y6mo" {
		t.Errorf("Set(1y6mo): %v %v %q", err, given, v.String())
	}
	if err := v.Set("0d"); err != nil || v.String() != "0d" {
		t.Errorf("Set(0d), not a window: %v %q", err, v.String())
	}
	if err := v.Set("soon"); err == nil {
		t.Errorf("Set(soon) took %v", p)
	}
	w := &Period{P: &p, Given: &given, Window: true}
	p, given = parse.Period{}, false
	if err := w.Set("0mo"); err == nil || err.Error() != `"0mo" is an empty window: give a period of a day or more (7d, 1mo)` || given {
		t.Errorf("window Set(0mo): %v, given %v", err, given)
	}
	if got := PeriodUsage("only sales in the `period`"); got != "only sales in the `period` (e.g. 30d, 12mo, 2y)" {
		t.Errorf("PeriodUsage = %q", got)
	}
}

func TestLimit(t *testing.T) {
	var l retention.Limit
	var given bool
	v := &Limit{L: &l, Given: &given}
	if v.String() != "" || v.Type() != "share" {
		t.Errorf("unset: %q %q", v.String(), v.Type())
	}
	if err := v.Set("2.5%"); err != nil || !given || v.String() != "2.5%" || !l.IsPercent {
		t.Errorf("Set(2.5%%): %v %v %+v", err, given, l)
	}
	if err := v.Set("500"); err != nil || l.Count != 500 || v.String() != "500" {
		t.Errorf("Set(500): %v %+v", err, l)
	}
	if err := v.Set("150%"); err == nil || l.Count != 500 {
		t.Errorf("Set(150%%): %v %+v", err, l)
	}
}

// FuzzPeriod checks that whatever is typed after --within is either
// refused or kept as a period that reads back the same.
func FuzzPeriod(f *testing.F) {
	for _, s := range []string{"30d", "12mo", "1y6mo", "0d", "2w", " 5Y ", "", "-1d", "99999999999999999999d"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, window bool) {
		var p parse.Period
		var given bool
		v := &Period{P: &p, Given: &given, Window: window}
		if err := v.Set(s); err != nil {
			if given {
				t.Fatalf("Set(%q) failed (%v) but marked the flag given", s, err)
			}
			return
		}
		if window && p.IsZero() {
			t.Fatalf("Set(%q) took an empty window", s)
		}
		again, err := parse.ParsePeriod(v.String())
		if err != nil || again != p {
			t.Fatalf("Set(%q) = %q, which reads back as %v, %v", s, v.String(), again, err)
		}
	})
}
