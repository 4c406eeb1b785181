package access

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"time"

	"github.com/custkit/custkit/pkg/hashcache"
)

// SHA256 returns the SHA-256 of the file at name, for a caller that must
// know a file's contents before the run reads it (two inputs with the same
// bytes): the cache's while the file is unchanged, else hashed now and
// remembered, so that the read that follows (Track) takes it from the
// cache rather than hashing the file again. A file that changed within
// hashcache.Settle is hashed again when read, as Track always does. On a
// nil record, or without a cache, the file is only hashed.
func (r *Record) SHA256(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	var cache *hashcache.Cache
	var id hashcache.Identity
	now := time.Now()
	if r != nil && r.opts.Hashes != nil {
		now = r.opts.Now()
		if id, err = hashcache.IdentityOf(fi); err == nil {
			cache = r.opts.Hashes
			if sum, ok := cache.Lookup(AbsPath(name), id, now); ok {
				return sum, nil
			}
		}
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if cache != nil && n == id.Size {
		cache.Store(AbsPath(name), id, sum, now)
	}
	return sum, nil
}
