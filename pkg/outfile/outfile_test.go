package outfile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/usererr"
)

// personal takes "name" for the one personal column.
func personal(cols []string) bool {
	for _, c := range cols {
		if c == "name" {
			return true
		}
	}
	return false
}

func fileOptions(dir, path string) Options {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	return Options{
		Flag: "-o", Path: path, Purpose: "DM",
		Writer:   output.Options{Format: output.CSV},
		Expiry:   func() (parse.Period, error) { return parse.Period{Days: 3}, nil },
		Personal: personal,
		Manifest: &Manifest{Path: func() (string, error) { return filepath.Join(dir, "exports.csv"), nil }, Shop: "/shop.yaml", Now: func() time.Time { return now }},
	}
}

func write(t *testing.T, tg *Target, header []string, rows ...[]string) {
	t.Helper()
	if err := tg.WriteHeader(header); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := tg.Write(r); err != nil {
			t.Fatal(err)
		}
	}
}

// A file with personal data is tracked before it is visible, mode 0600;
// rows are counted on the row and the fast path alike.
func TestPersonalFileIsTracked(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "list.csv")
	tg, err := Open(context.Background(), fileOptions(dir, out))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Abort()
	write(t, tg, []string{"customer_id", "name"}, []string{"C1", "山田"})
	enc := tg.Encoder()
	if enc == nil {
		t.Fatal("csv has no fast path")
	}
	enc.WriteEncoded(enc.AppendRowEnd(enc.AppendCells(nil, [][]byte{[]byte("C2"), []byte("佐藤")}, 0)))
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("visible before Commit (%v)", err)
	}
	if err := tg.Commit(); err != nil {
		t.Fatal(err)
	}
	if rec := tg.Record(); rec.Rows != 2 || rec.Path != out || rec.Format != "csv" || !reflect.DeepEqual(rec.Columns, []string{"customer_id", "name"}) {
		t.Errorf("record %+v", rec)
	}
	entries, err := manifest.Read(filepath.Join(dir, "exports.csv"))
	if err != nil || len(entries) != 1 {
		t.Fatalf("manifest %+v, %v", entries, err)
	}
	sum, _ := manifest.HashFile(out)
	if e := entries[0]; e.Path != out || e.SHA256 != sum || e.Rows != 2 || e.Purpose != "DM" || e.Shop != "/shop.yaml" || e.Expires.Format("2006-01-02") != "2026-11-25" {
		t.Errorf("entry %+v", e)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", st.Mode().Perm())
	}
}

// A file written again without personal data leaves the manifest, with
// the mode the umask allows.
func TestPlainFileIsForgotten(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "list.csv")
	for _, header := range [][]string{{"customer_id", "name"}, {"customer_id"}} {
		tg, err := Open(context.Background(), fileOptions(dir, out))
		if err != nil {
			t.Fatal(err)
		}
		write(t, tg, header, make([]string, len(header)))
		if err := tg.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if entries, err := manifest.Read(filepath.Join(dir, "exports.csv")); err != nil || len(entries) != 0 {
		t.Errorf("manifest %+v, %v; want no entry", entries, err)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != os.FileMode(0o666&^umask) {
		t.Errorf("mode %04o, want %04o", st.Mode().Perm(), 0o666&^umask)
	}
}

func TestStdoutAndMask(t *testing.T) {
	var buf bytes.Buffer
	masked := 0
	opts := Options{Flag: "-o", Stdout: &buf, Personal: personal, Masked: func() { masked++ },
		Writer: output.Options{Format: output.CSV, Mask: func(_, v string) string { return strings.Repeat("*", len(v)) }}}
	tg, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	write(t, tg, []string{"customer_id", "name"}, []string{"C1", "ab"})
	if err := tg.Commit(); err != nil {
		t.Fatal(err)
	}
	if tg.Mask("name", "xyz") != "***" || masked != 1 || tg.Record().Path != "-" || tg.Format() != output.CSV {
		t.Errorf("mask %q, masked note %d, record %+v", tg.Mask("name", "xyz"), masked, tg.Record())
	}
	if tg.Printed() || tg.Note("x") == nil {
		t.Error("csv takes notes")
	}
}

func TestRefused(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "c.csv")
	os.WriteFile(in, []byte("customer_id\n"), 0o600)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(in, link); err != nil {
		t.Skip(err)
	}
	stdin, _ := os.Open(in)
	defer stdin.Close()
	for _, tt := range []struct {
		path   string
		inputs []string
		want   string
	}{
		{dir, nil, dir + " is a directory; give --rejects a file name"},
		{link, []string{in}, "--rejects " + link + " is also an input; write to another file"},
		{in, []string{"-"}, "--rejects " + in + " is also an input: standard input is read from it; write to another file"},
	} {
		opts := fileOptions(dir, tt.path)
		opts.Flag, opts.Inputs, opts.Stdin = "--rejects", tt.inputs, stdin
		_, err := Open(context.Background(), opts)
		var u *usererr.UsageError
		if !errors.As(err, &u) || err.Error() != tt.want {
			t.Errorf("%s: %v, want usage error %q", tt.path, err, tt.want)
		}
	}
}

func TestMissingDirectory(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "no", "list.csv")
	_, err := Open(context.Background(), fileOptions(dir, out))
	var h *usererr.HintError
	if err == nil || err.Error() != "-o "+out+": the directory "+filepath.Dir(out)+" does not exist" || !errors.As(err, &h) || h.Hint != "create it first, or give -o a path in an existing directory" {
		t.Errorf("%v", err)
	}
}

// An aborted or interrupted output leaves no file and no manifest entry.
func TestAbortAndInterrupt(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "list.csv")
	tg, err := Open(context.Background(), fileOptions(dir, out))
	if err != nil {
		t.Fatal(err)
	}
	write(t, tg, []string{"name"}, []string{"山田"})
	tg.Abort()
	ctx, cancel := context.WithCancel(context.Background())
	tg, err = Open(ctx, fileOptions(dir, out))
	if err != nil {
		t.Fatal(err)
	}
	write(t, tg, []string{"name"}, []string{"山田"})
	cancel()
	if err := tg.Commit(); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit after the interrupt: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	os.WriteFile(a, nil, 0o600)
	if err := os.Link(a, filepath.Join(dir, "b")); err != nil {
		t.Skip(err)
	}
	if !SameFile(a, filepath.Join(dir, "b")) || !SameFile(filepath.Join(dir, "x", "..", "new"), filepath.Join(dir, "new")) || SameFile(a, filepath.Join(dir, "new")) {
		t.Error("SameFile")
	}
}
