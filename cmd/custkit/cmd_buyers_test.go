package main

import (
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// TestNewCmdBuyers maps argv to buyersOptions: lists split at commas or
// not, and the defaults.
func TestNewCmdBuyers(t *testing.T) {
	newCmdTest[buyersOptions]{
		newCmd: newBuyersCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *buyersOptions {
			return &buyersOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: defaultOut(),
				countBy: "receipts", sortBy: "customer_id"}
		},
	}.run(t, []newCmdCase[buyersOptions]{
		{name: "defaults", args: []string{"--sales", "s.csv"}, want: func(o *buyersOptions) { o.in.Sales = "s.csv" }},
		{name: "every flag", args: []string{"--sales", "s.csv", "--customers", "c.csv", "--product", "P1, P2", "--product", "P0*",
			"--category", "皿, 鉢", "--name-contains", "ｸﾀﾆ", "--store", "S1,S2", "--exclude-product", "P9", "--within", "1mo",
			"--as-of", "2024-03-31", "--min-count", "2", "--count-by", "lines", "--min-amount", "¥1,000", "--sort", "amount",
			"--all", "--unmatched", "u.csv", "--key-normalize", "-o", "b.csv"},
			want: func(o *buyersOptions) {
				o.in.Sales, o.in.Customers, o.out.Path = "s.csv", "c.csv", "b.csv"
				o.products, o.exclude, o.stores = []string{"P1", " P2", "P0*"}, []string{"P9"}, []string{"S1", "S2"}
				o.categories, o.names = []string{"皿, 鉢"}, []string{"ｸﾀﾆ"} // a category is one value, commas and all
				o.window.Within, o.window.WithinSet, o.window.AsOf = parseWithin(t, "1mo"), true, "2024-03-31"
				o.minCount, o.countBy, o.minAmount, o.sortBy, o.all = 2, "lines", "¥1,000", "amount", true
				o.unmatched, o.keyNormalize = "u.csv", true
			}},
		{name: "unknown sort", args: []string{"--sales", "s.csv", "--sort", "name"},
			err: `invalid argument "name" for "--sort" flag: "name" is not one of customer_id, first_purchase, last_purchase, receipts, lines, quantity, amount`},
	})
}

// TestRunBuyers: the customers who bought a product, masked in a table on
// a terminal, as CSV in a pipe; the summary on standard error.
func TestRunBuyers(t *testing.T) {
	customers, sales := shopFiles(t)
	opts := func(s *cmdutil.Streams) *buyersOptions {
		o := &buyersOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: defaultOut(),
			countBy: "receipts", sortBy: "customer_id", products: []string{"P1"}}
		o.in.Customers, o.in.Sales, o.window.AsOf = customers, sales, shopAsOf
		return o
	}
	testRun(t, filepath.Dir(sales), runBuyers, opts, []runCase[buyersOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"┌─────────────┬────────┬───────────┬────────────┬───────────────┬───────────────────┬─────────────┬────────────────┬──────────┬───────────────┬─────────────┬─────────────┬─────────────┬────────────────┬───────────────┬──────────┬───────┬──────────┬────────┐",
			"│ customer_id │ name   │ name_kana │ birthday   │ phone         │ email             │ postal_code │ address        │ store_id │ registered_at │ anniversary │ mail_opt_in │ post_opt_in │ first_purchase │ last_purchase │ receipts │ lines │ quantity │ amount │",
			"├─────────────┼────────┼───────────┼────────────┼───────────────┼───────────────────┼─────────────┼────────────────┼──────────┼───────────────┼─────────────┼─────────────┼─────────────┼────────────────┼───────────────┼──────────┼───────┼──────────┼────────┤",
			"│ C1          │ 山**** │ ヤ******  │ ****-**-** │ ***-****-5678 │ h*****@example.jp │ 920-****    │ 石川県******** │ S1       │ 2019-04-01    │ ****-**-**  │ 1           │ 1           │ 2026-11-01     │ 2026-11-01    │ 1        │ 1     │ 2        │ 6600   │",
			"│ C2          │ 佐**** │ サ******* │ ****-**-** │ ***-***-3141  │ k*****@example.jp │ 920-****    │ 石川県******** │ S1       │ 2026-10-01    │             │ 1           │ 1           │ 2026-11-02     │ 2026-11-02    │ 1        │ 1     │ 1        │ 3300   │",
			"└─────────────┴────────┴───────────┴────────────┴───────────────┴───────────────────┴─────────────┴────────────────┴──────────┴───────────────┴─────────────┴─────────────┴─────────────┴────────────────┴───────────────┴──────────┴───────┴──────────┴────────┘"), stderr: lines(
			"custkit: buyers: 8 sales lines read; 3 match: 0 walk-in lines (skipped) and 3 lines of 3 customers; 1 customer not in $DIR/customers.csv (1 line); 2 customers written")},
		{name: "pipe", stdout: lines(
			"customer_id,name,name_kana,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in,post_opt_in,first_purchase,last_purchase,receipts,lines,quantity,amount",
			"C1,山田 花子,ヤマダ ハナコ,1978-04-12,090-1234-5678,hanako@example.jp,920-0831,石川県金沢市東山1-13-7,S1,2019-04-01,2004-12-10,1,1,2026-11-01,2026-11-01,1,1,2,6600",
			"C2,佐藤 健一,サトウ ケンイチ,1965-12-05,076-252-3141,k-sato@example.jp,920-0981,石川県金沢市片町2-21-5,S1,2026-10-01,,1,1,2026-11-02,2026-11-02,1,1,1,3300"), stderr: lines(
			"custkit: buyers: 8 sales lines read; 3 match: 0 walk-in lines (skipped) and 3 lines of 3 customers; 1 customer not in $DIR/customers.csv (1 line); 2 customers written")},
		{name: "sales only, by amount, quiet", set: func(o *buyersOptions) {
			o.in.Customers, o.sortBy, o.products, o.Global.Quiet = "", "amount", []string{"P*"}, true
		}, stdout: lines(
			"customer_id,first_purchase,last_purchase,receipts,lines,quantity,amount",
			"C1,2026-11-01,2026-11-20,2,3,4,12900",
			"C3,2025-09-15,2025-09-15,1,2,3,7100",
			"C2,2026-11-02,2026-11-02,1,1,1,3300",
			"C9,2026-11-21,2026-11-21,1,1,1,3300")},
		{name: "a window, json", set: func(o *buyersOptions) {
			o.window.Within, o.window.WithinSet, o.out.Format = parseWithin(t, "7d"), true, "json"
		}, stdout: lines(
			"[]"), stderr: lines(
			"custkit: buyers: 8 sales lines read; 1 match: 0 walk-in lines (skipped) and 1 line of 1 customer; 1 customer not in $DIR/customers.csv (1 line); 0 customers written")},
		{name: "--all and --any", set: func(o *buyersOptions) { o.all, o.any = true, true }, err: "--all and --any contradict each other; use one"},
		{name: "--unmatched without customers", set: func(o *buyersOptions) { o.in.Customers, o.unmatched = "", "u.csv" }, err: "--unmatched lists lines whose customer is not in --customers; give --customers too"},
	})
}
