// Package infile opens the files custkit reads so that neither the open
// nor a read can hang a run. A regular file is read as usual. A pipe (a
// FIFO, /dev/stdin from a pipe, bash's <(zcat sales.csv.gz)) is a
// legitimate input too, but opening a FIFO waits for a writer and reading a
// pipe waits for its producer: both give up as soon as the run's context is
// cancelled (Ctrl-C, SIGTERM). A directory, a socket or a device is refused
// before it is opened for anything that could block.
package infile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// KindError says that a path names something other than a file or a pipe.
type KindError struct {
	Path string
	Kind string // "a directory", "a socket", "a device"
}

func (e *KindError) Error() string {
	return fmt.Sprintf("%s is %s, not a file", e.Path, e.Kind)
}

// ErrNotFile is what every *KindError is: errors.Is(err, ErrNotFile).
var ErrNotFile = errors.New("not a file")

// Is makes a *KindError match ErrNotFile.
func (e *KindError) Is(target error) bool { return target == ErrNotFile }

// Check stats path, following symbolic links, and refuses what cannot be
// read as a file: a directory, a socket or a device. A regular file and a
// named pipe pass.
func Check(path string) (fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := kind(path, st); err != nil {
		return nil, err
	}
	return st, nil
}

// kind refuses what is neither a regular file nor a pipe.
func kind(path string, st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsRegular(), m&fs.ModeNamedPipe != 0:
		return nil
	case m.IsDir():
		return &KindError{Path: path, Kind: "a directory"}
	case m&fs.ModeSocket != 0:
		return &KindError{Path: path, Kind: "a socket"}
	case m&fs.ModeDevice != 0:
		return &KindError{Path: path, Kind: "a device"}
	}
	return &KindError{Path: path, Kind: "not a regular file or a pipe"}
}

// File is an input opened by Open: its reads return the context's error
// once the context is cancelled, even a read that waits for a pipe's
// producer.
type File struct {
	f       *os.File
	r       io.Reader // f, or a pump over it
	ctx     context.Context
	regular bool
	stop    func() bool
}

// Open checks path (see Check) and opens it for reading. Opening a named
// pipe waits for a writer, as reading from it would, and gives up with
// ctx's error when ctx is cancelled first.
func Open(ctx context.Context, path string) (*File, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := Check(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Op = "open" // what the caller asked for: open x: no such file
	}
	if err != nil {
		return nil, err
	}
	var f *os.File
	if st.Mode().IsRegular() {
		f, err = openFile(path)
	} else {
		f, err = openPipe(ctx, path)
	}
	if err != nil {
		return nil, err
	}
	// What was opened may not be what was checked, if the path was
	// replaced in between.
	was := st.Mode().IsRegular()
	if st, err = f.Stat(); err == nil {
		err = kind(path, st)
	}
	if err == nil && st.Mode().IsRegular() != was {
		err = fmt.Errorf("%s was replaced while it was being opened", path)
	}
	if err == nil && was {
		err = blocking(f)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return wrap(ctx, f, was), nil
}

// Reader makes reads of r, an input custkit did not open (standard
// input), give up once ctx is cancelled. A pipe or terminal is read by a
// goroutine of its own, which a cancelled read leaves behind: the run ends
// then.
func Reader(ctx context.Context, r io.Reader) io.Reader {
	if ctx == nil {
		ctx = context.Background()
	}
	f, ok := r.(*os.File)
	if !ok {
		return &ctxReader{ctx: ctx, r: r}
	}
	st, err := f.Stat()
	regular := err == nil && st.Mode().IsRegular()
	if regular {
		return &ctxReader{ctx: ctx, r: f}
	}
	return &ctxReader{ctx: ctx, r: newPump(ctx, f)}
}

// wrap arms the interrupt of f's reads.
func wrap(ctx context.Context, f *os.File, regular bool) *File {
	in := &File{f: f, r: f, ctx: ctx, regular: regular, stop: func() bool { return false }}
	if regular {
		// A read of a regular file does not wait for anything: checking
		// the context before each one is enough.
		return in
	}
	// A pipe opened by os.Open is in the runtime's poller where the system
	// has one, and a deadline in the past wakes a read that waits. Else
	// reads go through a goroutine that a cancelled read leaves behind.
	if err := f.SetReadDeadline(time.Time{}); err != nil {
		in.r = newPump(ctx, f)
		return in
	}
	in.stop = context.AfterFunc(ctx, func() { f.SetReadDeadline(time.Unix(1, 0)) })
	return in
}

// Read reads from the file, or returns the context's error once it is
// cancelled.
func (in *File) Read(p []byte) (int, error) {
	if err := in.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := in.r.Read(p)
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) && in.ctx.Err() != nil {
		err = in.ctx.Err()
	}
	return n, err
}

// Close closes the file.
func (in *File) Close() error {
	in.stop()
	return in.f.Close()
}

// Stat returns the file's information.
func (in *File) Stat() (fs.FileInfo, error) { return in.f.Stat() }

// Regular reports whether the file is a regular file, one that can be
// opened again and read from an offset; false for a pipe.
func (in *File) Regular() bool { return in.regular }

// Name is the path the file was opened by.
func (in *File) Name() string { return in.f.Name() }

// ReadFile opens path with Open and reads it whole.
func ReadFile(ctx context.Context, path string) ([]byte, error) {
	f, err := Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// ctxReader checks the context before each read.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// pump reads r in a goroutine of its own, one read at a time into its own
// buffer, so that a read waiting for r can be abandoned when the context
// is cancelled without the goroutine writing into the caller's buffer
// afterwards.
type pump struct {
	ctx     context.Context
	r       io.Reader
	buf     []byte
	pending []byte // read but not yet handed out
	err     error  // the error of the last read, once pending is empty
	want    chan struct{}
	got     chan result
	broken  bool // a read was abandoned; the goroutine may still hold buf
}

type result struct {
	n   int
	err error
}

const pumpBuffer = 256 << 10

func newPump(ctx context.Context, r io.Reader) *pump {
	p := &pump{ctx: ctx, r: r, buf: make([]byte, pumpBuffer), want: make(chan struct{}), got: make(chan result, 1)}
	go p.run()
	return p
}

func (p *pump) run() {
	for {
		select {
		case <-p.want:
		case <-p.ctx.Done():
			return
		}
		n, err := p.r.Read(p.buf)
		p.got <- result{n, err}
		if err != nil {
			return
		}
	}
}

func (p *pump) Read(b []byte) (int, error) {
	if p.broken {
		return 0, p.ctx.Err()
	}
	if len(p.pending) == 0 && p.err == nil {
		select {
		case p.want <- struct{}{}:
		case <-p.ctx.Done():
			p.broken = true
			return 0, p.ctx.Err()
		}
		select {
		case r := <-p.got:
			p.pending, p.err = p.buf[:r.n], r.err
		case <-p.ctx.Done():
			p.broken = true
			return 0, p.ctx.Err()
		}
	}
	n := copy(b, p.pending)
	p.pending = p.pending[n:]
	if len(p.pending) == 0 && p.err != nil {
		return n, p.err
	}
	return n, nil
}
