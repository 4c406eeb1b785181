package retention

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/custkit/custkit/pkg/replace"
)

// canonicalPath is the absolute path of an existing file with every
// symbolic link on the way resolved, the file's own included: a purge
// rewrites the file a link points to, beside it, and leaves the link as it
// is. The journal records these paths, so that the run that finishes a
// killed one reaches the same files from any working directory, and
// through whatever name the config gives them.
func canonicalPath(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	if filepath.IsAbs(real) {
		return filepath.Clean(real), nil
	}
	// EvalSymlinks resolved every link; what is left relative can only
	// begin with "..", which must be taken from the real working
	// directory, not from a $PWD that may itself pass through a link.
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	if wd, err = filepath.EvalSymlinks(wd); err != nil {
		return "", err
	}
	return filepath.Join(wd, real), nil
}

// resolveLegacy makes the paths of a version 1 journal absolute. They are
// relative to the working directory of the run that wrote it, which the
// journal does not say; the run was given the config's paths, so each path
// is looked for beside the journal (the customers file's directory), under
// its name alone beside the journal, and from the current directory. A
// candidate counts only when the file there is one of the versions the
// journal recorded for it, so a file of the same name elsewhere is never
// taken for it. A path found nowhere stops the resume with what to do.
func (j *Journal) resolveLegacy(dir string) error {
	hashes := map[string][]string{}
	for _, f := range j.run.Files {
		hashes[f.Path] = append(hashes[f.Path], f.Old, f.New)
	}
	for _, f := range j.run.Result.Files {
		hashes[f.Path] = append(hashes[f.Path], f.SHA256)
	}
	resolved := map[string]string{}
	for _, p := range j.paths() {
		if abs, ok := resolved[*p]; ok {
			*p = abs
			continue
		}
		abs, err := findLegacy(*p, dir, hashes[*p])
		if err != nil {
			return err
		}
		if abs == "" {
			return &StuckError{
				err: fmt.Errorf("purge journal %s: it was written by an older custkit, which recorded %s relative to the directory that purge ran in, and no file with the contents the purge recorded for it is at %s, at %s or at %s; nothing was changed",
					j.Path, *p, filepath.Join(dir, *p), filepath.Join(dir, filepath.Base(*p)), *p),
				hint: fmt.Sprintf("run purge again from the directory the purge started %s ran in (for cron, the directory its command line starts in), with the same --config; keep the journal: it is what lets that run finish the interrupted one",
					j.run.Started.Format(time.RFC3339)),
			}
		}
		resolved[*p], *p = abs, abs
	}
	for i, e := range j.run.Exports {
		if !filepath.IsAbs(e) {
			// The export manifest holds absolute paths; a relative one
			// can only be read as the older run read it.
			if abs, err := filepath.Abs(e); err == nil {
				j.run.Exports[i] = abs
			}
		}
	}
	return nil
}

// findLegacy returns the first candidate for a version 1 path whose file
// has one of hashes; "" if there is none.
func findLegacy(p, dir string, hashes []string) (string, error) {
	cands := []string{p}
	if !filepath.IsAbs(p) {
		cands = []string{filepath.Join(dir, p), filepath.Join(dir, filepath.Base(p)), p}
	}
	seen := map[string]bool{}
	for _, c := range cands {
		abs, err := canonicalPath(c)
		if err != nil || seen[abs] {
			continue // no such file
		}
		seen[abs] = true
		sum, err := replace.HashFile(abs)
		if err != nil {
			return "", err
		}
		if sum != "" && slices.Contains(hashes, sum) {
			return abs, nil
		}
	}
	return "", nil
}

// StuckError is a killed run that its journal cannot finish as the files
// are now. Nothing more was replaced; Hint says what to do that is safe.
// Removing the journal never is: the next purge would plan from files of
// which some are purged and some not, and keep the ids of customers it
// already deleted in the files not yet replaced.
type StuckError struct {
	err  error
	hint string
}

func (e *StuckError) Error() string { return e.err.Error() }
func (e *StuckError) Unwrap() error { return e.err }

// Hint says what to do.
func (e *StuckError) Hint() string { return e.hint }
