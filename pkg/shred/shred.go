// Package shred destroys files that hold personal data: it overwrites the
// contents with random bytes, syncs them to disk, truncates the file, renames
// it to a random name (so the directory entry no longer tells what it was),
// removes it and syncs the directory.
//
// Overwriting in place destroys the old bytes only where the file system
// writes over the same blocks and the disk does not keep old copies.
// [Inspect] finds out what it can about the file system and the disk, and
// [Medium.Caveats] says in plain words what shredding cannot guarantee there
// (copy-on-write, journaling, wear levelling, snapshots, backups), so that
// the caller can tell the user instead of promising too much.
package shred

import (
	crand "crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/atomicfile"
)

// Options configure File.
type Options struct {
	// Passes is how many times the contents are overwritten; less than 1
	// means 1. One pass of random data is enough on modern disks: more
	// passes do not reach the copies that wear levelling or copy-on-write
	// leave behind.
	Passes int
}

// Errors for files that shred refuses.
var (
	ErrDirectory  = errors.New("is a directory; shred removes files, one by one")
	ErrSymlink    = errors.New("is a symbolic link; shred the file it points to by its own name")
	ErrNotRegular = errors.New("is not a regular file (a device, pipe or socket)")
)

// File destroys the regular file at path. What is not a regular file (a
// directory, a symbolic link, a device, pipe or socket) is refused from a
// look at the path, before anything opens it. On an error the file may be
// partly overwritten but is never left with its name and old contents
// while File reports success.
func File(path string, opts Options) error {
	st, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if err := regular(st); err != nil {
		return fmt.Errorf("%s %w", path, err)
	}
	passes := max(opts.Passes, 1)
	if err := overwrite(path, st.Size(), passes); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := unlink(path); err != nil {
		var left *LeftError
		if errors.As(err, &left) {
			return fmt.Errorf("%s: %w", path, err)
		}
		return err
	}
	return nil
}

func regular(st fs.FileInfo) error {
	switch m := st.Mode(); {
	case m.IsDir():
		return ErrDirectory
	case m&fs.ModeSymlink != 0:
		return ErrSymlink
	case !m.IsRegular():
		return ErrNotRegular
	}
	return nil
}

// overwrite writes passes rounds of random bytes over the first size bytes
// of the file, then truncates it to zero and syncs.
func overwrite(path string, size int64, passes int) error {
	f, err := openForWriting(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := fill(f, size, passes); err != nil {
		return err
	}
	if err := f.Truncate(0); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// fill writes random bytes over f from its start, passes times, syncing
// after each pass so that each one reaches the disk.
func fill(f *os.File, size int64, passes int) error {
	src, err := newRandom()
	if err != nil {
		return err
	}
	for i := 0; i < passes; i++ {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.CopyN(f, src, size); err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			return err
		}
	}
	return nil
}

// openForWriting opens the file without truncating it. A read-only file
// that the user owns is made writable first, as its contents are about to
// be destroyed anyway.
func openForWriting(path string) (*os.File, error) {
	f, err := openRegular(path)
	if !errors.Is(err, fs.ErrPermission) {
		return f, err
	}
	if cerr := os.Chmod(path, 0o600); cerr != nil {
		return nil, err
	}
	return openRegular(path)
}

// openRegular opens path for writing without following a symbolic link
// and without blocking, and checks that what it opened is still a regular
// file: one swapped for a pipe or a link after File looked is refused.
func openRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil {
		err = regular(st)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// newRandom returns a fast stream of unpredictable bytes: ChaCha8 seeded
// from the operating system's generator.
func newRandom() (io.Reader, error) {
	var seed [32]byte
	if _, err := crand.Read(seed[:]); err != nil {
		return nil, err
	}
	return rand.NewChaCha8(seed), nil
}

// unlink renames the file to a random name in its directory, removes it
// and syncs the directory, so neither the name nor the entry survives.
// When the removal fails the emptied file is given its name back, so that
// the user finds it where it was; when that fails too, the error names
// the random name it is left under.
func unlink(path string) error {
	dir := filepath.Dir(path)
	var b [10]byte
	if _, err := crand.Read(b[:]); err != nil {
		return err
	}
	name := filepath.Join(dir, "."+strings.ToLower(base32.StdEncoding.EncodeToString(b[:])))
	if err := os.Rename(path, name); err != nil {
		return err
	}
	if err := removeFile(name); err != nil {
		cause := err
		var pe *os.PathError
		if errors.As(err, &pe) {
			cause = pe.Err
		}
		if rerr := os.Rename(name, path); rerr != nil {
			return &LeftError{Path: name, Err: cause}
		}
		return &LeftError{Path: path, Err: cause}
	}
	return atomicfile.SyncDir(dir)
}

// removeFile is os.Remove; tests make it fail.
var removeFile = os.Remove

// LeftError is a file overwritten and emptied that could not be removed:
// Path is where it is now, its own name or the random one it was given.
type LeftError struct {
	Path string
	Err  error
}

func (e *LeftError) Error() string {
	return fmt.Sprintf("overwritten and emptied, but not removed (%v): remove %s by hand", e.Err, e.Path)
}
