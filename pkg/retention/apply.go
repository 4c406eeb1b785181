package retention

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/replace"
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

func (r *Runner) op(format string, args ...any) {
	if r.AfterOp != nil {
		r.AfterOp(fmt.Sprintf(format, args...))
	}
}

// Pending returns the journal of a run that did not finish, or nil. It
// changes nothing. The paths of a journal written by an older custkit,
// relative to the directory that run worked in, are found beside the
// journal or from the current directory (see resolveLegacy).
func (r *Runner) Pending() (*Journal, error) {
	j, err := r.readJournal()
	if err != nil || j == nil || j.run.Version != legacyVersion {
		return j, err
	}
	if err := j.resolveLegacy(r.Dir); err != nil {
		return nil, err
	}
	return j, nil
}

// Clean destroys the temporary files that a killed run left: its journal's
// temporary files in Dir, and the new versions and second names beside
// the files (see replace.TempName), looked for both beside the name given and
// beside the file a link leads to. It takes only those exact names. Call
// it with the purge lock held and only when there is no journal, whose
// run still needs them: before a run, or once a resumed run is finished.
func (r *Runner) Clean(files Files) error {
	all := []string{files.Customers, files.Sales, files.Contacts, files.Complaints}
	all = append(append(append(all, files.MoreSales...), files.MoreContacts...), files.MoreComplaints...)
	var names []string
	for _, p := range all {
		if p == "" {
			continue
		}
		names = append(names, p)
		if real, err := canonicalPath(p); err == nil && real != p {
			names = append(names, real)
		}
	}
	// The journal's temporary files may hold the run's pseudonyms: they
	// are shredded like the rest.
	return r.replacer().Clean(names)
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
	for i := range run.Result.Files {
		if run.Result.Files[i].Path, err = canonicalPath(run.Result.Files[i].Path); err != nil {
			return nil, err
		}
	}
	if run.Files, err = r.writeAll(ctx, p, tokens.of); err != nil {
		return nil, err
	}
	rep := r.replacer()
	j := &Journal{run: run}
	if j.Journal, err = rep.WriteJournal(run); err != nil {
		rep.Discard(run.Files)
		return nil, err
	}
	r.op("journal")
	return r.Resume(ctx, j)
}

