//go:build unix

package infile

import (
	"context"
	"os"
	"syscall"
	"time"
)

// openFile opens what was a regular file when it was checked. O_NONBLOCK
// keeps the open from waiting should the path have become a FIFO since;
// for a regular file it changes nothing, and the runtime clears it.
func openFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// unblockWait is how long openPipe waits, after ctx is cancelled, for the
// open it woke to return, before it leaves it behind.
const unblockWait = 200 * time.Millisecond

// openPipe opens a named pipe for reading. The open waits for a writer,
// and an open blocked in the kernel ignores the context: so it runs in a
// goroutine, and a cancelled open wakes it by opening the pipe for
// writing (which does not wait, as the blocked open counts as a reader)
// and closing it at once. The open is not done with O_NONBLOCK instead:
// a read would then find no writer yet and take the pipe for an empty
// file.
func openPipe(ctx context.Context, path string) (*os.File, error) {
	type opened struct {
		f   *os.File
		err error
	}
	done := make(chan opened, 1)
	go func() {
		f, err := os.Open(path)
		done <- opened{f, err}
	}()
	select {
	case o := <-done:
		return o.f, o.err
	case <-ctx.Done():
	}
	deadline := time.After(unblockWait)
	for {
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		select {
		case o := <-done:
			if o.f != nil {
				o.f.Close()
			}
			return nil, ctx.Err()
		case <-deadline:
			// The path no longer leads to the pipe the open waits on:
			// the goroutine stays until a writer comes or the run ends.
			go func() {
				if o := <-done; o.f != nil {
					o.f.Close()
				}
			}()
			return nil, ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// blocking clears the O_NONBLOCK that openFile opened a regular file with.
func blocking(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = syscall.SetNonblock(int(fd), false) }); err != nil {
		return err
	}
	return serr
}
