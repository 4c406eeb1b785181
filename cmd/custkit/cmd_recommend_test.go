package main

import (
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// TestNewCmdRecommend maps argv to recommendOptions, and the defaults.
func TestNewCmdRecommend(t *testing.T) {
	newCmdTest[recommendOptions]{
		newCmd: newRecommendCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *recommendOptions {
			return &recommendOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: defaultOut(), by: "product", minCustomers: 1, top: 10}
		},
	}.run(t, []newCmdCase[recommendOptions]{
		{name: "defaults", args: []string{"--sales", "s.csv", "--customer", "C1"},
			want: func(o *recommendOptions) { o.in.Sales, o.customer = "s.csv", "C1" }},
		{name: "every flag", args: []string{"--sales", "s.csv", "--product", "P1", "--by", "category", "--top", "3",
			"--min-customers", "2", "--min-shared", "1", "--store", "S1,S2", "--within", "1y", "--as-of", "2026-11-22", "--key-normalize", "--per-store"},
			want: func(o *recommendOptions) {
				o.in.Sales, o.product, o.by, o.top, o.minCustomers, o.minShared = "s.csv", "P1", "category", 3, 2, 1
				o.stores, o.keyNormalize, o.perStore = []string{"S1", "S2"}, true, true
				o.win.Within, o.win.WithinSet, o.win.AsOf = parseWithin(t, "1y"), true, "2026-11-22"
			}},
		{name: "unknown by", args: []string{"--sales", "s.csv", "--product", "P1", "--by", "store"},
			err: `invalid argument "store" for "--by" flag: "store" is not one of product, category`},
	})
}

// TestRunRecommend: what the buyers of a product also bought, and what a
// customer's neighbours bought that they have not.
func TestRunRecommend(t *testing.T) {
	_, sales := shopFiles(t)
	opts := func(s *cmdutil.Streams) *recommendOptions {
		o := &recommendOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: defaultOut(),
			by: "product", minCustomers: 1, top: 10, product: "P2"}
		o.in.Sales, o.win.AsOf = sales, shopAsOf
		return o
	}
	testRun(t, filepath.Dir(sales), runRecommend, opts, []runCase[recommendOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"┌────────────┬──────────────┬──────────┬───────────┬─────────┬────────────┬────────┐",
			"│ product_id │ product_name │ category │ customers │ support │ confidence │ lift   │",
			"├────────────┼──────────────┼──────────┼───────────┼─────────┼────────────┼────────┤",
			"│ P3         │ 箸           │ 雑貨     │ 2         │ 0.5000  │ 1.0000     │ 2.0000 │",
			"│ P1         │ 湯呑み       │ 器       │ 1         │ 0.2500  │ 0.5000     │ 0.6667 │",
			"└────────────┴──────────────┴──────────┴───────────┴─────────┴────────────┴────────┘"), stderr: lines(
			"custkit: recommend: 8 sales lines: 7 read for 4 customers; left out: 1 walk-in (no customer id); P2 was bought by 2 customers")},
		{name: "pipe", stdout: lines(
			"product_id,product_name,category,customers,support,confidence,lift",
			"P3,箸,雑貨,2,0.5000,1.0000,2.0000",
			"P1,湯呑み,器,1,0.2500,0.5000,0.6667"), stderr: lines(
			"custkit: recommend: 8 sales lines: 7 read for 4 customers; left out: 1 walk-in (no customer id); P2 was bought by 2 customers")},
		{name: "by category, quiet", set: func(o *recommendOptions) { o.by, o.Global.Quiet = "category", true }, stdout: lines(
			"category,customers,support,confidence,lift",
			"雑貨,2,0.5000,1.0000,2.0000",
			"器,1,0.2500,0.5000,0.6667")},
		{name: "for a customer", set: func(o *recommendOptions) { o.product, o.customer, o.minShared = "", "C2", 1 }, stdout: lines(
			"product_id,product_name,category,score,customers,reason",
			"P2,急須,器,0.3333,1,bought by 1 of the 2 customers who share 1+ products",
			"P3,箸,雑貨,0.3333,1,bought by 1 of the 2 customers who share 1+ products"), stderr: lines(
			"custkit: recommend: 8 sales lines: 7 read for 4 customers; left out: 1 walk-in (no customer id); 2 customers share 1+ products with C2")},
		{name: "product and customer", set: func(o *recommendOptions) { o.customer = "C1" }, err: "give one of --product and --customer"},
	})
}
