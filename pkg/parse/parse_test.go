package parse

import (
	"errors"
	"testing"
	"time"
)

var dateCases = []struct {
	in   string
	want string // "" = error
}{
	{"2026-11-22", "2026-11-22T00:00:00"},
	{"2026/11/22", "2026-11-22T00:00:00"},
	{"2026/1/2", "2026-01-02T00:00:00"},
	{"20261122", "2026-11-22T00:00:00"},
	{"2026年11月22日", "2026-11-22T00:00:00"},
	{"２０２６／１１／２２", "2026-11-22T00:00:00"},
	{"2026-11-22T10:15:00", "2026-11-22T10:15:00"},
	{"2026/11/22 10:15", "2026-11-22T10:15:00"},
	{"2026-11-22 9:05:07.5", "2026-11-22T09:05:07"},
	{"2026-11-22T10:15:00+09:00", "2026-11-22T10:15:00"},
	{"2026-11-22T10:15:00Z", "2026-11-22T10:15:00"},
	{" 2026-11-22 ", "2026-11-22T00:00:00"},
	{"2024-02-29", "2024-02-29T00:00:00"},
	{"2026/13/45", ""},
	{"2025-02-29", ""},
	{"2026-11-22x", ""},
	{"2026-11", ""},
	{"22/11/2026", ""},
	{"", ""},
	{"abc", ""},
	{"2026-11-22 25:00", ""},
	{"2026-11/22", ""},
}

func TestDate(t *testing.T) {
	for _, c := range dateCases {
		got, err := Date(c.in)
		if c.want == "" {
			if !errors.Is(err, ErrDate) {
				t.Errorf("Date(%q) = %v, want an error", c.in, got)
			}
			continue
		}
		if err != nil || got.Format("2006-01-02T15:04:05") != c.want {
			t.Errorf("Date(%q) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
}

var amountCases = []struct {
	in   string
	want string // "" = error
}{
	{"1200", "1200"},
	{"1,200", "1200"},
	{"¥1,200", "1200"},
	{"￥１，２００", "1200"},
	{"１２００", "1200"},
	{"1,200円", "1200"},
	{"-300", "-300"},
	{"△300", "-300"},
	{"▲1,000", "-1000"},
	{"(300)", "-300"},
	{"12.5", "12.5"},
	{"0.0001", "0.0001"},
	{"1,234,567", "1234567"},
	{"0", "0"},
	{"abc", ""},
	{"", ""},
	{"1,20", ""},
	{"12,34,567", ""},
	{",100", ""},
	{"1.", ""},
	{"1.00001", ""},
	{"--1", ""},
	{"99999999999999999999", ""},
}

func TestAmount(t *testing.T) {
	for _, c := range amountCases {
		got, err := Amount(c.in)
		if c.want == "" {
			if err == nil {
				t.Errorf("Amount(%q) = %v, want an error", c.in, got)
			}
			continue
		}
		if err != nil || got.String() != c.want {
			t.Errorf("Amount(%q) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
}

func TestPeriod(t *testing.T) {
	day := func(s string) time.Time { d, _ := Date(s); return d }
	cases := []struct {
		p, from, before string
	}{
		{"12mo", "2026-11-22", "2025-11-22"},
		{"1mo", "2026-03-31", "2026-02-28"},
		{"1mo", "2024-03-31", "2024-02-29"},
		{"1y", "2024-02-29", "2023-02-28"},
		{"90d", "2026-01-15", "2025-10-17"},
		{"2w", "2026-01-01", "2025-12-18"},
		{"1y6mo", "2026-11-22", "2025-05-22"},
	}
	for _, c := range cases {
		p, err := ParsePeriod(c.p)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatDate(p.Before(day(c.from))); got != c.before {
			t.Errorf("%s before %s = %s, want %s", c.p, c.from, got, c.before)
		}
	}
	for _, bad := range []string{"", "12", "d", "3x", "1.5y"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) succeeded", bad)
		}
	}
}

func FuzzDate(f *testing.F) {
	for _, c := range dateCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Date(s)
		if err != nil {
			return
		}
		// A parsed date prints and parses back to the same day.
		again, err := Date(FormatDate(d))
		if err != nil || !again.Equal(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("Date(%q) = %v, which does not round-trip: %v %v", s, d, again, err)
		}
	})
}

func FuzzAmount(f *testing.F) {
	for _, c := range amountCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Amount(s)
		if err != nil {
			return
		}
		again, err := Amount(d.String())
		if err != nil || again != d {
			t.Fatalf("Amount(%q) = %v, which does not round-trip: %v %v", s, d, again, err)
		}
	})
}

func TestWindow(t *testing.T) {
	asOf, _ := Date("2026-11-22")
	p30, _ := ParsePeriod("30d")
	p12, _ := ParsePeriod("12mo")
	cases := []struct {
		since, until string
		within       *Period
		from, to     string
		err          bool
	}{
		{"", "", &p30, "2026-10-24", "2026-11-22", false},
		{"", "", &p12, "2025-11-23", "2026-11-22", false},
		{"", "2025-12-31", &p30, "2025-12-02", "2025-12-31", false},
		{"2026-01-01", "2026/03/31", nil, "2026-01-01", "2026-03-31", false},
		{"2026-01-01", "", &p30, "", "", true},
		{"2026-02-01", "2026-01-01", nil, "", "", true},
		{"2026-13-01", "", nil, "", "", true},
	}
	for _, c := range cases {
		w, err := NewWindow(c.since, c.until, c.within, asOf)
		if c.err {
			if err == nil {
				t.Errorf("%+v: want an error", c)
			}
			continue
		}
		if err != nil || FormatDate(w.Since) != c.from || FormatDate(w.Until) != c.to {
			t.Errorf("%+v: got %s..%s %v", c, FormatDate(w.Since), FormatDate(w.Until), err)
		}
	}
	w, _ := NewWindow("2026-01-01", "2026-01-31", nil, asOf)
	in, _ := Date("2026-01-31 23:59")
	out, _ := Date("2026-02-01 00:00")
	before, _ := Date("2025-12-31 23:59")
	if !w.Contains(in) || w.Contains(out) || w.Contains(before) {
		t.Errorf("Contains is wrong at the edges")
	}
}
