//go:build unix

package shred

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
)

func TestFileRefusesAPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	if err := File(fifo, Options{}); !errors.Is(err, ErrNotRegular) {
		t.Errorf("File(fifo) = %v, want %v", err, ErrNotRegular)
	}
}
