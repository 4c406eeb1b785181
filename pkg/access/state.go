package access

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"runtime"

	"github.com/custkit/custkit/pkg/hashcache"
	"github.com/custkit/custkit/pkg/usererr"
)

// StatePath is where custkit keeps one of its own records: configured if
// the config names a place, else name under custkit/ in the state
// directory (see StateDir).
func StatePath(getenv func(string) string, configured, name string) (string, error) {
	if configured != "" {
		return configured, nil
	}
	dir := StateDir(getenv)
	if dir == "" {
		return "", errors.New("no place to keep it: neither XDG_STATE_HOME nor HOME is set")
	}
	return filepath.Join(dir, "custkit", name), nil
}

// StateDir is where custkit keeps its own records: $XDG_STATE_HOME, else
// ~/.local/state (%LOCALAPPDATA% on Windows); "" if the environment names
// none.
func StateDir(getenv func(string) string) string {
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return d
	}
	if runtime.GOOS == "windows" {
		if d := getenv("LOCALAPPDATA"); d != "" {
			return d
		}
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "state")
	}
	return ""
}

// OpenHashCache opens the cache of input hashes in the state directory;
// nil if there is none.
func OpenHashCache(getenv func(string) string) *hashcache.Cache {
	path, err := StatePath(getenv, "", "hashes.json")
	if err != nil {
		return nil
	}
	return hashcache.Open(path)
}

// CheckStateFile refuses a path for custkit's own records that is there
// but is not a regular file the user running custkit owns: a device, a
// pipe or a directory would be replaced or block the run, and a file of
// another user (named by a config someone else wrote) would be changed or
// trusted. what names the record ("access log") and setting the config
// key that places it, for the hint. A path that does not exist yet, or
// cannot be looked at, is left to the open to report.
func CheckStateFile(path, what, setting string) error {
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	hint := "the " + what + " must be a regular file you own, or not exist yet; set " + setting + " in the config file"
	if !st.Mode().IsRegular() {
		return usererr.WithHint(fmt.Errorf("%s %s is not a regular file", what, path), "%s", hint)
	}
	if !OwnedByUser(st) {
		return usererr.WithHint(fmt.Errorf("%s %s belongs to another user", what, path), "%s", hint)
	}
	return nil
}

// User names the user running custkit: the system's name for them, else
// the first of $USER, $USERNAME and $LOGNAME that is set, else "unknown".
func User(getenv func(string) string) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

// AbsPath makes a file name absolute for the records, keeping "-" (standard
// input or output) and "".
func AbsPath(p string) string {
	if p == "-" || p == "" {
		return p
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
