package main

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
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/sink"
)

// withStateHome points a test run's state directory (the access log and the
// export manifest) at a temporary directory, keeping s's other variables:
// a test that runs a command reading customer data through run() needs it,
// as the real command fails rather than read without leaving a record.
func withStateHome(t *testing.T, s *streams) string {
	t.Helper()
	dir, base := t.TempDir(), s.getenv
	s.getenv = func(k string) string {
		if k == "XDG_STATE_HOME" {
			return dir
		}
		return base(k)
	}
	return dir
}

func TestNewCmdRedact(t *testing.T) {
	cases := []struct {
		argv []string
		want func(*redactOptions) bool
	}{
		{[]string{"--drop", "phone,email", "--drop", "birthday"}, func(o *redactOptions) bool {
			return o.file == "-" && reflect.DeepEqual(o.drop, []string{"phone", "email", "birthday"})
		}},
		{[]string{"c.csv", "--mask", "name:first=1,char=●", "--mask", "phone"}, func(o *redactOptions) bool {
			return o.file == "c.csv" && reflect.DeepEqual(o.mask, []string{"name:first=1,char=●", "phone"})
		}},
		{[]string{"--policy", "printer", "--key-file", "k", "--generalise", "address:prefecture-city", "--replace", "memo:a,b"}, func(o *redactOptions) bool {
			return o.policy == "printer" && o.keyFile == "k" && o.generalise[0] == "address:prefecture-city" && o.replace[0] == "memo:a,b"
		}},
	}
	for _, c := range cases {
		s, _, _ := testStreams("")
		var got *redactOptions
		cmd := newRedactCmd(s, &globalOptions{}, func(_ context.Context, o *redactOptions) error { got = o; return nil })
		cmd.SetArgs(c.argv)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", c.argv, err)
		}
		if !c.want(got) {
			t.Errorf("%v: options %+v", c.argv, got)
		}
	}
}

func TestRedactRules(t *testing.T) {
	g := &globalOptions{cfg: &settings{file: "custkit.yaml", Config: config.Config{Redact: config.Redact{Policies: map[string]redact.Spec{
		"printer": {Drop: []string{"phone"}, Mask: map[string]string{"name": ""}},
	}}}}}
	opts := &redactOptions{global: g, policy: "printer", drop: []string{"name"}}
	p, err := opts.rules()
	if err != nil {
		t.Fatal(err)
	}
	// The policy's rules come first, so the flag's drop of name wins.
	if len(p) != 3 || p[2].Column != "name" || p[2].Op != redact.Drop {
		t.Errorf("rules = %+v", p)
	}

	opts = &redactOptions{global: g, drop: []string{"name"}, hash: []string{"name"}}
	var u *usageError
	if _, err := opts.rules(); !errors.As(err, &u) || !strings.Contains(err.Error(), `--drop and --hash both name column "name"`) {
		t.Errorf("conflicting flags: %v", err)
	}
	opts = &redactOptions{global: g}
	if _, err := opts.rules(); !errors.As(err, &u) {
		t.Errorf("no rules: %v, want a usage error", err)
	}
	opts = &redactOptions{global: g, policy: "post"}
	if _, err := opts.rules(); err == nil || err.Error() != `custkit.yaml: no redaction policy "post" (policies: printer)` {
		t.Errorf("unknown policy: %v", err)
	}
}

func TestRedactKey(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.key")
	os.WriteFile(good, []byte("0123456789abcdef0123\n"), 0o600)
	s, _, _ := testStreams("")
	opts := &redactOptions{streams: s, keyFile: good}
	if k, err := opts.key(context.Background()); err != nil || string(k) != "0123456789abcdef0123" {
		t.Errorf("key file: %q, %v", k, err)
	}
	s.getenv = func(k string) string {
		if k == "CUSTKIT_HASH_KEY" {
			return "short"
		}
		return ""
	}
	opts = &redactOptions{streams: s}
	if _, err := opts.key(context.Background()); err == nil || !strings.Contains(err.Error(), "at least 16") {
		t.Errorf("short key: %v", err)
	}
	s.getenv = func(string) string { return "" }
	if _, err := opts.key(context.Background()); !errors.Is(err, redact.ErrNoKey) || !strings.Contains(hintFor(err), "--new-key") {
		t.Errorf("no key: %v", err)
	}
}

