package shred

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrInterrupted is the outcome of a file left alone because the run was
// interrupted before its turn.
var ErrInterrupted = errors.New("not shredded: interrupted")

// FilesOptions configure Files.
type FilesOptions struct {
	Options
	// Report, when set, is told each file's outcome as soon as it is
	// known, in the order given: a nil error when the file was shredded.
	// The error names the file.
	Report func(file string, err error)
}

// FilesResult is what Files did.
type FilesResult struct {
	// Done are the absolute paths of the files shredded.
	Done []string
	// Failed is the number of files that were not.
	Failed int
	// Caveats are what overwriting cannot guarantee on the file systems
	// and disks the files were on, each said once (see Medium.Caveats).
	Caveats []string
}

// Files shreds each file in turn with File, and finds out the caveats of
// the places they are on. Once ctx is done, the files left are not
// touched and fail with ErrInterrupted.
func Files(ctx context.Context, files []string, opts FilesOptions) FilesResult {
	var res FilesResult
	var cv caveats
	for _, f := range files {
		if ctx.Err() != nil {
			res.fail(opts, f, fmt.Errorf("%s: %w", f, ErrInterrupted))
			continue
		}
		cv.add(f)
		if err := File(f, opts.Options); err != nil {
			res.fail(opts, f, fileError(f, err))
			continue
		}
		res.Done = append(res.Done, absolute(f))
		if opts.Report != nil {
			opts.Report(f, nil)
		}
	}
	res.Caveats = cv.list
	return res
}

func (res *FilesResult) fail(opts FilesOptions, f string, err error) {
	res.Failed++
	if opts.Report != nil {
		opts.Report(f, err)
	}
}

// caveats gathers what overwriting cannot guarantee on the file systems
// and disks of the files shredded, each said once, in the order found.
type caveats struct {
	seen map[string]bool
	list []string
}

// add adds the caveats of where f is, before it is shredded.
func (cv *caveats) add(f string) {
	for _, c := range Inspect(inspectPath(f)).Caveats() {
		if !cv.seen[c] {
			if cv.seen == nil {
				cv.seen = map[string]bool{}
			}
			cv.seen[c] = true
			cv.list = append(cv.list, c)
		}
	}
}

// inspectPath is where to look for a file's file system: the file, or its
// directory when the file is not there.
func inspectPath(f string) string {
	if _, err := os.Lstat(f); err == nil {
		return f
	}
	return filepath.Dir(f)
}

// fileError names the file once: an *os.PathError says its operation
// too, which tells the user nothing more.
func fileError(f string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", f, pe.Err)
	}
	return err
}

func absolute(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
