// Package atomicfile writes a file so that readers and crashes only ever see
// the old contents or the complete new contents, never a half-written file.
//
// [Create] makes a temporary file in the target's directory (so the final
// rename stays on one file system); [File.Commit] syncs it, closes it,
// renames it over the target and syncs the directory so that the rename
// itself survives a power cut; [File.Abort] removes the temporary file and
// is a no-op after a Commit, so it can always be deferred.
//
// Every error names the target path, never the temporary file: the
// temporary name means nothing to the person who asked for the target.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// File is a pending replacement of a file.
type File struct {
	*os.File
	target string
	done   bool
}

// Create starts writing path with the given permission bits. Nothing is
// visible at path until Commit.
func Create(path string, perm os.FileMode) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, targetError("create", path, err)
	}
	if err := f.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		f.Close()
		os.Remove(f.Name())
		return nil, targetError("chmod", path, err)
	}
	return &File{File: f, target: path}, nil
}

// targetError is err, from an operation on the temporary file or on the
// target, as an *os.PathError that names the target path.
func targetError(op, target string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return &os.PathError{Op: op, Path: target, Err: err}
}

// Write writes to the temporary file; an error names the target.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.File.Write(p)
	if err != nil {
		err = targetError("write", f.target, err)
	}
	return n, err
}

// WriteString writes to the temporary file; an error names the target.
func (f *File) WriteString(s string) (int, error) {
	n, err := f.File.WriteString(s)
	if err != nil {
		err = targetError("write", f.target, err)
	}
	return n, err
}

// Chmod sets the permission bits the target will have; an error names the
// target.
func (f *File) Chmod(mode os.FileMode) error {
	if err := f.File.Chmod(mode); err != nil {
		return targetError("chmod", f.target, err)
	}
	return nil
}

// Commit makes the written contents visible at the target path.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: already committed or aborted")
	}
	if err := f.Sync(); err != nil {
		f.Abort()
		return targetError("sync", f.target, err)
	}
	// Close, then rename: Windows does not rename open files.
	if err := f.Close(); err != nil {
		f.Abort()
		return targetError("close", f.target, err)
	}
	if err := os.Rename(f.Name(), f.target); err != nil {
		os.Remove(f.Name())
		f.done = true
		return targetError("rename", f.target, err)
	}
	f.done = true
	return SyncDir(filepath.Dir(f.target))
}

// Abort removes the temporary file. It does nothing after Commit.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}

// SyncDir flushes a directory's entries (a rename or removal in it) to disk.
// Windows cannot open directories for syncing; there it is a no-op.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// WriteFile writes data to path atomically with the given permission bits.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}
