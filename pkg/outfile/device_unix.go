//go:build unix

package outfile

import (
	"context"
	"errors"
	"os"
	"syscall"
	"time"
)

// openDevice opens the FIFO or character device at path (st is what
// os.Stat said of it) for writing, without creating or truncating it.
// Opening a FIFO for writing would block until a reader opens it; here it
// is opened without blocking, and tried again every 50ms until a reader
// comes or ctx ends. The file stays non-blocking, so that Go's poller
// waits for a slow reader and a write deadline can end that wait.
func openDevice(ctx context.Context, path string, st os.FileInfo) (*os.File, error) {
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
		if err == nil || st.Mode()&os.ModeNamedPipe == 0 || !errors.Is(err, syscall.ENXIO) {
			return f, err
		}
		// A FIFO with no reader yet.
		t := time.NewTimer(50 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}
