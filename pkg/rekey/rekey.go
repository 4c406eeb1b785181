// Package rekey re-encrypts the shop's age-encrypted files to a new list of
// recipients, as purge replaces files (pkg/retention): every new version is
// written beside its file (ciphertext only), a synced journal records the
// run, the new versions are renamed over the old ones and the old versions,
// which the removed recipients could still open, are shredded. A run
// killed at any moment leaves each file wholly old or wholly new, and the
// next run finishes it before anything else. Where the file system has no
// hard links, an old version cannot be kept under a second name until the
// rename is synced: the rename deletes it without overwriting it, and the
// run says so (Result.Notes).
package rekey

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/replace"
)

// The temporary files beside a file (see replace.TempName): the new
// version before its rename, and a second name for the old version until
// it is shredded.
const (
	newSuffix = ".rekey-new"
	oldSuffix = ".rekey-old"
)

// ErrChanged is wrapped by the error for a file that changed while the
// rekey read it, or since: nothing is replaced.
var ErrChanged = errors.New("changed while rekey was under way")

// Runner re-encrypts files and finishes killed runs. Its journal lives in
// Dir.
type Runner struct {
	// Dir holds the journal (JournalName): the directory of the
	// customers file, whose purge lock the caller holds.
	Dir string
	// Decrypt opens an encrypted file's plain bytes; name is the file, for
	// errors. Its reader fails at the end of a damaged or cut-off file.
	Decrypt func(name string, r io.Reader) (io.ReadCloser, error)
	// Shred destroys a file that exists: the old versions (readable by
	// the removed recipients) and the temporary files of a failed run.
	Shred func(path string) error
	// AfterOp, when set, is called after every step that changes a file,
	// naming it: the crash tests stop the process there.
	AfterOp func(op string)
}

// Result is what a run did.
type Result struct {
	// Files are the files re-encrypted, as their paths were given.
	Files []string
	// Resumed is the start of an interrupted run that was finished first,
	// zero if there was none; Same reports that it was a run to the same
	// recipients and files, so that nothing more was done.
	Resumed time.Time
	Same    bool
	// Unshredded are the files whose old versions the rename deleted
	// without overwriting them: they could not be kept under a second
	// name for shredding (a file system without hard links).
	Unshredded []string
}

// Notes are the lines for standard error about what the run could not
// do: the old versions it deleted without shredding them, said once, as
// the keys they were encrypted to still open what the disk keeps of them.
func (res *Result) Notes() []string {
	switch n := len(res.Unshredded); n {
	case 0:
		return nil
	case 1:
		return []string{fmt.Sprintf("warning: the old version of %s was deleted, not shredded (no hard links on this file system to keep it by until the new one was in place); the keys it was encrypted to still open what the disk keeps of it", res.Unshredded[0])}
	default:
		files := strings.Join(res.Unshredded[:n-1], ", ") + " and " + res.Unshredded[n-1]
		return []string{fmt.Sprintf("warning: the old versions of %s were deleted, not shredded (no hard links on this file system to keep them by until the new ones were in place); the keys they were encrypted to still open what the disk keeps of them", files)}
	}
}

// Run re-encrypts files to recipients. A journal left by a killed run is
// finished first; if it was a run of the same files to the same
// recipients, that is all. The caller logs the run and then calls Finish,
// which removes the journal.
func (r *Runner) Run(ctx context.Context, files []string, recipients []string) (*Result, error) {
	rs, err := agefile.ParseRecipients(recipients, "recipients")
	if err != nil {
		return nil, err
	}
	abs := make([]string, len(files))
	for i, f := range files {
		if abs[i], err = canonical(f); err != nil {
			return nil, err
		}
	}
	rep := r.replacer()
	res := &Result{}
	j, err := r.readJournal()
	if err != nil {
		return nil, err
	}
	if j != nil {
		unkept, err := r.resume(ctx, rep, j)
		if err != nil {
			return nil, err
		}
		res.Unshredded = unkept
		res.Resumed = j.run.Started
		if sameSet(j.run.Recipients, recipients) && sameSet(j.paths(), abs) {
			res.Same = true
			res.Files = j.paths()
			res.Unshredded = asGiven(unkept, abs, files) // as a run that was not stopped names them
			return res, nil
		}
		// The journal stays until Finish; the new run below needs none
		// of its files, which are all in place.
		if err := r.Finish(); err != nil {
			return nil, err
		}
	}
	if err := rep.Clean(abs); err != nil {
		return nil, err
	}
	run := journalRun{Version: journalVersion, Started: time.Now().UTC().Truncate(time.Second), Recipients: recipients}
	for i, path := range abs {
		if ctx.Err() != nil {
			rep.Discard(run.Files)
			return nil, ctx.Err()
		}
		run.Files = append(run.Files, replace.File{Path: path})
		if err := r.write(rep, &run.Files[len(run.Files)-1], files[i], rs); err != nil {
			rep.Discard(run.Files)
			return nil, err
		}
	}
	// Nothing was replaced yet: a file that changed while it was read
	// stops the run here.
	for _, f := range run.Files {
		if !replace.Unchanged(f) {
			rep.Discard(run.Files)
			return nil, fmt.Errorf("%s: %w; nothing was replaced (run rekey again when nothing else writes the file)", f.Path, ErrChanged)
		}
	}
	j = &journal{run: run}
	if j.Journal, err = rep.WriteJournal(run); err != nil {
		rep.Discard(run.Files)
		return nil, err
	}
	if r.AfterOp != nil {
		r.AfterOp("journal")
	}
	unkept, err := r.resume(ctx, rep, j)
	if err != nil {
		return nil, err
	}
	res.Unshredded = append(res.Unshredded, asGiven(unkept, abs, files)...)
	res.Files = files
	return res, nil
}

