package retention

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stopAt stops a run, as a kill would, at the kth step whose description
// begins with prefix; it reports whether the run stopped there.
func stopAt(t *testing.T, opts testScan, prefix string, k int) (stopped bool) {
	t.Helper()
	c := &crash{k}
	r := testRunner(filepath.Dir(opts.Files.Customers))
	seen := 0
	r.AfterOp = func(op string) {
		if strings.HasPrefix(op, prefix) {
			if seen++; seen == k {
				panic(c)
			}
		}
	}
	defer func() {
		if v := recover(); v != nil {
			if v != c {
				panic(v)
			}
			stopped = true
		}
	}()
	if _, err := r.Apply(context.Background(), scan(t, opts), ApplyOptions{Pseudonym: pseudonym, Exports: expired(opts)}); err != nil {
		t.Fatal(err)
	}
	return false
}

// sameAsRef compares the shop's data files with those of an uninterrupted
// run.
func sameAsRef(t *testing.T, opts, ref testScan, what string) {
	t.Helper()
	for _, k := range [][2]string{
		{opts.Files.Customers, ref.Files.Customers}, {opts.Files.Sales, ref.Files.Sales},
		{opts.Files.Contacts, ref.Files.Contacts}, {opts.Files.Complaints, ref.Files.Complaints},
	} {
		if read(t, k[0]) != read(t, k[1]) {
			t.Errorf("%s: %s differs from an uninterrupted run", what, filepath.Base(k[0]))
		}
	}
	assertNoTemps(t, filepath.Dir(opts.Files.Customers))
}

