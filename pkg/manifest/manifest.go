// Package manifest keeps the list of the files custkit wrote that hold
// personal data: where each copy is, what it held, why it was made and when
// it must be destroyed. The command layer adds an [Entry] each time an -o
// file with personal-data columns is committed; "custkit exports" lists the
// entries and shreds the expired copies.
//
// The manifest is a small CSV file (one row per copy, read and written whole
// with gocsv). Every change goes through [Update], which holds an exclusive
// lock on a companion ".lock" file while it reads the rows, changes them and
// replaces the file atomically, so concurrent custkit runs never lose each
// other's entries and a crash leaves either the old or the new manifest.
package manifest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/custkit/custkit/pkg/atomicfile"
	"github.com/custkit/custkit/pkg/filelock"
	"github.com/custkit/custkit/pkg/regfile"
	"github.com/gocarina/gocsv"
)

// Entry is one tracked copy.
type Entry struct {
	Path    string    `csv:"path"` // absolute
	SHA256  string    `csv:"sha256"`
	Rows    int64     `csv:"rows"`
	Columns Columns   `csv:"columns"`
	Purpose string    `csv:"purpose"`
	Created time.Time `csv:"created"`
	Expires time.Time `csv:"expires"`
	// Shop is the shop the copy was made for: the absolute path of the
	// config file of the run that wrote it, "" for a run without one (and
	// for every entry of a manifest written before shops were recorded).
	Shop string `csv:"shop"`
}

// Expired reports whether the copy is past its expiry at t.
func (e Entry) Expired(t time.Time) bool { return !t.Before(e.Expires) }

// Columns are the column names of a copy. In the manifest they are a JSON
// array in one cell, so that any column name survives.
type Columns []string

// MarshalCSV writes the names as a JSON array.
func (c Columns) MarshalCSV() (string, error) {
	if c == nil {
		c = Columns{}
	}
	b, err := json.Marshal([]string(c))
	return string(b), err
}

// UnmarshalCSV reads a JSON array of names.
func (c *Columns) UnmarshalCSV(s string) error {
	if s == "" {
		*c = nil
		return nil
	}
	return json.Unmarshal([]byte(s), (*[]string)(c))
}

// ErrNotRegular is returned for a manifest path, or a tracked copy, that is
// a device, a pipe, a socket or a directory (or a symbolic link to one):
// such a thing is never opened, read or written as if it were a file.
var ErrNotRegular = regfile.ErrNotRegular

// Read returns the entries of the manifest at path; a manifest that does
// not exist yet has none.
func Read(path string) ([]Entry, error) {
	data, err := readRegular(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	var out []Entry
	// A reader of our own: gocsv's package-level reader setting is shared
	// by the whole process and is never touched.
	if err := gocsv.UnmarshalCSV(csv.NewReader(bytes.NewReader(data)), &out); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// Update locks the manifest at path, reads it, lets fn change the entries
// and writes the result atomically with mode 0600. The manifest's directory
// is created (0700) if needed. An error from fn leaves the manifest as it was.
func Update(path string, fn func([]Entry) ([]Entry, error)) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	if err := regfile.Check(path); err != nil {
		return err
	}
	// The lock file is looked at as the manifest is: a pipe, device or
	// link put in its place is refused, not opened (or written through).
	lock, err := regfile.Open(path+".lock", os.O_RDWR|os.O_CREATE, 0o600, regfile.Options{NoFollow: true})
	if err != nil {
		return err
	}
	defer lock.Close()
	if err := filelock.LockFile(lock); err != nil {
		return err
	}
	entries, err := Read(path)
	if err != nil {
		return err
	}
	if entries, err = fn(entries); err != nil {
		return err
	}
	return write(path, entries)
}

// readRegular reads the file at path, refusing one that is not a regular
// file without waiting on it.
func readRegular(path string) ([]byte, error) {
	f, err := openRegular(path, false)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// openRegular opens path for reading when it is a regular file; with
// nofollow, a symbolic link is refused too. The open never blocks: a pipe
// put in the path's place after the look is found on the open file.
func openRegular(path string, nofollow bool) (*os.File, error) {
	return regfile.Open(path, os.O_RDONLY, 0, regfile.Options{NoFollow: nofollow})
}

func write(path string, entries []Entry) error {
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Created.Before(entries[j].Created) })
	var buf bytes.Buffer
	w := gocsv.NewSafeCSVWriter(csv.NewWriter(&buf))
	if err := gocsv.MarshalCSV(&entries, w); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, buf.Bytes(), 0o600)
}

// Add records e, replacing an entry for the same path: a file written again
// is one copy, with the newer contents.
func Add(path string, e Entry) error {
	return Update(path, func(entries []Entry) ([]Entry, error) {
		return append(Remove(entries, e.Path), e), nil
	})
}

// Forget removes the entry for file, if there is one: the path was written
// again with contents that hold no personal data, and the new file must
// not be shredded as the old copy. A manifest without such an entry, or
// none at all, is left as it is.
func Forget(path, file string) error {
	entries, err := Read(path)
	if err != nil {
		return err
	}
	if _, ok := Lookup(entries, file); !ok {
		return nil
	}
	return Update(path, func(entries []Entry) ([]Entry, error) {
		return Remove(entries, file), nil
	})
}

// Remove returns entries without the one for file.
func Remove(entries []Entry, file string) []Entry {
	out := entries[:0]
	for _, e := range entries {
		if e.Path != file {
			out = append(out, e)
		}
	}
	return out
}
