//go:build unix

package manifest

import (
	"errors"
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
