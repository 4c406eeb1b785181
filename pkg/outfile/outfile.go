// Package outfile is where a command's rows go: standard output, or the
// file -o (or a side output's flag) names. A file is written beside its
// path and made visible only by [Target.Commit] (pkg/atomicfile), with
// mode 0600 when it holds personal data, and then recorded in the export
// manifest first; a FIFO or a character device is written into as it is;
// anything else, or a path that is one of the command's inputs, is refused
// before a row is written. A target counts the rows written on both the
// row and the fast (sink.Encoder) path, gathers the columns written for
// the access log, and stops writing once the run is interrupted.
package outfile

import (
	"context"
	"crypto/sha256"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/atomicfile"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/parse"
)

// Options say where and how an output is written.
type Options struct {
	// Flag names the output in messages: "-o", or a side output's flag.
	Flag string
	// Path is the file to write; "" or "-" is Stdout.
	Path   string
	Stdout io.Writer
	// Writer is how rows are written: the format, encoding, formula
	// guard, aliases and, for a printed table, the mask.
	Writer output.Options
	// Inputs are the command's input files, patterns expanded; "-" is
	// standard input, read from Stdin. A file output may be none of them.
	Inputs []string
	Stdin  io.Reader
	// Expiry is how long a file with personal data is kept before it is
	// shredded as an old export; asked only for a file that is replaced.
	Expiry func() (parse.Period, error)
	// Personal reports whether any of the columns holds personal data;
	// nil: none does.
	Personal func(cols []string) bool
	// Manifest is where a file with personal data is recorded; nil (a
	// run without an access record) tracks nothing.
	Manifest *Manifest
	// Purpose is the reason the data is used, for the manifest.
	Purpose string
	// Seal, if set, encrypts a file output (an -o path ending in .age, or
	// every -o with access.encrypt_outputs): the writer it returns is
	// given the output's bytes and writes ciphertext, so that nothing
	// plain reaches the disk, not even the temporary file; Commit closes
	// it before the file is made visible.
	Seal func(w io.Writer) (io.WriteCloser, error)
	// Hold, if set, keeps what goes to Stdout in memory while it says
	// true (asked at each write until it says false, then no more), and
	// at the latest until Commit: a run that reads an encrypted input
	// learns that it was cut off only at its end, and must not have
	// printed an answer before then.
	Hold func() bool
	// Allow, if set, is asked whether the output may be written, once its
	// columns are known (personal: any holds personal data); its error
	// stops the output before a row is written.
	Allow func(personal bool) error
	// Masked is called by Commit when personal data was masked in a
	// table printed to Stdout, to tell the person reading; nil says
	// nothing.
	Masked func()
}

// ToFile reports whether the output goes to a file (a path other than
// "-").
func (o *Options) ToFile() bool { return o.Path != "" && o.Path != "-" }

// Target is an opened output: a Writer plus what finishes or undoes it.
type Target struct {
	output.Writer
	opts     Options
	file     *atomicfile.File
	dest     string   // the file Path replaces: itself, or the file a symlink names
	direct   *os.File // a FIFO or character device written into as it is
	undirect func() bool
	sum      hash.Hash // SHA-256 of the bytes written to file
	header   []string  // every column written, in order, across tables
	inHeader map[string]bool
	rows     atomic.Int64
	personal bool
	expires  parse.Period
	ctx      context.Context // the run's: once cancelled, the output stops writing and commits nothing
	seal     io.WriteCloser  // the encrypting writer of a sealed output
	held     *heldWriter     // standard output kept until Commit
	refused  error           // Allow's answer, once it refused
}

// Open creates the output. Nothing is visible at the path until Commit; a
// deferred Abort removes the temporary file on any failure. ctx is the
// run's: once an interrupt cancels it, the output stops writing and
// commits nothing.
func Open(ctx context.Context, opts Options) (*Target, error) {
	t := &Target{opts: opts, ctx: ctx}
	w := opts.Stdout
	if opts.ToFile() {
		var err error
		if w, err = t.openFile(); err != nil {
			return nil, err
		}
		if opts.Seal != nil {
			if t.seal, err = opts.Seal(w); err != nil {
				t.Abort()
				return nil, err
			}
			w = t.seal
		}
	} else if opts.Hold != nil {
		t.held = &heldWriter{dst: w, hold: opts.Hold}
		w = t.held
	}
	wopts := opts.Writer
	if t.file != nil {
		wopts.TempDir = filepath.Dir(t.dest) // a large workbook's rows wait beside the file, not in a shared /tmp
	}
	ow, err := output.New(w, wopts)
	if err != nil {
		t.Abort()
		return nil, err
	}
	t.Writer = &headerSpy{Writer: ow, t: t}
	return t, nil
}

