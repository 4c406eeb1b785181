package shred

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/usererr"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	a, missing := filepath.Join(dir, "a.csv"), filepath.Join(dir, "missing.csv")
	if err := os.WriteFile(a, []byte("name\nx\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	var notes, done []string
	opts := RunOptions{Out: &out, Note: func(l string) { notes = append(notes, l) }, Done: func(p string) { done = append(done, p) }}
	res := Run(context.Background(), []string{a, missing}, opts)
	if res.Failed != 1 || out.String() != "shredded "+a+"\n" || !reflect.DeepEqual(done, []string{a}) {
		t.Errorf("failed %d, out %q, done %q", res.Failed, out.String(), done)
	}
	if len(notes) == 0 || notes[0] != missing+": no such file or directory" {
		t.Fatalf("notes %q", notes)
	}
	for _, n := range notes[1:] {
		if !strings.HasPrefix(n, "caveat: ") {
			t.Errorf("note %q", n)
		}
	}
	// Quiet leaves out the caveats; nothing shredded has none to say.
	notes = nil
	opts.Quiet = true
	if err := os.WriteFile(a, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	Run(context.Background(), []string{a}, opts)
	if len(notes) != 0 {
		t.Errorf("quiet: notes %q", notes)
	}
}

func TestShredder(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	var notes, done []string
	opts := RunOptions{Note: func(l string) { notes = append(notes, l) }, Done: func(p string) { done = append(done, p) }}
	sh := NewShredder(opts)
	sh.Tell()
	if len(notes) != 0 {
		t.Errorf("nothing shredded: notes %q", notes)
	}
	for _, f := range []string{a, b} {
		if err := os.WriteFile(f, []byte("name\nx\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := sh.File(f); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Lstat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there: %v", f, err)
		}
	}
	if err := sh.File(filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("a missing file was shredded")
	}
	if !reflect.DeepEqual(done, []string{a, b}) {
		t.Errorf("done %q", done)
	}
	// The caveats of the one directory, once, the backups' last.
	sh.Tell()
	if len(notes) == 0 || notes[len(notes)-1] != "caveat: backups, snapshots and copies made elsewhere before now are not touched" {
		t.Fatalf("notes %q", notes)
	}
	for i, n := range notes {
		if !strings.HasPrefix(n, "caveat: ") || slices.Contains(notes[:i], n) {
			t.Errorf("note %q", n)
		}
	}
	notes = nil
	opts.Quiet = true
	quiet := NewShredder(opts)
	if err := os.WriteFile(a, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := quiet.File(a); err != nil {
		t.Fatal(err)
	}
	quiet.Tell()
	if len(notes) != 0 {
		t.Errorf("quiet: notes %q", notes)
	}
}

func TestFailedAndPasses(t *testing.T) {
	if err := Failed(0, 3, "file"); err != nil {
		t.Errorf("none failed: %v", err)
	}
	if err := Failed(1, 3, "export"); err == nil || err.Error() != "1 of 3 exports could not be shredded" {
		t.Errorf("one failed: %v", err)
	}
	var ue *usererr.UsageError
	if err := CheckPasses(0); !errors.As(err, &ue) || err.Error() != "-n must be at least 1" {
		t.Errorf("no passes: %v", err)
	}
	if err := CheckPasses(1); err != nil {
		t.Errorf("one pass: %v", err)
	}
}
