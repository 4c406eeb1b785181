package check

import (
	"errors"
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/usererr"
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
	if FormatOf("", true) != "text" || FormatOf("", false) != "csv" || FormatOf("json", true) != "json" {
		t.Error("formats")
	}
	for limit, want := range map[int]int{0: -1, 5: 5} {
		if got, err := KeepFor(limit); got != want || err != nil {
			t.Errorf("KeepFor(%d) = %d, %v; want %d", limit, got, err, want)
		}
	}
	var u *usererr.UsageError
	if _, err := KeepFor(-1); !errors.As(err, &u) {
		t.Errorf("KeepFor(-1): %v, want a usage error", err)
	}
}
