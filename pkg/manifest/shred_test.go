package manifest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/shred"
	"github.com/custkit/custkit/pkg/usererr"
)

func TestSelectionCheck(t *testing.T) {
	for _, tt := range []struct {
		s    Selection
		want string
	}{
		{Selection{Expired: true}, ""},
		{Selection{Paths: []string{"a.csv"}}, ""},
		{Selection{}, "say what to shred: --expired, --all or the files"},
		{Selection{Expired: true, All: true}, "give one of --expired, --all or the files"},
		{Selection{All: true, Paths: []string{"a.csv"}}, "give one of --expired, --all or the files"},
	} {
		err := tt.s.Check()
		var ue *usererr.UsageError
		if (tt.want == "" && err != nil) || (tt.want != "" && (err == nil || err.Error() != tt.want || !errors.As(err, &ue))) {
			t.Errorf("%+v: %v, want %q", tt.s, err, tt.want)
		}
	}
}

func TestChoose(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	entries := []Entry{
		{Path: "/a", Shop: "/shop.yaml", Expires: day(2)},
		{Path: "/b", Shop: "", Expires: day(2)},
		{Path: "/c", Shop: "/shop.yaml", Expires: day(9)},
	}
	choose := func(s Selection) []string {
		t.Helper()
		got, err := Choose(entries, s)
		if err != nil {
			t.Fatal(err)
		}
		return Paths(got)
	}
	if got := choose(Selection{Expired: true, Shop: "/shop.yaml", At: day(5), Now: day(20)}); !reflect.DeepEqual(got, []string{"/a"}) {
		t.Errorf("expired = %v", got)
	}
	// a later --as-of never makes an export expire early
	if got := choose(Selection{Expired: true, Shop: "/shop.yaml", At: day(20), Now: day(5)}); !reflect.DeepEqual(got, []string{"/a"}) {
		t.Errorf("expired as of a day to come = %v", got)
	}
	if got := choose(Selection{All: true, AllShops: true}); !reflect.DeepEqual(got, []string{"/a", "/b", "/c"}) {
		t.Errorf("all shops = %v", got)
	}
	if got := choose(Selection{Paths: []string{"/c"}, Shop: "/shop.yaml"}); !reflect.DeepEqual(got, []string{"/c"}) {
		t.Errorf("named = %v", got)
	}
	if _, err := Choose(entries, Selection{Paths: []string{"/d"}}); err == nil || err.Error() != "/d is not a tracked export" {
		t.Errorf("untracked: %v", err)
	}
	if _, err := Choose(entries, Selection{Paths: []string{"/b"}, Shop: "/shop.yaml"}); err == nil ||
		err.Error() != "/b is an export of another shop (made without a config file); nothing was shredded" {
		t.Errorf("another shop's: %v", err)
	}
}

// TestShred: a dry run names what would go; a run shreds the present and
// changed files, drops the missing one from the manifest, and leaves what
// is not a regular file in it, failing.
func TestShred(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state", "exports.csv")
	made := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(name, data string) string {
		p := filepath.Join(dir, name)
		sum := ""
		if data != "" {
			if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
			sum, _ = HashFile(p)
		}
		if err := Add(path, Entry{Path: p, SHA256: sum, Created: made, Expires: made.AddDate(0, 1, 0)}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	present, changed, missing, dirPath := add("a.csv", "x\n"), add("b.csv", "y\n"), add("gone.csv", ""), add("d.csv", "")
	if err := os.WriteFile(changed, []byte("z\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(dirPath, 0o700); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	var notes []string
	var shredded []string
	opts := ShredOptions{Selection: Selection{Expired: true, At: made.AddDate(1, 0, 0), Now: time.Now()}, DryRun: true, Out: &out,
		Note:      func(l string) { notes = append(notes, "exports: "+l) },
		ShredNote: func(l string) { notes = append(notes, "shred: "+l) },
		Shred: func(ctx context.Context, files []string) shred.FilesResult {
			shredded = files
			return shred.Files(ctx, files, shred.FilesOptions{})
		}}
	if err := Shred(context.Background(), path, opts); err != nil || !strings.HasPrefix(out.String(), "would shred "+present+" (expires 2026-02-01T00:00:00Z)\n") || strings.Count(out.String(), "\n") != 4 {
		t.Fatalf("dry run: %q, %v", out.String(), err)
	}
	out.Reset()
	opts.DryRun = false
	if err := Shred(context.Background(), path, opts); err == nil || err.Error() != "1 of 4 exports could not be shredded" {
		t.Errorf("run: %v", err)
	}
	if !reflect.DeepEqual(shredded, []string{present, changed}) || out.String() != "already gone "+missing+"\n" {
		t.Errorf("shredded %q, out %q", shredded, out.String())
	}
	wantNotes := []string{"exports: " + changed + " changed since custkit wrote it; shredding it all the same",
		"shred: " + dirPath + " is not a regular file (a pipe, device, directory or symbolic link is there now); not shredded"}
	if !reflect.DeepEqual(notes, wantNotes) {
		t.Errorf("notes %q, want %q", notes, wantNotes)
	}
	if entries, err := Read(path); err != nil || !reflect.DeepEqual(Paths(entries), []string{dirPath}) {
		t.Errorf("manifest after: %+v, %v", entries, err)
	}
}

func TestList(t *testing.T) {
	dir := t.TempDir()
	made := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	entries := []Entry{
		{Path: filepath.Join(dir, "a.csv"), Rows: 2, Purpose: "DM", Created: made, Expires: made.AddDate(0, 1, 0)},
		{Path: filepath.Join(dir, "b.csv"), Rows: 1, Created: made, Expires: made.AddDate(1, 0, 0), Shop: "/shop.yaml"},
	}
	var rows rowsOf
	if err := List(context.Background(), entries, &rows, ListOptions{At: made.AddDate(0, 6, 0)}); err != nil {
		t.Fatal(err)
	}
	want := rowsOf{{"path", "state", "expires", "expired", "rows", "purpose"}, {entries[0].Path, "missing", "2026-02-01T00:00:00Z", "yes", "2", "DM"}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	rows = nil
	if err := List(context.Background(), entries, &rows, ListOptions{Shop: "/shop.yaml", Expired: true, At: made.AddDate(2, 0, 0), AllShops: true, Full: true}); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || len(rows[0]) != 10 || rows[2][9] != "/shop.yaml" {
		t.Errorf("every shop, every field: %q", rows)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := List(ctx, entries, &rows, ListOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("interrupted: %v", err)
	}
}

type rowsOf [][]string

func (r *rowsOf) WriteHeader(cols []string) error { *r = append(*r, cols); return nil }
func (r *rowsOf) Write(row []string) error        { *r = append(*r, row); return nil }
