package replace

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type run struct {
	Version int       `json:"version"`
	Started time.Time `json:"started"`
	Files   []File    `json:"files"`
}

func testReplacer(t *testing.T) (*Replacer, *[]string) {
	t.Helper()
	var ops []string
	return &Replacer{Dir: t.TempDir(), JournalName: ".test.journal", What: "test",
		NewSuffix: ".test-new", OldSuffix: ".test-old",
		Shred: os.Remove, Op: func(op string) { ops = append(ops, op) }}, &ops
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func hash(t *testing.T, path string) string {
	t.Helper()
	h, err := HashFile(path)
	if err != nil || h == "" {
		t.Fatalf("%s: %q %v", path, h, err)
	}
	return h
}

// TestRun replaces two files, reads the journal back with a line cut off
// by a crash, and finishes.
func TestRun(t *testing.T) {
	r, ops := testReplacer(t)
	var files []File
	for _, name := range []string{"a.csv", "b.csv"} {
		p := filepath.Join(r.Dir, name)
		write(t, p, "old "+name)
		write(t, r.NewName(p), "new "+name)
		files = append(files, File{Path: p, Old: hash(t, p), New: hash(t, r.NewName(p))})
	}
	j, err := r.WriteJournal(run{Version: 1, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	if len(*ops) != 1 || !strings.HasPrefix((*ops)[0], "write part of "+filepath.Join(r.Dir, "."+r.JournalName+".tmp-")) {
		t.Errorf("ops %q", *ops)
	}
	for _, f := range files {
		if st, err := r.StateOf(f); err != nil || st != IsOld {
			t.Errorf("%s: state %d %v before the rename", f.Path, st, err)
		}
	}
	unkept, err := r.ReplaceAll(context.Background(), j, files, map[string]bool{files[0].Path: true, files[1].Path: true})
	if err != nil || len(unkept) != 0 {
		t.Fatalf("ReplaceAll: %v %v", unkept, err)
	}
	for _, f := range files {
		if st, err := r.StateOf(f); err != nil || st != IsNew {
			t.Errorf("%s: state %d %v after the rename", f.Path, st, err)
		}
		if _, err := os.Stat(r.OldName(f.Path)); err != nil {
			t.Errorf("%s: no second name for the old version: %v", f.Path, err)
		}
	}
	// A step line cut off by a crash: ignored, its step done again.
	fh, err := os.OpenFile(r.JournalPath(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	fh.WriteString(`{"done":"shredded","pa`)
	fh.Close()
	var got run
	j2, err := r.ReadJournal(&got)
	if err != nil || j2 == nil {
		t.Fatalf("ReadJournal: %v", err)
	}
	if got.Version != 1 || len(got.Files) != 2 || got.Files[1] != (File{Path: files[1].Path, Old: files[1].Old, New: files[1].New}) {
		t.Errorf("run read back: %+v", got)
	}
	for _, f := range files {
		if !j2.IsDone(StepReplaced, f.Path) || j2.IsDone(StepShredded, f.Path) {
			t.Errorf("%s: marks read back wrong", f.Path)
		}
	}
	if err := r.ShredOld(j2, got.Files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, err := os.Lstat(r.OldName(f.Path)); !os.IsNotExist(err) {
			t.Errorf("%s: old version not shredded", f.Path)
		}
		if data, _ := os.ReadFile(f.Path); string(data) != "new "+filepath.Base(f.Path) {
			t.Errorf("%s: %q", f.Path, data)
		}
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	if j, err := r.ReadJournal(&got); j != nil || err != nil {
		t.Errorf("journal after Finish: %v %v", j, err)
	}
}

func TestStateOf(t *testing.T) {
	r, _ := testReplacer(t)
	p := filepath.Join(r.Dir, "a.csv")
	write(t, p, "old")
	old := hash(t, p)
	write(t, r.NewName(p), "new")
	f := File{Path: p, Old: old, New: hash(t, r.NewName(p))}
	write(t, r.NewName(p), "damaged")
	if st, err := r.StateOf(f); err != nil || st != NewBroken {
		t.Errorf("damaged new version: %d %v", st, err)
	}
	write(t, p, "someone else's")
	if st, err := r.StateOf(f); err != nil || st != Changed {
		t.Errorf("changed file: %d %v", st, err)
	}
	os.Remove(p)
	if st, err := r.StateOf(f); err != nil || st != Missing {
		t.Errorf("missing file: %d %v", st, err)
	}
}

func TestReadJournalBad(t *testing.T) {
	for name, text := range map[string]string{
		"first line": "not json\n",
		"no newline": `{"version":1}`,
		"step line":  "{\"version\":1}\n{\"done\":\n",
	} {
		r, _ := testReplacer(t)
		write(t, r.JournalPath(), text)
		var got run
		if j, err := r.ReadJournal(&got); j != nil || err == nil {
			t.Errorf("%s: read %v", name, j)
		}
	}
}

// TestClean destroys exactly the journal's temporary files and the
// temporary files beside the given paths.
func TestClean(t *testing.T) {
	r, _ := testReplacer(t)
	p := filepath.Join(r.Dir, "a.csv")
	gone := []string{"." + r.JournalName + ".tmp-123", ".a.csv.test-new", ".a.csv.test-old"}
	kept := []string{"." + r.JournalName + ".tmp-12x", ".b.csv.test-new", "a.csv"}
	for _, n := range append(append([]string{}, gone...), kept...) {
		write(t, filepath.Join(r.Dir, n), "x")
	}
	if err := r.Clean([]string{p}); err != nil {
		t.Fatal(err)
	}
	for _, n := range gone {
		if _, err := os.Lstat(filepath.Join(r.Dir, n)); !os.IsNotExist(err) {
			t.Errorf("%s left", n)
		}
	}
	for _, n := range kept {
		if _, err := os.Lstat(filepath.Join(r.Dir, n)); err != nil {
			t.Errorf("%s removed", n)
		}
	}
}
