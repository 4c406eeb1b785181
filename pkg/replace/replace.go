// Package replace replaces files so that a process killed at any moment
// leaves each of them wholly old or wholly new, for the commands that
// rewrite the shop's files in place (purge, rekey). The command writes
// every new version beside its file (NewName) and then the journal
// (WriteJournal); the Replacer gives each old version a second name
// (OldName), renames the new version over the file, syncs the directory,
// shreds the old version and marks each step in the journal. A later run
// reads the journal and finishes the steps not marked. What a new version
// holds, and what the journal's run records beside its files, is the
// command's own.
package replace

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/custkit/custkit/pkg/atomicfile"
)

// Steps marked in the journal for each file.
const (
	StepReplaced = "replaced" // the new version is in place
	StepShredded = "shredded" // the old version is destroyed
	// StepUnkept says the old version had no second name when the new
	// one was renamed over it (no hard links): it was deleted, not
	// shredded. Marked before the rename, so that a run resumed after a
	// kill still tells it. It errs on the safe side: a run killed between
	// the mark and the rename, resumed where the link then works, keeps
	// and shreds the old version and still names it.
	StepUnkept = "deleted unshredded"
)

// File is one file of a run, as the journal records it.
type File struct {
	// Path is absolute, with the symbolic links on the way resolved, so
	// that a resumed run finds the file whatever its working directory.
	Path string `json:"path"`
	Old  string `json:"old_sha256"`
	New  string `json:"new_sha256"`
	// Read is the old version's size and time as the run read it to the
	// end: the run that wrote the new version checks these before
	// renaming instead of hashing the file again. A resumed run hashes.
	Read os.FileInfo `json:"-"`
}

// Replacer carries out the steps of a run and keeps its journal.
type Replacer struct {
	// Dir holds the journal, JournalName.
	Dir         string
	JournalName string
	// What names the command in errors: "purge journal: ...".
	What string
	// NewSuffix and OldSuffix name the temporary files beside a file
	// (see TempName): its new version before the rename, and the second
	// name of its old version until it is shredded. They are fixed, so
	// that a run that was killed finds them.
	NewSuffix, OldSuffix string
	// Shred destroys a file that exists: the old versions and the
	// temporary files of a failed run.
	Shred func(path string) error
	// Op, when set, is called after every step that changes a file,
	// naming it: the crash tests stop the process there.
	Op func(op string)
	// Link gives a file a second name, os.Link when nil; the tests stand
	// in a file system without hard links with one that fails.
	Link func(oldname, newname string) error
}

func (r *Replacer) op(format string, args ...any) {
	if r.Op != nil {
		r.Op(fmt.Sprintf(format, args...))
	}
}

// TempName is the temporary file of path with suffix: dir/.base.suffix.
func TempName(path, suffix string) string {
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+suffix)
}

// NewName is where the new version of path is written.
func (r *Replacer) NewName(path string) string { return TempName(path, r.NewSuffix) }

// OldName is the second name of path's old version.
func (r *Replacer) OldName(path string) string { return TempName(path, r.OldSuffix) }

// ShredIfExists shreds path if there is anything there.
func (r *Replacer) ShredIfExists(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err := r.Shred(path); err != nil {
		return err
	}
	r.op("shred %s", path)
	return nil
}

// Discard destroys the new versions of a run that stops before its
// journal.
func (r *Replacer) Discard(files []File) {
	for _, f := range files {
		_ = r.ShredIfExists(r.NewName(f.Path))
	}
}

// Clean destroys what a killed run left: its journal's temporary files in
// Dir, and the new versions and second names beside paths. Call it only
// when there is no journal, whose run would still need them.
func (r *Replacer) Clean(paths []string) error {
	temps, err := r.journalTemps()
	if err != nil {
		return err
	}
	for _, p := range paths {
		temps = append(temps, r.NewName(p), r.OldName(p))
	}
	for _, t := range temps {
		if err := r.ShredIfExists(t); err != nil {
			return err
		}
	}
	return nil
}

// State is where a file of a run stands.
type State int

const (
	IsNew     State = iota // the new version is in place
	IsOld                  // the old version, its new one waiting beside it
	Missing                // there is no file
	NewBroken              // the old version, its new one missing or damaged
	Changed                // neither version: another program wrote it
)