func TestExpiry(t *testing.T) {
	g := &globalOptions{cfg: &settings{file: "custkit.yaml"}}
	o := &outputFlags{}
	if p, err := o.expiry(g); err != nil || p != config.DefaultExportsKeep {
		t.Errorf("default: %v, %v", p, err)
	}
	g.cfg.Retention.Exports.Keep = "7d"
	if p, err := o.expiry(g); err != nil || p != (parse.Period{Days: 7}) {
		t.Errorf("from config: %v, %v", p, err)
	}
	o.expires, o.expiresSet = parse.Period{Months: 2}, true
	if p, err := o.expiry(g); err != nil || p != (parse.Period{Months: 2}) {
		t.Errorf("--expires: %v, %v", p, err)
	}
	o.expiresSet = false
	g.cfg.Retention.Exports.Keep = "soon"
	if _, err := o.expiry(g); err == nil || !strings.HasPrefix(err.Error(), "custkit.yaml: retention.exports.keep: ") {
		t.Errorf("malformed: %v", err)
	}
}

func TestStateDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if d := stateDir(env(map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"})); d != "/s" {
		t.Errorf("XDG_STATE_HOME: %q", d)
	}
	if d := stateDir(env(map[string]string{"HOME": "/h"})); d != filepath.Join("/h", ".local", "state") {
		t.Errorf("HOME: %q", d)
	}
	s, _, _ := testStreams("")
	if _, err := statePath(s, "", "audit.jsonl"); err == nil {
		t.Error("no HOME and no XDG_STATE_HOME: want an error, not a guess")
	}
	if p, err := statePath(s, "/var/log/custkit.jsonl", "audit.jsonl"); err != nil || p != "/var/log/custkit.jsonl" {
		t.Errorf("configured path: %q, %v", p, err)
	}
}

// TestTargetRecords checks what the I/O layer hands to the access log and
// the manifest: rows counted on both paths, the header, and a personal -o
// file tracked with its hash before it becomes visible.
func TestTargetRecords(t *testing.T) {
	s, _, _ := testStreams("")
	dir := withStateHome(t, s)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	g := &globalOptions{cfg: &settings{}, access: &access{now: func() time.Time { return now }}}
	out := filepath.Join(dir, "list.csv")
	o := &outputFlags{path: out, purpose: "DM", expires: parse.Period{Days: 3}, expiresSet: true}
	tg, err := o.open(context.Background(), s, g)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Abort()
	if err := tg.WriteHeader([]string{"customer_id", "name"}); err != nil {
		t.Fatal(err)
	}
	tg.Write([]string{"C1", "山田"})
	enc := tg.Encoder()
	if enc == nil {
		t.Fatal("csv has no encoder")
	}
	enc.WriteEncoded(enc.AppendRowEnd(enc.AppendCells(nil, [][]byte{[]byte("C2"), []byte("佐藤")}, 0)))
	if err := tg.Commit(); err != nil {
		t.Fatal(err)
	}
	rec := tg.record()
	if rec.Rows != 2 || rec.Path != out || !reflect.DeepEqual(rec.Columns, []string{"customer_id", "name"}) {
		t.Errorf("record %+v", rec)
	}
	entries, err := manifest.Read(filepath.Join(dir, "custkit", "exports.csv"))
	if err != nil || len(entries) != 1 {
		t.Fatalf("manifest: %+v, %v", entries, err)
	}
	e := entries[0]
	sum, _ := manifest.HashFile(out)
	if e.Path != out || e.SHA256 != sum || e.Rows != 2 || e.Purpose != "DM" || !e.Expires.Equal(now.AddDate(0, 0, 3)) {
		t.Errorf("manifest entry %+v (file hash %s)", e, sum)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o", st.Mode().Perm())
	}
}

