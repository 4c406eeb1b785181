package main

import (
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// TestNewCmdSegment maps argv to segmentOptions.
func TestNewCmdSegment(t *testing.T) {
	newCmdTest[segmentOptions]{
		newCmd: newSegmentCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *segmentOptions {
			return &segmentOptions{Base: cmdutil.Base{Streams: s, Global: g}, src: ledgerDefaults(), out: defaultOut()}
		},
	}.run(t, []newCmdCase[segmentOptions]{
		{name: "defaults", args: []string{"--sales", "s.csv"}, want: func(o *segmentOptions) { o.src.In.Sales = "s.csv" }},
		{name: "every flag", args: []string{"--sales", "s.csv", "--customers", "c.csv", "--segment", "loyal,new", "--segment", "at-risk",
			"--summary", "--store", "S1", "--as-of", "2026-11-22", "--key-normalize", "--per-store", "-o", "seg.csv"},
			want: func(o *segmentOptions) {
				o.src.In.Sales, o.src.In.Customers, o.src.Stores, o.src.Win.AsOf = "s.csv", "c.csv", []string{"S1"}, "2026-11-22"
				o.segments, o.summary, o.src.KeyNormalize, o.out.Path = []string{"loyal", "new", "at-risk"}, true, true, "seg.csv"
				o.src.PerStore = true
			}},
		{name: "arguments", args: []string{"--sales", "s.csv", "loyal"}, err: `segment takes no arguments, but was given "loyal"`},
	})
}

// TestRunSegment: each customer's RFM scores and segment as of --as-of, or
// the summary per segment.
func TestRunSegment(t *testing.T) {
	customers, sales := shopFiles(t)
	opts := func(s *cmdutil.Streams) *segmentOptions {
		o := &segmentOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, src: ledgerDefaults(), out: defaultOut()}
		o.src.In.Sales, o.src.Win.AsOf = sales, shopAsOf
		return o
	}
	testRun(t, filepath.Dir(sales), runSegment, opts, []runCase[segmentOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"┌─────────────┬───┬───┬───┬─────────┐",
			"│ customer_id │ r │ f │ m │ segment │",
			"├─────────────┼───┼───┼───┼─────────┤",
			"│ C1          │ 3 │ 4 │ 4 │ new     │",
			"│ C2          │ 2 │ 1 │ 1 │ new     │",
			"│ C3          │ 1 │ 1 │ 3 │ lapsed  │",
			"│ C9          │ 4 │ 1 │ 1 │ new     │",
			"└─────────────┴───┴───┴───┴─────────┘"), stderr: lines(
			"custkit: segment: 8 sales lines: 7 counted for 4 customers; left out: 1 walk-in (no customer id)")},
		{name: "pipe", stdout: lines(
			"customer_id,r,f,m,segment",
			"C1,3,4,4,new",
			"C2,2,1,1,new",
			"C3,1,1,3,lapsed",
			"C9,4,1,1,new"), stderr: lines(
			"custkit: segment: 8 sales lines: 7 counted for 4 customers; left out: 1 walk-in (no customer id)")},
		{name: "summary, terminal", tty: true, set: func(o *segmentOptions) { o.summary = true }, stdout: lines(
			"┌──────────┬───────────┬───────┬───────┬─────────────┐",
			"│ segment  │ customers │ share │ spend │ spend_share │",
			"├──────────┼───────────┼───────┼───────┼─────────────┤",
			"│ loyal    │ 0         │ 0.0%  │ 0     │ 0.0%        │",
			"│ repeat   │ 0         │ 0.0%  │ 0     │ 0.0%        │",
			"│ new      │ 3         │ 75.0% │ 19500 │ 73.3%       │",
			"│ one-time │ 0         │ 0.0%  │ 0     │ 0.0%        │",
			"│ at-risk  │ 0         │ 0.0%  │ 0     │ 0.0%        │",
			"│ lapsed   │ 1         │ 25.0% │ 7100  │ 26.7%       │",
			"│ never    │ 0         │ 0.0%  │ 0     │ 0.0%        │",
			"└──────────┴───────────┴───────┴───────┴─────────────┘"), stderr: lines(
			"custkit: segment: 8 sales lines: 7 counted for 4 customers; left out: 1 walk-in (no customer id)")},
		{name: "summary, pipe, quiet", set: func(o *segmentOptions) { o.summary, o.Global.Quiet = true, true }, stdout: lines(
			"segment,customers,share,spend,spend_share",
			"loyal,0,0.0%,0,0.0%",
			"repeat,0,0.0%,0,0.0%",
			"new,3,75.0%,19500,73.3%",
			"one-time,0,0.0%,0,0.0%",
			"at-risk,0,0.0%,0,0.0%",
			"lapsed,1,25.0%,7100,26.7%",
			"never,0,0.0%,0,0.0%")},
		// With the customers file, "new" is decided by registered_at: C1,
		// new by its first purchase alone, registered in 2019.
		{name: "with customers, one segment", set: func(o *segmentOptions) {
			o.src.In.Customers, o.segments = customers, []string{"new"}
		}, stdout: lines(
			"customer_id,name,name_kana,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in,post_opt_in,r,f,m,segment",
			"C2,佐藤 健一,サトウ ケンイチ,1965-12-05,076-252-3141,k-sato@example.jp,920-0981,石川県金沢市片町2-21-5,S1,2026-10-01,,1,1,2,1,1,new"), stderr: lines(
			"custkit: segment: 8 sales lines: 6 counted for 3 customers; left out: 1 walk-in (no customer id), 1 with a customer id not in $DIR/customers.csv")},
		{name: "unknown segment", set: func(o *segmentOptions) { o.segments = []string{"vip"} }, err: "--segment \"vip\" is not one of loyal, repeat, new, one-time, at-risk, lapsed, never"},
	})
}
