package audit

import (
	"reflect"
	"testing"
	"time"
)

func TestFilter(t *testing.T) {
	e := Entry{Time: time.Date(2026, 11, 2, 23, 0, 0, 0, time.UTC), Command: "exports shred"}
	cases := []struct {
		f    Filter
		keep bool
	}{
		{Filter{}, true},
		{Filter{Command: "exports"}, true},
		{Filter{Command: "exports shred"}, true},
		{Filter{Command: "export"}, false},
		{Filter{Since: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)}, true},
		{Filter{Since: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)}, false},
	}
	for _, c := range cases {
		if got := c.f.Keep(e); got != c.keep {
			t.Errorf("%+v.Keep = %v, want %v", c.f, got, c.keep)
		}
	}
}

func TestRow(t *testing.T) {
	e := Entry{Seq: 3, Time: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC), User: "u", Command: "shred",
		Inputs: []Input{{Path: "/in.csv", SHA256: "ab"}}, Outputs: []Output{{Path: "-", Rows: 2, Columns: []string{"a", "b"}}},
		Shredded: []string{"/x.csv"}, OK: true, Settings: []Setting{{Name: "passes", Value: "1", Source: "default"}}}
	short := Row(e, false)
	if want := []string{"2026-11-02T10:00:00Z", "u", "shred", "/in.csv", "- shredded /x.csv", "2", "", "no", "yes"}; !reflect.DeepEqual(short, want) {
		t.Errorf("Row = %q, want %q", short, want)
	}
	full := Row(e, true)
	if len(full) != len(Header(true)) || len(short) != len(Header(false)) || full[10] != "a b" || full[17] != "passes=1 (default)" {
		t.Errorf("full row %q", full)
	}
}
