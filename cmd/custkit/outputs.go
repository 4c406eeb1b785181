package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/custkit/custkit/pkg/atomicfile"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
)

// target is an opened output: a Writer plus what finishes or undoes it.
type target struct {
	output.Writer
	s        *streams
	g        *globalOptions
	flags    outputFlags
	format   output.Format
	file     *atomicfile.File
	dest     string   // the file -o replaces: its path, or the file a symlink names
	direct   *os.File // a FIFO or character device -o writes into as it is
	undirect func() bool
	sum      hash.Hash // SHA-256 of the bytes written to file
	header   []string  // every column written, in order, across tables
	rows     atomic.Int64
	personal bool
	mask     func(column, value string) string // nil: values print as they are
	expires  parse.Period
	ctx      context.Context // the run's: outputs stop writing and commit nothing once an interrupt cancels it
	// inHeader holds the columns of header, so that holds is linear.
	inHeader map[string]bool
}

// open creates the output. Nothing is visible at -o until Commit; a
// deferred Abort removes the temporary file on any failure. inputs are the
// command's input paths: writing over one of them is refused. ctx is the
// run's: once an interrupt cancels it, the output stops writing and
// commits nothing.
func (o *outputFlags) open(ctx context.Context, s *streams, g *globalOptions, inputs ...string) (*target, error) {
	format, err := o.resolveFormat(s)
	if err != nil {
		return nil, err
	}
	enc, _ := charset.Parse(o.outputEncoding)
	if format == output.VCard && enc != "" && enc != charset.UTF8 {
		return nil, usageErrorf("vcard output is always UTF-8 without a BOM (RFC 6350); --output-encoding %s cannot apply", enc)
	}
	opts := output.Options{Format: format, Encoding: enc, FormulaGuard: o.guard(enc), Aliases: g.cfg.aliases["customers"]}
	t := &target{s: s, g: g, flags: *o, format: format, ctx: ctx}
	if format.Printed() && !o.reveal {
		opts.Mask = maskFunc(g)
		t.mask = opts.Mask
	}
	var w io.Writer = s.out
	if o.toFile() {
		if err := refuseOverwrite(s, o.flag(), o.path, inputs); err != nil {
			return nil, err
		}
		dest, device, err := o.destination()
		if err != nil {
			return nil, err
		}
		t.dest = dest
		if device != nil {
			if w, err = t.openDirect(device); err != nil {
				return nil, err
			}
		} else {
			if t.expires, err = o.expiry(g); err != nil {
				return nil, err
			}
			f, err := atomicfile.Create(dest, 0o600)
			if err != nil {
				return nil, o.pathError(err)
			}
			t.file, t.sum = f, sha256.New()
			w = io.MultiWriter(f, t.sum)
		}
	}
	ow, err := output.New(w, opts)
	if err != nil {
		t.Abort()
		return nil, err
	}
	t.Writer = &headerSpy{Writer: ow, t: t}
	g.access.AddOutput(t, o.purpose, o.reveal)
	return t, nil
}

// destination decides what -o does with its path. A new path or a regular
// file is replaced atomically; through a symlink, the file it names is
// replaced and the link stays. A FIFO or a character device (/dev/null,
// /dev/stdout, a terminal), named or linked, is written into as it is: it
// comes back as device, and is never replaced, truncated or chmod-ed.
// Anything else (a directory, a socket, a block device) is refused before
// anything is written.
func (o *outputFlags) destination() (dest string, device os.FileInfo, err error) {
	st, err := os.Stat(o.path)
	if err != nil {
		// A new path, or one that atomicfile.Create explains.
		return o.path, nil, nil
	}
	m := st.Mode()
	switch {
	case m.IsDir():
		// Found only at the final rename, after the run, and after the
		// export manifest had recorded a file there.
		return "", nil, usageErrorf("%s is a directory; give %s a file name", o.path, o.flag())
	case m&os.ModeNamedPipe != 0 || m&os.ModeCharDevice != 0:
		return o.path, st, nil
	case m&os.ModeSocket != 0:
		return "", nil, usageErrorf("%s %s is a socket, which custkit cannot write to; give a file, a FIFO or - (standard output)", o.flag(), o.path)
	case !m.IsRegular():
		return "", nil, usageErrorf("%s %s is not a regular file (%s); custkit writes only to files, FIFOs and character devices such as /dev/null", o.flag(), o.path, fileKind(m))
	}
	if lst, err := os.Lstat(o.path); err != nil || lst.Mode()&os.ModeSymlink == 0 {
		return o.path, nil, nil
	}
	// Renaming over the link would replace the link (/dev/stdout when
	// standard output is a file), so the file it names is replaced.
	real, err := filepath.EvalSymlinks(o.path)
	if err == nil {
		var rst os.FileInfo
		if rst, err = os.Stat(real); err == nil && !os.SameFile(st, rst) {
			err = fmt.Errorf("it resolves to %s, which is another file", real)
		}
	}
	if err != nil {
		return "", nil, usageErrorf("%s %s is a link that cannot be followed to the file it names (%v); give the file's own path", o.flag(), o.path, errCause(err))
	}
	return real, nil, nil
}

