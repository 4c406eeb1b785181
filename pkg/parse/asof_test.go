package parse

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/usererr"
)

func TestAsOf(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 22, 23, 59, 0, 0, time.UTC) }
	if d, err := AsOf("", now); err != nil || FormatDate(d) != "2026-11-22" {
		t.Errorf("today: %v %v", d, err)
	}
	never := func() time.Time { t.Fatal("the clock was read for a date given"); return time.Time{} }
	if d, err := AsOf("2026/01/05", never); err != nil || FormatDate(d) != "2026-01-05" {
		t.Errorf("given: %v %v", d, err)
	}
	_, err := AsOf("24/11/22", never)
	var u *usererr.UsageError
	if err == nil || !strings.HasPrefix(err.Error(), `--as-of "24/11/22" `) || !errors.As(err, &u) {
		t.Errorf("ambiguous: %v", err)
	}
}

func TestSelectWindow(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC) }
	p := Period{Days: 30}
	w, day, err := SelectWindow("", "", &p, "", now)
	if err != nil || FormatDate(w.Since) != "2026-10-24" || FormatDate(w.Until) != "2026-11-22" || FormatDate(day) != "2026-11-22" {
		t.Errorf("--within 30d: %v..%v as of %v, %v", w.Since, w.Until, day, err)
	}
	w, _, err = SelectWindow("2026-01-01", "", nil, "2026-06-30", now)
	if err != nil || FormatDate(w.Since) != "2026-01-01" || !w.Until.IsZero() {
		t.Errorf("--since: %+v %v", w, err)
	}
	var u *usererr.UsageError
	if _, _, err := SelectWindow("2026-01-01", "", &p, "", now); err == nil || !errors.As(err, &u) {
		t.Errorf("--since with --within: %v", err)
	}
	if _, _, err := SelectWindow("", "", &p, "someday", now); err == nil || !errors.As(err, &u) {
		t.Errorf("bad --as-of: %v", err)
	}
}
