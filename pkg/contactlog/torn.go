package contactlog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/custkit/custkit/pkg/atomicfile"
)

// An append is one write of the whole row, but Linux stops a write
// between two pages of the file when the writer is killed (SIGKILL, the
// OOM killer), and a power cut can keep part of it: a row can reach the
// file in part. So before the row goes in, an append writes beside the
// file what it is about to add (PendingPath: the file's size, then the
// bytes), synced; once the row is synced it removes that note. The next
// write to the file, under the same lock, finds a note left behind and,
// when the file's bytes past the size noted are a part of the bytes noted
// and not all of them, cuts the file back to that size: those bytes are
// the row of a write that died and never said it had written it, and
// nothing else. A file that has changed otherwise since is left as it is.

// pendingHead begins a note, before the file's size.
const pendingHead = "custkit append at "

// PendingPath is the note of an append to the file at path, beside it:
// while it is there, the file may end in the part of a row that the next
// write cuts (readers say so, pkg/input).
func PendingPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".custkit-append")
}

// beginAppend notes that line is about to be appended to f, and returns
// the function that removes the note once it is in.
func (f *File) beginAppend(line []byte) (done func(), err error) {
	note := append(strconv.AppendInt([]byte(pendingHead), f.size, 10), '\n')
	p := PendingPath(f.path)
	// Written beside, synced and renamed into place with its directory
	// synced: the note is whole and on disk before the row is.
	if err := atomicfile.WriteFile(p, append(note, line...), 0o600); err != nil {
		return nil, fmt.Errorf("%s: %w", f.path, err)
	}
	return func() { os.Remove(p) }, nil
}

// cutTorn cuts from f the part of a row an append left when it died
// (see beginAppend), and removes its note.
func (f *File) cutTorn() error {
	p := PendingPath(f.path)
	note, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	if at, line, ok := parseNote(note); ok && f.size > at && f.size < at+int64(len(line)) {
		got := make([]byte, f.size-at)
		if _, err := f.f.ReadAt(got, at); err != nil && err != io.EOF {
			return fmt.Errorf("%s: %w", f.path, err)
		}
		if bytes.Equal(got, line[:len(got)]) {
			if err := f.f.Truncate(at); err != nil {
				return fmt.Errorf("%s: cutting the part of a row a write left when it was stopped: %w", f.path, err)
			}
			if err := f.f.Sync(); err != nil {
				return fmt.Errorf("%s: %w", f.path, err)
			}
			f.size = at
		}
	}
	if err := os.Remove(p); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	return nil
}

// parseNote reads a note of beginAppend: the file's size then, and the
// bytes appended.
func parseNote(note []byte) (at int64, line []byte, ok bool) {
	head, line, found := bytes.Cut(note, []byte("\n"))
	if !found || !bytes.HasPrefix(head, []byte(pendingHead)) {
		return 0, nil, false
	}
	at, err := strconv.ParseInt(string(head[len(pendingHead):]), 10, 64)
	return at, line, err == nil && at >= 0
}
