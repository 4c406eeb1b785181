package retention

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/jsonin"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/custkit/custkit/pkg/workbook"
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
// not there, and one file given twice).
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
	if err := f.sameFiles(); err != nil {
		return err
	}
	for _, k := range kinds {
		for _, path := range f.all(k) {
			if err := refuseWorkbook(path); err != nil {
				return err
			}
		}
	}
	return nil
}

// sameFiles refuses a file given twice, by its path or another (a link),
// in one list or two: its second replacement would start from the first
// one's temporary files, and the purge would stop half done. A copy (a
// download saved twice) is a file of its own and is purged like the
// first.
func (f Files) sameFiles() error {
	var paths, of []string
	for _, k := range kinds {
		for _, path := range f.all(k) {
			paths, of = append(paths, path), append(of, k.Name)
		}
	}
	dups := input.SameFiles(paths)
	if len(dups) == 0 {
		return nil
	}
	d := dups[0]
	what := fmt.Sprintf("%q is the same file as %q", d.File, d.First)
	if d.File == d.First {
		what = fmt.Sprintf("%q is given twice", d.File)
	}
	return &FileError{Kind: of[d.At], Err: fmt.Errorf("%s: purge would replace it twice; give it once; nothing was changed", what)}
}

// WorkbookError is a workbook given to a purge, which rewrites its files
// in place in their own format: rewriting a workbook is not supported.
type WorkbookError struct{ Path string }

func (e *WorkbookError) Error() string {
	return e.Path + " is a workbook, which purge cannot rewrite (it rewrites its files in place, and rewriting a workbook is not supported); save the sheet as CSV (CSV UTF-8), purge that file and keep it in place of the workbook; nothing was changed"
}

// refuseWorkbook returns a *WorkbookError when the file at path is a
// workbook (or any archive or compound document), by its first bytes, and
// a *JSONError when it is JSON, by its name or first bytes (as other
// commands tell; see jsonin.Choose); it reads nothing more.
func refuseWorkbook(path string) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(file, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return err
	}
	switch {
	case workbook.Detect(head[:n]) != workbook.Text:
		return &WorkbookError{Path: path}
	case jsonin.ByName(path) || jsonin.Looks(head[:n]):
		return &JSONError{Path: path}
	}
	return nil
}

// JSONError is a JSON file given to a purge (custkit's own json or jsonl
// output, which other commands read): purge rewrites its files in place
// as CSV, and a JSON file is not one.
type JSONError struct{ Path string }

func (e *JSONError) Error() string {
	return e.Path + " is JSON, which purge cannot rewrite (it rewrites its files in place as CSV); purge the CSV files this one was made from and write it again from them; nothing was changed"
}

// checkSeal refuses encrypted files when there is nothing to encrypt their
// new versions with (canSeal false): a purge never writes an encrypted
// file back in plain.
func (f Files) checkSeal(canSeal bool) error {
	if canSeal {
		return nil
	}
	for _, k := range kinds {
		for _, path := range f.all(k) {
			if agefile.FileIs(path) {
				return usererr.WithHint(fmt.Errorf("%s is encrypted, and the config names no recipient to encrypt its new version to; nothing was changed", path),
					"set access: {recipients: [age1...]} (or recipients_file:) in the config file, the recipients the files are encrypted to")
			}
		}
	}
	return nil
}
