package manifest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestSelect(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	entries := []Entry{
		{Path: "/a", Shop: "/shop.yaml", Expires: day(2)},
		{Path: "/b", Shop: "", Expires: day(2)},
		{Path: "/c", Shop: "/shop.yaml", Expires: day(9)},
	}
	if e, ok := Lookup(entries, "/b"); !ok || e.Path != "/b" {
		t.Errorf("Lookup /b = %v, %v", e, ok)
	}
	if _, ok := Lookup(entries, "/d"); ok {
		t.Error("Lookup found an untracked file")
	}
	shop := ForShop(entries, "/shop.yaml")
	if got := Paths(shop); !reflect.DeepEqual(got, []string{"/a", "/c"}) {
		t.Errorf("ForShop = %v", got)
	}
	if got := Paths(Expired(shop, day(5))); !reflect.DeepEqual(got, []string{"/a"}) {
		t.Errorf("Expired = %v", got)
	}
	if got := Paths(Expired(shop, day(9))); !reflect.DeepEqual(got, []string{"/a", "/c"}) {
		t.Errorf("Expired on the day of expiry = %v", got)
	}
	if ShredTime(day(9), day(5)) != day(5) || ShredTime(day(1), day(5)) != day(1) {
		t.Error("ShredTime is not the earlier of as-of and now")
	}
	if got := Paths(RemoveAll(append([]Entry(nil), entries...), []string{"/a", "/c"})); !reflect.DeepEqual(got, []string{"/b"}) {
		t.Errorf("RemoveAll = %v", got)
	}
	if len(entries) != 3 || entries[0].Path != "/a" {
		t.Errorf("the selections changed their input: %v", entries)
	}
}

func TestUntrack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state", "exports.csv")
	if err := Untrack(path, []string{"/a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("Untrack created the manifest's directory (%v)", err)
	}
	for _, p := range []string{"/a", "/b"} {
		if err := Add(path, Entry{Path: p, Created: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	if err := Untrack(path, []string{"/a", "/x"}); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil || !reflect.DeepEqual(Paths(got), []string{"/b"}) {
		t.Errorf("after Untrack: %v, %v", Paths(got), err)
	}
}
