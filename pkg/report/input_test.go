package report

import "testing"

func TestInputChecks(t *testing.T) {
	env := func(k string) string { return map[string]string{"LANG": "ja_JP.UTF-8"}[k] }
	if l, err := ChooseLang("", env); err != nil || l != Japanese {
		t.Errorf("ChooseLang from LANG = %v, %v", l, err)
	}
	if l, err := ChooseLang("en", env); err != nil || l != English {
		t.Errorf("ChooseLang(en) = %v, %v", l, err)
	}
	if _, err := ChooseLang("fr", env); err == nil || err.Error() != `--lang unknown language "fr" (choose ja or en)` {
		t.Errorf("ChooseLang(fr) = %v", err)
	}
	if d, err := Since(""); err != nil || !d.IsZero() {
		t.Errorf("Since(\"\") = %v, %v", d, err)
	}
	if d, err := Since("2026/01/02"); err != nil || d.Format("2006-01-02") != "2026-01-02" {
		t.Errorf("Since = %v, %v", d, err)
	}
	if _, err := Since("x"); err == nil {
		t.Error("Since(x): no error")
	}
}
