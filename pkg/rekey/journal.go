package rekey

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

// JournalName is the journal's file name, in the Runner's Dir. While it
// exists, a rekey is under way or was killed.
const JournalName = ".custkit-rekey.journal"

// The journal is JSON lines, as purge's: the first line is the run (the
// recipients, and every file with the SHA-256 of its old and new version),
// written whole (temporary file, sync, rename, sync of the directory)
// before the first file is replaced; each later line marks one finished
// step, appended and synced. A line cut off by a crash has no newline and
// is ignored; its step is done again. Recipients are public keys: the
// journal holds no secret and no customer data.
type journalRun struct {
	Version    int           `json:"version"`
	Started    time.Time     `json:"started"`
	Recipients []string      `json:"recipients"`
	Files      []journalFile `json:"files"`
}

type journalFile struct {
	Path string `json:"path"` // absolute, links resolved
	Old  string `json:"old_sha256"`
	New  string `json:"new_sha256"`
	read os.FileInfo
}

const journalVersion = 1

const (
	stepReplaced = "replaced"
	stepShredded = "shredded"
)

type journalMark struct {
	Done string `json:"done"`
	Path string `json:"path"`
}

type journal struct {
	path string
	run  journalRun
	done map[journalMark]bool
}

func (j *journal) isDone(step, path string) bool { return j.done[journalMark{step, path}] }

func (j *journal) paths() []string {
	out := make([]string, len(j.run.Files))
	for i, f := range j.run.Files {
		out[i] = f.Path
	}
	return out
}

func (r *Runner) journalPath() string { return filepath.Join(r.Dir, JournalName) }

// writeJournal writes the run's first line atomically.
func (r *Runner) writeJournal(run journalRun) (*journal, error) {
	path := r.journalPath()
	line, err := json.Marshal(run)
	if err != nil {
		return nil, err
	}
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return nil, fmt.Errorf("rekey journal: %w", err)
	}
	defer f.Abort()
	if _, err := f.Write(append(line, '\n')); err != nil {
		return nil, fmt.Errorf("rekey journal: %w", err)
	}
	if err := f.Commit(); err != nil {
		return nil, fmt.Errorf("rekey journal: %w", err)
	}
	return &journal{path: path, run: run, done: map[journalMark]bool{}}, nil
}

// mark appends a finished step and syncs it.
func (j *journal) mark(step, path string) error {
	m := journalMark{Done: step, Path: path}
	line, err := json.Marshal(m)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("rekey journal: %w", err)
	}
	defer f.Close()
	if _, err := f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("rekey journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("rekey journal: %w", err)
	}
	j.done[m] = true
	return f.Close()
}

// readJournal reads the journal at path; nil if there is none.
func readJournal(path string) (*journal, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("rekey journal: %w", err)
	}
	bad := func(what string) error {
		return fmt.Errorf("rekey journal %s: %s; it was not written by this version of custkit, or it was edited", path, what)
	}
	j := &journal{path: path, done: map[journalMark]bool{}}
	first, rest, ok := bytes.Cut(data, []byte{'\n'})
	if !ok || json.Unmarshal(first, &j.run) != nil {
		return nil, bad("the first line is not a rekey run")
	}
	if j.run.Version != journalVersion {
		return nil, bad(fmt.Sprintf("version %d", j.run.Version))
	}
	for _, f := range j.run.Files {
		if !filepath.IsAbs(f.Path) {
			return nil, bad(fmt.Sprintf("the path %q is not absolute", f.Path))
		}
	}
	for {
		line, more, ok := bytes.Cut(rest, []byte{'\n'})
		if !ok {
			break
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

// Pending reports whether a run was killed and is not finished yet.
func (r *Runner) Pending() bool {
	_, err := os.Lstat(r.journalPath())
	return err == nil
}

// Finish ends a run once it is recorded: it removes the journal. Without
// a journal it does nothing.
func (r *Runner) Finish() error {
	err := os.Remove(r.journalPath())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("rekey journal: %w", err)
	}
	if err := atomicfile.SyncDir(r.Dir); err != nil {
		return err
	}
	r.op("finish")
	return nil
}

// journalTemps are the temporary files atomicfile left in dir when a run
// was killed while it wrote its journal (.NAME.tmp- and digits).
func journalTemps(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("rekey journal: %w", err)
	}
	var out []string
	for _, e := range entries {
		digits, ok := strings.CutPrefix(e.Name(), "."+JournalName+".tmp-")
		if !ok || digits == "" || strings.Trim(digits, "0123456789") != "" || !e.Type().IsRegular() {
			continue
		}
		out = append(out, filepath.Join(dir, e.Name()))
	}
	return out, nil
}
