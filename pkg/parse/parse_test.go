package parse

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/width"
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
	{"2026-11-22 10:15:00.123456789", "2026-11-22T10:15:00"},
	{"2026.11.22", "2026-11-22T00:00:00"},
	{"2026年1月2日 9時05分", "2026-01-02T09:05:00"},
	{"2026-11-22T10:15+0900", "2026-11-22T10:15:00"},
	{"2026-02-30", ""},
	{"2026-00-10", ""},
	{"2026-11-00", ""},
	{"2026-11-22 10:60", ""},
	{"2026-11-22 10:5", ""},
	{"2026-11-22T", ""},
	{"2026-11-22 10:15:00 JST", ""},
	{"2026-11-22 10:15:", ""},
	{"2026年11月22日 10時15分30秒", "2026-11-22T10:15:30"},
	{"226-11-22", ""},
	{"20261322", ""},
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
	// The edge of Decimal's range: beyond it is an error, never a wrapped
	// negative number.
	{"922337203685477", "922337203685477"},
	{"922337203685477.5807", "922337203685477.5807"},
	{"-922337203685477.5807", "-922337203685477.5807"},
	{"922,337,203,685,477", "922337203685477"},
	{"922337203685478", ""},
	{"922337203685477.5808", ""},
	{"¥922,337,203,685,478", ""},
	{"１，２００円", "1200"},
	{"▲ １，０００", "-1000"},
	{"( 300 )", "-300"},
	{"−50", "-50"},
	{"$12.50", "12.5"},
	{"+5", "5"},
	{"-0", "0"},
	{"¥-100", ""},
	{"1 200", ""},
	{"1.2.3", ""},
	{"0x10", ""},
	{"1e3", ""},
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
		if db, errb := DateBytes([]byte(s)); !db.Equal(d) || (err == nil) != (errb == nil) {
			t.Fatalf("DateBytes(%q) = %v, %v; Date = %v, %v", s, db, errb, d, err)
		}
		if err != nil {
			if !errors.Is(err, ErrDate) {
				t.Fatalf("Date(%q): error %v does not wrap ErrDate", s, err)
			}
			return
		}
		if d.Location() != time.UTC || d.Year() < 0 || d.Year() > 9999 {
			t.Fatalf("Date(%q) = %v, want a UTC time in years 0-9999", s, d)
		}
		// A parsed date prints and parses back to the same day, and with
		// its full time of day to the same instant.
		again, err := Date(FormatDate(d))
		if err != nil || !again.Equal(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("Date(%q) = %v, which does not round-trip: %v %v", s, d, again, err)
		}
		again, err = Date(d.Format("2006-01-02 15:04:05.000000000"))
		if err != nil || !again.Equal(d) {
			t.Fatalf("Date(%q) = %v; with its time it reads back as %v %v", s, d, again, err)
		}
		// The same text in full-width characters is the same date.
		if isASCII(s) {
			if w, err := Date(width.Widen.String(s)); err != nil || !w.Equal(d) {
				t.Fatalf("Date(%q) = %v, but full-width %q gives %v %v", s, d, width.Widen.String(s), w, err)
			}
		}
	})
}

func FuzzAmount(f *testing.F) {
	for _, c := range amountCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Amount(s)
		if db, errb := AmountBytes([]byte(s)); db != d || (err == nil) != (errb == nil) {
			t.Fatalf("AmountBytes(%q) = %v, %v; Amount = %v, %v", s, db, errb, d, err)
		}
		if err != nil {
			if !errors.Is(err, ErrNumber) {
				t.Fatalf("Amount(%q): error %v does not wrap ErrNumber", s, err)
			}
			return
		}
		again, err := Amount(d.String())
		if err != nil || again != d {
			t.Fatalf("Amount(%q) = %v, which does not round-trip: %v %v", s, d, again, err)
		}
		// Plain decimal text must give exactly its own value: no overflow,
		// no lost digits.
		if plainNumber.MatchString(s) {
			if want := canonical(s); d.String() != want {
				t.Fatalf("Amount(%q) = %v, want %s", s, d, want)
			}
		}
		// Japanese minus signs and full-width digits mean the same.
		if s != "" && s[0] >= '0' && s[0] <= '9' {
			for _, neg := range []string{"-", "△", "▲", "(" + s + ")"} {
				in := neg + s
				if neg[0] == '(' {
					in = neg
				}
				if n, err := Amount(in); err != nil || n != -d {
					t.Fatalf("Amount(%q) = %v, %v; want %v", in, n, err, -d)
				}
			}
		}
		if isASCII(s) {
			if w, err := Amount(width.Widen.String(s)); err != nil || w != d {
				t.Fatalf("Amount(%q) = %v, but full-width %q gives %v %v", s, d, width.Widen.String(s), w, err)
			}
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

var plainNumber = regexp.MustCompile(`^[-+]?[0-9,]+(\.[0-9]+)?$`)

// canonical writes a plain decimal the way Decimal.String does: no commas,
// no leading zeros, no trailing zero decimals, no sign on zero.
func canonical(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(strings.ReplaceAll(s, ",", ""), "+-")
	whole, frac, _ := strings.Cut(s, ".")
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	if whole == "" {
		whole = "0"
	}
	if frac != "" {
		whole += "." + frac
	}
	if neg && whole != "0" {
		whole = "-" + whole
	}
	return whole
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func TestDaysIn(t *testing.T) {
	for y := 1890; y <= 2410; y++ {
		for m := 1; m <= 12; m++ {
			if got, want := daysIn(y, m), time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}
