package shred

import (
	"context"
	"fmt"
	"io"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/usererr"
)

// About says what shredding does and what it cannot do, as the help of
// the commands with -n shows it (shred, exports shred); AboutOnce says it
// for those that overwrite once and have no -n (encrypt, rekey).
const (
	About     = "The file is overwritten with random data (-n passes, 1 by default), synced\n" + aboutRest
	AboutOnce = "The file is overwritten once with random data, synced\n" + aboutRest
)

// aboutRest is what About and AboutOnce say after the passes.
const aboutRest = `to disk, truncated, renamed to a random name and removed, and its directory
is synced. Directories, symbolic links and special files are refused.

What overwriting cannot guarantee is said once, on standard error, for the
file system and disk the files are on: copy-on-write and log-structured file
systems (btrfs, zfs, f2fs) write the new data elsewhere and keep the old
blocks, and snapshots keep them too; data=journal mounts keep copies in the
journal; solid-state disks keep old copies of blocks through wear levelling;
network file systems leave it to the server; backups are never touched.
Full-disk encryption is the protection that holds in every case.`

// CheckPasses refuses a number of passes below one, as a usage error.
func CheckPasses(n int) error {
	if n < 1 {
		return usererr.Usagef("-n must be at least 1")
	}
	return nil
}

// RunOptions say how Run shreds and where it tells the outcome.
type RunOptions struct {
	Options
	// Out is told each file shredded ("shredded <file>"); Note is given
	// each failure and, unless Quiet or when nothing was shredded, each
	// caveat ("caveat: ..."), as lines for standard error.
	Out   io.Writer
	Note  func(line string)
	Quiet bool
	// Done, when set, is told the absolute path of each file shredded
	// (the access log records it).
	Done func(path string)
}

// Run shreds files as the commands that destroy files do: Files, each
// outcome told as it is known, and the caveats once at the end.
func Run(ctx context.Context, files []string, opts RunOptions) FilesResult {
	res := Files(ctx, files, FilesOptions{Options: opts.Options, Report: func(f string, err error) {
		if err != nil {
			opts.Note(err.Error())
			return
		}
		fmt.Fprintf(opts.Out, "shredded %s\n", f)
	}})
	if opts.Done != nil {
		for _, p := range res.Done {
			opts.Done(p)
		}
	}
	opts.tell(len(res.Done), res.Caveats)
	return res
}

// tell gives Note each caveat, unless Quiet or none of the files was
// shredded (done).
func (opts RunOptions) tell(done int, caveats []string) {
	if done == 0 || opts.Quiet {
		return
	}
	for _, c := range caveats {
		opts.Note("caveat: " + c)
	}
}

// Shredder shreds files one at a time for a caller that decides when each
// goes (rekey's old versions, through pkg/replace), as Run does: each
// file shredded is told to Done, and Tell then gives the caveats of the
// places they were on, once. Out is not used: the caller says what it
// did in its own words.
type Shredder struct {
	opts    RunOptions
	caveats caveats
	done    int
}

// NewShredder is a Shredder with the options of Run.
func NewShredder(opts RunOptions) *Shredder { return &Shredder{opts: opts} }

// File shreds path (see [File]).
func (s *Shredder) File(path string) error {
	s.caveats.add(path)
	if err := File(path, s.opts.Options); err != nil {
		return err
	}
	s.done++
	if s.opts.Done != nil {
		s.opts.Done(absolute(path))
	}
	return nil
}

// Tell gives Note the caveats of the places of the files shredded, each
// once, unless Quiet or none was shredded.
func (s *Shredder) Tell() { s.opts.tell(s.done, s.caveats.list) }

// Failed is the error of a run that could not shred failed of total
// things, each a noun ("file", "export"); nil when failed is 0.
func Failed(failed, total int, noun string) error {
	if failed == 0 {
		return nil
	}
	return fmt.Errorf("%d of %s could not be shredded", failed, english.Count(total, noun))
}
