package retention

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/custkit/custkit/pkg/filelock"
)

// LockName is the lock a purge holds, beside the customers file, for the
// whole run. The operating system releases it when the process ends.
const LockName = ".custkit-purge.lock"

// ErrLocked is returned by Lock when another purge holds the lock.
var ErrLocked = errors.New("another purge is running on these files")

// Lock takes the purge lock of dir, the directory of the customers file,
// or fails at once with an error wrapping ErrLocked when another purge
// holds it: two purges of the same files never run together.
func Lock(dir string) (*filelock.Lock, error) {
	path := filepath.Join(dir, LockName)
	lock, err := filelock.TryAcquire(path, 0o600)
	if errors.Is(err, filelock.ErrBusy) {
		return nil, fmt.Errorf("%w (it holds %s); nothing was changed", ErrLocked, path)
	}
	if err != nil {
		return nil, fmt.Errorf("purge lock: %w", err)
	}
	return lock, nil
}

// Interrupted is the error of a run stopped by a signal: before its
// journal nothing changed; after it, the next purge finishes the run.
func (r *Runner) Interrupted() error {
	if j, err := r.Pending(); err == nil && j != nil {
		return errors.New("purge interrupted; the files already replaced stay so, and the next purge finishes the run")
	}
	return errors.New("purge interrupted; nothing was changed")
}