// writeAll writes the new version of every file the plan changes.
func (r *Runner) writeAll(ctx context.Context, p *Plan, token func(int) []byte) ([]journalFile, error) {
	var files []journalFile
	for _, fp := range p.Files {
		if !fp.Rewrites() {
			continue
		}
		path, err := canonicalPath(fp.Path)
		if err != nil {
			r.replacer().Discard(files)
			return nil, err
		}
		w := newWriter(path, token)
		files = append(files, journalFile{Path: path, Old: fp.SHA256})
		err = p.st.pass(ctx, p, fp, w)
		if err == nil {
			files[len(files)-1].New, err = w.commit()
			files[len(files)-1].Read = w.read
		}
		if err != nil {
			w.close()
			r.replacer().Discard(files)
			return nil, err
		}
		r.op("write %s", w.tmp)
	}
	return files, nil
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
	if se := (*StuckError)(nil); errors.As(err, &se) && restored(j) {
		return nil, r.abandon(j)
	}
	if err != nil {
		return nil, err
	}
	rep := r.replacer()
	res := j.run.Result
	unkept, err := rep.ReplaceAll(ctx, j.Journal, j.run.Files, todo)
	if err != nil {
		return nil, err
	}
	res.Unshredded = append(res.Unshredded, unkept...)
	if err := rep.ShredOld(j.Journal, j.run.Files); err != nil {
		return nil, err
	}
	if err := r.shredExports(j, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

// ErrAbandoned is returned by Resume for a run of which nothing is in
// place any more: every file is the version the run read (restored from a
// backup after the run stopped). Its temporary files and journal are gone,
// and a new purge plans afresh from the files as they are.
var ErrAbandoned = errors.New("every file is as it was before the interrupted purge; its journal and temporary files are removed")

// check finds which files still have their old version, and that every
// other one has its new version.
func (r *Runner) check(j *Journal) (map[string]bool, error) {
	rep := r.replacer()
	todo := map[string]bool{}
	started := j.run.Started.Format(time.RFC3339)
	for _, f := range j.run.Files {
		if j.IsDone(stepReplaced, f.Path) {
			// A file changed after it was replaced keeps its change; one
			// put back to the version the run read (a backup restored)
			// would stay unpurged beside purged files.
			if sum, err := replace.HashFile(f.Path); err == nil && sum == f.Old {
				return nil, r.stuck(j, fmt.Errorf("%s: the purge started %s replaced it, and it is back to the version that purge read; nothing more was replaced", f.Path, started), "")
			}
			continue
		}
		state, err := rep.StateOf(f)
		if err != nil {
			return nil, err
		}
		switch state {
		case replace.IsNew:
		case replace.IsOld:
			todo[f.Path] = true
		case replace.NewBroken:
			return nil, r.stuck(j, fmt.Errorf("%s: the new version written by the purge started %s is missing or damaged; nothing more was replaced", rep.NewName(f.Path), started), "")
		case replace.Missing:
			return nil, r.stuck(j, fmt.Errorf("%s: no such file, and the purge started %s has not replaced it yet; nothing more was replaced", f.Path, started),
				fmt.Sprintf("if the shop's files were moved, move them back to %s and run purge again; otherwise ", filepath.Dir(f.Path)))
		default:
			return nil, r.stuck(j, fmt.Errorf("%s: %w: another program wrote it while the purge started %s was under way; nothing more was replaced", f.Path, ErrChanged, started),
				fmt.Sprintf("put back the version of %s that the purge read (SHA-256 %s) and run purge again, or ", f.Path, f.Old))
		}
	}
	return todo, nil
}

// stuck is the error of a run that cannot be finished, with what to do
// that is safe: bring the files back to the versions the run read, all of
// them, after which a purge abandons the run (ErrAbandoned) and starts
// afresh. first is a remedy to name before that one.
func (r *Runner) stuck(j *Journal, err error, first string) error {
	paths := make([]string, len(j.run.Files))
	for i, f := range j.run.Files {
		paths[i] = f.Path
	}
	return &StuckError{err: err, hint: fmt.Sprintf("%srestore every one of %s from a backup taken before %s and run purge again: a purge that finds all of them as they were before the interrupted one starts afresh. Keep the journal %s until then: without it, a purge would plan from files of which some are purged and some not",
		first, strings.Join(paths, ", "), j.run.Started.Format(time.RFC3339), j.Path)}
}

// restored reports whether every file of the run is the version the run
// read, so that nothing of it is in place.
func restored(j *Journal) bool {
	for _, f := range j.run.Files {
		if sum, err := replace.HashFile(f.Path); err != nil || sum != f.Old {
			return false
		}
	}
	return true
}

// abandon destroys what a run of which nothing is in place left (its new
// versions, second names and journal temporary files) and its journal.
func (r *Runner) abandon(j *Journal) error {
	rep := r.replacer()
	for _, f := range j.run.Files {
		for _, name := range []string{rep.NewName(f.Path), rep.OldName(f.Path)} {
			if err := rep.ShredIfExists(name); err != nil {
				return err
			}
		}
	}
	if err := r.Finish(); err != nil {
		return err
	}
	return ErrAbandoned
}

// shredExports destroys the expired exports and tells the manifest which
// are gone. An export that cannot be shredded (it became a directory, it
// is not the purge's to write) does not hold up the purge: it stays in the
// manifest and is reported in res.ExportFailures.
func (r *Runner) shredExports(j *Journal, res *Result) error {
	if len(j.run.Exports) == 0 || j.IsDone(stepExports, "") {
		return nil
	}
	res.Exports = nil
	for _, p := range j.run.Exports {
		if err := r.replacer().ShredIfExists(p); err != nil {
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
	if err := j.Mark(stepExports, ""); err != nil {
		return err
	}
	r.op("mark exports")
	return nil
}

// Finish ends a run once it is recorded: it removes the journal.
func (r *Runner) Finish() error { return r.replacer().Finish() }
