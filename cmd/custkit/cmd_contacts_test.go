package main

import (
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// TestNewCmdContacts maps argv to contactsOptions.
func TestNewCmdContacts(t *testing.T) {
	newCmdTest[contactsOptions]{
		newCmd: newContactsCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *contactsOptions {
			return &contactsOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: defaultOut(), by: "staff"}
		},
	}.run(t, []newCmdCase[contactsOptions]{
		{name: "list", args: []string{"--contacts", "c.csv", "--since", "2026-01-01", "--staff", "村田,大野", "--channel", "phone", "--channel", "来店", "--customer", "C1"},
			want: func(o *contactsOptions) {
				o.in.Contacts, o.win.Since, o.staff, o.channels, o.customer = "c.csv", "2026-01-01", []string{"村田", "大野"}, []string{"phone", "来店"}, "C1"
			}},
		{name: "summary", args: []string{"--contacts", "c.csv", "--summary", "--by", "month", "--format", "csv"},
			want: func(o *contactsOptions) { o.in.Contacts, o.summary, o.by, o.out.Format = "c.csv", true, "month", "csv" }},
		{name: "due", args: []string{"--contacts", "c.csv", "--customers", "k.csv", "--sales", "s.csv", "--due", "30", "--segment", "loyal,lapsed", "--as-of", "2026-11-22"},
			want: func(o *contactsOptions) {
				o.in.Contacts, o.in.Customers, o.in.Sales, o.due, o.segments, o.win.AsOf = "c.csv", "k.csv", "s.csv", "30", []string{"loyal", "lapsed"}, "2026-11-22"
			}},
	})
}

// TestRunContacts: the list newest first, a summary, the usage errors,
// and the customers due a call.
func TestRunContacts(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"contacts.csv": "customer_id,contacted_at,staff,channel,summary\n" +
		"C1,2026-11-01 10:00,村田,電話,入荷\nC2,2026-11-20,大野,来店,相談\nC1,2026-10-01 09:30,村田,tel,見積\n"})
	opts := func(s *cmdutil.Streams) *contactsOptions {
		o := &contactsOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: defaultOut(), by: "staff"}
		o.in.Contacts = filepath.Join(dir, "contacts.csv")
		return o
	}
	testRun(t, dir, runContacts, opts, []runCase[contactsOptions]{
		{name: "list", stdout: lines(
			"customer_id,contacted_at,staff,channel,summary",
			"C2,2026-11-20,大野,来店,相談",
			"C1,2026-11-01 10:00,村田,電話,入荷",
			"C1,2026-10-01 09:30,村田,tel,見積"), stderr: lines("custkit: contacts: 3 contacts with 2 customers")},
		{name: "by phone", set: func(o *contactsOptions) { o.channels, o.Global.Quiet = []string{"phone"}, true }, stdout: lines(
			"customer_id,contacted_at,staff,channel,summary",
			"C1,2026-11-01 10:00,村田,電話,入荷",
			"C1,2026-10-01 09:30,村田,tel,見積")},
		{name: "by channel", set: func(o *contactsOptions) { o.summary, o.by, o.Global.Quiet = true, "channel", true }, stdout: lines(
			"channel,contacts,customers",
			"電話,2,1",
			"来店,1,1")},
		{name: "unknown staff", set: func(o *contactsOptions) { o.staff = []string{"佐々本"} },
			err: `unknown staff "佐々本" (known: 大野, 村田)`},
		{name: "segment without due", set: func(o *contactsOptions) { o.segments = []string{"loyal"} },
			err: "--segment chooses the customers of --due: give --due <days> with it"},
		{name: "bad due", set: func(o *contactsOptions) { o.due = "-3" },
			err: `--due "-3": give the number of days without a contact, a whole number from 1 (--due 30)`},
		{name: "due with staff", set: func(o *contactsOptions) { o.due, o.staff = "30", []string{"村田"} },
			err: "--due lists customers, not contacts: --staff does not go with it"},
	})
	examples := filepath.Join("..", "..", "examples")
	due := func(s *cmdutil.Streams) *contactsOptions {
		o := opts(s)
		o.in.Contacts, o.in.Customers, o.in.Sales = filepath.Join(examples, "contacts.csv"), filepath.Join(examples, "customers.csv"), filepath.Join(examples, "sales.csv")
		o.due, o.win.AsOf, o.segments, o.out.Format, o.Global.Quiet = "180", "2026-11-22", []string{"loyal"}, "csv", true
		return o
	}
	testRun(t, dir, runContacts, due, []runCase[contactsOptions]{
		{name: "loyal due", stdout: lines(
			"customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,company,title,store_id,registered_at,anniversary,mail_opt_in,post_opt_in,segment,last_contact,days_since_contact",
			"000102,佐藤 健一,サトウ ケンイチ,男,1965-11-30,076-252-3141,k-sato@example.ne.jp,9200981,石川県金沢市片町2-21-5,,,S01,2019-05-18,,1,1,loyal,,",
			"000101,山田 花子,ヤマダ ハナコ,女,1978-04-12,090-1234-5678,hanako.yamada@example.jp,920-0831,石川県金沢市東山1丁目13番7号,,,S01,2019-04-01,2004-10-10,1,1,loyal,2025-04-02 11:05,599",
			"000111,北村 拓也,キタムラ タクヤ,男,1975-06-18,076-222-8080,shiire@ryotei-kagaya.example.jp,920-0902,石川県金沢市尾張町1丁目9番6号,株式会社料亭かがや,仕入担当,S01,2019-10-01,,1,1,loyal,2025-06-10 10:00,530")},
		{name: "unknown segment", set: func(o *contactsOptions) { o.segments = []string{"loyl"} },
			err: `unknown segment "loyl"; did you mean "loyal"? (known: loyal, repeat, new, one-time, at-risk, lapsed, never)`},
	})
}
