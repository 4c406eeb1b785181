package outfile

import (
	"context"
	"io"
	"os"
	"time"

	"github.com/custkit/custkit/pkg/usererr"
)

// openDirect opens the FIFO or character device at the output's path for
// writing, as it is. Opening a FIFO waits for a reader, and an interrupt
// ends the wait; an interrupt also ends a write that waits for a reader to
// read. Such an output cannot be tracked or shredded: like standard output,
// it is recorded in the access log only.
func (t *Target) openDirect(device os.FileInfo) (io.Writer, error) {
	ctx := t.ctx
	f, err := openDevice(ctx, t.opts.Path, device)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, t.pathError(err)
	}
	// The path was looked at before it was opened: what was opened must
	// still be a FIFO or a character device, never a regular file
	// written over without its old contents being cut.
	st, err := f.Stat()
	if err != nil || st.Mode()&(os.ModeNamedPipe|os.ModeCharDevice) == 0 || !os.SameFile(st, device) {
		f.Close()
		return nil, usererr.Usagef("%s %s changed while it was opened; run again", t.opts.Flag, t.opts.Path)
	}
	t.direct = f
	t.undirect = context.AfterFunc(ctx, func() { _ = f.SetWriteDeadline(time.Unix(1, 0)) })
	return &directWriter{f: f, ctx: ctx}, nil
}

// directWriter writes to a FIFO or device; a write that an interrupt ended
// returns the interrupt, not the deadline that ended it.
type directWriter struct {
	f   *os.File
	ctx context.Context
}

// Write writes p to the FIFO or device.
func (d *directWriter) Write(p []byte) (int, error) {
	n, err := d.f.Write(p)
	if err != nil && d.ctx.Err() != nil {
		return n, d.ctx.Err()
	}
	return n, err
}

// closeDirect closes a FIFO or device output.
func (t *Target) closeDirect() error {
	if t.direct == nil {
		return nil
	}
	t.undirect()
	err := t.direct.Close()
	t.direct = nil
	if err != nil {
		return t.pathError(err)
	}
	return nil
}
