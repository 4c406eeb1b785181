// Package hashcache remembers the SHA-256 of input files, so that the access
// log can name the exact contents of a file read again without hashing it
// again. A shop runs several commands a day on the same export; hashing a
// 1 GB sales file costs about 0.7 s of CPU each time.
//
// An entry is trusted only while the file's identity is unchanged: the same
// device and inode, size, modification time and change time (ctime, which
// only the kernel sets). Like git's index, it also distrusts a file that
// changed less than [Settle] before it was hashed, since a write in the
// same clock tick would leave the times as they were. Where the system
// gives no inode and ctime (Windows), nothing is cached.
package hashcache

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/custkit/custkit/pkg/atomicfile"
)

// Settle is how long before hashing a file must have last changed for its
// hash to be remembered.
const Settle = 2 * time.Second

// MaxEntries bounds the cache; the entries used longest ago go first.
const MaxEntries = 256

// Identity is what must be unchanged for a remembered hash to hold.
type Identity struct {
	Dev   uint64 `json:"dev"`
	Ino   uint64 `json:"ino"`
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime_ns"`
	Ctime int64  `json:"ctime_ns"`
}

// entry is one remembered hash.
type entry struct {
	Identity
	SHA256 string    `json:"sha256"`
	Used   time.Time `json:"used"`
}

// Cache is the set of remembered hashes, kept in one JSON file.
type Cache struct {
	path    string
	entries map[string]entry // by absolute path
	changed bool
}

// Open reads the cache at path; a missing or unreadable cache is empty (it
// is only a cache), and so is anything but a regular file, which might
// make the read wait (a FIFO).
func Open(path string) *Cache {
	c := &Cache{path: path, entries: map[string]entry{}}
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return c
	}
	if b, err := os.ReadFile(path); err == nil {
		if json.Unmarshal(b, &c.entries) != nil {
			c.entries = map[string]entry{}
		}
	}
	return c
}

// Lookup returns the remembered SHA-256 of file, if its identity is the
// one recorded.
func (c *Cache) Lookup(file string, id Identity, now time.Time) (string, bool) {
	e, ok := c.entries[file]
	if !ok || e.Identity != id {
		return "", false
	}
	e.Used = now
	c.entries[file] = e
	c.changed = true
	return e.SHA256, true
}

// Store remembers sum as the SHA-256 of file with identity id, hashed from
// start (when the file was opened). A file that changed within Settle
// before start is not remembered.
func (c *Cache) Store(file string, id Identity, sum string, start time.Time) {
	if time.Unix(0, max(id.Mtime, id.Ctime)).After(start.Add(-Settle)) {
		return
	}
	c.entries[file] = entry{Identity: id, SHA256: sum, Used: start}
	c.changed = true
}

// Save writes the cache back if it changed, keeping the MaxEntries used
// most recently. Concurrent runs may overwrite each other's entries; that
// only costs a hash.
func (c *Cache) Save() error {
	if !c.changed {
		return nil
	}
	if len(c.entries) > MaxEntries {
		paths := make([]string, 0, len(c.entries))
		for p := range c.entries {
			paths = append(paths, p)
		}
		sort.Slice(paths, func(i, j int) bool { return c.entries[paths[i]].Used.After(c.entries[paths[j]].Used) })
		for _, p := range paths[MaxEntries:] {
			delete(c.entries, p)
		}
	}
	b, err := json.Marshal(c.entries)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return err
	}
	return atomicfile.WriteFile(c.path, b, 0o600)
}

// ErrNoIdentity is returned by IdentityOf where the system gives no inode
// and change time.
var ErrNoIdentity = errors.New("no file identity on this system")

// IdentityOf returns the identity of an opened file's FileInfo.
func IdentityOf(fi fs.FileInfo) (Identity, error) {
	return identityOf(fi)
}
