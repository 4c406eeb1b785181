package retention

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/atomicfile"
)

// JournalName is the journal's file name, in the directory of the
// customers file. While it exists, a purge is under way or was killed.
const JournalName = ".custkit-purge.journal"

// The journal is JSON lines. The first line is the run: every file with
// the SHA-256 of its old and its new version, the expired exports, and the
// result to report. It is written whole (temporary file, sync, rename,
// sync of the directory) before the first file is replaced, so it is
// either absent or complete. Each later line marks one finished step,
// appended and synced; a line cut off by a crash has no newline and is
// ignored, and its step is done again.
type journalRun struct {
	Version int           `json:"version"`
	Started time.Time     `json:"started"`
	Files   []journalFile `json:"files"`
	Exports []string      `json:"exports,omitempty"`
	Result  Result        `json:"result"`
}

type journalFile struct {
	// Path is absolute, with the symbolic links of the way to it resolved
	// (version 2), so that a resumed run finds the file whatever its
	// working directory. Version 1 wrote the path as the run was given it,
	// relative to a working directory the journal does not record.
	Path string `json:"path"`
	Old  string `json:"old_sha256"`
	New  string `json:"new_sha256"`
	// read is the old version's size and time as the rewrite read it:
	// the run that wrote the new version checks these before renaming
	// instead of hashing the file again. A resumed run hashes.
	read os.FileInfo
}

const journalVersion = 2

// legacyVersion is a journal whose paths are relative to the working
// directory of the run that wrote it (custkit before journals recorded
// absolute paths); see resolveLegacy.
const legacyVersion = 1

// Steps marked in the journal.
const (
	stepReplaced = "replaced" // the new version is in place
	stepShredded = "shredded" // the old version is destroyed
	stepExports  = "exports"  // the expired exports are destroyed
)

type journalMark struct {
	Done string `json:"done"`
	Path string `json:"path,omitempty"`
}

// Journal is the record of a purge that is under way or was killed.
type Journal struct {
	path string
	run  journalRun
	done map[journalMark]bool
}

// Result returns what the run did (or, for a killed run, will have done
// when it is finished).
func (j *Journal) Result() Result { return j.run.Result }

// Started returns when the run began.
func (j *Journal) Started() time.Time { return j.run.Started }

func (j *Journal) isDone(step, path string) bool { return j.done[journalMark{step, path}] }

// writeJournal writes the run's first line atomically: a temporary file
// beside the journal (which the next run removes if this one is killed
// while writing it), synced, then renamed.
func (r *Runner) writeJournal(run journalRun) (*Journal, error) {
	path := r.journalPath()
	line, err := json.Marshal(run)
	if err != nil {
		return nil, err
	}
	line = append(line, '\n')
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return nil, fmt.Errorf("purge journal: %w", err)
	}
	defer f.Abort()
	half := len(line) / 2
	if _, err := f.Write(line[:half]); err != nil {
		return nil, fmt.Errorf("purge journal: %w", err)
	}
	r.op("write part of %s", f.Name())
	if _, err := f.Write(line[half:]); err != nil {
		return nil, fmt.Errorf("purge journal: %w", err)
	}
	if err := f.Commit(); err != nil {
		return nil, fmt.Errorf("purge journal: %w", err)
	}
	return &Journal{path: path, run: run, done: map[journalMark]bool{}}, nil
}

// mark appends a finished step and syncs it.
func (j *Journal) mark(step, path string) error {
	m := journalMark{Done: step, Path: path}
	line, err := json.Marshal(m)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("purge journal: %w", err)
	}
	defer f.Close()
	if _, err := f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("purge journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("purge journal: %w", err)
	}
	j.done[m] = true
	return f.Close()
}

// readJournal reads the journal at path; nil if there is none.
func readJournal(path string) (*Journal, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("purge journal: %w", err)
	}
	j := &Journal{path: path, done: map[journalMark]bool{}}
	bad := func(what string) error {
		return fmt.Errorf("purge journal %s: %s; it was not written by this version of custkit, or it was edited", path, what)
	}
	first, rest, ok := bytes.Cut(data, []byte{'\n'})
	if !ok || json.Unmarshal(first, &j.run) != nil {
		return nil, bad("the first line is not a purge run")
	}
	switch j.run.Version {
	case journalVersion:
		for _, p := range j.paths() {
			if !filepath.IsAbs(*p) {
				return nil, bad(fmt.Sprintf("the path %q is not absolute", *p))
			}
		}
	case legacyVersion:
	default:
		return nil, bad(fmt.Sprintf("version %d", j.run.Version))
	}
	for {
		line, more, ok := bytes.Cut(rest, []byte{'\n'})
		if !ok {
			break // empty, or a line cut off by a crash: its step is done again
		}
		var m journalMark
		if err := json.Unmarshal(line, &m); err != nil {
			return nil, bad("a step line is not valid")
		}
		j.done[m] = true
		rest = more
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

// journalTemp reports whether name is a temporary file of the journal
// that atomicfile made (.NAME.tmp- and the digits of os.CreateTemp).
func journalTemp(name string) bool {
	digits, ok := strings.CutPrefix(name, "."+JournalName+".tmp-")
	if !ok || digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// journalTemps are the temporary files that a run killed while it wrote
// its journal left in dir: regular files under journalTemp's names only.
func journalTemps(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("purge journal: %w", err)
	}
	var out []string
	for _, e := range entries {
		if journalTemp(e.Name()) && e.Type().IsRegular() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out, nil
}
