package main

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// TestNewCmdCheck maps argv to checkOptions.
func TestNewCmdCheck(t *testing.T) {
	newCmdTest[checkOptions]{
		newCmd: newCheckCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *checkOptions {
			return &checkOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), limit: 20}
		},
	}.run(t, []newCmdCase[checkOptions]{
		{name: "defaults", args: []string{"--sales", "s.csv"}, want: func(o *checkOptions) { o.in.Sales = "s.csv" }},
		{name: "every flag", args: []string{"--customers", "c.csv", "--sales", "-", "--contacts", "k.csv", "--complaints", "q.csv",
			"--encoding", "cp932", "--header-row", "customers=3,sales=1", "--format", "json", "--limit", "0"},
			want: func(o *checkOptions) {
				o.in = cmdutil.Inputs{Customers: "c.csv", Sales: "-", Contacts: "k.csv", Complaints: "q.csv", Encoding: "cp932", HeaderRow: "customers=3,sales=1"}
				o.format, o.limit = "json", 0
			}},
		{name: "several files", args: []string{"--sales", "a.csv, b.csv", "--sales", "exports/2024-*.csv", "--customers", "c.csv"},
			want: func(o *checkOptions) { o.in.Sales, o.in.Customers = "a.csv,b.csv,exports/2024-*.csv", "c.csv" }},
		{name: "columns", args: []string{"--sales", "s.csv", "--format", "csv", "--columns", "file,line", "--columns", "problem"},
			want: func(o *checkOptions) {
				o.in.Sales, o.format, o.columns = "s.csv", "csv", []string{"file", "line", "problem"}
			}},
		{name: "wide", args: []string{"--sales", "s.csv", "--format", "table", "--wide"},
			want: func(o *checkOptions) { o.in.Sales, o.format, o.wide = "s.csv", "table", true }},
		{name: "unknown format", args: []string{"--sales", "s.csv", "--format", "xml"},
			err: `invalid argument "xml" for "--format" flag: "xml" is not one of text, csv, tsv, json, jsonl, table, markdown`},
		{name: "arguments", args: []string{"s.csv"}, err: `check takes no arguments, but was given "s.csv"`},
	})
}

