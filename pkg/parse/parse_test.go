package parse

import (
	"errors"
	"fmt"
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
	// Shopify's order export: the offset after a space; the wall clock is kept.
	{"2024-11-03 10:15:00 +0900", "2024-11-03T10:15:00"},
	{"2024-11-03 23:59:59 -0500", "2024-11-03T23:59:59"},
	{"2024-11-03 10:15 +09:00", "2024-11-03T10:15:00"},
	{"2024-11-03 10:15:00 Z", ""},
	{"2024-11-03 +0900", ""},
	{"2024-11-03 10:15:00 +09", ""},
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
	// 和暦, in kanji and abbreviated, and with the era ligatures.
	{"令和6年11月22日", "2024-11-22T00:00:00"},
	{"平成31年4月30日", "2019-04-30T00:00:00"},
	{"令和元年5月1日", "2019-05-01T00:00:00"},
	{"R6.11.22", "2024-11-22T00:00:00"},
	{"H31/4/30", "2019-04-30T00:00:00"},
	{"S53-4-12", "1978-04-12T00:00:00"},
	{"R6年11月22日", "2024-11-22T00:00:00"},
	{"r6.11.22", "2024-11-22T00:00:00"},
	{"R06.01.02", "2024-01-02T00:00:00"},
	{"H元.1.8", "1989-01-08T00:00:00"},
	{"㍻31年4月30日", "2019-04-30T00:00:00"},
	{"㋿6年11月22日", "2024-11-22T00:00:00"},
	{"㍼53年4月12日", "1978-04-12T00:00:00"},
	{"Ｒ６．１１．２２", "2024-11-22T00:00:00"},
	{"令和６年１１月２２日", "2024-11-22T00:00:00"},
	{"平成2年1月5日", "1990-01-05T00:00:00"},
	{"昭和64年1月7日", "1989-01-07T00:00:00"},
	{"平成元年1月8日", "1989-01-08T00:00:00"},
	{"昭和元年12月25日", "1926-12-25T00:00:00"},
	{"大正元年7月30日", "1912-07-30T00:00:00"},
	{"明治45年7月29日", "1912-07-29T00:00:00"},
	{"明治6年1月1日", "1873-01-01T00:00:00"},
	{"T15.12.24", "1926-12-24T00:00:00"},
	{"M45.7.29", "1912-07-29T00:00:00"},
	{"令和6年11月22日 10:15", "2024-11-22T10:15:00"},
	{"令和6年11月22日10時15分", "2024-11-22T10:15:00"},
	{"R6.11.22 9:05:07", "2024-11-22T09:05:07"},
	{"R6", ""},
	{"R6.11", ""},
	{"R6.11/22", ""},
	{"R6年11-22", ""},
	{"R6年11月22", ""},
	{"X6.11.22", ""},
	{"令和6年2月30日", ""},
	{"令和", ""},
	// A weekday in brackets, when it is the date's.
	{"2024/11/22(金)", "2024-11-22T00:00:00"},
	{"2024/11/22（金）", "2024-11-22T00:00:00"},
	{"2024年11月22日(金)", "2024-11-22T00:00:00"},
	{"2024年11月22日（金曜日）", "2024-11-22T00:00:00"},
	{"R6.11.22(金)", "2024-11-22T00:00:00"},
	{"2024/11/22(Fri)", "2024-11-22T00:00:00"},
	{"2024/11/24(日)", "2024-11-24T00:00:00"},
	{"2024/11/24(日曜)", "2024-11-24T00:00:00"},
	{"2024/11/22(金) 10:15", "2024-11-22T10:15:00"},
	{"2024/11/22(金)10:15", "2024-11-22T10:15:00"},
	{"2024/11/22(x)", ""},
	{"2024/11/22(金", ""},
	{"(金)", ""},
	// 午前/午後 and AM/PM.
	{"2024/11/22 午後3:15", "2024-11-22T15:15:00"},
	{"2024/11/22 午前10時05分", "2024-11-22T10:05:00"},
	{"2024/11/22午後3:15", "2024-11-22T15:15:00"},
	{"2024年11月22日 午後3時15分30秒", "2024-11-22T15:15:30"},
	{"2024/11/22 午前0:15", "2024-11-22T00:15:00"},
	{"2024/11/22 午後0:15", "2024-11-22T12:15:00"},
	{"2024/11/22 PM 3:15", "2024-11-22T15:15:00"},
	{"2024/11/22 3:15 pm", "2024-11-22T15:15:00"},
	{"2024/11/22 12:15 AM", "2024-11-22T00:15:00"},
	{"2024/11/22 12:15 PM", "2024-11-22T12:15:00"},
	{"2024/11/22 3:15 p.m.", "2024-11-22T15:15:00"},
	{"２０２４／１１／２２　午後３：１５", "2024-11-22T15:15:00"},
	{"2024年11月22日(金) 午後3:15", "2024-11-22T15:15:00"},
	{"R6.11.22(金) 午後3:15", "2024-11-22T15:15:00"},
	{"午後3:15", ""},
	{"2024/11/22 午後3:15 PM", ""},
	// Years written short, and the zero time, are not dates.
	{"0001-1-1", ""},
	{"0999-12-31", ""},
	{"1000-01-01", "1000-01-01T00:00:00"},
	{"45618", ""},
	{"24/11/22", ""},
	{"11/22/2024", ""},
}

