package main

import (
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// TestNewCmdHistory maps argv to historyOptions: the arguments are the
// customer ids.
func TestNewCmdHistory(t *testing.T) {
	newCmdTest[historyOptions]{
		newCmd: newHistoryCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *historyOptions {
			return &historyOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: defaultOut()}
		},
	}.run(t, []newCmdCase[historyOptions]{
		{name: "one id", args: []string{"C1"}, want: func(o *historyOptions) { o.ids = []string{"C1"} }},
		{name: "every flag", args: []string{"C1", "000102", "--customers", "c.csv", "--sales", "s.csv", "--contacts", "k.csv",
			"--complaints", "q.csv", "--oldest-first", "--key-normalize", "--format", "json", "--reveal"},
			want: func(o *historyOptions) {
				o.ids = []string{"C1", "000102"}
				o.in.Customers, o.in.Sales, o.in.Contacts, o.in.Complaints = "c.csv", "s.csv", "k.csv", "q.csv"
				o.oldestFirst, o.keyNormalize, o.out.Format, o.out.Reveal = true, true, "json", true
			}},
		{name: "no id", args: nil, err: "history needs at least one customer id"},
	})
}

// TestRunHistory: on a terminal a masked card per customer with its
// totals; in a pipe, one CSV row per event.
func TestRunHistory(t *testing.T) {
	customers, sales := shopFiles(t)
	opts := func(s *cmdutil.Streams) *historyOptions {
		o := &historyOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: defaultOut(), ids: []string{"C1"}}
		o.in.Customers, o.in.Sales = customers, sales
		return o
	}
	testRun(t, filepath.Dir(sales), runHistory, opts, []runCase[historyOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"顧客カルテ C1",
			"  name: 山****",
			"  name_kana: ヤ******",
			"  birthday: ****-**-**",
			"  phone: ***-****-5678",
			"  email: h*****@example.jp",
			"  postal_code: 920-****",
			"  address: 石川県********",
			"  store_id: S1",
			"  registered_at: 2019-04-01",
			"  anniversary: ****-**-**",
			"  mail_opt_in: 1",
			"  post_opt_in: 1",
			"",
			"┌──────────────────┬───────┬───────┬─────────┬───────┬─────────────────┬────────┐",
			"│ date             │ event │ store │ receipt │ lines │ detail          │ amount │",
			"├──────────────────┼───────┼───────┼─────────┼───────┼─────────────────┼────────┤",
			"│ 2026-11-20 16:00 │ sale  │ S2    │ R5      │ 1     │ 箸              │ 800    │",
			"│ 2026-11-01 10:00 │ sale  │ S1    │ R1      │ 2     │ 湯呑み ×2, 急須 │ 12100  │",
			"└──────────────────┴───────┴───────┴─────────┴───────┴─────────────────┴────────┘",
			"",
			"  totals: 2 receipts, 3 lines, quantity 4, amount 12900")},
		{name: "pipe", stdout: lines(
			"customer_id,event,date,store_id,receipt_id,product_id,product_name,category,quantity,amount,staff,channel,status,summary,resolution",
			"C1,sale,2026-11-20T16:00:00,S2,R5,P3,箸,雑貨,1,800,,,,,",
			"C1,sale,2026-11-01T10:00:00,S1,R1,P1,湯呑み,器,2,6600,,,,,",
			"C1,sale,2026-11-01T10:00:00,S1,R1,P2,急須,器,1,5500,,,,,")},
		{name: "oldest first, two customers, quiet", set: func(o *historyOptions) {
			o.ids, o.oldestFirst, o.Global.Quiet = []string{"C3", "C2"}, true, true
		}, stdout: lines(
			"customer_id,event,date,store_id,receipt_id,product_id,product_name,category,quantity,amount,staff,channel,status,summary,resolution",
			"C3,sale,2025-09-15T15:00:00,S2,R4,P2,急須,器,1,5500,,,,,",
			"C3,sale,2025-09-15T15:00:00,S2,R4,P3,箸,雑貨,2,1600,,,,,",
			"C2,sale,2026-11-02T11:00:00,S1,R2,P1,湯呑み,器,1,3300,,,,,")},
		{name: "unknown customer", set: func(o *historyOptions) { o.ids = []string{"C7"} }, err: "$DIR/customers.csv: no customer with id \"C7\""},
	})
}
