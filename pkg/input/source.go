package input

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/infile"
	"github.com/custkit/custkit/pkg/progress"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// Source is an input file opened but not yet read: its bytes (counted on
// a progress bar), the name errors use and the encoding asked for.
type Source struct {
	// Reader reads the file's bytes.
	Reader io.Reader
	// Name is the file's path, or "-".
	Name string
	// Encoding is the file's own (Options.Files) or the one --encoding
	// gives the file's kind; "" detects.
	Encoding charset.Encoding
	// HeaderRow is the line of the header, the file's own or the one
	// --header-row gives its kind; 0 finds it. Source sets it.
	HeaderRow int
	close     func() error
	bar       *progress.Bar
}

// Close closes the file and clears its progress bar.
func (src *Source) Close() error {
	src.bar.Done()
	return src.close()
}

// Source opens path ("-" is standard input, at most once per run) for
// reading in its own encoding or the one --encoding gives kind, without
// reading it.
func (o *Opener) Source(ctx context.Context, path string, kind schema.Kind) (*Source, error) {
	enc, row, err := o.specOf(path, kind.Name)
	if err != nil {
		return nil, err
	}
	src, err := o.openSource(ctx, path, kindHint(kind))
	if err != nil {
		return nil, err
	}
	src.Encoding, src.HeaderRow = enc, row
	return src, nil
}

// openSource is where every input is opened. Each one is recorded for the
// run's access log entry with the SHA-256 of its bytes, computed as they
// are read (see access.Record.Track), so that no command hashes or logs
// inputs itself.
func (o *Opener) openSource(ctx context.Context, path, what string) (*Source, error) {
	// The encoding of any kind of file; openOne and Source give a kind's.
	enc, err := EncodingOf(o.opts.Encoding, "")
	if err != nil {
		return nil, err
	}
	if o.opts.OpenLog != nil {
		if err := o.opts.OpenLog(); err != nil {
			return nil, err
		}
	}
	name := path
	if path != "-" && namesStdinDevice(o.opts.Stdin, path) {
		// /dev/stdin or /dev/fd/0 when standard input is a device (a
		// terminal, /dev/null): read as "-" is.
		path = "-"
	}
	if path == "-" {
		return o.openStdin(ctx, name, enc)
	}
	// A directory, a socket or a device is refused before it is opened; a
	// FIFO is opened and read only as long as the run is not interrupted.
	file, err := infile.Open(ctx, path)
	var ke *infile.KindError
	switch {
	case errors.As(err, &ke):
		return nil, usererr.WithHint(fmt.Errorf("%s is %s, not a CSV file", path, ke.Kind), "check the path given to %s", what)
	case errors.Is(err, context.Canceled):
		return nil, err
	case err != nil:
		return nil, usererr.WithHint(err, "check the path given to %s", what)
	}
	var size int64 // unknown, for a pipe
	if st, err := file.Stat(); err == nil && file.Regular() {
		size = st.Size()
	}
	bar := o.startBar("reading "+path, size)
	r := bar.Reader(o.opts.Access.Track(path, file, file.Regular()))
	src := &Source{Reader: r, Name: path, Encoding: enc, close: file.Close, bar: bar}
	return o.decrypted(src)
}

// openStdin opens standard input, given as name ("-", or a path naming
// the device standard input is).
func (o *Opener) openStdin(ctx context.Context, name string, enc charset.Encoding) (*Source, error) {
	if o.stdinUsed {
		return nil, usererr.Usagef("only one input can be standard input (\"-\")")
	}
	if o.opts.StdinTTY {
		// Reading would wait for typed CSV, and an interrupt cannot
		// stop a read from the terminal.
		return nil, usererr.Usagef("no input: standard input is a terminal; give a file, or pipe one in")
	}
	o.stdinUsed = true
	var bar *progress.Bar
	if size, ok := regularSize(o.opts.Stdin); ok {
		bar = o.startBar("reading "+name, size)
	}
	r := bar.Reader(o.opts.Access.Track("-", infile.Reader(ctx, o.opts.Stdin), false))
	return o.decrypted(&Source{Reader: r, Name: name, Encoding: enc, close: func() error { return nil }, bar: bar})
}

// decrypted hands src to Options.Decrypt when it is encrypted (an age
// file: by its name, or its first bytes), before its encoding is looked
// at: the access log hashes the bytes on disk, the reader gets the plain
// ones.
func (o *Opener) decrypted(src *Source) (*Source, error) {
	if o.opts.Decrypt == nil {
		return src, nil
	}
	br := bufio.NewReaderSize(src.Reader, 64<<10)
	src.Reader = br
	head, _ := br.Peek(64)
	if !o.opts.Encrypted(src.Name, head) {
		return src, nil
	}
	plain, err := o.opts.Decrypt(src.Name, br)
	if err != nil {
		src.Close()
		return nil, err
	}
	closeFile := src.close
	src.Reader = plain
	src.close = func() error {
		plain.Close()
		return closeFile()
	}
	return src, nil
}

func (o *Opener) startBar(label string, size int64) *progress.Bar {
	if o.opts.StartBar == nil {
		return nil
	}
	return o.opts.StartBar(label, size)
}

// namesStdinDevice reports whether path is the device that is standard
// input (/dev/stdin on a terminal or on /dev/null). Devices are refused as
// inputs, but not the one standard input already is.
func namesStdinDevice(stdin io.Reader, path string) bool {
	st, err := os.Stat(path)
	if err != nil || st.Mode()&os.ModeDevice == 0 {
		return false
	}
	in, ok := stdin.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	ist, err := in.Stat()
	return err == nil && os.SameFile(st, ist)
}

// regularSize is the size of standard input when it is a regular file
// (custkit ... --sales - < sales.csv). A pipe gets no bar: its producer
// shows its own progress, or none.
func regularSize(in io.Reader) (int64, bool) {
	f, ok := in.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return 0, false
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return 0, false
	}
	return st.Size(), true
}
