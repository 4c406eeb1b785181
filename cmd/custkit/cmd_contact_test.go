package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/contactlog"
)

// TestNewCmdContactAdd maps argv to contactAddOptions.
func TestNewCmdContactAdd(t *testing.T) {
	newCmdTest[contactAddOptions]{
		newCmd: newContactAddCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *contactAddOptions {
			return &contactAddOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), rec: recordFlags{wait: contactlog.DefaultWait}}
		},
	}.run(t, []newCmdCase[contactAddOptions]{
		{name: "every flag", args: []string{"--customers", "c.csv", "--contacts", "k.csv", "--customer", "000101", "--channel", "電話",
			"--staff", "村田", "--summary", "入荷", "--at", "2026-11-22 10:15", "--wait", "2s"},
			want: func(o *contactAddOptions) {
				o.in.Customers, o.in.Contacts, o.rec.customer, o.channel = "c.csv", "k.csv", "000101", "電話"
				o.rec.staff, o.summary, o.at, o.rec.wait = "村田", "入荷", "2026-11-22 10:15", 2*time.Second
			}},
		{name: "no sales", args: []string{"--sales", "s.csv"}, err: "unknown flag: --sales"},
		{name: "arguments", args: []string{"000101"}, err: `unknown command "000101" for "add"`},
	})
}

// TestRunContactAdd: the row appended, the summary quoted, and each bad
// input an error that leaves the file as it was.
func TestRunContactAdd(t *testing.T) {
	customers, _ := shopFiles(t)
	dir := filepath.Dir(customers)
	contacts := filepath.Join(dir, "contacts.csv")
	opts := func(s *cmdutil.Streams) *contactAddOptions {
		g := &cmdutil.Global{Cfg: &cmdutil.Settings{}, Now: func() time.Time { return time.Date(2026, 11, 22, 10, 15, 0, 0, time.Local) }}
		o := &contactAddOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), rec: recordFlags{wait: time.Second}}
		o.in.Customers, o.in.Contacts, o.rec.customer, o.rec.staff, o.channel, o.summary = customers, contacts, "C1", "村田", "tel", "入荷,の\"連絡\"\n明日"
		return o
	}
	testRun(t, dir, runContactAdd, opts, []runCase[contactAddOptions]{
		{name: "append", stderr: lines("custkit: contact add: recorded a 電話 contact with C1 in $DIR/contacts.csv")},
		{name: "quiet, at a day", set: func(o *contactAddOptions) { o.Global.Quiet, o.at, o.summary = true, "2026/11/23", "x" }},
		{name: "unknown customer", set: func(o *contactAddOptions) { o.rec.customer = "C9" },
			err: `customer "C9" is not in $DIR/customers.csv; nothing was written`},
		{name: "unknown channel", set: func(o *contactAddOptions) { o.channel = "fax" },
			err: `unknown channel "fax" (known: 電話, 来店, メール, LINE, 手紙, その他)`},
		{name: "no staff", set: func(o *contactAddOptions) { o.rec.staff = " " }, err: "--staff is required"},
		{name: "bad --at", set: func(o *contactAddOptions) { o.at = "soon" }, err: `--at "soon" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`},
	})
	got, err := os.ReadFile(contacts)
	if err != nil {
		t.Fatal(err)
	}
	want := "customer_id,contacted_at,staff,channel,summary\n" +
		"C1,2026-11-22 10:15,村田,電話,\"入荷,の\"\"連絡\"\"\n明日\"\n" +
		"C1,2026-11-23,村田,電話,x\n"
	if string(got) != want {
		t.Errorf("contacts file\n%q\nwant\n%q", got, want)
	}
}
