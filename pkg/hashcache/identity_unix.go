//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package hashcache

import (
	"io/fs"
	"syscall"
)

func identityOf(fi fs.FileInfo) (Identity, error) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return Identity{}, ErrNoIdentity
	}
	return Identity{
		Dev:   uint64(st.Dev),
		Ino:   uint64(st.Ino),
		Size:  fi.Size(),
		Mtime: fi.ModTime().UnixNano(),
		Ctime: ctime(st),
	}, nil
}
