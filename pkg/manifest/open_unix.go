//go:build unix

package manifest

import "syscall"

// openFlags keep an open from blocking on a pipe put in a file's place
// between the look at its path and the open; noFollow refuses a symbolic
// link put there.
const (
	openFlags = syscall.O_NONBLOCK
	noFollow  = syscall.O_NOFOLLOW
)
