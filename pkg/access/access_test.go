package access

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/hashcache"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestStatePath(t *testing.T) {
	if d := StateDir(env(map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"})); d != "/s" {
		t.Errorf("XDG_STATE_HOME: %q", d)
	}
	if d := StateDir(env(map[string]string{"HOME": "/h"})); d != filepath.Join("/h", ".local", "state") {
		t.Errorf("HOME: %q", d)
	}
	none := env(nil)
	if _, err := StatePath(none, "", "audit.jsonl"); err == nil {
		t.Error("no HOME and no XDG_STATE_HOME: want an error, not a guess")
	}
	if p, err := StatePath(none, "/var/log/custkit.jsonl", "audit.jsonl"); err != nil || p != "/var/log/custkit.jsonl" {
		t.Errorf("configured path: %q, %v", p, err)
	}
	if p, err := StatePath(env(map[string]string{"XDG_STATE_HOME": "/s"}), "", "exports.csv"); err != nil || p != filepath.Join("/s", "custkit", "exports.csv") {
		t.Errorf("default path: %q, %v", p, err)
	}
}

func TestCheckStateFile(t *testing.T) {
	dir := t.TempDir()
	if err := CheckStateFile(filepath.Join(dir, "new.jsonl"), "access log", "audit: {log: <file>}"); err != nil {
		t.Errorf("a path not there yet: %v", err)
	}
	err := CheckStateFile(dir, "access log", "audit: {log: <file>}")
	if err == nil || err.Error() != "access log "+dir+" is not a regular file" {
		t.Errorf("a directory: %v", err)
	}
	file := filepath.Join(dir, "audit.jsonl")
	os.WriteFile(file, nil, 0o600)
	if err := CheckStateFile(file, "access log", "audit: {log: <file>}"); err != nil {
		t.Errorf("a file of ours: %v", err)
	}
}

func TestAbsPath(t *testing.T) {
	for _, p := range []string{"-", ""} {
		if got := AbsPath(p); got != p {
			t.Errorf("AbsPath(%q) = %q", p, got)
		}
	}
	if got := AbsPath("x.csv"); !filepath.IsAbs(got) || filepath.Base(got) != "x.csv" {
		t.Errorf("AbsPath(x.csv) = %q", got)
	}
}

// A nil record, the one of a run not started by the command line, does
// nothing and passes reads through.
func TestNilRecord(t *testing.T) {
	var r *Record
	rd := strings.NewReader("x")
	if got := r.Track("x", rd, false); got != io.Reader(rd) {
		t.Error("Track on nil wrapped the reader")
	}
	r.AddShredded("x")
	r.AddOutput(nil, "p", true)
	r.SetPurge(audit.Entry{})
	r.Begin(nil)
	r.Reset()
	r.CloseLog()
	if r.Touched() || r.LogOpen() || r.OpenLog("/nonexistent/dir/log") != nil {
		t.Error("a nil record did something")
	}
}

type fakeOutput audit.Output

func (o fakeOutput) Record() audit.Output { return audit.Output(o) }

func TestEntry(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sales.csv")
	os.WriteFile(file, []byte("customer_id,amount\nC1,100\n"), 0o600)
	now := time.Date(2026, 11, 22, 10, 0, 0, 123456789, time.UTC)
	r := New(Options{Now: func() time.Time { return now }, Getenv: env(nil)})
	if r.Touched() {
		t.Fatal("touched before anything was read")
	}
	r.Begin(func() Invocation { return Invocation{Command: "join", Args: []string{"--sales=" + file}} })
	f, _ := os.Open(file)
	defer f.Close()
	buf := make([]byte, 5)
	io.ReadFull(r.Track(file, f, true), buf) // a part only: finish reads the rest
	r.AddOutput(fakeOutput{Path: "-", Format: "csv", Rows: 2}, "DM", false)
	r.AddOutput(fakeOutput{Path: "-", Format: "csv"}, "other", true)
	r.AddShredded("/tmp/old.csv")
	r.SetPurge(audit.Entry{Shredded: []string{"/tmp/purged.csv"}})
	if !r.Touched() {
		t.Fatal("not touched")
	}
	e := r.Entry(true)
	sum := sha256.Sum256([]byte("customer_id,amount\nC1,100\n"))
	want := audit.Input{Path: file, SHA256: hex.EncodeToString(sum[:]), Bytes: 26}
	if len(e.Inputs) != 1 || e.Inputs[0] != want {
		t.Errorf("inputs %+v, want %+v", e.Inputs, want)
	}
	if !e.Time.Equal(now.Truncate(time.Millisecond)) || e.Command != "join" || e.Args[0] != "--sales="+file || !e.OK || e.User == "" {
		t.Errorf("entry %+v", e)
	}
	if e.Purpose != "DM" || !e.Reveal || len(e.Outputs) != 2 || e.Outputs[0].Rows != 2 {
		t.Errorf("outputs %+v, purpose %q, reveal %v", e.Outputs, e.Purpose, e.Reveal)
	}
	if len(e.Shredded) != 2 || e.Shredded[1] != "/tmp/purged.csv" {
		t.Errorf("shredded %v", e.Shredded)
	}
	r.Reset()
	if r.Touched() {
		t.Error("touched after Reset")
	}
}

