package access

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"os"
	"time"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/hashcache"
)

// input hashes an input as it is read, so that the access log can say
// exactly which file was read without reading it a second time. A file
// whose hash the cache still holds is not hashed at all.
type input struct {
	name   string
	r      io.Reader
	h      hash.Hash
	n      int64
	eof    bool
	file   bool // a file that finish may reopen; false for standard input
	cached string
	id     *hashcache.Identity // the file's identity, when the system has one
	opened time.Time
	hashes *hashcache.Cache
}

// newInput wraps r, read from name, and looks its hash up in hashes.
func newInput(name string, r io.Reader, file bool, opened time.Time, hashes *hashcache.Cache) *input {
	in := &input{name: name, r: r, h: sha256.New(), file: file, opened: opened, hashes: hashes}
	f, ok := r.(interface{ Stat() (os.FileInfo, error) })
	if !ok || !file || hashes == nil {
		return in
	}
	if fi, err := f.Stat(); err == nil {
		if id, err := hashcache.IdentityOf(fi); err == nil {
			in.id = &id
			if sum, ok := hashes.Lookup(AbsPath(name), id, opened); ok {
				in.cached, in.h = sum, nil
			}
		}
	}
	return in
}

// Read reads from the input, hashing what it reads.
func (t *input) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if t.h != nil {
		t.h.Write(p[:n])
	}
	t.n += int64(n)
	if err == io.EOF {
		t.eof = true
	}
	return n, err
}

// finish hashes the part of a file that a successful command did not read,
// so that the recorded hash is the whole file's.
func (t *input) finish() {
	if t.eof || !t.file || t.cached != "" {
		return
	}
	f, err := os.Open(t.name)
	if err != nil {
		return
	}
	defer f.Close()
	if _, err := f.Seek(t.n, io.SeekStart); err != nil {
		return
	}
	if n, err := io.Copy(t.h, f); err == nil {
		t.n += n
		t.eof = true
	}
}

// record is the input as the log describes it; a whole file's new hash is
// remembered in the cache.
func (t *input) record() audit.Input {
	if t.cached != "" {
		return audit.Input{Path: AbsPath(t.name), SHA256: t.cached, Bytes: t.id.Size}
	}
	sum := hex.EncodeToString(t.h.Sum(nil))
	if t.eof && t.id != nil && t.n == t.id.Size {
		t.hashes.Store(AbsPath(t.name), *t.id, sum, t.opened)
	}
	return audit.Input{Path: AbsPath(t.name), SHA256: sum, Bytes: t.n, Partial: !t.eof}
}
