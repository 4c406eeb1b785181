package rekey

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/pkg/replace"
)

// JournalName is the journal's file name, in the Runner's Dir. While it
// exists, a rekey is under way or was killed.
const JournalName = ".custkit-rekey.journal"

// The journal is pkg/replace's, as purge's: its first line is the run
// (the recipients, and every file with the SHA-256 of its old and new
// version), each later line one finished step. Recipients are public
// keys: the journal holds no secret and no customer data.
type journalRun struct {
	Version    int            `json:"version"`
	Started    time.Time      `json:"started"`
	Recipients []string       `json:"recipients"`
	Files      []replace.File `json:"files"`
}

const journalVersion = 1

type journal struct {
	*replace.Journal
	run journalRun
}

func (j *journal) paths() []string {
	out := make([]string, len(j.run.Files))
	for i, f := range j.run.Files {
		out[i] = f.Path
	}
	return out
}

// link gives an old version its second name (replace.Replacer.Link); the
// tests stand in a file system without hard links.
var link = os.Link

// replacer is the Runner's replacement discipline.
func (r *Runner) replacer() *replace.Replacer {
	return &replace.Replacer{Dir: r.Dir, JournalName: JournalName, What: "rekey",
		NewSuffix: newSuffix, OldSuffix: oldSuffix, Shred: r.Shred, Op: r.AfterOp, Link: link}
}

// readJournal reads the Runner's journal; nil if there is none.
func (r *Runner) readJournal() (*journal, error) {
	j := &journal{}
	var err error
	if j.Journal, err = r.replacer().ReadJournal(&j.run); err != nil || j.Journal == nil {
		return nil, err
	}
	if j.run.Version != journalVersion {
		return nil, j.Bad(fmt.Sprintf("version %d", j.run.Version))
	}
	for _, f := range j.run.Files {
		if !filepath.IsAbs(f.Path) {
			return nil, j.Bad(fmt.Sprintf("the path %q is not absolute", f.Path))
		}
	}
	return j, nil
}

// Pending reports whether a run was killed and is not finished yet.
func (r *Runner) Pending() bool {
	_, err := os.Lstat(r.replacer().JournalPath())
	return err == nil
}

// Finish ends a run once it is recorded: it removes the journal. Without
// a journal it does nothing.
func (r *Runner) Finish() error {
	if err := r.replacer().Finish(); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
