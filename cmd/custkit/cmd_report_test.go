package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/output"
)

// TestNewCmdReport maps argv to reportOptions, and the defaults.
func TestNewCmdReport(t *testing.T) {
	newCmdTest[reportOptions]{
		newCmd: newReportCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *reportOptions {
			return &reportOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: cmdutil.Output{Document: output.HTML}}
		},
	}.run(t, []newCmdCase[reportOptions]{
		{name: "defaults", args: []string{"--sales", "s.csv", "-o", "shop.html"}, want: func(o *reportOptions) {
			o.in.Sales, o.out.Path = "s.csv", "shop.html"
		}},
		{name: "every flag", args: []string{"--sales", "s.csv", "--customers", "c.csv", "--complaints", "q.csv", "--as-of", "2026-11-22",
			"--since", "2026-01-01", "--store", "S1,S2", "--key-normalize", "--title", "Kanazawa", "--lang", "ja", "--reveal",
			"--purpose", "owner", "--expires", "7d", "-o", "shop.html"},
			want: func(o *reportOptions) {
				o.in.Sales, o.in.Customers, o.in.Complaints, o.win.AsOf, o.since = "s.csv", "c.csv", "q.csv", "2026-11-22", "2026-01-01"
				o.stores, o.keyNormalize, o.title, o.lang = []string{"S1", "S2"}, true, "Kanazawa", "ja"
				o.out.Reveal, o.out.Purpose, o.out.Path = true, "owner", "shop.html"
				o.out.Expires.Days, o.out.ExpiresSet = 7, true
			}},
		{name: "no format flag", args: []string{"--sales", "s.csv", "--format", "csv"}, err: "unknown flag: --format"},
		{name: "no until flag", args: []string{"--sales", "s.csv", "--until", "2026-01-01"}, err: "unknown flag: --until"},
		{name: "bad lang", args: []string{"--sales", "s.csv", "--lang", "fr"}, err: `invalid argument "fr" for "--lang" flag: "fr" is not one of ja, en`},
	})
}

// TestRunReport: the report of the shop as HTML on standard output (a
// pipe), masked; and what refuses to run.
func TestRunReport(t *testing.T) {
	customers, sales := shopFiles(t)
	opts := func(s *cmdutil.Streams) *reportOptions {
		o := &reportOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: cmdutil.Output{Document: output.HTML}}
		o.in.Customers, o.in.Sales, o.win.AsOf, o.lang = customers, sales, shopAsOf, "en"
		return o
	}
	t.Run("html", func(t *testing.T) {
		s, out, errb := cmdutil.BufferStreams("")
		if err := runReport(context.Background(), opts(s)); err != nil {
			t.Fatal(err)
		}
		html := out.String()
		for _, want := range []string{"<!DOCTYPE html>", "<h1>Shop report</h1>", `<svg class="chart"`, "Personal data is masked"} {
			if !strings.Contains(html, want) {
				t.Errorf("no %q in the report", want)
			}
		}
		for _, name := range []string{"山田 花子", "佐藤 健一"} {
			if strings.Contains(html, name) {
				t.Errorf("%s is not masked", name)
			}
		}
		if !strings.HasPrefix(errb.String(), "custkit: report: ") {
			t.Errorf("stderr %q", errb.String())
		}
	})
	testRun(t, filepath.Dir(customers), runReport, opts, []runCase[reportOptions]{
		{name: "terminal", tty: true, err: "report writes an HTML file, which a terminal cannot show"},
		{name: "since after as-of", set: func(o *reportOptions) { o.since = "2027-01-01" }, err: "--since 2027-01-01 is after --as-of " + shopAsOf},
		{name: "no sales", set: func(o *reportOptions) { o.in.Sales = "" }, err: "--sales is required (or set sales: in the config file)"},
		{name: "empty standard input", set: func(o *reportOptions) { o.in.Sales = "-" }, err: "-: the file is empty (no header row)"},
	})
}
