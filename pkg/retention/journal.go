package retention

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/pkg/replace"
)

// JournalName is the journal's file name, in the directory of the
// customers file. While it exists, a purge is under way or was killed.
const JournalName = ".custkit-purge.journal"

// The journal is pkg/replace's: JSON lines, the first the run, written
// whole before the first file is replaced, each later one a finished step.
// The purge's run holds every file with the SHA-256 of its old and its new
// version, the expired exports, and the result to report.
type journalRun struct {
	Version int           `json:"version"`
	Started time.Time     `json:"started"`
	Files   []journalFile `json:"files"`
	Exports []string      `json:"exports,omitempty"`
	Result  Result        `json:"result"`
}

// journalFile is one file of the run. Its Path is absolute, with the
// symbolic links of the way to it resolved (version 2), so that a resumed
// run finds the file whatever its working directory. Version 1 wrote the
// path as the run was given it, relative to a working directory the
// journal does not record.
type journalFile = replace.File

const journalVersion = 2

// legacyVersion is a journal whose paths are relative to the working
// directory of the run that wrote it (custkit before journals recorded
// absolute paths); see resolveLegacy.
const legacyVersion = 1

// Steps marked in the journal: replace's for each file, and the purge's
// own.
const (
	stepReplaced = replace.StepReplaced // the new version is in place
	stepShredded = replace.StepShredded // the old version is destroyed
	stepExports  = "exports"            // the expired exports are destroyed
)

type journalMark = replace.Mark

// Journal is the record of a purge that is under way or was killed.
type Journal struct {
	*replace.Journal
	run journalRun
}

// Result returns what the run did (or, for a killed run, will have done
// when it is finished).
func (j *Journal) Result() Result { return j.run.Result }

// Started returns when the run began.
func (j *Journal) Started() time.Time { return j.run.Started }

// replacer is the Runner's replacement discipline.
func (r *Runner) replacer() *replace.Replacer {
	return &replace.Replacer{Dir: r.Dir, JournalName: JournalName, What: "purge",
		NewSuffix: newSuffix, OldSuffix: oldSuffix, Shred: r.Shred, Op: r.AfterOp}
}

// readJournal reads the Runner's journal; nil if there is none.
func (r *Runner) readJournal() (*Journal, error) {
	j := &Journal{}
	var err error
	if j.Journal, err = r.replacer().ReadJournal(&j.run); err != nil || j.Journal == nil {
		return nil, err
	}
	switch j.run.Version {
	case journalVersion:
		for _, p := range j.paths() {
			if !filepath.IsAbs(*p) {
				return nil, j.Bad(fmt.Sprintf("the path %q is not absolute", *p))
			}
		}
	case legacyVersion:
	default:
		return nil, j.Bad(fmt.Sprintf("version %d", j.run.Version))
	}
	return j, nil
}

// paths are the file paths of the run, to be read or set in place.
func (j *Journal) paths() []*string {
	var ps []*string
	for i := range j.run.Files {
		ps = append(ps, &j.run.Files[i].Path)
	}
	for i := range j.run.Result.Files {
		ps = append(ps, &j.run.Result.Files[i].Path)
	}
	return ps
}