// dateErrors are bad dates whose message says what is wrong, as it follows
// the value in a message.
var dateErrors = []struct{ in, want string }{
	{"平成32年1月1日", "is not a date: 平成32年 does not exist: 平成 ended on 平成31年4月30日 (2019-04-30)"},
	{"H32.1.1", "is not a date: 平成32年 does not exist: 平成 ended on 平成31年4月30日 (2019-04-30)"},
	{"令和0年5月1日", "is not a date: 令和0年 does not exist: the first year of an era is 元年"},
	{"R0.5.1", "is not a date: 令和0年 does not exist: the first year of an era is 元年"},
	{"令和1年4月30日", "is not a date: 令和元年4月30日 is before 令和 began on 2019-05-01; that day is 平成31年4月30日"},
	{"令和元年4月30日", "is not a date: 令和元年4月30日 is before 令和 began on 2019-05-01; that day is 平成31年4月30日"},
	{"平成31年5月1日", "is not a date: 平成31年5月1日 is after 平成 ended on 2019-04-30; that day is 令和元年5月1日"},
	{"H31/5/1", "is not a date: 平成31年5月1日 is after 平成 ended on 2019-04-30; that day is 令和元年5月1日"},
	{"昭和64年1月8日", "is not a date: 昭和64年1月8日 is after 昭和 ended on 1989-01-07; that day is 平成元年1月8日"},
	{"昭和65年1月1日", "is not a date: 昭和65年 does not exist: 昭和 ended on 昭和64年1月7日 (1989-01-07)"},
	{"平成元年1月7日", "is not a date: 平成元年1月7日 is before 平成 began on 1989-01-08; that day is 昭和64年1月7日"},
	{"大正15年12月25日", "is not a date: 大正15年12月25日 is after 大正 ended on 1926-12-24; that day is 昭和元年12月25日"},
	{"明治45年7月30日", "is not a date: 明治45年7月30日 is after 明治 ended on 1912-07-29; that day is 大正元年7月30日"},
	{"明治5年12月2日", "is not a date: 明治5年12月2日 is before 1873, when Japan took the Western calendar; write the Western date (YYYY-MM-DD)"},
	{"明治元年1月1日", "is not a date: 明治元年1月1日 is before 1873, when Japan took the Western calendar; write the Western date (YYYY-MM-DD)"},
	{"2024/11/22(木)", "is not a date: 2024-11-22 is a Friday (金), not 木"},
	{"2024年11月22日（木曜日）", "is not a date: 2024-11-22 is a Friday (金), not 木曜日"},
	{"R6.11.22(Sat)", "is not a date: 2024-11-22 is a Friday (金), not Sat"},
	{"2024/11/22 午後12:15", "is not a date: 午後12時 is not a time of a 12-hour clock (午後 takes 0 to 11); write the 24-hour time"},
	{"2024/11/22 午後15:00", "is not a date: 午後15時 is not a time of a 12-hour clock (午後 takes 0 to 11); write the 24-hour time"},
	{"2024/11/22 0:15 AM", "is not a date: 0 o'clock is not a time of a 12-hour clock (1 to 12 AM); write the 24-hour time"},
	{"2024/11/22 午後", "is not a date: 午後 has no time after it"},
	{"24/11/22", "is not a date: a two-digit year is ambiguous; write the year in full (YYYY-MM-DD) or with its era (R6.11.22)"},
	{"２４／１１／２２", "is not a date: a two-digit year is ambiguous; write the year in full (YYYY-MM-DD) or with its era (R6.11.22)"},
	{"11/22/2024", "is not a date: the year comes last (month/day/year); write the year first: 2024-11-22"},
	{"22/11/2024", "is not a date: the year comes last (day/month/year); write the year first: 2024-11-22"},
	{"03/04/2024", "is not a date: the year comes last, and which of 03 and 04 is the month is a guess; write YYYY-MM-DD"},
	{"11/22/2024 10:15", "is not a date: the year comes last (month/day/year); write the year first: 2024-11-22"},
	{"0024-11-22", "is not a date: the year 0024 is written short; write all four digits (YYYY-MM-DD)"},
	{"0001-1-1", "is not a date: the year 0001 is written short; write all four digits (YYYY-MM-DD)"},
	{"45618", "is not a date: 45618 looks like an Excel serial day number (2024-11-22); format the column as a date in Excel before saving, write YYYY-MM-DD, or set dates: {excel_serial: true} in the config to read such numbers in date columns"},
	{"2026/13/45", "is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)"},
	{"R6.13.1", "is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)"},
}

