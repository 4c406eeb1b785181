//go:build unix

package audit

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestOpenRefusesAPipeAtOnce(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "audit.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { done <- Append(fifo, &Entry{Command: "join"}) }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("Append(fifo) = %v, want %v", err, ErrNotRegular)
		}
	case <-time.After(time.Second):
		t.Fatal("Append(fifo) still blocked after a second")
	}
}