// openFile opens the file output: refused if it is an input, written into
// if it is a FIFO or device, else created beside its destination.
func (t *Target) openFile() (io.Writer, error) {
	if err := t.refuseInput(); err != nil {
		return nil, err
	}
	dest, device, err := t.destination()
	if err != nil {
		return nil, err
	}
	t.dest = dest
	if device != nil {
		return t.openDirect(device)
	}
	if t.expires, err = t.opts.Expiry(); err != nil {
		return nil, err
	}
	f, err := atomicfile.Create(dest, 0o600)
	if err != nil {
		return nil, t.pathError(err)
	}
	t.file, t.sum = f, sha256.New()
	return io.MultiWriter(f, t.sum), nil
}

// Commit finishes the output: flushes it and, for a file, makes it
// visible, with mode 0600 if it holds personal data and 0666 less the
// umask otherwise. A file with personal data is recorded in the export
// manifest before it becomes visible, so that no such copy exists
// untracked; a file without is forgotten by the manifest once it is
// visible, so that no harmless file is shredded as an old export. A FIFO
// or device is closed, and forgotten by the manifest too: nothing there
// can be shredded.
func (t *Target) Commit() error {
	if t.refused != nil {
		t.Abort()
		return t.refused
	}
	if err := t.Close(); err != nil {
		t.Abort()
		return err
	}
	if t.seal != nil {
		if err := t.seal.Close(); err != nil {
			t.Abort()
			return t.pathError(err)
		}
	}
	if err := t.ctx.Err(); err != nil {
		t.Abort()
		return err
	}
	if t.held != nil {
		if err := t.held.release(); err != nil {
			return err
		}
	}
	if t.opts.Masked != nil && t.opts.Writer.Mask != nil && t.personal && !t.opts.ToFile() {
		t.opts.Masked()
	}
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
		return t.commitPlain()
	}
	if err := t.track(); err != nil {
		t.Abort()
		return err
	}
	if err := t.file.Commit(); err != nil {
		return t.pathError(err)
	}
	return nil
}

// commitPlain makes a file without personal data visible with the mode
// the umask allows, and forgets any manifest entry of its path.
func (t *Target) commitPlain() error {
	if err := t.file.Chmod(os.FileMode(0o666 &^ umask)); err != nil {
		t.Abort()
		return t.pathError(err)
	}
	if err := t.file.Commit(); err != nil {
		return t.pathError(err)
	}
	return t.forget()
}

// Abort removes an uncommitted output file, or closes a FIFO or device
// output; it is safe to defer.
func (t *Target) Abort() {
	if t.file != nil {
		t.file.Abort()
	}
	_ = t.closeDirect()
}

// Record is the output as the access log describes it.
func (t *Target) Record() audit.Output {
	path := "-"
	if t.opts.ToFile() {
		path = access.AbsPath(t.dest)
	}
	return audit.Output{Path: path, Format: string(t.opts.Writer.Format), Rows: t.rows.Load(), Columns: t.header}
}

// Format is the format the output is written in.
func (t *Target) Format() output.Format { return t.opts.Writer.Format }

// HoldsPersonal tells the target that its output holds personal data
// whatever its columns are called (sink.DeclarePersonal), so that a file
// gets mode 0600 and is tracked.
func (t *Target) HoldsPersonal() {
	t.personal = true
	if t.opts.Allow != nil && t.refused == nil {
		t.refused = t.opts.Allow(true)
	}
}

// Holds tells the target that its output holds values of cols, as
// WriteHeader does for a table's header; a command that prints text
// between tables (history's card) calls it for the columns of that text,
// so that a file with personal data in any of them gets mode 0600 and is
// tracked, and the records list every column.
func (t *Target) Holds(cols []string) {
	if t.inHeader == nil {
		t.inHeader = make(map[string]bool, len(cols))
	}
	for _, c := range cols {
		if !t.inHeader[c] {
			t.inHeader[c] = true
			t.header = append(t.header, c)
		}
	}
	t.personal = t.personal || (t.opts.Personal != nil && t.opts.Personal(cols))
	if t.opts.Allow != nil && t.refused == nil {
		t.refused = t.opts.Allow(t.personal)
	}
}
