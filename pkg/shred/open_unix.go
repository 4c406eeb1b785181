//go:build unix

package shred

import "syscall"

// openFlags: a symbolic link or a pipe put in the file's place after File
// looked at it is neither followed nor waited on.
const openFlags = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
