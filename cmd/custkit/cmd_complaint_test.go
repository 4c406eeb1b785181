package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/contactlog"
)

// TestNewCmdComplaintAdd maps argv to complaintAddOptions.
func TestNewCmdComplaintAdd(t *testing.T) {
	newCmdTest[complaintAddOptions]{
		newCmd: newComplaintAddCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *complaintAddOptions {
			return &complaintAddOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), rec: recordFlags{wait: contactlog.DefaultWait}}
		},
	}.run(t, []newCmdCase[complaintAddOptions]{
		{name: "every flag", args: []string{"--customers", "c.csv", "--complaints", "k.csv", "--customer", "000101", "--product", "P1",
			"--summary", "割れ", "--status", "open", "--staff", "村田", "--at", "2026-11-22", "--wait", "1s"},
			want: func(o *complaintAddOptions) {
				o.in.Customers, o.in.Complaints, o.rec.customer, o.product = "c.csv", "k.csv", "000101", "P1"
				o.summary, o.status, o.rec.staff, o.at, o.rec.wait = "割れ", "open", "村田", "2026-11-22", time.Second
			}},
		{name: "no contacts", args: []string{"--contacts", "x.csv"}, err: "unknown flag: --contacts"},
	})
}

// TestNewCmdComplaintUpdate maps argv to complaintUpdateOptions.
func TestNewCmdComplaintUpdate(t *testing.T) {
	newCmdTest[complaintUpdateOptions]{
		newCmd: newComplaintUpdateCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *complaintUpdateOptions {
			return &complaintUpdateOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), rec: recordFlags{wait: contactlog.DefaultWait}}
		},
	}.run(t, []newCmdCase[complaintUpdateOptions]{
		{name: "every flag", args: []string{"C1", "--customers", "c.csv", "--complaints", "k.csv", "--contacts", "t.csv",
			"--status", "完了", "--resolution", "交換", "--staff", "大野", "--channel", "電話", "--reopen"},
			want: func(o *complaintUpdateOptions) {
				o.id, o.in.Customers, o.in.Complaints, o.in.Contacts = "C1", "c.csv", "k.csv", "t.csv"
				o.status, o.resolution, o.rec.staff, o.channel, o.reopen = "完了", "交換", "大野", "電話", true
			}},
		{name: "no id", args: []string{"--status", "完了"}, err: "update needs a complaint id"},
		{name: "two ids", args: []string{"C1", "C2"}, err: `update takes one complaint id, but was given 2: "C1", "C2"`},
	})
}

// TestRunComplaint: add numbers the day's complaints and prints the id;
// update changes the row and adds the contact that keeps the old state.
func TestRunComplaint(t *testing.T) {
	customers, _ := shopFiles(t)
	dir := filepath.Dir(customers)
	complaints, contacts := filepath.Join(dir, "complaints.csv"), filepath.Join(dir, "contacts.csv")
	clock := func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.Local) }
	add := func(s *cmdutil.Streams) *complaintAddOptions {
		o := &complaintAddOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}, Now: clock}}, in: defaultIn(), rec: recordFlags{wait: time.Second}}
		o.in.Customers, o.in.Complaints, o.rec.customer, o.summary, o.product = customers, complaints, "C2", "割れていた", "P1"
		return o
	}
	testRun(t, dir, runComplaintAdd, add, []runCase[complaintAddOptions]{
		{name: "first", stdout: "C20261122-001\n", stderr: lines("custkit: complaint add: recorded complaint C20261122-001 (未対応) of C2 in $DIR/complaints.csv")},
		{name: "second, closed at once", set: func(o *complaintAddOptions) { o.status, o.Global.Quiet = "closed", true }, stdout: "C20261122-002\n"},
		{name: "unknown status", set: func(o *complaintAddOptions) { o.status = "opn" },
			err: `unknown status "opn"; did you mean "未対応"? (known: 未対応, 対応中, 完了)`},
	})
	update := func(s *cmdutil.Streams) *complaintUpdateOptions {
		o := &complaintUpdateOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}, Now: clock}}, in: defaultIn(), rec: recordFlags{wait: time.Second}}
		o.in.Customers, o.in.Complaints, o.in.Contacts, o.id, o.status, o.rec.staff = customers, complaints, contacts, "C20261122-001", "対応中", "村田"
		return o
	}
	testRun(t, dir, runComplaintUpdate, update, []runCase[complaintUpdateOptions]{
		{name: "in progress", stderr: lines("custkit: complaint update: C20261122-001: 未対応 → 対応中, recorded in $DIR/complaints.csv and $DIR/contacts.csv")},
		{name: "closed one", set: func(o *complaintUpdateOptions) { o.id = "C20261122-002" },
			err: "complaint C20261122-002 is closed (完了); nothing was written"},
		{name: "no staff", set: func(o *complaintUpdateOptions) { o.rec.staff = "" }, err: "--staff is required: who handled the complaint"},
	})
	got, _ := os.ReadFile(complaints)
	want := "customer_id,received_at,product_id,summary,status,resolution,complaint_id,staff,closed_at,category\n" +
		"C2,2026-11-22 12:00,P1,割れていた,対応中,,C20261122-001,村田,,\n" +
		"C2,2026-11-22 12:00,P1,割れていた,完了,,C20261122-002,,2026-11-22 12:00,\n"
	if string(got) != want {
		t.Errorf("complaints file\n%q\nwant\n%q", got, want)
	}
	got, _ = os.ReadFile(contacts)
	want = "customer_id,contacted_at,staff,channel,summary\nC2,2026-11-22 12:00,村田,その他,[C20261122-001] 未対応 → 対応中\n"
	if string(got) != want {
		t.Errorf("contacts file\n%q\nwant\n%q", got, want)
	}
}

