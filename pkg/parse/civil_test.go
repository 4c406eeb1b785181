package parse

import (
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
