//go:build unix

package audit

import "syscall"

// openFlags keep an open from blocking on a pipe put in the log's place
// between the look at the path and the open.
const openFlags = syscall.O_NONBLOCK
