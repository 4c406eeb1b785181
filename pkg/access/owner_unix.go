//go:build unix

package access

import (
	"io/fs"
	"os"
	"syscall"
)

// OwnedByUser reports whether the user running custkit owns the file.
func OwnedByUser(st fs.FileInfo) bool {
	sys, ok := st.Sys().(*syscall.Stat_t)
	return !ok || int(sys.Uid) == os.Geteuid()
}
