package retention

import (
	"errors"
	"fmt"
	"os"

	"github.com/custkit/custkit/pkg/schema"
)

// ErrStdin is returned by Files.Check for standard input ("-").
var ErrStdin = errors.New(`purge rewrites files in place; standard input ("-") cannot be purged`)

// FileError is a data file a purge cannot work on.
type FileError struct {
	Kind string // customers, sales, contacts or complaints
	Err  error
}

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// kinds are the kinds of data file a purge works on, in its order.
var kinds = []schema.Kind{schema.Customers, schema.Sales, schema.Contacts, schema.Complaints}

// Check makes sure that every file given can be purged: a purge reads a
// file twice and replaces it, so standard input ("-", ErrStdin), a pipe,
// a directory or a device cannot be (a *FileError, as is a file that is
// not there).
func (f Files) Check() error {
	for _, k := range kinds {
		for _, path := range f.all(k) {
			if path == "-" {
				return ErrStdin
			}
		}
	}
	for _, k := range kinds {
		for _, path := range f.all(k) {
			st, err := os.Stat(path)
			if err == nil && !st.Mode().IsRegular() {
				err = fmt.Errorf("%s is not a regular file; purge rewrites files in place", path)
			}
			if err != nil {
				return &FileError{Kind: k.Name, Err: err}
			}
		}
	}
	return nil
}
