//go:build unix

package outfile

import "syscall"

// umask is the process's file mode creation mask, read once while the
// package is initialised, before any other goroutine could create a file
// during the moment it is changed and set back.
var umask = func() uint32 {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return uint32(m)
}()