// A failed run records what it read, marked partial, and reads no more.
func TestEntryOfFailedRunIsPartial(t *testing.T) {
	r := New(Options{})
	io.ReadFull(r.Track("-", strings.NewReader("abcdef"), false), make([]byte, 3))
	in := r.Entry(false).Inputs[0]
	sum := sha256.Sum256([]byte("abc"))
	if in.Path != "-" || !in.Partial || in.Bytes != 3 || in.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("input %+v", in)
	}
}

func TestLog(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "audit.jsonl")
	r := New(Options{})
	if err := r.OpenLog(log); err != nil || !r.LogOpen() {
		t.Fatalf("open: %v", err)
	}
	r.AddShredded("/tmp/x")
	if err := r.Append(r.Entry(true), nil); err != nil {
		t.Fatal(err)
	}
	r.CloseLog()
	if r.LogOpen() {
		t.Error("still open")
	}
	// Without an opened log, the entry goes to the path given.
	if err := r.Append(r.Entry(false), func() (string, error) { return log, nil }); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(log)
	defer f.Close()
	var got []audit.Entry
	audit.Read(f, func(_ int, e audit.Entry, err error) error { got = append(got, e); return err })
	if len(got) != 2 || !got[0].OK || got[1].OK {
		t.Errorf("entries %+v", got)
	}
}

// readTracked reads file through a fresh record, as an input of one run,
// and returns what the log would record and whether the hash came from
// the cache.
func readTracked(t *testing.T, cache *hashcache.Cache, file string, now time.Time) (string, bool) {
	t.Helper()
	r := New(Options{Now: func() time.Time { return now }, Hashes: cache})
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(io.Discard, r.Track(file, f, true)); err != nil {
		t.Fatal(err)
	}
	in := r.inputs[0]
	cached := in.cached != ""
	return in.record().SHA256, cached
}

func TestInputHashCache(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sales.csv")
	os.WriteFile(file, []byte("customer_id,amount\nC1,100\n"), 0o600)
	fi, _ := os.Stat(file)
	if _, err := hashcache.IdentityOf(fi); err != nil {
		t.Skip("no file identity on this system")
	}
	sum := func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }
	cache := hashcache.Open(filepath.Join(dir, "hashes.json"))
	later := time.Now().Add(time.Minute) // the file settled long before

	got, cached := readTracked(t, cache, file, later)
	if want := sum([]byte("customer_id,amount\nC1,100\n")); got != want || cached {
		t.Fatalf("first run: %s cached=%v, want %s hashed", got, cached, want)
	}
	got2, cached := readTracked(t, cache, file, later)
	if got2 != got || !cached {
		t.Fatalf("second run: %s cached=%v, want the same hash from the cache", got2, cached)
	}
	os.WriteFile(file, []byte("customer_id,amount\nC1,999\n"), 0o600)
	got3, cached := readTracked(t, cache, file, later.Add(time.Minute))
	if want := sum([]byte("customer_id,amount\nC1,999\n")); got3 != want || cached {
		t.Fatalf("after a change: %s cached=%v, want %s hashed anew", got3, cached, want)
	}
}

// A file hashed before the run reads it (two inputs of one size compared)
// is not hashed again when read: the read takes the sum from the cache.
func TestSHA256Cached(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sales.csv")
	os.WriteFile(file, []byte("customer_id,amount\nC1,100\n"), 0o600)
	fi, _ := os.Stat(file)
	if _, err := hashcache.IdentityOf(fi); err != nil {
		t.Skip("no file identity on this system")
	}
	h := sha256.Sum256([]byte("customer_id,amount\nC1,100\n"))
	want := hex.EncodeToString(h[:])
	cache := hashcache.Open(filepath.Join(dir, "hashes.json"))
	later := time.Now().Add(time.Minute) // the file settled long before
	r := New(Options{Now: func() time.Time { return later }, Hashes: cache})
	if got, err := r.SHA256(file); err != nil || got != want {
		t.Fatalf("SHA256 = %s, %v; want %s", got, err, want)
	}
	if got, cached := readTracked(t, cache, file, later); got != want || !cached {
		t.Errorf("read: %s cached=%v, want %s from the cache", got, cached, want)
	}
	var nilRecord *Record
	if got, err := nilRecord.SHA256(file); err != nil || got != want {
		t.Errorf("without a record: %s, %v", got, err)
	}
	if _, err := r.SHA256(filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("a missing file was hashed")
	}
}
