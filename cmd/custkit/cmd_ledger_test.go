package main

import (
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// ledgerDefaults are the options of ledger, segment and the commands that
// share their inputs, given none of them.
func ledgerDefaults() cmdutil.LedgerInputs {
	return cmdutil.LedgerInputs{In: defaultIn()}
}

// TestNewCmdLedger maps argv to ledgerOptions.
func TestNewCmdLedger(t *testing.T) {
	newCmdTest[ledgerOptions]{
		newCmd: newLedgerCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *ledgerOptions {
			return &ledgerOptions{Base: cmdutil.Base{Streams: s, Global: g}, src: ledgerDefaults(), out: defaultOut()}
		},
	}.run(t, []newCmdCase[ledgerOptions]{
		{name: "defaults", args: []string{"--sales", "s.csv"}, want: func(o *ledgerOptions) { o.src.In.Sales = "s.csv" }},
		{name: "every flag", args: []string{"--sales", "s.csv", "--customers", "c.csv", "--top", "5", "--by", "recent",
			"--store", "S1,S2", "--store", "S3", "--within", "30d", "--as-of", "2026-11-22", "--since", "2026-01-01",
			"--until", "2026-11-30", "--key-normalize", "--per-store", "--format", "tsv"},
			want: func(o *ledgerOptions) {
				o.src.In.Sales, o.src.In.Customers, o.top, o.by = "s.csv", "c.csv", 5, "recent"
				o.src.Stores, o.src.KeyNormalize, o.out.Format = []string{"S1", "S2", "S3"}, true, "tsv"
				o.src.PerStore = true
				o.src.Win = cmdutil.Window{Since: "2026-01-01", Until: "2026-11-30", AsOf: "2026-11-22", Within: parseWithin(t, "30d"), WithinSet: true}
			}},
		{name: "columns", args: []string{"--sales", "s.csv", "--columns", "customer_id,name", "--columns", "spend", "--wide"},
			want: func(o *ledgerOptions) {
				o.src.In.Sales, o.out.Columns, o.out.Wide = "s.csv", []string{"customer_id", "name", "spend"}, true
			}},
		{name: "unknown order", args: []string{"--sales", "s.csv", "--by", "cheapest"},
			err: `invalid argument "cheapest" for "--by" flag: "cheapest" is not one of customer, visits, spend, recent`},
	})
}

// TestRunLedger: one row per customer with visits, spend and recency as of
// the --as-of date, a table on a terminal.
func TestRunLedger(t *testing.T) {
	customers, sales := shopFiles(t)
	opts := func(s *cmdutil.Streams) *ledgerOptions {
		o := &ledgerOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, src: ledgerDefaults(), out: defaultOut()}
		o.src.In.Sales, o.src.Win.AsOf = sales, shopAsOf
		return o
	}
	testRun(t, filepath.Dir(sales), runLedger, opts, []runCase[ledgerOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"┌─────────────┬────────┬─────────────┬────────────┬───────────────────────┬───────┬──────────┬───────┬───────────────┐",
			"│ customer_id │ visits │ first_visit │ last_visit │ days_since_last_visit │ lines │ quantity │ spend │ average_spend │",
			"├─────────────┼────────┼─────────────┼────────────┼───────────────────────┼───────┼──────────┼───────┼───────────────┤",
			"│ C1          │ 2      │ 2026-11-01  │ 2026-11-20 │ 2                     │ 3     │ 4        │ 12900 │ 6450          │",
			"│ C2          │ 1      │ 2026-11-02  │ 2026-11-02 │ 20                    │ 1     │ 1        │ 3300  │ 3300          │",
			"│ C3          │ 1      │ 2025-09-15  │ 2025-09-15 │ 433                   │ 2     │ 3        │ 7100  │ 7100          │",
			"│ C9          │ 1      │ 2026-11-21  │ 2026-11-21 │ 1                     │ 1     │ 1        │ 3300  │ 3300          │",
			"└─────────────┴────────┴─────────────┴────────────┴───────────────────────┴───────┴──────────┴───────┴───────────────┘"), stderr: lines(
			"custkit: ledger: 8 sales lines: 7 counted for 4 customers; left out: 1 walk-in (no customer id)")},
		{name: "pipe", stdout: lines(
			"customer_id,visits,first_visit,last_visit,days_since_last_visit,lines,quantity,spend,average_spend",
			"C1,2,2026-11-01,2026-11-20,2,3,4,12900,6450",
			"C2,1,2026-11-02,2026-11-02,20,1,1,3300,3300",
			"C3,1,2025-09-15,2025-09-15,433,2,3,7100,7100",
			"C9,1,2026-11-21,2026-11-21,1,1,1,3300,3300"), stderr: lines(
			"custkit: ledger: 8 sales lines: 7 counted for 4 customers; left out: 1 walk-in (no customer id)")},
		{name: "with customers, top 1 by spend", set: func(o *ledgerOptions) {
			o.src.In.Customers, o.top, o.by = customers, 1, "spend"
		}, stdout: lines(
			"customer_id,name,name_kana,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in,post_opt_in,visits,first_visit,last_visit,days_since_last_visit,lines,quantity,spend,average_spend",
			"C1,山田 花子,ヤマダ ハナコ,1978-04-12,090-1234-5678,hanako@example.jp,920-0831,石川県金沢市東山1-13-7,S1,2019-04-01,2004-12-10,1,1,2,2026-11-01,2026-11-20,2,3,4,12900,6450"), stderr: lines(
			"custkit: ledger: 8 sales lines: 6 counted for 3 customers; left out: 1 walk-in (no customer id), 1 with a customer id not in $DIR/customers.csv")},
		{name: "one store, quiet", set: func(o *ledgerOptions) { o.src.Stores, o.Global.Quiet = []string{"S1"}, true }, stdout: lines(
			"customer_id,visits,first_visit,last_visit,days_since_last_visit,lines,quantity,spend,average_spend",
			"C1,1,2026-11-01,2026-11-01,21,2,3,12100,12100",
			"C2,1,2026-11-02,2026-11-02,20,1,1,3300,3300")},
		{name: "bad as-of", set: func(o *ledgerOptions) { o.src.Win.AsOf = "tomorrow" }, err: "--as-of \"tomorrow\" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)"},
	})
}