// StateOf finds where f stands: from the state it was read in, by this
// process, or else by its hash.
func (r *Replacer) StateOf(f File) (State, error) {
	if Unchanged(f) {
		return IsOld, nil
	}
	got, err := HashFile(f.Path)
	if err != nil {
		return 0, err
	}
	switch got {
	case f.New:
		return IsNew, nil
	case f.Old:
		if h, err := HashFile(r.NewName(f.Path)); err != nil || h != f.New {
			return NewBroken, nil
		}
		return IsOld, nil
	case "":
		return Missing, nil
	}
	return Changed, nil
}

// ReplaceAll replaces the files in todo, in the order of files, and marks
// every file of the run replaced. unkept are the files whose old version
// could not be kept for shredding (see Replace), by this run or by a run
// of the same journal that was killed.
func (r *Replacer) ReplaceAll(ctx context.Context, j *Journal, files []File, todo map[string]bool) (unkept []string, err error) {
	for _, f := range files {
		if ctx.Err() != nil {
			return Unkept(j, files), ctx.Err()
		}
		if todo[f.Path] {
			if err := r.Replace(j, f.Path); err != nil {
				return Unkept(j, files), err
			}
		}
		if !j.IsDone(StepReplaced, f.Path) {
			if err := j.Mark(StepReplaced, f.Path); err != nil {
				return Unkept(j, files), err
			}
			r.op("mark replaced %s", f.Path)
		}
	}
	return Unkept(j, files), nil
}

// Unkept returns the files whose old versions the journal marks as
// deleted without shredding (StepUnkept), in the order of files.
func Unkept(j *Journal, files []File) []string {
	var out []string
	for _, f := range files {
		if j.IsDone(StepUnkept, f.Path) {
			out = append(out, f.Path)
		}
	}
	return out
}

// Replace puts the new version of path in place. The old version first
// gets a second name (a hard link), so that it can be shredded once the
// rename has been synced: shredding it earlier would leave no whole
// version behind. On a file system without hard links the rename deletes
// the old version unshredded, and the journal marks it so first.
func (r *Replacer) Replace(j *Journal, path string) error {
	old := r.OldName(path)
	kept, err := r.linkOld(path, old)
	if err != nil {
		return err
	}
	switch {
	case kept:
		r.op("link %s", old)
	case !j.IsDone(StepUnkept, path):
		if err := j.Mark(StepUnkept, path); err != nil {
			return err
		}
		r.op("mark deleted unshredded %s", path)
	}
	if err := os.Rename(r.NewName(path), path); err != nil {
		return err
	}
	r.op("rename %s", path)
	if err := atomicfile.SyncDir(filepath.Dir(path)); err != nil {
		return err
	}
	r.op("sync %s", filepath.Dir(path))
	return nil
}

// linkOld gives path the second name old. An old name left by a killed
// run is the same file, or a stale one that is removed first. Where the
// file system has no hard links (FAT, some network shares) it reports
// false, and the rename then drops the old version without overwriting it.
func (r *Replacer) linkOld(path, old string) (bool, error) {
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
	link := r.Link
	if link == nil {
		link = os.Link
	}
	if err := link(path, old); err != nil {
		return false, nil // no hard links here: the rename removes the old version
	}
	return true, nil
}

// ShredOld destroys the replaced versions of files, marking each.
func (r *Replacer) ShredOld(j *Journal, files []File) error {
	for _, f := range files {
		if j.IsDone(StepShredded, f.Path) {
			continue
		}
		if err := r.ShredIfExists(r.OldName(f.Path)); err != nil {
			return err
		}
		if err := j.Mark(StepShredded, f.Path); err != nil {
			return err
		}
		r.op("mark shredded %s", f.Path)
	}
	return nil
}

// Unchanged reports whether the run that wrote f's new version read the
// old one to the end and the file still has the size and time it had
// then (and is the same file); such a file needs no second hashing. A
// resumed run does not know them, and hashes.
func Unchanged(f File) bool {
	if f.Read == nil {
		return false
	}
	st, err := os.Stat(f.Path)
	return err == nil && st.Size() == f.Read.Size() && st.ModTime().Equal(f.Read.ModTime()) && os.SameFile(st, f.Read)
}

// HashFile returns the SHA-256 of a whole file, or "" if it does not exist.
func HashFile(path string) (string, error) {
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
	return hex.EncodeToString(h.Sum(nil)), nil
}
