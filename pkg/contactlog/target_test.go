package contactlog

import (
	"testing"
	"time"
)

func TestTargetAndAt(t *testing.T) {
	if got, err := Target("k.csv", "contacts"); err != nil || got != "k.csv" {
		t.Errorf("Target(k.csv) = %q, %v", got, err)
	}
	for _, list := range []string{"-", "a.csv,b.csv", "k*.csv"} {
		if _, err := Target(list, "contacts"); err == nil {
			t.Errorf("Target(%q): no error", list)
		}
	}
	now := time.Date(2026, 11, 22, 10, 15, 30, 0, time.Local)
	for _, tt := range []struct{ at, want string }{
		{"", "2026-11-22 10:15"}, {"2026/11/23", "2026-11-23"}, {"2026-11-23 09:05", "2026-11-23 09:05"},
	} {
		if got, err := At(tt.at, now); err != nil || got != tt.want {
			t.Errorf("At(%q) = %q, %v; want %q", tt.at, got, err, tt.want)
		}
	}
	if _, err := At("soon", now); err == nil || err.Error() != `--at "soon" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)` {
		t.Errorf("At(soon) = %v", err)
	}
	if err := Given([2]string{"staff", "村田"}, [2]string{"summary", " "}); err == nil || err.Error() != "--summary is required" {
		t.Errorf("Given = %v", err)
	}
	if tm, err := DefaultStatuses.Choose("", DefaultStatuses.Terms[0]); err != nil || tm.Name != "未対応" {
		t.Errorf("Choose(\"\") = %v, %v", tm, err)
	}
	if tm, err := DefaultStatuses.Choose("done", Term{}); err != nil || tm.Name != "完了" {
		t.Errorf("Choose(done) = %v, %v", tm, err)
	}
	if _, err := DefaultStatuses.Choose("保留", Term{}); err == nil {
		t.Error("Choose(保留): no error")
	}
}
