package mailing

import (
	"errors"
	"reflect"
	"testing"
)

func TestDedupe(t *testing.T) {
	rs, err := Dedupe{}.Rules(Post)
	if err != nil || rs != Household.Rules() {
		t.Errorf("post default: %v %v", rs, err)
	}
	if got := (Dedupe{}).Explain(Post, rs); got != "duplicates merged per household, by "+rs.String()+" (the default for --channel post)" {
		t.Errorf("explain default: %q", got)
	}
	if got := (Dedupe{Person: true}).Explain(Post, PersonRules); got != "duplicates merged per person, by "+PersonRules.String()+" (--person)" {
		t.Errorf("explain --person: %q", got)
	}
	if rs, err := (Dedupe{Off: true}).Rules(Email); err != nil || rs != 0 {
		t.Errorf("off: %v %v", rs, err)
	}
	var de *DedupeError
	if _, err := (Dedupe{Off: true, Report: true}).Rules(Email); !errors.As(err, &de) {
		t.Errorf("off with a report: %v", err)
	}
	if DefaultLayout(Post, false) != LayoutPost || DefaultLayout(Post, true) != LayoutAll || DefaultLayout(Email, false) != LayoutAll {
		t.Error("default layouts")
	}
}

func TestReportRows(t *testing.T) {
	if got := RejectHeader([]string{"id", "Reason"}); !reflect.DeepEqual(got, []string{"id", "Reason", "reject_reason"}) {
		t.Errorf("reject header: %q", got)
	}
	g := Group{N: 2, Members: []Member{{ID: "C1", Line: 3, Kept: true}, {ID: "C2", Line: 9, Rule: RulePhone, With: "C1"}}}
	want := [][]string{{"2", "C1", "3", "yes", RuleEmail.String(), ""}, {"2", "C2", "9", "no", "phone", "C1"}}
	if got := g.Rows(); !reflect.DeepEqual(got, want) {
		t.Errorf("group rows: %q", got)
	}
	st := &Stats{Read: 30, Written: 5, Largest: 11}
	st.Rejected[1] = 2
	lines := Outcome{Stats: st, Explain: "merged", DedupeReport: "g.csv"}.Lines()
	if len(lines) != 4 || lines[1] != "merged; groups in g.csv" || lines[2] != "rejected: "+st.RejectSummary()+" (list them with --rejects <file>)" {
		t.Errorf("outcome: %q", lines)
	}
}