// asLegacy rewrites the shop's journal as version 1 wrote it, with each
// path made relative by rel.
func asLegacy(t *testing.T, journal string, rel func(string) string) {
	t.Helper()
	data := []byte(read(t, journal))
	first, rest, _ := bytes.Cut(data, []byte{'\n'})
	var run journalRun
	if err := json.Unmarshal(first, &run); err != nil {
		t.Fatal(err)
	}
	run.Version = legacyVersion
	for i := range run.Files {
		run.Files[i].Path = rel(run.Files[i].Path)
	}
	for i := range run.Result.Files {
		run.Result.Files[i].Path = rel(run.Result.Files[i].Path)
	}
	line, err := json.Marshal(run)
	if err != nil {
		t.Fatal(err)
	}
	var marks bytes.Buffer
	for _, l := range bytes.SplitAfter(rest, []byte{'\n'}) {
		var m journalMark
		if len(l) == 0 || json.Unmarshal(l, &m) != nil {
			continue
		}
		m.Path = rel(m.Path)
		b, _ := json.Marshal(m)
		marks.Write(append(b, '\n'))
	}
	if err := os.WriteFile(journal, append(append(line, '\n'), marks.Bytes()...), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestJournalPathsAbsolute: the journal names every file by its absolute
// path, whatever path the run was given.
func TestJournalPathsAbsolute(t *testing.T) {
	opts := shop(t)
	dir := filepath.Dir(opts.Files.Customers)
	t.Chdir(filepath.Dir(dir))
	rel := func(p string) string { return filepath.Join(filepath.Base(dir), filepath.Base(p)) }
	opts.Files = Files{Customers: rel(opts.Files.Customers), Sales: rel(opts.Files.Sales), Contacts: rel(opts.Files.Contacts), Complaints: rel(opts.Files.Complaints)}
	if !stopAt(t, opts, "journal", 1) {
		t.Fatal("the run has no journal step")
	}
	r := testRunner(filepath.Dir(opts.Files.Customers))
	j, err := r.Pending()
	if err != nil || j == nil {
		t.Fatalf("no journal: %v", err)
	}
	if j.run.Version != journalVersion {
		t.Errorf("journal version %d", j.run.Version)
	}
	for _, p := range j.paths() {
		if !filepath.IsAbs(*p) {
			t.Errorf("journal path %q is not absolute", *p)
		}
	}
}

// TestLegacyJournal finishes a version 1 journal, whose paths are
// relative to a directory it does not record, from another directory.
func TestLegacyJournal(t *testing.T) {
	ref := shop(t)
	apply(t, ref)
	elsewhere := t.TempDir()
	for _, tt := range []struct {
		name string
		rel  func(dir, p string) string
	}{
		{"run in the shop", func(_, p string) string { return filepath.Base(p) }},
		{"run in its parent", func(dir, p string) string { return filepath.Join(filepath.Base(dir), filepath.Base(p)) }},
	} {
		opts := shop(t)
		dir := filepath.Dir(opts.Files.Customers)
		if !stopAt(t, opts, "rename", 2) {
			t.Fatalf("%s: the run has no second rename", tt.name)
		}
		asLegacy(t, filepath.Join(dir, JournalName), func(p string) string { return tt.rel(dir, p) })
		t.Chdir(elsewhere)
		r := testRunner(dir)
		j, err := r.Pending()
		if err != nil || j == nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if _, err := r.Resume(context.Background(), j); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if err := r.Finish(); err != nil {
			t.Fatal(err)
		}
		rerun(t, opts)
		sameAsRef(t, opts, ref, tt.name)
	}
}

// TestLegacyJournalNotFound: a version 1 journal whose files are nowhere
// to be found stops with what to do, and the journal stays.
func TestLegacyJournalNotFound(t *testing.T) {
	opts := shop(t)
	dir := filepath.Dir(opts.Files.Customers)
	if !stopAt(t, opts, "rename", 1) {
		t.Fatal("the run has no rename")
	}
	journal := filepath.Join(dir, JournalName)
	asLegacy(t, journal, func(p string) string { return filepath.Join("old", "place", "renamed-"+filepath.Base(p)) })
	t.Chdir(t.TempDir())
	_, err := testRunner(dir).Pending()
	var se *StuckError
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want a StuckError", err)
	}
	if !strings.Contains(err.Error(), "old/place/renamed-") || !strings.Contains(se.Hint(), "from the directory the purge started") {
		t.Errorf("error %q, hint %q", err, se.Hint())
	}
	if strings.Contains(strings.ToLower(err.Error()+se.Hint()), "remove") {
		t.Errorf("says to remove something: %s; %s", err, se.Hint())
	}
	if _, err := os.Stat(journal); err != nil {
		t.Errorf("journal gone: %v", err)
	}
}

// TestResumeChanged: a file another program changed while the journal was
// pending stops the resume with nothing more replaced and a safe remedy;
// once every file is restored as it was, the run is abandoned and a new
// purge reaches the same files as an uninterrupted one.
func TestResumeChanged(t *testing.T) {
	ref := shop(t)
	apply(t, ref)
	opts := shop(t)
	dir := filepath.Dir(opts.Files.Customers)
	original := map[string]string{}
	for _, p := range []string{opts.Files.Customers, opts.Files.Sales, opts.Files.Contacts, opts.Files.Complaints} {
		original[p] = read(t, p)
	}
	if !stopAt(t, opts, "mark replaced", 1) {
		t.Fatal("the run has no mark")
	}
	replaced := read(t, opts.Files.Customers)
	if replaced == original[opts.Files.Customers] {
		t.Fatal("the customers file was not replaced first")
	}
	if err := os.WriteFile(opts.Files.Sales, []byte(original[opts.Files.Sales]+"R99,C2,2029-12-01,1\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	r := testRunner(dir)
	j, err := r.Pending()
	if err != nil || j == nil {
		t.Fatalf("no journal: %v", err)
	}
	_, err = r.Resume(context.Background(), j)
	var se *StuckError
	if !errors.As(err, &se) || !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), opts.Files.Sales) {
		t.Fatalf("got %v, want a StuckError naming the sales file", err)
	}
	if strings.Contains(strings.ToLower(err.Error()+se.Hint()), "remove") || !strings.Contains(se.Hint(), "restore every one of") {
		t.Errorf("error %q, hint %q", err, se.Hint())
	}
	if read(t, opts.Files.Customers) != replaced || read(t, opts.Files.Contacts) != original[opts.Files.Contacts] {
		t.Error("the stopped resume changed files")
	}
	if _, err := os.Stat(filepath.Join(dir, JournalName)); err != nil {
		t.Errorf("journal gone: %v", err)
	}

	// The backup comes back: every file as the run read it.
	for p, text := range original {
		if err := os.WriteFile(p, []byte(text), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	j, err = r.Pending()
	if err != nil || j == nil {
		t.Fatalf("no journal: %v", err)
	}
	if _, err := r.Resume(context.Background(), j); !errors.Is(err, ErrAbandoned) {
		t.Fatalf("got %v, want ErrAbandoned", err)
	}
	if j, err := r.Pending(); j != nil || err != nil {
		t.Fatalf("journal left: %v", err)
	}
	rerun(t, opts)
	sameAsRef(t, opts, ref, "restored, then purged afresh")
}

// TestResumeRestoredReplaced: a file the run replaced, then restored from
// a backup while another replaced file was not, is not left unpurged
// beside the purged files.
func TestResumeRestoredReplaced(t *testing.T) {
	opts := shop(t)
	original := read(t, opts.Files.Customers)
	contacts := read(t, opts.Files.Contacts)
	if !stopAt(t, opts, "mark replaced", 2) {
		t.Fatal("the run has no second mark")
	}
	if err := os.WriteFile(opts.Files.Customers, []byte(original), 0o640); err != nil {
		t.Fatal(err)
	}
	r := testRunner(filepath.Dir(opts.Files.Customers))
	j, err := r.Pending()
	if err != nil || j == nil {
		t.Fatalf("no journal: %v", err)
	}
	_, err = r.Resume(context.Background(), j)
	var se *StuckError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "back to the version that purge read") {
		t.Fatalf("got %v, want a StuckError", err)
	}
	if read(t, opts.Files.Contacts) != contacts {
		t.Error("the contacts file was replaced")
	}
}

// TestCleanTemps: a run with no journal destroys the journal's temporary
// files and the new versions and second names beside the files, and
// nothing else that merely looks like them.
func TestCleanTemps(t *testing.T) {
	opts := shop(t)
	dir := filepath.Dir(opts.Files.Customers)
	leftovers := []string{
		"." + JournalName + ".tmp-1234567890",
		"." + JournalName + ".tmp-7",
		".customers.csv" + newSuffix, ".sales.csv" + oldSuffix,
	}
	others := []string{
		JournalName + ".tmp-123",             // no leading dot: not atomicfile's
		"." + JournalName + ".tmp-",          // no digits
		"." + JournalName + ".tmp-12a",       // not os.CreateTemp's
		"." + JournalName + ".tmp-99.bak",    // someone's copy
		".holds.csv" + newSuffix,             // not a file the purge rewrites
		"." + JournalName + ".tmp-5-unknown", // not os.CreateTemp's
	}
	for _, name := range append(append([]string{}, leftovers...), others...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "."+JournalName+".tmp-42"), 0o700); err != nil {
		t.Fatal(err)
	}
	others = append(others, "."+JournalName+".tmp-42") // a directory
	r := testRunner(dir)
	if j, err := r.Pending(); j != nil || err != nil {
		t.Fatalf("Pending: %v, %v", j, err)
	}
	for _, name := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("Pending removed %s: %v", name, err)
		}
	}
	if err := r.Clean(opts.Files); err != nil {
		t.Fatal(err)
	}
	for _, name := range leftovers {
		if _, err := os.Lstat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left: %v", name, err)
		}
	}
	for _, name := range others {
		if _, err := os.Lstat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s removed: %v", name, err)
		}
	}
}

// TestSymlinkedFile: a data file reached through a symbolic link is
// purged where it is; the link stays a link.
func TestSymlinkedFile(t *testing.T) {
	ref := shop(t)
	apply(t, ref)
	opts := shop(t)
	dir := filepath.Dir(opts.Files.Customers)
	real := filepath.Join(t.TempDir(), "sales.csv")
	if err := os.Rename(opts.Files.Sales, real); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, opts.Files.Sales); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if !stopAt(t, opts, "rename", 2) {
		t.Fatal("the run has no second rename")
	}
	t.Chdir(t.TempDir())
	rerun(t, opts)
	if st, err := os.Lstat(opts.Files.Sales); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is gone: %v", err)
	}
	if read(t, real) != read(t, ref.Files.Sales) {
		t.Error("the linked file differs from an uninterrupted run")
	}
	assertNoTemps(t, dir)
	assertNoTemps(t, filepath.Dir(real))
}
