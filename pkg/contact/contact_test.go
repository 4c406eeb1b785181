package contact

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/segment"
	"github.com/custkit/custkit/pkg/usererr"
)

func file(t testing.TB, kind schema.Kind, csv string) record.File {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(csv), rows.Options{Name: kind.Name + ".csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := kind.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return record.File{Reader: r, Binding: b}
}

const sample = `顧客番号,対応日,担当者,チャネル,内容
C1,2026-01-10 10:00,村田,電話,a
C2,2026-02-01,大野,来店,b
C1,2026-02-01,村田,phone,c
C3,,佐々木,訪問,d
C2,2026-03-05 18:30,大野,メール,e
`

func ids(cs []Contact) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.Summary)
	}
	return strings.Join(s, "")
}

func TestRunNewestFirst(t *testing.T) {
	got, err := Run(context.Background(), file(t, schema.Contacts, sample), Options{Vocab: contactlog.DefaultChannels})
	if err != nil {
		t.Fatal(err)
	}
	// c and b share a day: the one recorded later first; d has no date.
	if ids(got) != "ecbad" {
		t.Errorf("order %s, want ecbad", ids(got))
	}
	if got[0].Cells()[1] != "2026-03-05 18:30" || got[1].Cells()[1] != "2026-02-01" || got[4].Cells()[1] != "" {
		t.Errorf("times %q %q %q", got[0].Cells()[1], got[1].Cells()[1], got[4].Cells()[1])
	}
}

func TestRunFilters(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts Options
		want string
	}{
		{"since", Options{Since: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}, "ecb"},
		{"staff by any width", Options{Staff: []string{"村田"}}, "ca"},
		{"channel by any spelling", Options{Channels: []string{"TEL"}}, "ca"},
		{"channel the vocabulary lacks", Options{Channels: []string{"訪問", "メール"}}, "ed"},
		{"customer", Options{Customer: "C2"}, "eb"},
		{"together", Options{Staff: []string{"大野"}, Channels: []string{"visit"}}, "b"},
	} {
		tt.opts.Vocab = contactlog.DefaultChannels
		got, err := Run(context.Background(), file(t, schema.Contacts, sample), tt.opts)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if ids(got) != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, ids(got), tt.want)
		}
	}
}

func TestRunUnknownNames(t *testing.T) {
	for _, tt := range []struct {
		opts Options
		want string
	}{
		{Options{Staff: []string{"佐々本"}}, `unknown staff "佐々本"; did you mean "佐々木"? (known: 佐々木, 大野, 村田)`},
		{Options{Channels: []string{"phon"}}, `unknown channel "phon"; did you mean "電話"? (known: 電話, 来店, メール, LINE, 手紙, その他, 訪問)`},
	} {
		tt.opts.Vocab = contactlog.DefaultChannels
		_, err := Run(context.Background(), file(t, schema.Contacts, sample), tt.opts)
		if err == nil || err.Error() != tt.want || !isUsage(err) {
			t.Errorf("err = %v, want the usage error %s", err, tt.want)
		}
	}
	_, err := Run(context.Background(), file(t, schema.Contacts, "customer_id,contacted_at\nC1,2026-01-01\n"), Options{Staff: []string{"村田"}})
	if err == nil || err.Error() != `--staff "村田": no contact of the file names a staff` {
		t.Errorf("no staff column: %v", err)
	}
}

func TestSummarise(t *testing.T) {
	cs, err := Run(context.Background(), file(t, schema.Contacts, sample), Options{Vocab: contactlog.DefaultChannels})
	if err != nil {
		t.Fatal(err)
	}
	show := func(gs []Group) string {
		var s []string
		for _, g := range gs {
			s = append(s, strings.Join(g.Cells(), "/"))
		}
		return strings.Join(s, " ")
	}
	for by, want := range map[string]string{
		ByStaff:   "大野/2/1 村田/2/1 佐々木/1/1",
		ByChannel: "電話/2/1 メール/1/1 来店/1/1 訪問/1/1",
		ByMonth:   "(none)/1/1 2026-01/1/1 2026-02/2/2 2026-03/1/1",
	} {
		if got := show(Summarise(cs, by, contactlog.DefaultChannels)); got != want {
			t.Errorf("by %s: %s, want %s", by, got, want)
		}
	}
}

