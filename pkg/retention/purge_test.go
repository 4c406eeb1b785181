package retention

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/usererr"
)

// purgeShop writes the test shop and returns the options of a purge of
// it as of testAsOf, whose notes and output are collected.
func purgeShop(t *testing.T) (PurgeOptions, *strings.Builder, *[]string) {
	t.Helper()
	ts := shop(t)
	dir := filepath.Dir(ts.Files.Customers)
	out, notes := &strings.Builder{}, &[]string{}
	pol := ts.Policy
	return PurgeOptions{
		Customers: ts.Files.Customers, Sales: ts.Files.Sales, Contacts: ts.Files.Contacts, Complaints: ts.Files.Complaints,
		Policy:   func() (Policy, error) { return pol, nil },
		AsOf:     func() (time.Time, error) { return testAsOf, nil },
		Now:      func() time.Time { return testAsOf },
		Scan:     ScanOptions{Workers: 2},
		KeyEnv:   "purge-test-key-0123456789abcdef",
		Manifest: func() (string, error) { return filepath.Join(dir, "state", "exports.csv"), nil },
		Out:      out,
		Note:     func(line string) { *notes = append(*notes, line) },
	}, out, notes
}

func TestPurgeFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"c.csv", "s1.csv", "s2.csv", "k.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("customer_id\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	opts := PurgeOptions{Customers: p("c.csv"), Sales: p("s1.csv") + "," + p("s2.csv"), Contacts: p("k.csv")}
	files, err := opts.files()
	want := Files{Customers: p("c.csv"), Sales: p("s1.csv"), MoreSales: []string{p("s2.csv")}, Contacts: p("k.csv")}
	if err != nil || !reflect.DeepEqual(files, want) {
		t.Errorf("files %+v, %v; want %+v", files, err, want)
	}
	for _, tt := range []struct {
		opts  PurgeOptions
		want  string
		usage bool
	}{
		{PurgeOptions{Sales: p("s1.csv")}, "--customers is required (or set customers: in the config file)", true},
		{PurgeOptions{Customers: p("c.csv")}, "--sales is required (or set sales: in the config file)", true},
		{PurgeOptions{Customers: p("c.csv") + "," + p("k.csv"), Sales: p("s1.csv")}, "--customers: purge reads one customers file, not 2; purge them one at a time", true},
		{PurgeOptions{Customers: p("c.csv"), Sales: "-"}, `standard input ("-") cannot be purged`, true},
		{PurgeOptions{Customers: p("c.csv"), Sales: p("s1.csv"), Complaints: p("gone.csv")}, "no such file or directory", false},
	} {
		_, err := tt.opts.files()
		var ue *usererr.UsageError
		if err == nil || !strings.Contains(err.Error(), tt.want) || errors.As(err, &ue) != tt.usage {
			t.Errorf("%+v: %v; want %q, usage %v", tt.opts, err, tt.want, tt.usage)
		}
	}
	missing := PurgeOptions{Customers: p("c.csv"), Sales: p("s1.csv"), Complaints: p("gone.csv")}
	_, err = missing.files()
	var he *usererr.HintError
	if !errors.As(err, &he) || he.Hint != "check the path given to --complaints (or complaints: in the config file)" {
		t.Errorf("a missing file's hint: %v", err)
	}
}

func TestPurgeScanOptions(t *testing.T) {
	opts, _, _ := purgeShop(t)
	opts.Encoding, opts.HeaderRow = "sales=cp932", "customers=2"
	opts.Files = map[string]input.FileSettings{"exports/odd.csv": {Encoding: "utf-16le", HeaderRow: 3}, "exports/air-*.csv": {HeaderRow: 4}}
	opts.MaxDelete = &Limit{Count: 25}
	so, err := opts.scanOptions()
	if err != nil {
		t.Fatal(err)
	}
	if !so.AsOf.Equal(testAsOf) || so.Policy.MaxDelete != (Limit{Count: 25}) || so.Workers != 2 || so.IsPseudonym == nil ||
		so.EncodingOf("sales", "s.csv") == "" || so.EncodingOf("customers", "c.csv") != "" || so.HeaderRow("customers", "c.csv") != 2 || so.HeaderRow("sales", "s.csv") != 0 {
		t.Errorf("scan options %+v", so)
	}
	// A file's own settings win over its kind's, by name or by pattern;
	// what a file's own settings leave unsaid, its kind's say.
	for _, c := range []struct {
		kind, path string
		enc        charset.Encoding
		row        int
	}{
		{"sales", "exports/odd.csv", "utf-16le", 3},
		{"customers", "exports/odd.csv", "utf-16le", 3},
		{"sales", "exports/air-2024-11.csv", so.EncodingOf("sales", "s.csv"), 4},
		{"customers", "exports/air-2024-11.csv", "", 4},
		{"sales", "exports/2024-10.csv", so.EncodingOf("sales", "s.csv"), 0},
	} {
		if e, n := so.EncodingOf(c.kind, c.path), so.HeaderRow(c.kind, c.path); e != c.enc || n != c.row {
			t.Errorf("%s file %s: encoding %q, header row %d; want %q, %d", c.kind, c.path, e, n, c.enc, c.row)
		}
	}

	bad := func(change func(*PurgeOptions), want string, usage bool) {
		t.Helper()
		o, _, _ := purgeShop(t)
		change(&o)
		_, err := o.scanOptions()
		var ue *usererr.UsageError
		if err == nil || err.Error() != want || errors.As(err, &ue) != usage {
			t.Errorf("%v; want %q, usage %v", err, want, usage)
		}
	}
	bad(func(o *PurgeOptions) { o.Policy = func() (Policy, error) { return Policy{}, nil } },
		"the configuration (no config file found) has no retention policy", false)
	bad(func(o *PurgeOptions) {
		o.Config, o.Policy = "shop.yaml", func() (Policy, error) { return Policy{}, errors.New("retention.customers.action: \"keep\"?") }
	}, "shop.yaml: retention.customers.action: \"keep\"?", false)
	bad(func(o *PurgeOptions) { o.Now = func() time.Time { return testAsOf.AddDate(0, 0, -1) } },
		"--as-of 2030-01-01 is after today (2029-12-31): a purge deletes only what is due today; nothing was changed", true)
	o, _, _ := purgeShop(t)
	o.DryRun, o.Now = true, func() time.Time { return testAsOf.AddDate(0, 0, -1) }
	if _, err := o.scanOptions(); err != nil {
		t.Errorf("a dry run as of tomorrow: %v", err)
	}
}

