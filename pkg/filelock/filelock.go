// Package filelock serialises custkit runs that update the same side file
// (the export manifest, the access log). A lock is an advisory lock held on
// an open file: the operating system releases it when the process ends, so a
// killed run never leaves a stale lock behind, and two runs on one machine
// take turns instead of losing each other's update.
package filelock

import (
	"errors"
	"os"
)

// Lock is a held lock. Unlock releases it and closes its file.
type Lock struct {
	f *os.File
}

// Acquire opens path for reading and writing (creating it with perm if
// needed) and blocks until it holds an exclusive lock on it.
func Acquire(path string, perm os.FileMode) (*Lock, error) {
	return Open(path, os.O_RDWR, perm)
}

// Open is Acquire with the open flags given, such as os.O_RDWR|os.O_APPEND
// for a log that must only ever grow; os.O_CREATE is always added.
func Open(path string, flag int, perm os.FileMode) (*Lock, error) {
	f, err := os.OpenFile(path, flag|os.O_CREATE, perm)
	if err != nil {
		return nil, err
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Lock{f: f}, nil
}

// ErrBusy is returned by TryAcquire when another process holds the lock.
var ErrBusy = errors.New("locked by another process")

// TryAcquire is Acquire without the wait: when another process holds the
// lock it returns ErrBusy at once, for a run that must not queue behind
// another (a purge started by cron while the last one still runs).
func TryAcquire(path string, perm os.FileMode) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, perm)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Lock{f: f}, nil
}

// File returns the locked file, for callers that lock the file they write
// (the access log locks itself).
func (l *Lock) File() *os.File { return l.f }

// Unlock releases the lock and closes the file.
func (l *Lock) Unlock() error {
	uerr := unlock(l.f)
	cerr := l.f.Close()
	if uerr != nil {
		return uerr
	}
	return cerr
}

// LockFile blocks until it holds an exclusive lock on the open file f, for
// a caller that opens a file once and locks it only while it changes it
// (the access log, opened at the start of a run and appended at its end).
// UnlockFile releases it; closing f releases it too.
func LockFile(f *os.File) error { return lock(f) }

// UnlockFile releases a lock taken with LockFile, leaving f open.
func UnlockFile(f *os.File) error { return unlock(f) }

// TryAcquireShared is TryAcquire for a shared lock: any number of
// processes hold it together, and an exclusive lock waits for all of them
// (and they for it). The tills recording contacts hold the purge lock so,
// for the moment of a write, so that a purge never replaces a file while a
// row goes into it, and the tills never wait for each other.
func TryAcquireShared(path string, perm os.FileMode) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, perm)
	if err != nil {
		return nil, err
	}
	if err := tryLockShared(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Lock{f: f}, nil
}
