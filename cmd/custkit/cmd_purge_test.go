package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/usererr"

	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/retention"
	"github.com/spf13/cobra"
)

// TestNewCmdPurge maps argv to purgeOptions.
func TestNewCmdPurge(t *testing.T) {
	newCmdTest[purgeOptions]{
		newCmd: newPurgeCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *purgeOptions {
			return &purgeOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn()}
		},
	}.run(t, []newCmdCase[purgeOptions]{
		{name: "files", args: []string{"--customers", "c.csv", "--sales", "s.csv"},
			want: func(o *purgeOptions) {
				o.in.Customers, o.in.Sales = "c.csv", "s.csv"
			}},
		{name: "every flag", args: []string{"--customers", "c.csv", "--sales", "s.csv", "--contacts", "k.csv", "--complaints", "q.csv",
			"--as-of", "2031-06-01", "--dry-run", "--max-delete", "25%", "--force", "-v", "--key-file", "k",
			"--encoding", "cp932", "--header-row", "2"},
			want: func(o *purgeOptions) {
				o.in.Customers, o.in.Sales, o.in.Contacts, o.in.Complaints = "c.csv", "s.csv", "k.csv", "q.csv"
				o.when.AsOf, o.dryRun, o.force, o.verbose, o.keyFile = "2031-06-01", true, true, true, "k"
				o.in.Encoding, o.in.HeaderRow = "cp932", "2"
				o.maxDelete, o.maxSet = retention.Limit{Percent: 25, IsPercent: true}, true
			}},
		{name: "bad share", args: []string{"--customers", "c.csv", "--sales", "s.csv", "--max-delete", "half"},
			err: `invalid argument "half" for "--max-delete" flag: "half" is not a share of customers (use 10% or a number such as 500)`},
	})
}

// TestRunPurge: the plan of a dry run, then a purge that says what it did
// with -v, the same on a terminal and in a pipe. C3 bought nothing in the
// year before 2026-11-22.
func TestRunPurge(t *testing.T) {
	// The plan's columns are as wide as the paths: relative ones are the
	// same wherever the test runs.
	dir := t.TempDir()
	t.Chdir(dir)
	opts := func(s *cmdutil.Streams) *purgeOptions {
		writeFiles(t, dir, map[string]string{"customers.csv": shopCustomers, "sales.csv": shopSales})
		s.Getenv = func(k string) string {
			return map[string]string{"CUSTKIT_HASH_KEY": "purge-test-key-0123456789abcdef"}[k]
		}
		inState(s, filepath.Join(dir, "state"))
		g := &cmdutil.Global{Cfg: &cmdutil.Settings{Config: config.Config{Retention: config.Retention{
			Customers: config.CustomerRetention{InactiveAfter: "1y", Action: "delete"}}}}}
		o := &purgeOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), maxDelete: retention.Limit{Percent: 50, IsPercent: true}, maxSet: true}
		o.in.Customers, o.in.Sales, o.when.AsOf = "customers.csv", "sales.csv", shopAsOf
		return o
	}
	// The plan: its rules, then what it does to each file.
	const rules = "  customers   inactive since before 2025-11-22 (1y): delete\n" +
		"  sales       no age rule; of purged customers: pseudonymize\n\n" +
		"file           rows  kept  deleted  anonymised  pseudonymised  held\n" +
		"customers.csv     3     2        1           0              0     0\n" +
		"sales.csv         8     6        0           0              2     0\n" +
		"expired exports to shred: 0\n"
	const dryRun = "purge plan as of 2026-11-22 (dry run: nothing is changed)\n" + rules + "would purge 1 of 3 customers (33.3%)\n"
	testRun(t, dir, runPurge, opts, []runCase[purgeOptions]{
		{name: "dry run, terminal", tty: true, set: func(o *purgeOptions) { o.dryRun = true }, stdout: dryRun},
		{name: "dry run, pipe", set: func(o *purgeOptions) { o.dryRun = true }, stdout: dryRun},
		{name: "verbose", set: func(o *purgeOptions) { o.verbose = true }, stdout: "purge as of 2026-11-22\n" + rules + lines(
			"purged 1 of 3 customers (33.3%); shredded the replaced versions and 0 expired exports",
			"caveat: backups, snapshots and copies made elsewhere before now are not touched")},
		{name: "over the limit", set: func(o *purgeOptions) { o.maxDelete = retention.Limit{Count: 0} }, err: "refusing to purge 1 of 3 customers (33.3%), more than --max-delete 0; nothing was changed"},
		// the last run: the customers file it left is checked below
		{name: "quiet"},
	})
	data, err := os.ReadFile(filepath.Join(dir, "customers.csv"))
	if want := strings.Split(shopCustomers, "C3,")[0]; err != nil || string(data) != want {
		t.Errorf("customers after the purge: %q, %v; want %q", data, err, want)
	}
}

