package manifest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"
)

func TestAddReadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state", "exports.csv")
	created := time.Date(2026, 11, 22, 10, 15, 0, 0, time.FixedZone("JST", 9*3600))
	e := Entry{Path: "/tmp/dm, list.csv", SHA256: "ab", Rows: 3, Columns: Columns{"name", `say "hi"`, "住所"},
		Purpose: "autumn DM", Created: created, Expires: created.AddDate(0, 0, 30)}
	if err := Add(path, e); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0].Columns, e.Columns) || !got[0].Created.Equal(created) || got[0].Path != e.Path || got[0].Rows != 3 {
		t.Errorf("read back %+v, want %+v", got, e)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("manifest mode %04o", st.Mode().Perm())
	}
	// Writing the same path again replaces its entry.
	e.Rows = 5
	if err := Add(path, e); err != nil {
		t.Fatal(err)
	}
	if got, _ := Read(path); len(got) != 1 || got[0].Rows != 5 {
		t.Errorf("after second Add: %+v", got)
	}
}

func TestConcurrentAddsKeepEveryEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "exports.csv")
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if err := Add(path, Entry{Path: fmt.Sprintf("/x/%d.csv", i), Created: time.Now()}); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	got, err := Read(path)
	if err != nil || len(got) != 16 {
		t.Errorf("%d entries, %v; want 16", len(got), err)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.csv")
	os.WriteFile(file, []byte("name\nx\n"), 0o600)
	sum, err := HashFile(file)
	if err != nil {
		t.Fatal(err)
	}
	e := Entry{Path: file, SHA256: sum}
	if s, _ := Check(e); s != Present {
		t.Errorf("state %s, want present", s)
	}
	os.WriteFile(file, []byte("name\ny\n"), 0o600)
	if s, _ := Check(e); s != Changed {
		t.Errorf("state %s, want changed", s)
	}
	os.Remove(file)
	if s, _ := Check(e); s != Missing {
		t.Errorf("state %s, want missing", s)
	}
}

func TestExpired(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	e := Entry{Expires: now}
	if !e.Expired(now) || e.Expired(now.Add(-time.Second)) {
		t.Error("Expired: wrong at the boundary")
	}
}

func TestForget(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state", "exports.csv")
	// No manifest: nothing is created.
	if err := Forget(path, "/x/a.csv"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("Forget without a manifest made %s: %v", filepath.Dir(path), err)
	}
	now := time.Now()
	for _, p := range []string{"/x/a.csv", "/x/b.csv"} {
		if err := Add(path, Entry{Path: p, Created: now}); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.ReadFile(path)
	if err := Forget(path, "/x/other.csv"); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("forgetting an untracked path changed the manifest:\n%s\n%s", before, after)
	}
	if err := Forget(path, "/x/a.csv"); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil || len(got) != 1 || got[0].Path != "/x/b.csv" {
		t.Errorf("after Forget: %+v, %v; want only /x/b.csv", got, err)
	}
}

func TestShopRoundTripAndOldManifests(t *testing.T) {
	path := filepath.Join(t.TempDir(), "exports.csv")
	created := time.Date(2026, 11, 22, 10, 15, 0, 0, time.UTC)
	// A manifest written before entries carried their shop.
	old := "path,sha256,rows,columns,purpose,created,expires\n" +
		"/tmp/old.csv,ab,3,\"[\"\"name\"\"]\",DM,2026-11-22T10:15:00Z,2026-12-22T10:15:00Z\n"
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil || len(got) != 1 || got[0].Path != "/tmp/old.csv" || got[0].Shop != "" || got[0].Rows != 3 {
		t.Fatalf("old manifest read as %+v, %v", got, err)
	}
	if err := Add(path, Entry{Path: "/tmp/new.csv", Shop: "/shops/a/custkit.yaml", Created: created.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got, err = Read(path)
	if err != nil || len(got) != 2 || got[0].Shop != "" || got[1].Shop != "/shops/a/custkit.yaml" {
		t.Errorf("after Add: %+v, %v", got, err)
	}
}

func TestNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "a.csv")
	os.WriteFile(target, []byte("name\nx\n"), 0o600)
	sum, _ := HashFile(target)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	for _, p := range []string{dir, link} {
		if s, err := Check(Entry{Path: p, SHA256: sum}); s != NotRegular || err != nil {
			t.Errorf("Check(%s) = %q, %v; want %q", p, s, err, NotRegular)
		}
	}
	if _, err := Read(dir); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Read(directory) = %v, want %v", err, ErrNotRegular)
	}
	if err := Add(dir, Entry{Path: "/x"}); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Add(directory) = %v, want %v", err, ErrNotRegular)
	}
}