// write writes the new version of f beside it: the old version decrypted
// as a stream and encrypted again to rs, with the hashes of both, and the
// old version's state once read to the end.
func (r *Runner) write(rep *replace.Replacer, f *replace.File, name string, rs []age.Recipient) error {
	in, err := os.Open(f.Path)
	if err != nil {
		return err
	}
	defer in.Close()
	oldHash := sha256.New()
	plain, err := r.Decrypt(name, io.TeeReader(in, oldHash))
	if err != nil {
		return err
	}
	defer plain.Close()
	tmp := rep.NewName(f.Path)
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer out.Close()
	newHash := sha256.New()
	enc, err := agefile.Encrypt(io.MultiWriter(out, newHash), rs)
	if err != nil {
		return err
	}
	if _, err := io.Copy(enc, plain); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("%s: %w", tmp, err)
	}
	if err := out.Sync(); err != nil {
		return fmt.Errorf("%s: %w", tmp, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("%s: %w", tmp, err)
	}
	// What age did not need of the file (nothing, for a whole one).
	if _, err := io.Copy(oldHash, in); err != nil {
		return err
	}
	if f.Read, err = in.Stat(); err != nil {
		return err
	}
	f.Old, f.New = sum(oldHash), sum(newHash)
	if r.AfterOp != nil {
		r.AfterOp("write " + tmp)
	}
	return nil
}

func sum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// resume finishes the run of a journal. Each file has its old version
// (its new one waiting beside it) or its new version; all are checked
// before anything is renamed. Then each old version gets a second name,
// the new version is renamed over the file and the directory synced, and
// the old versions are shredded; each step is marked in the journal.
// unkept are the files (their journal paths) whose old versions could
// not get a second name, which the rename deleted unshredded.
func (r *Runner) resume(ctx context.Context, rep *replace.Replacer, j *journal) (unkept []string, err error) {
	todo := map[string]bool{}
	started := j.run.Started.Format(time.RFC3339)
	for _, f := range j.run.Files {
		if j.IsDone(replace.StepReplaced, f.Path) {
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
			return nil, fmt.Errorf("%s: the new version written by the rekey started %s is missing or damaged; nothing more was replaced; restore the files from a backup taken before then, remove %s and run rekey again", rep.NewName(f.Path), started, j.Path)
		case replace.Missing:
			return nil, fmt.Errorf("%s: no such file, and the rekey started %s has not replaced it yet; nothing more was replaced; put it back and run rekey again", f.Path, started)
		default:
			return nil, fmt.Errorf("%s: %w: another program wrote it while the rekey started %s was under way; nothing more was replaced; put back the version it read (SHA-256 %s) and run rekey again", f.Path, ErrChanged, started, f.Old)
		}
	}
	// Without hard links the rename drops an old version unshredded.
	if unkept, err = rep.ReplaceAll(ctx, j.Journal, j.run.Files, todo); err != nil {
		return nil, err
	}
	return unkept, rep.ShredOld(j.Journal, j.run.Files)
}

// asGiven returns paths, each one of abs, as files names it.
func asGiven(paths, abs, files []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, files[slices.Index(abs, p)])
	}
	return out
}

// canonical is path made absolute with its links resolved, so that a run
// resumed from another directory finds the file.
func canonical(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// Files are the encrypted files (agefile.FileIs) of the customers,
// sales, contacts and complaints lists, each once (by path or identity,
// see input.SameFiles; a copy is a file of its own), the customers first;
// plain files are left alone. Standard input is refused, and so are lists
// without an encrypted file.
func Files(customers, sales, contacts, complaints string) ([]string, error) {
	var out []string
	for _, l := range []struct{ list, flag string }{{customers, "--customers"}, {sales, "--sales"}, {contacts, "--contacts"}, {complaints, "--complaints"}} {
		paths, err := input.ExpandFiles(l.list, l.flag)
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			if p == "-" {
				return nil, fmt.Errorf(`%s: rekey replaces files in place; standard input ("-") cannot be re-encrypted`, l.flag)
			}
			if agefile.FileIs(p) && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	// One file by two paths (./a.age, a link) is re-encrypted once, as a
	// path given twice is: replaced twice, it would be left half done.
	dups := input.SameFiles(out)
	for i := len(dups) - 1; i >= 0; i-- {
		out = slices.Delete(out, dups[i].At, dups[i].At+1)
	}
	if len(out) == 0 {
		return nil, errors.New("no encrypted file to re-encrypt among --customers, --sales, --contacts and --complaints (or the config's lists); encrypt them first with custkit encrypt")
	}
	return out, nil
}