// TestPurgeOptions turns the flags and the config into the purge's
// options.
func TestPurgeOptions(t *testing.T) {
	s, _, _ := cmdutil.BufferStreams("")
	s.Getenv = func(k string) string { return map[string]string{"CUSTKIT_HASH_KEY": "the-key"}[k] }
	g := &cmdutil.Global{Quiet: true, Cfg: &cmdutil.Settings{Path: "shop/custkit.yaml", Config: config.Config{Retention: config.Retention{
		Customers: config.CustomerRetention{InactiveAfter: "5y", Action: "delete"},
		LegalHold: "holds.csv", MaxDelete: "20%"}}}}
	var got *purgeOptions
	cmd := newPurgeCmd(s, g, func(_ context.Context, o *purgeOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--customers", "c.csv", "--sales", "s.csv,t.csv", "--as-of", "2031-06-01", "--max-delete", "25", "--dry-run", "-v", "--key-file", "k", "--encoding", "cp932"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	po := got.purge()
	if po.Customers != "c.csv" || po.Sales != "s.csv,t.csv" || po.Encoding != "cp932" || !po.DryRun || !po.Verbose || po.Force || !po.Quiet ||
		po.KeyFile != "k" || po.KeyEnv != "the-key" || po.Config != "shop/custkit.yaml" || po.ConfigMaxDelete != "20%" {
		t.Errorf("options %+v", po)
	}
	if po.MaxDelete == nil || *po.MaxDelete != (retention.Limit{Count: 25}) {
		t.Errorf("--max-delete: %v", po.MaxDelete)
	}
	if asOf, err := po.AsOf(); err != nil || asOf.Format("2006-01-02") != "2031-06-01" {
		t.Errorf("--as-of: %v, %v", asOf, err)
	}
	pol, err := po.Policy()
	if err != nil || pol.LegalHold != "shop/holds.csv" || pol.Customers.Action != retention.Delete {
		t.Errorf("policy %+v, %v", pol, err)
	}
	got.maxSet = false
	if po := got.purge(); po.MaxDelete != nil {
		t.Errorf("--max-delete not given: %v", po.MaxDelete)
	}
}

func TestPurgeUsage(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--sales", "s.csv"}, "--customers is required"},
		{[]string{"--customers", "c.csv"}, "--sales is required"},
		{[]string{"--customers", "c.csv", "--sales", "-"}, `standard input ("-") cannot be purged`},
		{[]string{"--customers", "c.csv", "--sales", "s.csv", "--max-delete", "half"}, `"half" is not a share of customers`},
		{[]string{"--customers", "c.csv", "--sales", "s.csv", "stray"}, `purge takes no arguments, but was given "stray"`},
	}
	for _, tt := range cases {
		s, _, _ := cmdutil.BufferStreams("")
		opts := &purgeOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}}
		cmd := newPurgeCmd(s, opts.Global, nil)
		cmdutil.WrapArgs(cmd)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usererr.Usage(err) })
		cmd.SetArgs(tt.args)
		err := cmd.Execute()
		if err == nil || !strings.Contains(err.Error(), tt.want) || cmdutil.ExitCode(s, err) != cmdutil.ExitUsage {
			t.Errorf("%q: got %v, want a usage error with %q", tt.args, err, tt.want)
		}
	}
}

