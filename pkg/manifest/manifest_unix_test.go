//go:build unix

package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A pipe where a copy was, or where the manifest is, is reported at once:
// nothing waits for a writer that never comes.
func TestAPipeIsNeverOpened(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "dm.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if s, err := Check(Entry{Path: fifo}); s != NotRegular || err != nil {
			t.Errorf("Check(fifo) = %q, %v; want %q", s, err, NotRegular)
		}
		if _, err := Read(fifo); !errors.Is(err, ErrNotRegular) {
			t.Errorf("Read(fifo) = %v, want %v", err, ErrNotRegular)
		}
		if _, err := HashFile(fifo); !errors.Is(err, ErrNotRegular) {
			t.Errorf("HashFile(fifo) = %v, want %v", err, ErrNotRegular)
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("still blocked on a pipe after a second")
	}
}

// The lock file beside the manifest is looked at as the manifest is: a
// pipe or a symbolic link in its place is refused at once, not opened
// (which would wait for a writer) nor followed.
func TestUpdateRefusesALockThatIsNoRegularFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "exports.csv")
	if err := syscall.Mkfifo(path+".lock", 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error)
	go func() {
		done <- Update(path, func(e []Entry) ([]Entry, error) { return e, nil })
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("Update with a pipe as its lock = %v, want %v", err, ErrNotRegular)
		}
	case <-time.After(time.Second):
		t.Fatal("still blocked on a pipe after a second")
	}
	path2 := filepath.Join(dir, "b.csv")
	target := filepath.Join(dir, "elsewhere")
	if err := os.WriteFile(target, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, path2+".lock"); err != nil {
		t.Fatal(err)
	}
	if err := Update(path2, func(e []Entry) ([]Entry, error) { return e, nil }); err == nil {
		t.Error("Update with a symbolic link as its lock succeeded")
	}
	if _, err := os.Stat(path2); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("manifest written through a refused lock: %v", err)
	}
}
