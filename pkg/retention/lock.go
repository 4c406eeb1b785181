package retention

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/pkg/filelock"
)

// LockName is the lock a purge holds, beside the customers file, for the
// whole run. The operating system releases it when the process ends.
const LockName = ".custkit-purge.lock"

// ErrLocked is returned by Lock when another purge holds the lock, or
// the tills' writes hold it longer than TillWait.
var ErrLocked = errors.New("another purge is running on these files")

// TillWait is how long Lock waits while only the tills hold the lock:
// contact and complaint writes hold it shared for the few milliseconds a
// row takes, so a purge that starts during one waits for it to end
// rather than take it for another purge.
var TillWait = 10 * time.Second

// Lock takes the purge lock of dir, the directory of the customers file,
// or fails at once with an error wrapping ErrLocked when another purge
// holds it: two purges of the same files never run together. While only
// the tills hold it (shared), it waits up to TillWait for their writes.
func Lock(dir string) (*filelock.Lock, error) {
	path := filepath.Join(dir, LockName)
	deadline := time.Now().Add(TillWait)
	for {
		lock, err := filelock.TryAcquire(path, 0o600)
		if err == nil {
			return lock, nil
		}
		if !errors.Is(err, filelock.ErrBusy) {
			return nil, fmt.Errorf("purge lock: %w", err)
		}
		if !heldByTills(path) {
			return nil, fmt.Errorf("%w (it holds %s); nothing was changed", ErrLocked, path)
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w: writes at the tills kept %s busy for %s; nothing was changed", ErrLocked, path, TillWait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// heldByTills reports whether the lock at path is held shared only (by
// tills writing rows), not exclusively (by a purge or a rekey).
func heldByTills(path string) bool {
	shared, err := filelock.TryAcquireShared(path, 0o600)
	if err != nil {
		return false
	}
	shared.Unlock()
	return true
}

// Interrupted is the error of a run stopped by a signal: before its
// journal nothing changed; after it, the next purge finishes the run.
func (r *Runner) Interrupted() error {
	if j, err := r.Pending(); err == nil && j != nil {
		return errors.New("purge interrupted; the files already replaced stay so, and the next purge finishes the run")
	}
	return errors.New("purge interrupted; nothing was changed")
}
