//go:build unix

package retention

import (
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of the file it replaces, so that a
// purge run by root from cron leaves the shop's files to the shop's user.
// Without the right to do so (an ordinary user) the file stays the
// caller's, which is then also the old file's owner.
func keepOwner(f *os.File, old os.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}
