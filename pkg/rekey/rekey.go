// Package rekey re-encrypts the shop's age-encrypted files to a new list of
// recipients, as purge replaces files (pkg/retention): every new version is
// written beside its file (ciphertext only), a synced journal records the
// run, the new versions are renamed over the old ones and the old versions,
// which the removed recipients could still open, are shredded. A run
// killed at any moment leaves each file wholly old or wholly new, and the
// next run finishes it before anything else.
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
	"time"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/atomicfile"
	"github.com/custkit/custkit/pkg/input"
)

// Temporary files sit beside their file under fixed names, so that a
// killed run finds them: the new version before its rename, and a second
// name for the old version until it is shredded.
const (
	newSuffix = ".rekey-new"
	oldSuffix = ".rekey-old"
)

func tempName(path, suffix string) string {
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+suffix)
}

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
}

func (r *Runner) op(format string, args ...any) {
	if r.AfterOp != nil {
		r.AfterOp(fmt.Sprintf(format, args...))
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
	res := &Result{}
	j, err := readJournal(r.journalPath())
	if err != nil {
		return nil, err
	}
	if j != nil {
		if err := r.resume(ctx, j); err != nil {
			return nil, err
		}
		res.Resumed = j.run.Started
		if sameSet(j.run.Recipients, recipients) && sameSet(j.paths(), abs) {
			res.Same = true
			for _, f := range j.run.Files {
				res.Files = append(res.Files, f.Path)
			}
			return res, nil
		}
		// The journal stays until Finish; the new run below needs none
		// of its files, which are all in place.
		if err := r.Finish(); err != nil {
			return nil, err
		}
	}
	if err := r.clean(abs); err != nil {
		return nil, err
	}
	run := journalRun{Version: journalVersion, Started: time.Now().UTC().Truncate(time.Second), Recipients: recipients}
	for i, path := range abs {
		if ctx.Err() != nil {
			r.discard(run.Files)
			return nil, ctx.Err()
		}
		f := journalFile{Path: path}
		run.Files = append(run.Files, f)
		if err := r.write(&run.Files[len(run.Files)-1], files[i], rs); err != nil {
			r.discard(run.Files)
			return nil, err
		}
	}
	// Nothing was replaced yet: a file that changed while it was read
	// stops the run here.
	for _, f := range run.Files {
		if !unchanged(f) {
			r.discard(run.Files)
			return nil, fmt.Errorf("%s: %w; nothing was replaced (run rekey again when nothing else writes the file)", f.Path, ErrChanged)
		}
	}
	j, err = r.writeJournal(run)
	if err != nil {
		r.discard(run.Files)
		return nil, err
	}
	r.op("journal")
	if err := r.resume(ctx, j); err != nil {
		return nil, err
	}
	res.Files = files
	return res, nil
}

// write writes the new version of f beside it: the old version decrypted
// as a stream and encrypted again to rs, with the hashes of both, and the
// old version's state once read to the end.
func (r *Runner) write(f *journalFile, name string, rs []age.Recipient) error {
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
	tmp := tempName(f.Path, newSuffix)
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
	if f.read, err = in.Stat(); err != nil {
		return err
	}
	f.Old, f.New = sum(oldHash), sum(newHash)
	r.op("write %s", tmp)
	return nil
}

func sum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// resume finishes the run of a journal. Each file has its old version
// (its new one waiting beside it) or its new version; all are checked
// before anything is renamed. Then each old version gets a second name,
// the new version is renamed over the file and the directory synced, and
// the old versions are shredded; each step is marked in the journal.
func (r *Runner) resume(ctx context.Context, j *journal) error {
	todo := map[string]bool{}
	started := j.run.Started.Format(time.RFC3339)
	for _, f := range j.run.Files {
		if j.isDone(stepReplaced, f.Path) {
			continue
		}
		if unchanged(f) {
			todo[f.Path] = true
			continue
		}
		got, err := hashFile(f.Path)
		if err != nil {
			return err
		}
		switch got {
		case f.New:
		case f.Old:
			tmp := tempName(f.Path, newSuffix)
			if h, err := hashFile(tmp); err != nil || h != f.New {
				return fmt.Errorf("%s: the new version written by the rekey started %s is missing or damaged; nothing more was replaced; restore the files from a backup taken before then, remove %s and run rekey again", tmp, started, j.path)
			}
			todo[f.Path] = true
		case "":
			return fmt.Errorf("%s: no such file, and the rekey started %s has not replaced it yet; nothing more was replaced; put it back and run rekey again", f.Path, started)
		default:
			return fmt.Errorf("%s: %w: another program wrote it while the rekey started %s was under way; nothing more was replaced; put back the version it read (SHA-256 %s) and run rekey again", f.Path, ErrChanged, started, f.Old)
		}
	}
	for _, f := range j.run.Files {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if todo[f.Path] {
			if err := r.replace(f.Path); err != nil {
				return err
			}
		}
		if !j.isDone(stepReplaced, f.Path) {
			if err := j.mark(stepReplaced, f.Path); err != nil {
				return err
			}
			r.op("mark replaced %s", f.Path)
		}
	}
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

// replace puts the new version of path in place, the old one kept under a
// second name (a hard link) until the rename is synced, so that a whole
// version is always there. Without hard links the rename drops the old
// version unshredded.
func (r *Runner) replace(path string) error {
	old, tmp := tempName(path, oldSuffix), tempName(path, newSuffix)
	if st, err := os.Lstat(old); err == nil {
		cur, err := os.Stat(path)
		if err != nil {
			return err
		}
		if !os.SameFile(st, cur) {
			if err := os.Remove(old); err != nil {
				return err
			}
		}
	}
	if _, err := os.Lstat(old); errors.Is(err, os.ErrNotExist) {
		if os.Link(path, old) == nil {
			r.op("link %s", old)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	r.op("rename %s", path)
	if err := atomicfile.SyncDir(filepath.Dir(path)); err != nil {
		return err
	}
	r.op("sync %s", filepath.Dir(path))
	return nil
}

// clean destroys what a killed run left beside files and in Dir; called
// only when there is no journal, whose run would still need them.
func (r *Runner) clean(files []string) error {
	temps, err := journalTemps(r.Dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		temps = append(temps, tempName(f, newSuffix), tempName(f, oldSuffix))
	}
	for _, t := range temps {
		if err := r.shredIfExists(t); err != nil {
			return err
		}
	}
	return nil
}

// discard destroys the new versions of a run that stops before its
// journal.
func (r *Runner) discard(files []journalFile) {
	for _, f := range files {
		_ = r.shredIfExists(tempName(f.Path, newSuffix))
	}
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

// unchanged reports whether f is as this process read it to the end
// (size, time, same file): such a file needs no second hashing.
func unchanged(f journalFile) bool {
	if f.read == nil {
		return false
	}
	st, err := os.Stat(f.Path)
	return err == nil && st.Size() == f.read.Size() && st.ModTime().Equal(f.read.ModTime()) && os.SameFile(st, f.read)
}

// hashFile is the SHA-256 of a whole file, "" if there is none.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return sum(h), nil
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
// sales, contacts and complaints lists, each once, the customers first;
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
	if len(out) == 0 {
		return nil, errors.New("no encrypted file to re-encrypt among --customers, --sales, --contacts and --complaints (or the config's lists); encrypt them first with custkit encrypt")
	}
	return out, nil
}