// TestNewCmdComplaints maps argv to complaintsOptions.
func TestNewCmdComplaints(t *testing.T) {
	newCmdTest[complaintsOptions]{
		newCmd: newComplaintsCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *complaintsOptions {
			return &complaintsOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: defaultOut(), by: "product"}
		},
	}.run(t, []newCmdCase[complaintsOptions]{
		{name: "list", args: []string{"--complaints", "k.csv", "--open", "--since", "2026-01-01", "--product", "P1,P2", "--customer", "C1", "--as-of", "2026-11-22"},
			want: func(o *complaintsOptions) {
				o.in.Complaints, o.open, o.win.Since, o.products, o.customer, o.win.AsOf = "k.csv", true, "2026-01-01", []string{"P1", "P2"}, "C1", "2026-11-22"
			}},
		{name: "summary", args: []string{"--complaints", "k.csv", "--sales", "s.csv", "--summary", "--by", "category", "--format", "csv"},
			want: func(o *complaintsOptions) {
				o.in.Complaints, o.in.Sales, o.summary, o.by, o.out.Format = "k.csv", "s.csv", true, "category", "csv"
			}},
	})
}

// TestRunComplaints: the list oldest open first, and the summary by
// category taken from the sales file.
func TestRunComplaints(t *testing.T) {
	_, sales := shopFiles(t)
	dir := writeFiles(t, filepath.Dir(sales), map[string]string{"complaints.csv": "complaint_id,customer_id,received_at,product_id,summary,status,closed_at\n" +
		"K1,C1,2026-11-01,P1,欠け,完了,2026-11-05\nK2,C2,2026-11-10,P1,割れ,未対応,\nK3,C3,2026-10-01,P3,汚れ,対応中,\n"})
	opts := func(s *cmdutil.Streams) *complaintsOptions {
		o := &complaintsOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: defaultOut(), by: "product"}
		o.in.Complaints, o.win.AsOf = filepath.Join(dir, "complaints.csv"), "2026-11-22"
		return o
	}
	testRun(t, dir, runComplaints, opts, []runCase[complaintsOptions]{
		{name: "list", stdout: lines(
			"complaint_id,customer_id,received_at,age_days,status,product_id,staff,summary,resolution,closed_at",
			"K3,C3,2026-10-01,52,対応中,P3,,汚れ,,",
			"K2,C2,2026-11-10,12,未対応,P1,,割れ,,",
			"K1,C1,2026-11-01,4,完了,P1,,欠け,,2026-11-05"), stderr: lines("custkit: complaints: 3 complaints, 2 open")},
		{name: "by category", set: func(o *complaintsOptions) {
			o.summary, o.by, o.in.Sales, o.Global.Quiet = true, "category", sales, true
		}, stdout: lines(
			"category,complaints,open,median_days_to_close",
			"器,2,1,4",
			"雑貨,1,1,")},
		{name: "bad by", set: func(o *complaintsOptions) { o.summary, o.by = true, "day" },
			err: `--by "day": summarise by one of product, category, month, status, staff`},
	})
}