// TestPurgeAccessLog runs purges of the example shop through the root
// command and checks each entry they leave in the access log, field by
// field: a run on a bad file, a dry run, a refused run, a run stopped after its journal, the
// next run that finishes it (one entry for the finished run, one for its
// own, which fails on an export it cannot shred) and a run with nothing
// left to do.
func TestPurgeAccessLog(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"custkit.yaml", "customers.csv", "sales.csv", "contacts.csv", "complaints.csv"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	state := filepath.Join(dir, ".state")
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("HOME", dir)
	t.Setenv("CUSTKIT_HASH_KEY", "purge-test-key-0123456789abcdef")
	shop, err := filepath.EvalSymlinks(filepath.Join(dir, "custkit.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Two expired exports: one a file, one a directory that cannot be
	// shredded.
	if err := os.WriteFile(filepath.Join(dir, "dm-list.csv"), []byte("name\nx\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "printer.csv"), 0o700); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"dm-list.csv", "printer.csv"} {
		created := time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC)
		e := manifest.Entry{Path: filepath.Join(dir, name), Rows: 1, Columns: manifest.Columns{"name"}, Created: created, Expires: created.AddDate(0, 1, 0), Shop: shop}
		if err := manifest.Add(filepath.Join(state, "custkit", "exports.csv"), e); err != nil {
			t.Fatal(err)
		}
	}
	day := time.Date(2031, 6, 1, 12, 0, 0, 0, time.Local)
	purge := func(stopAt string, args ...string) int {
		t.Helper()
		s, _, _ := cmdutil.BufferStreams("")
		s.Getenv = os.Getenv
		var hook func(string)
		if stopAt != "" {
			hook = func(op string) {
				if op == stopAt {
					panic(op)
				}
			}
			defer func() {
				if r := recover(); r != stopAt {
					t.Fatalf("purge did not stop after %q: %v", stopAt, r)
				}
			}()
		}
		args = append([]string{"purge", "--config", filepath.Join(dir, "custkit.yaml"), "--as-of", "2031-06-01"}, args...)
		return runAt(args, s, hook, func() time.Time { return day })
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.csv"), []byte("number\n1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := purge("", "--customers", filepath.Join(dir, "bad.csv")); code != cmdutil.ExitFailure {
		t.Fatalf("run on a bad customers file: exit %d", code)
	}
	if code := purge("", "--dry-run", "--max-delete", "50%"); code != 0 {
		t.Fatalf("dry run: exit %d", code)
	}
	if code := purge(""); code != cmdutil.ExitFailure {
		t.Fatalf("run over the limit: exit %d", code)
	}
	purge("journal", "--max-delete", "50%")
	if code := purge("", "--max-delete", "50%"); code != cmdutil.ExitFailure {
		t.Fatalf("resuming run: exit %d", code)
	}
	if err := os.Remove(filepath.Join(dir, "printer.csv")); err != nil {
		t.Fatal(err)
	}
	if code := purge("", "--max-delete", "50%", "-v"); code != 0 {
		t.Fatalf("last run: exit %d", code)
	}

	f, err := os.Open(filepath.Join(state, "custkit", "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []string
	err = audit.Read(f, func(_ int, e audit.Entry, err error) error {
		if err != nil {
			return err
		}
		if e.Time.IsZero() || e.User == "" || e.Config != shop || len(e.Settings) == 0 {
			t.Errorf("entry %d: time %v, user %q, config %q, %d settings", e.Seq, e.Time, e.User, e.Config, len(e.Settings))
		}
		e.Time, e.User, e.Host, e.Prev, e.Hash, e.Config, e.Settings = time.Time{}, "", "", "", "", "", nil
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		got = append(got, strings.ReplaceAll(string(b), dir, "$DIR"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(filepath.Join("testdata", "purge_access_log.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(golden)), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d:\n got %s\nwant %s", i+1, got[i], want[i])
		}
	}
}
