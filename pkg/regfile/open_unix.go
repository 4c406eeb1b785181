//go:build unix

package regfile

import "syscall"

// nonBlock keeps an open from waiting on a pipe put in a file's place
// between the look at its path and the open; noFollow refuses a symbolic
// link put there.
const (
	nonBlock = syscall.O_NONBLOCK
	noFollow = syscall.O_NOFOLLOW
)