// TestRunCheck: on a terminal, the text report ending in its summary, and
// a failure that says nothing more (the report said it); in a pipe, one
// CSV row per finding, and the summary on standard error or in the error.
func TestRunCheck(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": "customer_id,name\nC1,山田\n", "s.csv": "customer_id,amount,sold_at\nC1,abc,2026-11-01\nC2,100,2026-11-01\n"})
	c, s := filepath.Join(dir, "c.csv"), filepath.Join(dir, "s.csv")
	opts := func(st *cmdutil.Streams) *checkOptions {
		o := &checkOptions{Base: cmdutil.Base{Streams: st, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), limit: 20}
		o.in.Customers = c
		return o
	}
	withSales := func(o *checkOptions) { o.in.Sales = s }
	const summary = "check: 1 error, 1 warning in 2 files"
	testRun(t, dir, runCheck, opts, []runCase[checkOptions]{
		{name: "clean, terminal", tty: true, stdout: lines(
			"$DIR/c.csv: customers file, utf-8, comma-separated, 1 row",
			"  customer_id ← customer_id",
			"  name        ← name",
			"  personal data: name",
			"",
			"no problems in 1 file")},
		{name: "clean, pipe", stdout: lines(
			"file,line,column,value,severity,code,problem",
			`$DIR/c.csv,,,utf-8,info,file,"customers file, utf-8, comma-separated"`,
			"$DIR/c.csv,1,customer_id,customer_id,info,column,maps to customer_id",
			"$DIR/c.csv,1,name,name,info,column,maps to name",
			"$DIR/c.csv,1,name,name,info,personal-data,holds personal data (name)",
			"$DIR/c.csv,,,1,info,rows,1 row"),
			stderr: "custkit: check: no problems in 1 file\n"},
		{name: "bad value, terminal", tty: true, set: withSales, err: summary, stdout: lines(
			"$DIR/c.csv: customers file, utf-8, comma-separated, 1 row",
			"  customer_id ← customer_id",
			"  name        ← name",
			"  personal data: name",
			"",
			"$DIR/s.csv: sales file, utf-8, comma-separated, 2 rows",
			"  customer_id ← customer_id",
			"  amount      ← amount",
			"  sold_at     ← sold_at",
			"  personal data: none",
			"  error: 1 bad number",
			"    $DIR/s.csv:2: column \"amount\": \"abc\" is not a number",
			"  warning: 1 row with an unknown customer id",
			"    $DIR/s.csv:3: column \"customer_id\": \"C2\" is not in $DIR/c.csv",
			"",
			"1 error, 1 warning in 2 files")},
		{name: "bad value, pipe", set: withSales, err: summary, stdout: lines(
			"file,line,column,value,severity,code,problem",
			"$DIR/c.csv,,,utf-8,info,file,\"customers file, utf-8, comma-separated\"",
			"$DIR/c.csv,1,customer_id,customer_id,info,column,maps to customer_id",
			"$DIR/c.csv,1,name,name,info,column,maps to name",
			"$DIR/c.csv,1,name,name,info,personal-data,holds personal data (name)",
			"$DIR/c.csv,,,1,info,rows,1 row",
			"$DIR/s.csv,,,utf-8,info,file,\"sales file, utf-8, comma-separated\"",
			"$DIR/s.csv,1,customer_id,customer_id,info,column,maps to customer_id",
			"$DIR/s.csv,1,amount,amount,info,column,maps to amount",
			"$DIR/s.csv,1,sold_at,sold_at,info,column,maps to sold_at",
			"$DIR/s.csv,2,amount,abc,error,bad-number,is not a number",
			"$DIR/s.csv,3,customer_id,C2,warning,orphan,is not in $DIR/c.csv",
			"$DIR/s.csv,,,2,info,rows,2 rows")},
		{name: "bad value, jsonl, quiet", set: func(o *checkOptions) { withSales(o); o.format, o.Global.Quiet = "jsonl", true }, stdout: lines(
			"{\"file\":\"$DIR/c.csv\",\"line\":null,\"column\":\"\",\"value\":\"utf-8\",\"severity\":\"info\",\"code\":\"file\",\"problem\":\"customers file, utf-8, comma-separated\"}",
			"{\"file\":\"$DIR/c.csv\",\"line\":1,\"column\":\"customer_id\",\"value\":\"customer_id\",\"severity\":\"info\",\"code\":\"column\",\"problem\":\"maps to customer_id\"}",
			"{\"file\":\"$DIR/c.csv\",\"line\":1,\"column\":\"name\",\"value\":\"name\",\"severity\":\"info\",\"code\":\"column\",\"problem\":\"maps to name\"}",
			"{\"file\":\"$DIR/c.csv\",\"line\":1,\"column\":\"name\",\"value\":\"name\",\"severity\":\"info\",\"code\":\"personal-data\",\"problem\":\"holds personal data (name)\"}",
			"{\"file\":\"$DIR/c.csv\",\"line\":null,\"column\":\"\",\"value\":\"1\",\"severity\":\"info\",\"code\":\"rows\",\"problem\":\"1 row\"}",
			"{\"file\":\"$DIR/s.csv\",\"line\":null,\"column\":\"\",\"value\":\"utf-8\",\"severity\":\"info\",\"code\":\"file\",\"problem\":\"sales file, utf-8, comma-separated\"}",
			"{\"file\":\"$DIR/s.csv\",\"line\":1,\"column\":\"customer_id\",\"value\":\"customer_id\",\"severity\":\"info\",\"code\":\"column\",\"problem\":\"maps to customer_id\"}",
			"{\"file\":\"$DIR/s.csv\",\"line\":1,\"column\":\"amount\",\"value\":\"amount\",\"severity\":\"info\",\"code\":\"column\",\"problem\":\"maps to amount\"}",
			"{\"file\":\"$DIR/s.csv\",\"line\":1,\"column\":\"sold_at\",\"value\":\"sold_at\",\"severity\":\"info\",\"code\":\"column\",\"problem\":\"maps to sold_at\"}",
			"{\"file\":\"$DIR/s.csv\",\"line\":2,\"column\":\"amount\",\"value\":\"abc\",\"severity\":\"error\",\"code\":\"bad-number\",\"problem\":\"is not a number\"}",
			"{\"file\":\"$DIR/s.csv\",\"line\":3,\"column\":\"customer_id\",\"value\":\"C2\",\"severity\":\"warning\",\"code\":\"orphan\",\"problem\":\"is not in $DIR/c.csv\"}",
			"{\"file\":\"$DIR/s.csv\",\"line\":null,\"column\":\"\",\"value\":\"2\",\"severity\":\"info\",\"code\":\"rows\",\"problem\":\"2 rows\"}"), err: summary},
		{name: "no input", set: func(o *checkOptions) { o.in.Customers = "" },
			err: "give at least one of --customers, --sales, --contacts, --complaints (or set them in the config file)"},
		{name: "negative limit", set: func(o *checkOptions) { o.limit = -1 }, err: "--limit must be 0 (all) or more, not -1"},
	})

	// On a terminal the failure is silent: the report already said it.
	st, _, _ := cmdutil.BufferStreams("")
	st.StdoutTTY = true
	o := opts(st)
	withSales(o)
	var silent *cmdutil.SilentError
	if err := runCheck(context.Background(), o); !errors.As(err, &silent) {
		t.Errorf("terminal: %v is not silent", err)
	}
}
