//go:build unix

package regfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "log")
	if err := os.WriteFile(file, []byte("x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	f, err := Open(file, os.O_RDONLY, 0, Options{})
	if err != nil {
		t.Fatalf("regular file: %v", err)
	}
	f.Close()
	f, err = Open(filepath.Join(dir, "new"), os.O_RDWR|os.O_CREATE, 0o600, Options{})
	if err != nil {
		t.Fatalf("new file with O_CREATE: %v", err)
	}
	f.Close()
	if _, err := Open(filepath.Join(dir, "missing"), os.O_RDONLY, 0, Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Open(fifo, os.O_RDONLY, 0, Options{})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("fifo: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Open waited on a FIFO")
	}
	for _, p := range []string{dir, "/dev/null"} {
		if _, err := Open(p, os.O_WRONLY, 0, Options{}); !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := Open(link, os.O_RDONLY, 0, Options{NoFollow: true}); !errors.Is(err, ErrNotRegular) {
		t.Errorf("link with NoFollow: %v", err)
	}
	if f, err := Open(link, os.O_RDONLY, 0, Options{}); err != nil {
		t.Errorf("link followed: %v", err)
	} else {
		f.Close()
	}
	if err := Check(fifo); !errors.Is(err, ErrNotRegular) || err.Error() != fifo+" is not a regular file" {
		t.Errorf("Check(fifo) = %v", err)
	}
	if err := Check(file); err != nil {
		t.Errorf("Check(file) = %v", err)
	}
}
