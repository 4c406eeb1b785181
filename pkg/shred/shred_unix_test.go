//go:build unix

package shred

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestFileRefusesAPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { done <- File(fifo, Options{}) }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("File(fifo) = %v, want %v", err, ErrNotRegular)
		}
	case <-time.After(time.Second):
		t.Fatal("File(fifo) still blocked after a second")
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe is gone or changed: %v, %v", st, err)
	}
}

// A pipe swapped in after the look is found on the open file, not waited on.
func TestOpenRegularRefusesAPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if f, err := openRegular(fifo); !errors.Is(err, ErrNotRegular) {
		if f != nil {
			f.Close()
		}
		t.Errorf("openRegular(fifo with a reader) = %v, want %v", err, ErrNotRegular)
	}
}

func TestOpenRegularRefusesALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "keep.csv")
	os.WriteFile(target, []byte("x"), 0o600)
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if f, err := openRegular(link); err == nil {
		f.Close()
		t.Error("openRegular followed a symbolic link")
	}
}
