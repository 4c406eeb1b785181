package hashcache

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestStoreLookupSave(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sales.csv")
	if err := os.WriteFile(file, []byte("a,b\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(file)
	id, err := IdentityOf(fi)
	if err == ErrNoIdentity {
		t.Skip("no file identity on this system")
	}
	later := time.Unix(0, max(id.Mtime, id.Ctime)).Add(Settle + time.Second)

	c := Open(filepath.Join(dir, "state", "hashes.json"))
	if _, ok := c.Lookup(file, id, later); ok {
		t.Fatal("empty cache found an entry")
	}
	c.Store(file, id, "abc", later)
	if sum, ok := c.Lookup(file, id, later); !ok || sum != "abc" {
		t.Fatalf("Lookup = %q %v", sum, ok)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(filepath.Join(dir, "state", "hashes.json"))
	if st.Mode().Perm() != 0o600 {
		t.Errorf("cache mode %v", st.Mode().Perm())
	}

	again := Open(filepath.Join(dir, "state", "hashes.json"))
	if sum, ok := again.Lookup(file, id, later); !ok || sum != "abc" {
		t.Fatalf("reopened Lookup = %q %v", sum, ok)
	}
	changed := id
	changed.Size++
	if _, ok := again.Lookup(file, changed, later); ok {
		t.Error("a file of another size matched")
	}
	changed = id
	changed.Ctime++
	if _, ok := again.Lookup(file, changed, later); ok {
		t.Error("a file with another ctime matched")
	}
}

func TestRecentChangeNotStored(t *testing.T) {
	c := Open(filepath.Join(t.TempDir(), "hashes.json"))
	now := time.Now()
	id := Identity{Size: 1, Mtime: now.Add(-time.Second).UnixNano(), Ctime: now.Add(-time.Second).UnixNano()}
	c.Store("f", id, "abc", now) // changed within Settle of the hashing: racy
	if _, ok := c.Lookup("f", id, now); ok {
		t.Error("a file changed just before hashing was remembered")
	}
}

func TestCorruptCacheIsEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hashes.json")
	os.WriteFile(path, []byte("{not json"), 0o600)
	if _, ok := Open(path).Lookup("f", Identity{}, time.Now()); ok {
		t.Error("a corrupt cache found an entry")
	}
}

func TestSaveKeepsMostRecent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hashes.json")
	c := Open(path)
	base := time.Now().Add(-time.Hour)
	for i := 0; i < MaxEntries+10; i++ {
		c.Store(filepath.Join("f", string(rune('a'+i%26)), time.Duration(i).String()), Identity{Size: int64(i)}, "x", base.Add(time.Duration(i)*time.Second))
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if n := len(Open(path).entries); n != MaxEntries {
		t.Errorf("kept %d entries, want %d", n, MaxEntries)
	}
}