func TestLogAccessOnlyWhenDataWasRead(t *testing.T) {
	s, _, errb := testStreams("")
	dir := withStateHome(t, s)
	g := &globalOptions{cfg: &settings{}, access: &access{now: time.Now}}
	cmd := newShredCmd(s, g, nil)
	log := filepath.Join(dir, "custkit", "audit.jsonl")
	if err := logAccess(s, g, cmd, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(log); !os.IsNotExist(err) {
		t.Errorf("a run that read nothing was logged (%v)", err)
	}
	g.access.addShredded("/tmp/x.csv")
	runErr := errors.New("boom")
	if err := logAccess(s, g, cmd, []string{"x.csv"}, runErr); err != runErr {
		t.Errorf("logAccess returned %v, want the command's error", err)
	}
	f, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []audit.Entry
	audit.Read(f, func(_ int, e audit.Entry, err error) error { got = append(got, e); return err })
	if len(got) != 1 || got[0].OK || got[0].Command != "shred" || got[0].Shredded[0] != "/tmp/x.csv" || got[0].Args[0] != "x.csv" {
		t.Errorf("entries %+v", got)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr %q", errb)
	}
}

// TestEncoderKeepsVerbatim checks that counting rows on the fast path does
// not hide the csv writer's Verbatim: without it the join encodes every
// sales line cell by cell instead of copying it, at twice the cost. A
// printed format has no fast path at all.
func TestEncoderKeepsVerbatim(t *testing.T) {
	s, _, _ := testStreams("")
	g := &globalOptions{cfg: &settings{}}
	for _, tt := range []struct {
		flags outputFlags
		comma byte
		want  bool
	}{
		{outputFlags{format: "csv", formulaGuard: "off"}, ',', true},
		{outputFlags{format: "csv", formulaGuard: "off"}, '\t', false},
		{outputFlags{format: "tsv", formulaGuard: "off"}, '\t', true},
		{outputFlags{format: "csv", formulaGuard: "on"}, ',', false},
	} {
		tg, err := tt.flags.open(context.Background(), s, g)
		if err != nil {
			t.Fatal(err)
		}
		enc := sink.EncoderOf(tg)
		if enc == nil {
			t.Fatalf("%s has no encoder", tt.flags.format)
		}
		if got := enc.Verbatim(tt.comma); got != tt.want {
			t.Errorf("%s, guard %s, comma %q: verbatim %v, want %v", tt.flags.format, tt.flags.formulaGuard, tt.comma, got, tt.want)
		}
	}
	tg, err := (&outputFlags{format: "table"}).open(context.Background(), s, g)
	if err != nil {
		t.Fatal(err)
	}
	if sink.EncoderOf(tg) != nil {
		t.Error("a table output has a fast path; it must see rows one by one")
	}
}

// TestInterruptedOutput checks that an interrupt that comes while rows are
// written (after the command has read its inputs) stops the writing and
// leaves no -o file, for rows written one by one as mailing, buyers and
// the printed formats do.
func TestInterruptedOutput(t *testing.T) {
	s, _, _ := testStreams("")
	ctx, cancel := context.WithCancel(context.Background())
	g := &globalOptions{cfg: &settings{}}
	out := filepath.Join(t.TempDir(), "list.md")
	o := &outputFlags{path: out}
	tg, err := o.open(ctx, s, g)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Abort()
	if err := tg.WriteHeader([]string{"customer_id"}); err != nil {
		t.Fatal(err)
	}
	cancel()
	var werr error
	for i := 0; i < 5000 && werr == nil; i++ {
		werr = tg.Write([]string{"C1"})
	}
	if !errors.Is(werr, context.Canceled) {
		t.Errorf("Write after the interrupt: %v, want context.Canceled", werr)
	}
	if err := tg.Commit(); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit after the interrupt: %v, want context.Canceled", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s exists after an interrupted run (%v)", out, err)
	}
}

// TestOutputIsDirectory checks that -o naming a directory is refused
// before anything runs: the rename at the end would fail, after the
// export manifest had recorded a file at that path, which "exports list"
// then could not read and "exports shred" would try to destroy.
func TestOutputIsDirectory(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales, "out/keep": ""})
	s, out, errb := testStreams("")
	state := withStateHome(t, s)
	code := run([]string{"join", "--customers", filepath.Join(dir, "c.csv"), "--sales", filepath.Join(dir, "s.csv"), "-o", filepath.Join(dir, "out")}, s)
	if want := "custkit: " + filepath.Join(dir, "out") + " is a directory; give -o a file name\n"; code != exitUsage || errb.String() != want || out.Len() != 0 {
		t.Errorf("exit status %d, stderr %q; want 2 and %q", code, errb, want)
	}
	if entries, err := manifest.Read(filepath.Join(state, "custkit", "exports.csv")); err != nil || len(entries) != 0 {
		t.Errorf("manifest: %+v, %v; want no entry", entries, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
