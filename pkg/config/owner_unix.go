//go:build unix

package config

import (
	"fmt"
	"os"
	"syscall"

	"github.com/custkit/custkit/pkg/usererr"
)

// checkOwner refuses a config file that another user could have
// written: one that is group- or world-writable, or owned by another user
// than the one running custkit (root included), as ssh does with its own
// files and git with a repository's config. A config can name the files a
// purge rewrites and where the access log goes.
func checkOwner(file string) error {
	fi, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return usererr.WithHint(fmt.Errorf("config file %s is writable by other users (mode %04o); custkit does not read a config someone else could change", file, perm),
			"chmod go-w %s", file)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if uid := os.Geteuid(); int(st.Uid) != uid {
		return usererr.WithHint(fmt.Errorf("config file %s belongs to user %d, not to you (user %d); custkit does not read a config someone else could change", file, st.Uid, uid),
			"make a copy of your own (cp %s my-custkit.yaml) and name it with --config, or chown it", file)
	}
	return nil
}
