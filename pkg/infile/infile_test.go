package infile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestOpenRegular(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.csv")
	want := []byte("customer_id,name\nC1,Yamada\n")
	if err := os.WriteFile(path, want, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !f.Regular() {
		t.Error("Regular() = false for a regular file")
	}
	got, err := io.ReadAll(f)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("read %q, %v; want %q", got, err, want)
	}
}

func TestRefused(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "s")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
	} else {
		sock = ""
	}
	cases := map[string]string{dir: "a directory"}
	if sock != "" {
		cases[sock] = "a socket"
	}
	if _, err := os.Stat(os.DevNull); err == nil && os.DevNull == "/dev/null" {
		cases[os.DevNull] = "a device"
	}
	for path, kind := range cases {
		f, err := Open(context.Background(), path)
		if err == nil {
			f.Close()
			t.Errorf("Open(%s) succeeded", path)
			continue
		}
		var ke *KindError
		if !errors.As(err, &ke) || ke.Kind != kind || !errors.Is(err, ErrNotFile) {
			t.Errorf("Open(%s): %v, want a KindError %q", path, err, kind)
		}
		if want := path + " is " + kind + ", not a file"; err.Error() != want {
			t.Errorf("Open(%s): %q, want %q", path, err, want)
		}
		if _, err := ReadFile(context.Background(), path); !errors.Is(err, ErrNotFile) {
			t.Errorf("ReadFile(%s): %v, want ErrNotFile", path, err)
		}
	}
}

func TestCancelledBeforeOpen(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, "whatever"); !errors.Is(err, context.Canceled) {
		t.Errorf("Open with a cancelled context: %v", err)
	}
}

// readAllChunks reads r with a small buffer, to go through the pump's
// pending bytes.
func readAllChunks(r io.Reader) ([]byte, error) {
	var out []byte
	buf := make([]byte, 7)
	for {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

func TestReaderPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want := bytes.Repeat([]byte("C1,100\n"), 100000)
	go func() {
		w.Write(want)
		w.Close()
	}()
	got, err := readAllChunks(Reader(context.Background(), r))
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("read %d bytes, %v; want %d", len(got), err, len(want))
	}
}

func TestReaderPipeCancelled(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() {
		_, err := io.ReadAll(Reader(ctx, r))
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("read of a silent pipe: %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("read of a silent pipe did not end when the context was cancelled")
	}
}

func TestReaderNotFile(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := Reader(ctx, bytes.NewBufferString("abc"))
	buf := make([]byte, 2)
	if n, err := r.Read(buf); n != 2 || err != nil {
		t.Fatalf("Read = %d, %v", n, err)
	}
	cancel()
	if _, err := r.Read(buf); !errors.Is(err, context.Canceled) {
		t.Errorf("Read after cancel: %v", err)
	}
}
