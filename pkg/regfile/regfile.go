// Package regfile opens the files custkit keeps or destroys itself — the
// access log, the export manifest and the files it shreds — only when they
// are regular files.
//
// A path that a config or a manifest names may have been replaced by a
// pipe, a device or a link to one: opening a FIFO for reading waits for a
// writer for ever, and writing or truncating a device damages what is not
// custkit's. [Open] looks at the path first, opens without blocking (and,
// when asked, without following a symbolic link), and looks again at what
// it opened, so that a path swapped between the look and the open is
// refused too.
package regfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrNotRegular is what Open returns, wrapped with the path, for a path
// that is a directory, a device, a pipe, a socket or (with NoFollow) a
// symbolic link.
var ErrNotRegular = errors.New("is not a regular file")

// Options say how Open treats the path.
type Options struct {
	// NoFollow refuses a symbolic link in the path's last element.
	NoFollow bool
}

// Open opens path with flag and perm, as os.OpenFile does, when it is a
// regular file or (with os.O_CREATE in flag) does not exist yet.
func Open(path string, flag int, perm fs.FileMode, opts Options) (*os.File, error) {
	stat := os.Stat
	if opts.NoFollow {
		stat = os.Lstat
		flag |= noFollow
	}
	if st, err := stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, notRegular(path)
	} else if err != nil && (flag&os.O_CREATE == 0 || !errors.Is(err, fs.ErrNotExist)) {
		return nil, err
	}
	f, err := os.OpenFile(path, flag|nonBlock, perm)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = notRegular(path)
		}
		return nil, err
	}
	return f, nil
}

// Check reports, without opening it, whether path is a regular file:
// nil when it is or does not exist, an error wrapping ErrNotRegular when
// it is something else.
func Check(path string) error {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return notRegular(path)
	}
	return nil
}

func notRegular(path string) error { return fmt.Errorf("%s %w", path, ErrNotRegular) }
