package main

import (
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// TestNewCmdSales maps argv to salesOptions.
func TestNewCmdSales(t *testing.T) {
	newCmdTest[salesOptions]{
		newCmd: newSalesCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *salesOptions {
			return &salesOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: defaultOut()}
		},
	}.run(t, []newCmdCase[salesOptions]{
		{name: "defaults", args: []string{"--sales", "s.csv"}, want: func(o *salesOptions) { o.in.Sales = "s.csv" }},
		{name: "every flag", args: []string{"--sales", "s.csv", "--by", "month,store", "--by", "hour", "--compare", "last-year",
			"--store", "S1,S2", "--product", "P1,P0*", "--category", "皿, 鉢", "--within", "1mo", "--as-of", "2024-03-31",
			"--key-normalize", "--format", "tsv"},
			want: func(o *salesOptions) {
				o.in.Sales, o.by, o.compare = "s.csv", []string{"month", "store", "hour"}, "last-year"
				o.stores, o.products, o.categories = []string{"S1", "S2"}, []string{"P1", "P0*"}, []string{"皿, 鉢"}
				o.window.Within, o.window.WithinSet, o.window.AsOf = parseWithin(t, "1mo"), true, "2024-03-31"
				o.keyNormalize, o.out.Format = true, "tsv"
			}},
		{name: "unknown comparison", args: []string{"--sales", "s.csv", "--compare", "yesterday"},
			err: `invalid argument "yesterday" for "--compare" flag: "yesterday" is not one of previous, last-year`},
	})
}

// TestRunSales: the shop's sales by store, counted by hand: S1 has R1 (C1,
// 2 lines, 3 items, 6600+5500) and R2 (C2, 3300): 2 receipts, 15400, 7700
// a receipt; S2 has R3 (a walk-in, 800), R4 (C3, 2 lines, 3 items, 7100),
// R5 (C1, 800) and R6 (C9, 3300): 4 receipts, 1 of 4 walk-in, 3
// customers, 6 items, 12000, 3000 a receipt.
func TestRunSales(t *testing.T) {
	_, sales := shopFiles(t)
	opts := func(s *cmdutil.Streams) *salesOptions {
		o := &salesOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: defaultOut()}
		o.in.Sales, o.by = sales, []string{"store"}
		return o
	}
	testRun(t, filepath.Dir(sales), runSales, opts, []runCase[salesOptions]{
		{name: "by store", stdout: lines(
			"store,receipts,customers,walk_in_pct,lines,quantity,net_amount,average_receipt,returns,returned_amount,voided_receipts,voided_lines",
			"S1,2,2,0.0,3,4,15400,7700,0,0,0,0",
			"S2,4,3,25.0,5,6,12000,3000,0,0,0,0"), stderr: lines(
			"custkit: sales: 8 sales lines read; 6 receipts (1 of them walk-in), 4 member customers, net 27400 in 2 groups")},
		// S1 alone has no walk-in: the summary does not count them.
		{name: "a store without walk-ins", set: func(o *salesOptions) { o.stores = []string{"S1"} }, stdout: lines(
			"store,receipts,customers,walk_in_pct,lines,quantity,net_amount,average_receipt,returns,returned_amount,voided_receipts,voided_lines",
			"S1,2,2,0.0,3,4,15400,7700,0,0,0,0"), stderr: lines(
			"custkit: sales: 8 sales lines read; 2 receipts, 2 member customers, net 15400 in 1 group; left out: 5 of other stores")},
		// November 2026 at S2: R3, R5 and R6 (R4 is of 2025).
		{name: "month, one store, quiet", set: func(o *salesOptions) {
			o.by, o.stores, o.window.Since, o.Global.Quiet = []string{"month"}, []string{"S2"}, "2026-11-01", true
		}, stdout: lines(
			"month,receipts,customers,walk_in_pct,lines,quantity,net_amount,average_receipt,returns,returned_amount,voided_receipts,voided_lines",
			"2026-11,3,2,33.3,3,3,4900,1633,0,0,0,0")},
		{name: "unknown dimension", set: func(o *salesOptions) { o.by = []string{"year"} },
			err: `--by "year" is not a dimension; use day, week, month, weekday, hour, store, product, category`},
		{name: "comparison without a period", set: func(o *salesOptions) { o.compare = "previous" },
			err: "--compare previous needs a period with a start and an end: give --since and --until, or --within"},
	})
}