// fileKind names a kind of file that is neither regular nor a directory.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeDevice != 0:
		return "a block device"
	case m&os.ModeSymlink != 0:
		return "a symlink"
	}
	return "of type " + m.Type().String()
}

// openDirect opens the FIFO or character device at the output's path for
// writing, as it is. Opening a FIFO waits for a reader, and an interrupt
// ends the wait; an interrupt also ends a write that waits for a reader to
// read. Such an output cannot be tracked or shredded: like standard output,
// it is recorded in the access log only.
func (t *target) openDirect(device os.FileInfo) (io.Writer, error) {
	ctx := t.ctx
	f, err := openDevice(ctx, t.flags.path, device)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, t.flags.pathError(err)
	}
	// The path was looked at before it was opened: what was opened must
	// still be a FIFO or a character device, never a regular file
	// written over without its old contents being cut.
	st, err := f.Stat()
	if err != nil || st.Mode()&(os.ModeNamedPipe|os.ModeCharDevice) == 0 || !os.SameFile(st, device) {
		f.Close()
		return nil, usageErrorf("%s %s changed while it was opened; run again", t.flags.flag(), t.flags.path)
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

func (d *directWriter) Write(p []byte) (int, error) {
	n, err := d.f.Write(p)
	if err != nil && d.ctx.Err() != nil {
		return n, d.ctx.Err()
	}
	return n, err
}

// closeDirect closes a FIFO or device output.
func (t *target) closeDirect() error {
	if t.direct == nil {
		return nil
	}
	t.undirect()
	err := t.direct.Close()
	t.direct = nil
	if err != nil {
		return t.flags.pathError(err)
	}
	return nil
}

// maskFunc masks the personal columns of printed output.
func maskFunc(g *globalOptions) func(string, string) string {
	fields := map[string]schema.Field{}
	return func(column, value string) string {
		f, ok := fields[column]
		if !ok {
			f = schema.PersonalColumns([]string{column}, g.cfg.aliases, g.cfg.Privacy.PersonalColumns)[0]
			fields[column] = f
		}
		if f == "" {
			return value
		}
		return redact.Display(f, value)
	}
}

// Commit finishes the output: flushes it and, for -o, makes the file
// visible, with mode 0600 if it holds personal data and 0666 less the
// umask otherwise. A file with personal data is recorded in the export
// manifest before it becomes visible, so that no such copy exists
// untracked; a file without is forgotten by the manifest once it is
// visible, so that no harmless file is shredded as an old export. A FIFO
// or device is closed, and forgotten by the manifest too: nothing there
// can be shredded.
func (t *target) Commit() error {
	if err := t.Close(); err != nil {
		t.Abort()
		return err
	}
	if err := t.interrupted(); err != nil {
		t.Abort()
		return err
	}
	t.noteMasked()
	if t.direct != nil {
		if err := t.closeDirect(); err != nil {
			return err
		}
		return t.forget()
	}
	if t.file == nil {
		return nil
	}
	if !t.personal {
		if err := t.file.Chmod(os.FileMode(0o666 &^ umask)); err != nil {
			t.Abort()
			return t.flags.pathError(err)
		}
		if err := t.file.Commit(); err != nil {
			return t.flags.pathError(err)
		}
		return t.forget()
	}
	if err := t.track(); err != nil {
		t.Abort()
		return err
	}
	if err := t.file.Commit(); err != nil {
		return t.flags.pathError(err)
	}
	return nil
}

// noteMasked tells a person at a terminal that the table hides data.
func (t *target) noteMasked() {
	if t.format.Printed() && !t.flags.reveal && t.personal && !t.flags.toFile() && t.s.stderrTTY && !t.g.quiet {
		fmt.Fprintln(t.s.err, "custkit: personal data is masked; --reveal shows it (and is recorded in the access log)")
	}
}

// Abort removes an uncommitted output file, or closes a FIFO or device
// output; it is safe to defer.
func (t *target) Abort() {
	if t.file != nil {
		t.file.Abort()
	}
	_ = t.closeDirect()
}

// interrupted returns the run's context error once an interrupt has
// cancelled it. Commands check the context while they read; the target
// checks it while rows are written and before an -o file is made visible,
// so that a command interrupted while it writes stops too and leaves no
// file.
func (t *target) interrupted() error {
	return t.ctx.Err()
}

// headerSpy tells the target which columns are written and counts the
// rows; every 1024 rows it stops the writing if the run was interrupted.
type headerSpy struct {
	output.Writer
	t *target
}

func (h *headerSpy) WriteHeader(cols []string) error {
	h.t.holds(cols)
	return h.Writer.WriteHeader(cols)
}

func (h *headerSpy) Write(row []string) error {
	if h.t.rows.Add(1)%1024 == 0 {
		if err := h.t.interrupted(); err != nil {
			return err
		}
	}
	return h.Writer.Write(row)
}

// Mask masks value, a value of column, as the target masks the cells it
// prints: for text printed outside a table, so that one rule masks both.
func (t *target) Mask(column, value string) string {
	if t.mask == nil {
		return value
	}
	return t.mask(column, value)
}

// Printed reports whether the output is a printed format (table,
// markdown), which takes notes between tables.
func (t *target) Printed() bool {
	_, ok := t.Writer.(*headerSpy).Writer.(output.Noter)
	return ok
}

// Note writes a line of text between tables of a printed format (see
// output.Noter); the caller masks it with Mask first.
func (t *target) Note(line string) error {
	n, ok := t.Writer.(*headerSpy).Writer.(output.Noter)
	if !ok {
		return fmt.Errorf("this output format cannot hold text between tables")
	}
	return n.Note(line)
}

// Encoder exposes the fast path of the underlying writer, if it has one
// (see sink.Encodable). Rows written through it are counted as
// AppendRowEnd ends them.
func (t *target) Encoder() sink.Encoder {
	e := sink.EncoderOf(t.Writer.(*headerSpy).Writer)
	if e == nil {
		return nil
	}
	return &countingEncoder{Encoder: e, rows: &t.rows}
}

// countingEncoder counts the rows encoded on the fast path; it is safe for
// the concurrent use the Encoder contract allows.
type countingEncoder struct {
	sink.Encoder
	rows *atomic.Int64
}

func (c *countingEncoder) AppendRowEnd(dst []byte) []byte {
	c.rows.Add(1)
	return c.Encoder.AppendRowEnd(dst)
}

// refuseOverwrite stops an output (-o, or a side output's flag) from
// naming one of the command's inputs: by its path, through a symlink or a
// hard link, or as the file standard input was redirected from when an
// input is "-" (custkit mailing -o customers.csv < customers.csv).
func refuseOverwrite(s *streams, flag, out string, lists []string) error {
	var inputs []string
	for _, list := range lists {
		// An input flag is a list of files and patterns; one that does
		// not expand is reported when it is opened.
		files, _ := expandFiles(list, "")
		inputs = append(inputs, files...)
	}
	for _, in := range inputs {
		if in == "-" && isStdin(s, out) {
			return usageErrorf("%s %s is also an input: standard input is read from it; write to another file", flag, out)
		}
		if in != "" && in != "-" && sameFile(in, out) {
			return usageErrorf("%s %s is also an input; write to another file", flag, out)
		}
	}
	return nil
}

// isStdin reports whether path is the file standard input reads from.
func isStdin(s *streams, path string) bool {
	f, ok := s.in.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	in, err := f.Stat()
	if err != nil {
		return false
	}
	st, err := os.Stat(path)
	return err == nil && os.SameFile(in, st)
}

// sameFile reports whether two paths name one file: the same absolute
// path, or (through links) the same existing file.
func sameFile(a, b string) bool {
	if aa, err := filepath.Abs(a); err == nil {
		if ab, err := filepath.Abs(b); err == nil && aa == ab {
			return true
		}
	}
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}
