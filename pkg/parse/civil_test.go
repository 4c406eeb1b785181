package parse

import (
	"errors"
	"testing"
	"time"
)

// TestDaysFromCivil checks the fast date arithmetic against the time
// package over five centuries, leap days and the 1970 epoch included.
func TestDaysFromCivil(t *testing.T) {
	for d := time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2200; d = d.AddDate(0, 0, 1) {
		y, m, day := d.Date()
		if got := daysFromCivil(y, int(m), day); got*86400 != d.Unix() {
			t.Fatalf("%s: %d days, want %d", d.Format("2006-01-02"), got, d.Unix()/86400)
		}
		if !validDay(y, int(m), day) || validDay(y, int(m), daysIn(y, int(m))+1) {
			t.Fatalf("%s: validDay disagrees with the calendar", d.Format("2006-01-02"))
		}
	}
}

func BenchmarkDateBytes(b *testing.B) {
	v := []byte("2024-05-17T13:45:12")
	for b.Loop() {
		if _, err := DateBytes(v); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDayCache parses every date case through one cache, twice and after
// other days, and wants what DateBytes gives.
func TestDayCache(t *testing.T) {
	var c DayCache
	inputs := []string{"2026-11-22 09:00", "2026-11-22 10:15:30", "2026-11-22T23:59", "2026-11-22", "2026-11-22x",
		"2026-11-22 25:00", "2026-11-221", "2026-11-2 10:00", "2026-11-22 10時15分", "2026-11-23 00:00",
		"2026-11-23 23:59:60", "2026-11-23 24:00:00", "2026-11-23 12:60", "2026-11-23 1a:00", "2026-11-23 12:00:5x",
		"2026-11-23 12:00:00Z", "2026-11-23 12-00-00", "2026-11-23 9:05", "2026-11-23 12:00:"}
	for _, tc := range dateCases {
		inputs = append(inputs, tc.in, tc.in)
	}
	for _, in := range inputs {
		want, werr := DateBytes([]byte(in))
		got, err := c.Parse([]byte(in))
		if (err != nil) != (werr != nil) || !got.Equal(want) {
			t.Errorf("%q: got %v %v, want %v %v", in, got, err, want, werr)
		}
	}
}

func TestTimeOfDay(t *testing.T) {
	for in, want := range map[string]string{
		"15:15": "15h15m0s", "15:15:30": "15h15m30s", "9:05": "9h5m0s", "15時15分": "15h15m0s",
		"15時15分30秒": "15h15m30s", "午後3:15": "15h15m0s", "午後3時15分": "15h15m0s", "午前0:05": "5m0s",
		"午後0:05": "12h5m0s", "3:15 PM": "15h15m0s", "PM 3:15": "15h15m0s", "12:05 AM": "5m0s",
		"１５：１５": "15h15m0s", "午後３：１５": "15h15m0s", " 00:00 ": "0s",
		"103309": "10h33m9s", "000000": "0s", "２３５９５９": "23h59m59s",
	} {
		got, err := TimeOfDay(in)
		if err != nil || got.String() != want {
			t.Errorf("TimeOfDay(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"":           "is not a time of day (use 15:15, 15:15:30, 15時15分 or 午後3:15)",
		"25:00":      "is not a time of day (use 15:15, 15:15:30, 15時15分 or 午後3:15)",
		"2024-11-22": "is not a time of day (use 15:15, 15:15:30, 15時15分 or 午後3:15)",
		"午後":         "is not a time of day: 午後 has no time after it",
		"午後12:15":    "is not a time of day: 午後12時 is not a time of a 12-hour clock (午後 takes 0 to 11); write the 24-hour time",
		"(月)":        "is not a time of day (use 15:15, 15:15:30, 15時15分 or 午後3:15)",
		"13:00 PM":   "is not a time of day: 13 o'clock is not a time of a 12-hour clock (1 to 12 PM); write the 24-hour time",
		"246000":     "is not a time of day (use 15:15, 15:15:30, 15時15分 or 午後3:15)",
		"10330":      "is not a time of day (use 15:15, 15:15:30, 15時15分 or 午後3:15)",
		"1033091":    "is not a time of day (use 15:15, 15:15:30, 15時15分 or 午後3:15)",
	} {
		_, err := TimeOfDay(in)
		if err == nil || err.Error() != want || !errors.Is(err, ErrTime) {
			t.Errorf("TimeOfDay(%q) error = %v, want %s", in, err, want)
		}
	}
}