// TestPurgeDryRun prints the plan, warns about the limit and changes
// nothing; the access log is told it was a dry run.
func TestPurgeDryRun(t *testing.T) {
	opts, out, notes := purgeShop(t)
	opts.DryRun, opts.MaxDelete = true, &Limit{Count: 1}
	var rec audit.Entry
	opts.Record = func(e audit.Entry) { rec = e }
	before := read(t, opts.Customers)
	if err := Purge(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "purge plan as of 2030-01-01 (dry run: nothing is changed)\n") ||
		!strings.HasSuffix(out.String(), "would purge 3 of 8 customers (37.5%)\n") {
		t.Errorf("plan:\n%s", out)
	}
	if want := []string{"a real run would refuse: 3 of 8 customers (37.5%), more than --max-delete 1 (use --force)"}; !reflect.DeepEqual(*notes, want) {
		t.Errorf("notes %q, want %q", *notes, want)
	}
	if read(t, opts.Customers) != before {
		t.Error("a dry run changed the customers file")
	}
	if rec.Purge == nil || !rec.Purge.DryRun || len(rec.Purge.Files) != 4 {
		t.Errorf("record %+v", rec.Purge)
	}
}

// TestPurgeApply refuses a run over the limit, then purges, shreds the
// expired export and logs the run before its journal goes.
func TestPurgeApply(t *testing.T) {
	opts, out, notes := purgeShop(t)
	dir := filepath.Dir(opts.Customers)
	mpath, _ := opts.Manifest()
	export := filepath.Join(dir, "export-1.csv")
	made := time.Now().AddDate(0, -2, 0) // exports expire by the real clock
	if err := manifest.Add(mpath, manifest.Entry{Path: export, Rows: 1, Created: made, Expires: made.AddDate(0, 1, 0)}); err != nil {
		t.Fatal(err)
	}
	opts.MaxDelete = &Limit{Count: 1}
	if err := Purge(context.Background(), opts); err == nil || err.Error() != "refusing to purge 3 of 8 customers (37.5%), more than --max-delete 1; nothing was changed" {
		t.Fatalf("over the limit: %v", err)
	}

	opts.Force, opts.Verbose = true, true
	var logged []bool
	opts.LogNow = func(ok bool) error {
		if _, err := os.Stat(filepath.Join(dir, JournalName)); err != nil {
			t.Errorf("logged after the journal went: %v", err)
		}
		logged = append(logged, ok)
		return nil
	}
	if err := Purge(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(logged, []bool{true}) || len(*notes) != 0 {
		t.Errorf("logged %v, notes %q", logged, *notes)
	}
	if !strings.Contains(out.String(), "purged 3 of 8 customers (37.5%); shredded the replaced versions and 1 expired exports\n") {
		t.Errorf("report:\n%s", out)
	}
	if _, err := os.Stat(export); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("expired export: %v", err)
	}
	if entries, err := manifest.Read(mpath); err != nil || len(entries) != 0 {
		t.Errorf("manifest %+v, %v", entries, err)
	}
	out.Reset()
	if err := Purge(context.Background(), opts); err != nil || out.String() != "nothing to purge as of 2030-01-01\n" {
		t.Errorf("second run: %q, %v", out, err)
	}
}

func TestPurgeLocked(t *testing.T) {
	opts, _, _ := purgeShop(t)
	lock, err := Lock(filepath.Dir(opts.Customers))
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	if err := Purge(context.Background(), opts); !errors.Is(err, ErrLocked) {
		t.Errorf("purge under another's lock: %v", err)
	}
}
