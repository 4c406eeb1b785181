package main

import (
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/parse"
)

// TestNewCmdEvents maps argv to eventsOptions, and the defaults.
func TestNewCmdEvents(t *testing.T) {
	newCmdTest[eventsOptions]{
		newCmd: newEventsCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *eventsOptions {
			return &eventsOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: defaultOut(), within: parse.Period{Days: 30}}
		},
	}.run(t, []newCmdCase[eventsOptions]{
		{name: "defaults", args: []string{"--customers", "c.csv"}, want: func(o *eventsOptions) { o.in.Customers = "c.csv" }},
		{name: "every flag", args: []string{"--customers", "c.csv", "--within", "2mo", "--event", "anniversary", "--strict",
			"--as-of", "2026-11-22", "--format", "json"},
			want: func(o *eventsOptions) {
				o.in.Customers, o.within, o.withinSet, o.kinds, o.strict = "c.csv", parse.Period{Months: 2}, true, []string{"anniversary"}, true
				o.win.AsOf, o.out.Format = "2026-11-22", "json"
			}},
		{name: "no sales flag", args: []string{"--customers", "c.csv", "--sales", "s.csv"}, err: "unknown flag: --sales"},
	})
}

// TestRunEvents: the birthdays and anniversaries in the period from
// --as-of, masked on a terminal.
func TestRunEvents(t *testing.T) {
	customers, _ := shopFiles(t)
	opts := func(s *cmdutil.Streams) *eventsOptions {
		o := &eventsOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: defaultOut(), within: parse.Period{Days: 30}}
		o.in.Customers, o.win.AsOf = customers, shopAsOf
		return o
	}
	testRun(t, filepath.Dir(customers), runEvents, opts, []runCase[eventsOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"┌─────────────┬────────┬───────────┬────────────┬───────────────┬───────────────────┬─────────────┬────────────────┬──────────┬───────────────┬─────────────┬─────────────┬─────────────┬─────────────┬────────────┬────────────┬───────┐",
			"│ customer_id │ name   │ name_kana │ birthday   │ phone         │ email             │ postal_code │ address        │ store_id │ registered_at │ anniversary │ mail_opt_in │ post_opt_in │ event       │ date       │ days_until │ years │",
			"├─────────────┼────────┼───────────┼────────────┼───────────────┼───────────────────┼─────────────┼────────────────┼──────────┼───────────────┼─────────────┼─────────────┼─────────────┼─────────────┼────────────┼────────────┼───────┤",
			"│ C2          │ 佐**** │ サ******* │ ****-**-** │ ***-***-3141  │ k*****@example.jp │ 920-****    │ 石川県******** │ S1       │ 2026-10-01    │             │ 1           │ 1           │ birthday    │ 2026-12-05 │ 13         │ 61    │",
			"│ C1          │ 山**** │ ヤ******  │ ****-**-** │ ***-****-5678 │ h*****@example.jp │ 920-****    │ 石川県******** │ S1       │ 2019-04-01    │ ****-**-**  │ 1           │ 1           │ anniversary │ 2026-12-10 │ 18         │ 22    │",
			"└─────────────┴────────┴───────────┴────────────┴───────────────┴───────────────────┴─────────────┴────────────────┴──────────┴───────────────┴─────────────┴─────────────┴─────────────┴─────────────┴────────────┴────────────┴───────┘"), stderr: lines(
			"custkit: events: 3 customers: 2 events from 2026-11-22 to 2026-12-21; anniversary: 2 empty")},
		{name: "pipe", stdout: lines(
			"customer_id,name,name_kana,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in,post_opt_in,event,date,days_until,years",
			"C2,佐藤 健一,サトウ ケンイチ,1965-12-05,076-252-3141,k-sato@example.jp,920-0981,石川県金沢市片町2-21-5,S1,2026-10-01,,1,1,birthday,2026-12-05,13,61",
			"C1,山田 花子,ヤマダ ハナコ,1978-04-12,090-1234-5678,hanako@example.jp,920-0831,石川県金沢市東山1-13-7,S1,2019-04-01,2004-12-10,1,1,anniversary,2026-12-10,18,22"), stderr: lines(
			"custkit: events: 3 customers: 2 events from 2026-11-22 to 2026-12-21; anniversary: 2 empty")},
		{name: "birthdays in a year, quiet", set: func(o *eventsOptions) {
			o.within, o.kinds, o.Global.Quiet = parse.Period{Years: 1}, []string{"birthday"}, true
		}, stdout: lines(
			"customer_id,name,name_kana,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in,post_opt_in,event,date,days_until,years",
			"C2,佐藤 健一,サトウ ケンイチ,1965-12-05,076-252-3141,k-sato@example.jp,920-0981,石川県金沢市片町2-21-5,S1,2026-10-01,,1,1,birthday,2026-12-05,13,61",
			"C3,鈴木 一郎,スズキ イチロウ,1990-01-20,,ichiro@example.jp,,,S2,2020-02-02,,0,0,birthday,2027-01-20,59,37",
			"C1,山田 花子,ヤマダ ハナコ,1978-04-12,090-1234-5678,hanako@example.jp,920-0831,石川県金沢市東山1-13-7,S1,2019-04-01,2004-12-10,1,1,birthday,2027-04-12,141,49")},
		{name: "unknown kind", set: func(o *eventsOptions) { o.kinds = []string{"wedding"} }, err: "--event \"wedding\" is not one of birthday, anniversary"},
	})
}
