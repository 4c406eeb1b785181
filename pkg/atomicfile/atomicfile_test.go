package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitReplacesWithMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(path, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("new")
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("target changed before commit: %q", b)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort() // no-op after commit
	b, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(b) != "new" || st.Mode().Perm() != 0o600 {
		t.Fatalf("got %q mode %v", b, st.Mode().Perm())
	}
	assertOnly(t, dir, "out.csv")
}

func TestAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "out.csv"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("half")
	f.Abort()
	assertOnly(t, dir)
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	if len(ents) != len(names) {
		t.Fatalf("directory has %d entries, want %v", len(ents), names)
	}
	for i, e := range ents {
		if e.Name() != names[i] {
			t.Fatalf("entry %q, want %q", e.Name(), names[i])
		}
	}
}

// Errors name the target the caller gave, never the temporary file.
func TestErrorsNameTheTarget(t *testing.T) {
	dir := t.TempDir()
	check := func(what string, err error, target string) {
		t.Helper()
		var pe *os.PathError
		if !errors.As(err, &pe) || pe.Path != target || strings.Contains(err.Error(), ".tmp-") {
			t.Errorf("%s: got %v, want an error naming %s and no temporary file", what, err, target)
		}
	}

	missing := filepath.Join(dir, "nodir", "x.csv")
	_, err := Create(missing, 0o600)
	check("missing directory", err, missing)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing directory: %v does not say so", err)
	}

	// The rename fails when the target has become a non-empty directory.
	target := filepath.Join(dir, "out.csv")
	f, err := Create(target, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(target, "inside"), 0o700); err != nil {
		t.Fatal(err)
	}
	check("rename", f.Commit(), target)
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.csv.tmp-*")); len(left) != 0 {
		t.Errorf("a failed rename left %v", left)
	}

	g, err := Create(filepath.Join(dir, "w.csv"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Abort()
	g.File.Close()
	_, err = g.Write([]byte("x"))
	check("write", err, filepath.Join(dir, "w.csv"))
	_, err = g.WriteString("x")
	check("write string", err, filepath.Join(dir, "w.csv"))
	check("chmod", g.Chmod(0o644), filepath.Join(dir, "w.csv"))
}
