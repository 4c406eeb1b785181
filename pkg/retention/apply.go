package retention

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/pkg/atomicfile"
)

// Result is what a purge did, for its report and the access log.
type Result struct {
	AsOf  time.Time    `json:"as_of"`
	Files []FileResult `json:"files"`
	// Subjects are the pseudonyms of the customers purged, sorted: the
	// access log names them this way, never in plain text.
	Subjects []string `json:"subjects,omitempty"`
	// Exports are the expired exports destroyed.
	Exports []string `json:"exports,omitempty"`
	// ExportFailures say which expired exports could not be destroyed,
	// and why; they stay in the manifest for the next run.
	ExportFailures []string `json:"export_failures,omitempty"`
	// Unshredded are replaced versions that could not be kept under a
	// second name for shredding (a file system without hard links): they
	// were removed by the rename, not overwritten.
	Unshredded []string `json:"unshredded,omitempty"`
}

// FileResult is one file's counts, and the version the purge read.
type FileResult struct {
	Path   string `json:"path"`
	Kind   string `json:"kind"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Counts Counts `json:"counts"`
}

// ErrNoKey is returned by Apply when customers are purged and no
// pseudonym function was given.
var ErrNoKey = errors.New("purging customers needs the pseudonym key, for their sales lines and the access log")

// Runner applies plans and finishes killed runs. Its journal lives in Dir.
type Runner struct {
	// Dir holds the journal: the directory of the customers file.
	Dir string
	// Shred destroys a file: the replaced versions, the expired exports
	// and temporary files of a failed run, all of which hold personal
	// data. It is called only for files that exist.
	Shred func(path string) error
	// ExportsShredded is told which exports were destroyed, so that the
	// export manifest forgets them. It may be nil.
	ExportsShredded func(paths []string) error
	// AfterOp, when set, is called after every step that changes a file,
	// naming it. The crash tests stop the process there; custkit itself
	// never sets it.
	AfterOp func(op string)
}

// ApplyOptions are what Apply needs beside the plan.
type ApplyOptions struct {
	// Pseudonym returns the keyed pseudonym of a customer id as the
	// customers file writes it; required when the plan purges customers.
	// A sales line that writes the id differently (105 for 000105) gets
	// the pseudonym of the customer's own id.
	Pseudonym func(key string) string
	// Exports are the expired exports to destroy.
	Exports []string
}

func (r *Runner) journalPath() string { return filepath.Join(r.Dir, JournalName) }

func (r *Runner) op(format string, args ...any) {
	if r.AfterOp != nil {
		r.AfterOp(fmt.Sprintf(format, args...))
	}
}

// Pending returns the journal of a run that did not finish, or nil.
func (r *Runner) Pending() (*Journal, error) {
	if err := removeJournalTemps(r.Dir); err != nil {
		return nil, err
	}
	return readJournal(r.journalPath())
}

// Clean destroys temporary files that a run killed before it wrote its
// journal left beside files. Call it only when Pending found no journal.
func (r *Runner) Clean(files Files) error {
	for _, p := range []string{files.Customers, files.Sales, files.Contacts, files.Complaints} {
		if p == "" {
			continue
		}
		for _, suffix := range []string{newSuffix, oldSuffix} {
			if err := r.shredIfExists(tempName(p, suffix)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *Runner) shredIfExists(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err := r.Shred(path); err != nil {
		return err
	}
	r.op("shred %s", path)
	return nil
}

// Apply carries out the plan: it writes every new version beside its file,
// checks that no file changed since the scan, writes the journal and then
// replaces the files (see Resume). Before the journal exists, a failure
// destroys the new versions and leaves every file as it was.
func (r *Runner) Apply(ctx context.Context, p *Plan, opts ApplyOptions) (*Result, error) {
	st := p.st
	tokens, err := st.tokens(opts.Pseudonym)
	if err != nil {
		return nil, err
	}
	run := journalRun{Version: journalVersion, Started: time.Now().UTC().Truncate(time.Second), Exports: opts.Exports,
		Result: Result{AsOf: p.AsOf, Files: p.Results(), Subjects: sortedTokens(tokens.list), Exports: opts.Exports}}
	if run.Files, err = r.writeAll(ctx, p, tokens.of); err != nil {
		return nil, err
	}
	j, err := writeJournal(r.journalPath(), run)
	if err != nil {
		r.discard(run.Files)
		return nil, err
	}
	r.op("journal")
	return r.Resume(ctx, j)
}

// writeAll writes the new version of every file the plan changes.
func (r *Runner) writeAll(ctx context.Context, p *Plan, token func(int) []byte) ([]journalFile, error) {
	var files []journalFile
	for _, fp := range p.Files {
		if fp.Counts.Changed() == 0 {
			continue
		}
		w := newWriter(fp.Path, token)
		files = append(files, journalFile{Path: fp.Path, Old: fp.SHA256})
		err := p.st.pass(ctx, p, fp, w)
		if err == nil {
			files[len(files)-1].New, err = w.commit()
			files[len(files)-1].read = w.read
		}
		if err != nil {
			w.close()
			r.discard(files)
			return nil, err
		}
		r.op("write %s", w.tmp)
	}
	return files, nil
}

// discard destroys the new versions of a run that stops before its
// journal.
func (r *Runner) discard(files []journalFile) {
	for _, f := range files {
		_ = r.shredIfExists(tempName(f.Path, newSuffix))
	}
}

// Resume finishes the run of a journal. Each file is in one of two states:
// its old version (then the new one waits beside it) or its new version.
// All are checked before anything is renamed; a file that is neither (it
// was changed since) stops the run with nothing renamed. Then each old
// version gets a second name, the new version is renamed over the file and
// the directory synced, the old version is shredded, the expired exports
// are shredded, and each step is marked in the journal. The journal stays
// until Finish, once the run is in the access log.
func (r *Runner) Resume(ctx context.Context, j *Journal) (*Result, error) {
	todo, err := r.check(j)
	if err != nil {
		return nil, err
	}
	res := j.run.Result
	for _, f := range j.run.Files {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if todo[f.Path] {
			kept, err := r.replace(f)
			if err != nil {
				return nil, err
			}
			if !kept {
				res.Unshredded = append(res.Unshredded, f.Path)
			}
		}
		if !j.isDone(stepReplaced, f.Path) {
			if err := j.mark(stepReplaced, f.Path); err != nil {
				return nil, err
			}
			r.op("mark replaced %s", f.Path)
		}
	}
	if err := r.shredOld(j); err != nil {
		return nil, err
	}
	if err := r.shredExports(j, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

// check finds which files still have their old version, and that every
// other one has its new version.
func (r *Runner) check(j *Journal) (map[string]bool, error) {
	todo := map[string]bool{}
	for _, f := range j.run.Files {
		if j.isDone(stepReplaced, f.Path) {
			continue
		}
		if unchanged(f) {
			todo[f.Path] = true
			continue
		}
		sum, err := hashFile(f.Path)
		if err != nil {
			return nil, err
		}
		switch sum {
		case f.New:
		case f.Old:
			tmp := tempName(f.Path, newSuffix)
			if got, err := hashFile(tmp); err != nil || got != f.New {
				return nil, fmt.Errorf("%s: the new version written by the interrupted purge is missing or damaged; nothing more was replaced (restore the files from the backup taken before %s, remove %s and run purge again)",
					tmp, j.run.Started.Format(time.RFC3339), j.path)
			}
			todo[f.Path] = true
		default:
			return nil, fmt.Errorf("%s: %w by another program while the purge of %s was under way; nothing more was replaced (check the file, remove %s and run purge again)",
				f.Path, ErrChanged, j.run.Started.Format(time.RFC3339), j.path)
		}
	}
	return todo, nil
}

// unchanged reports whether the run that wrote f's new version read the
// old one moments ago and the file still has the size and time it had
// then; such a file needs no second hashing. (A resumed run does not know
// them, and hashes.) A file that grew or was rewritten since is hashed,
// and stops the run.
func unchanged(f journalFile) bool {
	if f.read == nil {
		return false
	}
	st, err := os.Stat(f.Path)
	return err == nil && st.Size() == f.read.Size() && st.ModTime().Equal(f.read.ModTime()) && os.SameFile(st, f.read)
}

// replace puts the new version of f in place. The old version first gets a
// second name (a hard link), so that it can be shredded once the rename
// has been synced: shredding it earlier would leave no whole version
// behind. kept is false on a file system without hard links.
func (r *Runner) replace(f journalFile) (kept bool, err error) {
	old, tmp := tempName(f.Path, oldSuffix), tempName(f.Path, newSuffix)
	kept, err = linkOld(f.Path, old)
	if err != nil {
		return false, err
	}
	if kept {
		r.op("link %s", old)
	}
	if err := os.Rename(tmp, f.Path); err != nil {
		return kept, err
	}
	r.op("rename %s", f.Path)
	if err := atomicfile.SyncDir(filepath.Dir(f.Path)); err != nil {
		return kept, err
	}
	r.op("sync %s", filepath.Dir(f.Path))
	return kept, nil
}

// linkOld gives path the second name old. An old name left by a killed
// run is the same file, or a stale one that is removed first. Where the
// file system has no hard links (FAT, some network shares) it reports
// false, and the rename then drops the old version without overwriting it.
func linkOld(path, old string) (bool, error) {
	if st, err := os.Lstat(old); err == nil {
		cur, err := os.Stat(path)
		if err != nil {
			return false, err
		}
		if os.SameFile(st, cur) {
			return true, nil
		}
		if err := os.Remove(old); err != nil {
			return false, err
		}
	}
	if err := os.Link(path, old); err != nil {
		return false, nil // no hard links here: the rename removes the old version
	}
	return true, nil
}

// shredOld destroys the replaced versions.
func (r *Runner) shredOld(j *Journal) error {
	for _, f := range j.run.Files {
		if j.isDone(stepShredded, f.Path) {
			continue
		}
		if err := r.shredIfExists(tempName(f.Path, oldSuffix)); err != nil {
			return err
		}
		if err := j.mark(stepShredded, f.Path); err != nil {
			return err
		}
		r.op("mark shredded %s", f.Path)
	}
	return nil
}

// shredExports destroys the expired exports and tells the manifest which
// are gone. An export that cannot be shredded (it became a directory, it
// is not the purge's to write) does not hold up the purge: it stays in the
// manifest and is reported in res.ExportFailures.
func (r *Runner) shredExports(j *Journal, res *Result) error {
	if len(j.run.Exports) == 0 || j.isDone(stepExports, "") {
		return nil
	}
	res.Exports = nil
	for _, p := range j.run.Exports {
		if err := r.shredIfExists(p); err != nil {
			res.ExportFailures = append(res.ExportFailures, err.Error())
			continue
		}
		res.Exports = append(res.Exports, p)
	}
	if r.ExportsShredded != nil && len(res.Exports) > 0 {
		if err := r.ExportsShredded(res.Exports); err != nil {
			return err
		}
		r.op("manifest")
	}
	if err := j.mark(stepExports, ""); err != nil {
		return err
	}
	r.op("mark exports")
	return nil
}

// Finish ends a run once it is recorded: it removes the journal.
func (r *Runner) Finish() error {
	if err := os.Remove(r.journalPath()); err != nil {
		return fmt.Errorf("purge journal: %w", err)
	}
	if err := atomicfile.SyncDir(r.Dir); err != nil {
		return err
	}
	r.op("finish")
	return nil
}
