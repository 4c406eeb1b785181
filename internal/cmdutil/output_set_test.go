package cmdutil

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputSetCommit checks that a main output and its side outputs are
// all invisible until Commit, and all there after it.
func TestOutputSetCommit(t *testing.T) {
	dir := t.TempDir()
	main, side := filepath.Join(dir, "out.csv"), filepath.Join(dir, "side.csv")
	s, _, _ := BufferStreams("")
	g := &Global{Cfg: &Settings{}}
	set, err := (&Output{Path: main}).OpenSet(context.Background(), s, g, nil, SideOutput{Flag: "--rejects", Path: side}, SideOutput{Flag: "--dedupe-report", Path: ""})
	if err != nil {
		t.Fatal(err)
	}
	defer set.Abort()
	if set.Side("--dedupe-report") != nil {
		t.Error("a side output that was not asked for is open")
	}
	for _, w := range []struct {
		t   *Target
		col string
	}{{set.Main, "a"}, {set.Side("--rejects"), "b"}} {
		if err := w.t.WriteHeader([]string{w.col}); err != nil {
			t.Fatal(err)
		}
	}
	assertFiles(t, dir, false, "")
	if err := set.Commit(); err != nil {
		t.Fatal(err)
	}
	assertFiles(t, dir, true, "out.csv side.csv")
	if b, _ := os.ReadFile(side); string(b) != "b\n" {
		t.Errorf("side.csv holds %q; want %q", b, "b\n")
	}
}

// TestOutputSetAbort checks that a side output that cannot be opened
// removes the main output already opened, and that Abort removes all.
func TestOutputSetAbort(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "out.csv")
	s, _, _ := BufferStreams("")
	g := &Global{Cfg: &Settings{}}
	_, err := (&Output{Path: main}).OpenSet(context.Background(), s, g, nil, SideOutput{Flag: "--unmatched", Path: main})
	if err == nil || !strings.Contains(err.Error(), "--unmatched and -o both name") {
		t.Errorf("a side output on the main output's file: %v; want it refused", err)
	}
	assertFiles(t, dir, true, "")

	set, err := (&Output{Path: main}).OpenSet(context.Background(), s, g, nil, SideOutput{Flag: "--unmatched", Path: filepath.Join(dir, "u.csv")})
	if err != nil {
		t.Fatal(err)
	}
	set.Abort()
	assertFiles(t, dir, true, "")
}

// assertFiles checks the names of the files in dir, joined by spaces:
// every one, or (all false) those not hidden, as temporary files are.
func assertFiles(t *testing.T, dir string, all bool, want string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !all && strings.HasPrefix(e.Name(), ".") {
			continue
		}
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != want {
		t.Errorf("files in the directory: %q; want %q", got, want)
	}
}
