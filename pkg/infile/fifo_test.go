//go:build unix

package infile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func mkfifo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sales.csv")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return path
}

// within fails the test unless f returns within 5 seconds (a loaded
// machine), and returns what it returned.
func within(t *testing.T, what string, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatalf("%s did not end", what)
		return nil
	}
}

func TestFIFONoWriterCancelled(t *testing.T) {
	path := mkfifo(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	err := within(t, "open of a FIFO without a writer", func() error {
		f, err := Open(ctx, path)
		if err == nil {
			f.Close()
		}
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Open: %v, want context.Canceled", err)
	}
}

func TestFIFOWriter(t *testing.T) {
	path := mkfifo(t)
	want := bytes.Repeat([]byte("C1,R1,2026-01-02,100\n"), 20000)
	go func() {
		w, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write(want)
		w.Close()
	}()
	var got []byte
	err := within(t, "read of a FIFO", func() error {
		f, err := Open(context.Background(), path)
		if err != nil {
			return err
		}
		defer f.Close()
		if f.Regular() {
			t.Error("Regular() = true for a FIFO")
		}
		got, err = readAllChunks(f)
		return err
	})
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("read %d bytes, %v; want %d", len(got), err, len(want))
	}
}

// A writer that writes and closes before the reader gets to its open
// still hands over its bytes: a FIFO with a short producer is not read as
// empty.
func TestFIFOQuickWriter(t *testing.T) {
	path := mkfifo(t)
	written := make(chan struct{})
	go func() {
		defer close(written)
		w, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write([]byte("customer_id\nC1\n"))
		w.Close()
	}()
	got, err := readFIFO(t, path)
	if err != nil || string(got) != "customer_id\nC1\n" {
		t.Errorf("read %q, %v", got, err)
	}
	<-written
}

// readFIFO reads the FIFO at path whole, within the time limit.
func readFIFO(t *testing.T, path string) ([]byte, error) {
	var got []byte
	err := within(t, "read of a FIFO", func() error {
		var err error
		got, err = ReadFile(context.Background(), path)
		return err
	})
	return got, err
}

func TestFIFOStalledWriterCancelled(t *testing.T) {
	path := mkfifo(t)
	opened := make(chan *os.File, 1)
	go func() {
		w, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			opened <- nil
			return
		}
		w.Write([]byte("customer_id\n"))
		opened <- w // and writes no more
	}()
	ctx, cancel := context.WithCancel(context.Background())
	f, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := <-opened
	if w == nil {
		t.Fatal("the writer could not open the FIFO")
	}
	defer w.Close()
	time.AfterFunc(100*time.Millisecond, cancel)
	var got []byte
	err = within(t, "read of a stalled FIFO", func() error {
		var err error
		got, err = io.ReadAll(f)
		return err
	})
	if !errors.Is(err, context.Canceled) || string(got) != "customer_id\n" {
		t.Errorf("read %q, %v; want the header, then context.Canceled", got, err)
	}
}