func TestDateErrors(t *testing.T) {
	for _, c := range dateErrors {
		_, err := Date(c.in)
		if err == nil || err.Error() != c.want || !errors.Is(err, ErrDate) {
			t.Errorf("Date(%q) error = %v\n want %s", c.in, err, c.want)
		}
		if _, errb := DateBytes([]byte(c.in)); errb == nil || errb.Error() != c.want {
			t.Errorf("DateBytes(%q) error = %v, want the same as Date", c.in, errb)
		}
	}
}

// TestEraBoundaries walks every day from 1873 to 2030 and wants each era
// spelling of it to read back as that day, and each era spelling in the
// era before or after it to be an error.
func TestEraBoundaries(t *testing.T) {
	for d := time.Date(1873, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2030; d = d.AddDate(0, 0, 1) {
		c := civil{d.Year(), int(d.Month()), d.Day()}
		e, ok := eraOf(c)
		if !ok {
			t.Fatalf("%s: no era", c)
		}
		for _, x := range eras {
			n := c.y - x.first.y + 1
			in := fmt.Sprintf("%c%d.%d.%d", x.letter, n, c.m, c.d)
			got, err := Date(in)
			if x.name == e.name {
				if err != nil || !got.Equal(d) {
					t.Fatalf("Date(%q) = %v, %v; want %s", in, got, err, c)
				}
				if k, err := Date(japanese(c)); err != nil || !k.Equal(d) {
					t.Fatalf("Date(%q) = %v, %v; want %s", japanese(c), k, err, c)
				}
			} else if n >= 0 && err == nil {
				t.Fatalf("Date(%q) = %v; %s is in %s", in, got, c, e.name)
			}
		}
	}
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
	// Negative yen as Excel and registers write it.
	{"¥-3,300", "-3300"},
	{"-¥3,300", "-3300"},
	{"△3,300", "-3300"},
	{"▲3,300", "-3300"},
	{"3,300-", "-3300"},
	{"3,300−", "-3300"},
	{"(3,300)", "-3300"},
	{"3,300円", "3300"},
	{"-3,300円", "-3300"},
	{"￥-3,300", "-3300"},
	{"￥－３，３００", "-3300"},
	{"\\-3,300", "-3300"},
	{"\\3,300", "3300"},
	{"(¥3,300)", "-3300"},
	{"¥3,300-", "-3300"},
	{"（３，３００）", "-3300"},
	{"--3", ""},
	{"-¥-3", ""},
	{"¥--3", ""},
	{"(3,300", ""},
	{"3,300)", ""},
	{"(-300)", ""},
	{"-(300)", ""},
	{"-3,300-", ""},
	{"△3,300-", ""},
	{"3,30,0", ""},
	{"3,300--", ""},
	{"¥(3,300)", ""},
	{"¥¥3", ""},
	{"¥+3", ""},
	{"-", ""},
	{"¥", ""},
	{"円", ""},
	{"()", ""},
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

// periodSpellings are periods as people write them, in a config file or
// after --within, with what they are.
var periodSpellings = []struct {
	in   string
	want Period
}{
	{"6months", Period{Months: 6}},
	{"6 months", Period{Months: 6}},
	{" 6  Months ", Period{Months: 6}},
	{"30 days", Period{Days: 30}},
	{"2 weeks", Period{Days: 14}},
	{"1 year 6 months", Period{Years: 1, Months: 6}},
	{"1y 6mo", Period{Years: 1, Months: 6}},
	{"30日", Period{Days: 30}},
	{"30日間", Period{Days: 30}},
	{"2週", Period{Days: 14}},
	{"2週間", Period{Days: 14}},
	{"6か月", Period{Months: 6}},
	{"6ヶ月", Period{Months: 6}},
	{"6ケ月", Period{Months: 6}},
	{"6カ月", Period{Months: 6}},
	{"6ヵ月", Period{Months: 6}},
	{"6ｶ月", Period{Months: 6}},
	{"6ヶ月間", Period{Months: 6}},
	{"1年", Period{Years: 1}},
	{"1年6ヶ月", Period{Years: 1, Months: 6}},
	{"６ヶ月", Period{Months: 6}},
	{"１８０日", Period{Days: 180}},
	{"1　年", Period{Years: 1}},
	{"100000d", Period{Days: MaxPeriod}},
}

func TestPeriodSpellings(t *testing.T) {
	for _, c := range periodSpellings {
		if got, err := ParsePeriod(c.in); err != nil || got != c.want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

func TestPeriodErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"180", `period "180" has no unit: write 180d, 26w, 6m or 1y`},
		{"6", `period "6" has no unit: write 6d, 1w, 1m or 1y`},
		{"１８０", `period "１８０" has no unit: write 180d, 26w, 6m or 1y`},
		{"1y6", `period "1y6": "6" has no unit: write 6d, 1w, 1m or 1y`},
		{"6 monhts", `period "6 monhts": unknown unit "monhts" (use d, w, mo or y)`},
		{"6分", `period "6分": unknown unit "分" (use d, w, mo or y)`},
		{"7yrs", `period "7yrs": unknown unit "yrs" (use d, w, mo or y)`},
		{"months", `period "months": expected a number at "months" (use 30d, 12mo, 5y)`},
		{"100001d", `period "100001d" is too long: at most 100000 days, months or years`},
		{"14286w", `period "14286w" is too long: at most 100000 days, months or years`},
		{"99999999999999999999y", `period "99999999999999999999y" is too long: at most 100000 days, months or years`},
	} {
		_, err := ParsePeriod(c.in)
		if err == nil || err.Error() != c.want {
			t.Errorf("ParsePeriod(%q): error %v, want %s", c.in, err, c.want)
		}
	}
}

func FuzzPeriod(f *testing.F) {
	for _, c := range periodSpellings {
		f.Add(c.in)
	}
	for _, s := range []string{"12mo", "1y6mo", "90d", "180", "1y6", "6 monhts", "-5d", "1.5y", "14286w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") && !strings.ContainsAny(s, "\n\r") {
				t.Fatalf("ParsePeriod(%q): error on more than one line: %v", s, err)
			}
			return
		}
		if p.Days < 0 || p.Months < 0 || p.Years < 0 || p.Days > MaxPeriod || p.Months > MaxPeriod || p.Years > MaxPeriod {
			t.Fatalf("ParsePeriod(%q) = %+v, out of range", s, p)
		}
		again, err := ParsePeriod(p.String())
		if err != nil || again != p {
			t.Fatalf("ParsePeriod(%q) = %v, which does not round-trip: %v %v", s, p, again, err)
		}
		// A space between each number and its unit, and full-width
		// digits, mean the same.
		if !isASCII(s) {
			return
		}
		for _, in := range []string{spaced(s), width.Widen.String(s)} {
			if q, err := ParsePeriod(in); err != nil || q != p {
				t.Fatalf("ParsePeriod(%q) = %v, but %q gives %v %v", s, p, in, q, err)
			}
		}
	})
}

// spaced puts a space after each run of digits of s.
func spaced(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] >= '0' && s[i] <= '9' && (i+1 == len(s) || s[i+1] < '0' || s[i+1] > '9') {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func FuzzDate(f *testing.F) {
	for _, c := range dateCases {
		f.Add(c.in)
	}
	for _, c := range dateErrors {
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
		if d.Location() != time.UTC || d.Year() < 1000 || d.Year() > 9999 {
			t.Fatalf("Date(%q) = %v, want a UTC time in years 1000-9999", s, d)
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
		// Japanese minus signs and full-width digits mean the same, for a
		// number with no sign of its own (3,300- has one at its end).
		if s != "" && s[0] >= '0' && s[0] <= '9' && !strings.ContainsAny(s, "-−－") {
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
