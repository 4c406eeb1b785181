package replace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/atomicfile"
)

// The journal is JSON lines. The first line is the run, as its command
// writes it (version, start, every File, and what is its own). It is
// written whole (temporary file, sync, rename, sync of the directory)
// before the first file is replaced, so it is either absent or complete.
// Each later line marks one finished step (a Mark), appended and synced;
// a line cut off by a crash has no newline and is ignored, and its step
// is done again.

// Mark is one finished step of a run; Path is empty for a step that is
// not one file's.
type Mark struct {
	Done string `json:"done"`
	Path string `json:"path,omitempty"`
}

// Journal is the open journal of a run: the steps it has marked.
type Journal struct {
	// Path is the journal file.
	Path string
	what string
	done map[Mark]bool
}

// IsDone reports whether step was marked for path.
func (j *Journal) IsDone(step, path string) bool { return j.done[Mark{step, path}] }

// Mark appends a finished step and syncs it.
func (j *Journal) Mark(step, path string) error {
	m := Mark{Done: step, Path: path}
	line, err := json.Marshal(m)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(j.Path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("%s journal: %w", j.what, err)
	}
	defer f.Close()
	if _, err := f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("%s journal: %w", j.what, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s journal: %w", j.what, err)
	}
	j.done[m] = true
	return f.Close()
}

// Bad is the error for a journal this custkit cannot read; what says why.
func (j *Journal) Bad(what string) error {
	return fmt.Errorf("%s journal %s: %s; it was not written by this version of custkit, or it was edited", j.what, j.Path, what)
}

// JournalPath is the journal's file: JournalName in Dir.
func (r *Replacer) JournalPath() string { return filepath.Join(r.Dir, r.JournalName) }

// WriteJournal writes the run's first line atomically: a temporary file
// beside the journal (which Temps finds if the run is killed while
// writing it), synced, then renamed.
func (r *Replacer) WriteJournal(run any) (*Journal, error) {
	path := r.JournalPath()
	line, err := json.Marshal(run)
	if err != nil {
		return nil, err
	}
	line = append(line, '\n')
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return nil, fmt.Errorf("%s journal: %w", r.What, err)
	}
	defer f.Abort()
	half := len(line) / 2
	if _, err := f.Write(line[:half]); err != nil {
		return nil, fmt.Errorf("%s journal: %w", r.What, err)
	}
	r.op("write part of %s", f.Name())
	if _, err := f.Write(line[half:]); err != nil {
		return nil, fmt.Errorf("%s journal: %w", r.What, err)
	}
	if err := f.Commit(); err != nil {
		return nil, fmt.Errorf("%s journal: %w", r.What, err)
	}
	return &Journal{Path: path, what: r.What, done: map[Mark]bool{}}, nil
}

// ReadJournal reads the journal into run (its first line) and the steps
// it marked; nil if there is none. The caller checks run's version and
// paths, and reports what it refuses with Bad.
func (r *Replacer) ReadJournal(run any) (*Journal, error) {
	path := r.JournalPath()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s journal: %w", r.What, err)
	}
	j := &Journal{Path: path, what: r.What, done: map[Mark]bool{}}
	first, rest, ok := bytes.Cut(data, []byte{'\n'})
	if !ok || json.Unmarshal(first, run) != nil {
		return nil, j.Bad("the first line is not a " + r.What + " run")
	}
	for {
		line, more, ok := bytes.Cut(rest, []byte{'\n'})
		if !ok {
			break // empty, or a line cut off by a crash: its step is done again
		}
		var m Mark
		if err := json.Unmarshal(line, &m); err != nil {
			return nil, j.Bad("a step line is not valid")
		}
		j.done[m] = true
		rest = more
	}
	return j, nil
}

// Finish ends a run once it is recorded: it removes the journal. The
// error for a missing journal wraps os.ErrNotExist.
func (r *Replacer) Finish() error {
	if err := os.Remove(r.JournalPath()); err != nil {
		return fmt.Errorf("%s journal: %w", r.What, err)
	}
	if err := atomicfile.SyncDir(r.Dir); err != nil {
		return err
	}
	r.op("finish")
	return nil
}

// journalTemp reports whether name is a temporary file of the journal
// that atomicfile made (.NAME.tmp- and the digits of os.CreateTemp).
func (r *Replacer) journalTemp(name string) bool {
	digits, ok := strings.CutPrefix(name, "."+r.JournalName+".tmp-")
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
// its journal left in Dir: regular files under journalTemp's names only.
func (r *Replacer) journalTemps() ([]string, error) {
	entries, err := os.ReadDir(r.Dir)
	if err != nil {
		return nil, fmt.Errorf("%s journal: %w", r.What, err)
	}
	var out []string
	for _, e := range entries {
		if r.journalTemp(e.Name()) && e.Type().IsRegular() {
			out = append(out, filepath.Join(r.Dir, e.Name()))
		}
	}
	return out, nil
}
