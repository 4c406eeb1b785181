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

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/sink"
)

func TestExpiry(t *testing.T) {
	g := &cmdutil.Global{Cfg: &cmdutil.Settings{Path: "custkit.yaml"}}
	o := &cmdutil.Output{}
	if p, err := o.Expiry(g); err != nil || p != config.DefaultExportsKeep {
		t.Errorf("default: %v, %v", p, err)
	}
	g.Cfg.Retention.Exports.Keep = "7d"
	if p, err := o.Expiry(g); err != nil || p != (parse.Period{Days: 7}) {
		t.Errorf("from config: %v, %v", p, err)
	}
	o.Expires, o.ExpiresSet = parse.Period{Months: 2}, true
	if p, err := o.Expiry(g); err != nil || p != (parse.Period{Months: 2}) {
		t.Errorf("--expires: %v, %v", p, err)
	}
	o.ExpiresSet = false
	g.Cfg.Retention.Exports.Keep = "soon"
	if _, err := o.Expiry(g); err == nil || !strings.HasPrefix(err.Error(), "custkit.yaml: retention.exports.keep: ") {
		t.Errorf("malformed: %v", err)
	}
}

// TestTargetRecords checks what the I/O layer hands to the access log and
// the manifest: rows counted on both paths, the header, and a personal -o
// file tracked with its hash before it becomes visible.
func TestTargetRecords(t *testing.T) {
	s, _, _ := cmdutil.BufferStreams("")
	dir := withStateHome(t, s)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	g := &cmdutil.Global{Cfg: &cmdutil.Settings{}, Access: access.New(access.Options{Now: func() time.Time { return now }})}
	out := filepath.Join(dir, "list.csv")
	o := &cmdutil.Output{Path: out, Purpose: "DM", Expires: parse.Period{Days: 3}, ExpiresSet: true}
	tg, err := o.Open(context.Background(), s, g)
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
	rec := tg.Record()
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

// TestEncoderKeepsVerbatim checks that counting rows on the fast path does
// not hide the csv writer's Verbatim: without it the join encodes every
// sales line cell by cell instead of copying it, at twice the cost. A
// printed format has no fast path at all.
func TestEncoderKeepsVerbatim(t *testing.T) {
	s, _, _ := cmdutil.BufferStreams("")
	g := &cmdutil.Global{Cfg: &cmdutil.Settings{}}
	for _, tt := range []struct {
		flags cmdutil.Output
		comma byte
		want  bool
	}{
		{cmdutil.Output{Format: "csv", FormulaGuard: "off"}, ',', true},
		{cmdutil.Output{Format: "csv", FormulaGuard: "off"}, '\t', false},
		{cmdutil.Output{Format: "tsv", FormulaGuard: "off"}, '\t', true},
		{cmdutil.Output{Format: "csv", FormulaGuard: "on"}, ',', false},
	} {
		tg, err := tt.flags.Open(context.Background(), s, g)
		if err != nil {
			t.Fatal(err)
		}
		enc := sink.EncoderOf(tg)
		if enc == nil {
			t.Fatalf("%s has no encoder", tt.flags.Format)
		}
		if got := enc.Verbatim(tt.comma); got != tt.want {
			t.Errorf("%s, guard %s, comma %q: verbatim %v, want %v", tt.flags.Format, tt.flags.FormulaGuard, tt.comma, got, tt.want)
		}
	}
	tg, err := (&cmdutil.Output{Format: "table"}).Open(context.Background(), s, g)
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
	s, _, _ := cmdutil.BufferStreams("")
	ctx, cancel := context.WithCancel(context.Background())
	g := &cmdutil.Global{Cfg: &cmdutil.Settings{}}
	out := filepath.Join(t.TempDir(), "list.md")
	o := &cmdutil.Output{Path: out}
	tg, err := o.Open(ctx, s, g)
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
	s, out, errb := cmdutil.BufferStreams("")
	state := withStateHome(t, s)
	code := run([]string{"join", "--customers", filepath.Join(dir, "c.csv"), "--sales", filepath.Join(dir, "s.csv"), "-o", filepath.Join(dir, "out")}, s)
	if want := "custkit: " + filepath.Join(dir, "out") + " is a directory; give -o a file name\n"; code != cmdutil.ExitUsage || errb.String() != want || out.Len() != 0 {
		t.Errorf("exit status %d, stderr %q; want 2 and %q", code, errb, want)
	}
	if entries, err := manifest.Read(filepath.Join(state, "custkit", "exports.csv")); err != nil || len(entries) != 0 {
		t.Errorf("manifest: %+v, %v; want no entry", entries, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