func TestParseDaysAndSegments(t *testing.T) {
	if n, err := ParseDays(" 30 "); n != 30 || err != nil {
		t.Errorf("ParseDays 30 = %d, %v", n, err)
	}
	for _, bad := range []string{"0", "-1", "30d", "", "1.5"} {
		if _, err := ParseDays(bad); err == nil || !isUsage(err) {
			t.Errorf("ParseDays %q: %v, want a usage error", bad, err)
		}
	}
	if sel, err := ParseSegments(nil); err != nil || len(sel) != 2 || sel[0] != segment.Loyal || sel[1] != segment.AtRisk {
		t.Errorf("default segments %v, %v", sel, err)
	}
	if sel, err := ParseSegments([]string{"At-Risk", "lapsed"}); err != nil || sel[0] != segment.AtRisk || sel[1] != segment.Lapsed {
		t.Errorf("segments %v, %v", sel, err)
	}
	if _, err := ParseSegments([]string{"lapsd"}); err == nil || !strings.Contains(err.Error(), `did you mean "lapsed"?`) {
		t.Errorf("lapsd: %v", err)
	}
}

func isUsage(err error) bool {
	var u *usererr.UsageError
	return errors.As(err, &u)
}

func TestLast(t *testing.T) {
	f := file(t, schema.Contacts, "customer_id,contacted_at\nC1,2026-01-10\nC1,2026-03-01 09:00\n,2026-03-01\nC2,2026-11-23 08:00\nC1,2026-02-01\n")
	last, err := Last(context.Background(), f, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(last) != 1 || When(last["C1"]) != "2026-03-01 09:00" {
		t.Errorf("last = %v; want C1's latest, and nothing after the day as of", last)
	}
}

func TestNoChannelColumn(t *testing.T) {
	const csv = "顧客番号,対応日,担当者,経由,内容\nC1,2026-01-10,村田,電話,a\n"
	for _, c := range []struct {
		name    string
		summary bool
		by      string
		opts    Options
		want    string
	}{
		{"--channel", false, ByStaff, Options{Channels: []string{"phone"}}, "contacts.csv:1: no column maps to channel (tried channel, contact_channel, "},
		{"--summary --by channel", true, ByChannel, Options{}, "): --summary --by channel needs it"},
	} {
		err := CheckChannel(file(t, schema.Contacts, csv), c.summary, c.by, c.opts)
		var h *usererr.HintError
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &h) || h.Hint != `name the column that holds channel in the config, e.g. aliases: {contacts: {channel: ["経由"]}}` {
			t.Errorf("%s: %v, want %q and the alias hint", c.name, err, c.want)
		}
	}
	if err := CheckChannel(file(t, schema.Contacts, csv), true, ByStaff, Options{}); err != nil {
		t.Errorf("a summary by staff needs no channel: %v", err)
	}
	if err := CheckChannel(file(t, schema.Contacts, sample), true, ByChannel, Options{Channels: []string{"phone"}}); err != nil {
		t.Errorf("a file with a channel column: %v", err)
	}
	f := file(t, schema.Contacts, csv)
	if w := Warnings(f, false, Options{}); len(w) != 1 || !strings.Contains(w[0], "contacts.csv: no column maps to channel") || !strings.Contains(w[0], "the channel column is empty") {
		t.Errorf("list warnings %q", w)
	}
	if w := Warnings(f, true, Options{}); w != nil {
		t.Errorf("summary warnings %q", w)
	}
}
