package check

import (
	"errors"
	"reflect"
	"testing"
)

func TestRows(t *testing.T) {
	f := &Finding{File: "s.csv", Line: 12, Column: "quantity", Value: `"abc"`, Code: Code("number"), Err: errors.New("is not a number")}
	got := f.Cells()
	want := []string{"s.csv", "12", "quantity", `"abc"`, string(f.Severity()), "number", "is not a number"}
	if !reflect.DeepEqual(got, want) || len(got) != len(Columns) {
		t.Errorf("got %q, want %q", got, want)
	}
	if (&Finding{File: "s.csv", Err: errors.New("empty")}).Cells()[1] != "" {
		t.Error("a finding about the whole file has a line")
	}
	if DefaultFormat(true) != "text" || DefaultFormat(false) != "csv" || KeepFor(0) != -1 || KeepFor(5) != 5 {
		t.Error("defaults")
	}
}
