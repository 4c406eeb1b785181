//go:build unix

package interrupt

import (
	"bytes"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestContext sends the process a real SIGTERM: the context is cancelled
// and nothing exits; after stop the handler is gone.
func TestContext(t *testing.T) {
	exited := make(chan int, 1)
	ctx, stop := Context(&bytes.Buffer{}, func(code int) { exited <- code })
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGTERM did not cancel the context")
	}
	stop()
	select {
	case code := <-exited:
		t.Errorf("one signal exited (%d)", code)
	default:
	}
}
