// Package contactlog writes the contacts and complaints files that staff
// record at the till: one row appended, or one row changed, in the file's
// own encoding, delimiter, line ends and column order, with every other
// byte of the file left as it was.
//
// Several tills write at once, and the scheduled purge replaces these
// files. Every write therefore takes two locks: the purge lock beside the
// customers file (pkg/retention's LockName), shared, so that tills never
// wait for each other and a purge never runs while a row goes in; and an
// exclusive lock on the data file itself, so that two rows never
// interleave. A purge in progress makes a writer wait at most
// [Options.Wait], then fail with [ErrPurging].
//
// An append is one write of the whole row, then fsync, with a note of it
// beside the file while it is under way (torn.go): a writer killed at any
// moment leaves the file either without the row or with all of it once
// the next write has opened it. A
// change to one row (a complaint's status) writes the whole file anew
// beside it and renames it into place (pkg/atomicfile); a writer that
// locked the old file notices the rename and starts again on the new one.
package contactlog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/atomicfile"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/filelock"
	"github.com/custkit/custkit/pkg/jsonin"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/workbook"
)

// PurgeLockName is the purge's lock file, beside the customers file; the
// same name as retention.LockName, which this package does not import so
// as not to depend on the purge.
const PurgeLockName = ".custkit-purge.lock"

// DefaultWait is how long a writer waits for a purge to end.
const DefaultWait = 10 * time.Second

// ErrPurging is the error of a write that waited for a purge in vain.
var ErrPurging = errors.New("a purge is running on these files")

// ErrNotFound is the error of [Rewrite] when no row matches.
var ErrNotFound = errors.New("no such row")

// Options say which file a write goes to and how it is kept safe.
type Options struct {
	// Path is the contacts or complaints file.
	Path string
	// Kind is its kind of file, whose fields the header binds to.
	Kind schema.Kind
	// Aliases are the config's extra header names for Kind.
	Aliases schema.Aliases
	// Required are the fields the write needs a column for: a header
	// without one of them is an error, and nothing is written.
	Required []schema.Field
	// PurgeDir is the directory of the customers file, where a purge
	// keeps its lock.
	PurgeDir string
	// Wait is how long to wait for a purge to end; 0 is DefaultWait.
	Wait time.Duration
	// New is how a file that does not exist yet is written: its header
	// is the kind's standard one.
	New NewFile
	// Crypt reads and writes an encrypted (age) file: one whose name ends
	// in .age or that begins with the age header. Without it, such a file
	// is refused. See [Crypt].
	Crypt *Crypt
}

// Crypt is how a write opens and seals an encrypted file. age cannot
// append to a file in place, so a write to an encrypted file decrypts it
// whole into memory under the file's lock, adds or changes the row, and
// writes the whole file anew, encrypted, beside it (pkg/atomicfile: only
// ciphertext reaches the temporary file), renamed into place: its cost is
// proportional to the file's size, where a plain append's is one row.
type Crypt struct {
	// Decrypt returns the plain bytes of the encrypted file read from r,
	// named name in errors; the last read fails for a damaged file.
	Decrypt func(name string, r io.Reader) (io.ReadCloser, error)
	// Seal returns the writer that encrypts to the shop's recipients what
	// is written to it, into w; its Close ends the ciphertext.
	Seal func(w io.Writer) (io.WriteCloser, error)
}

// NewFile is the encoding, delimiter and line end of a file created by
// the first write to it.
type NewFile struct {
	Encoding charset.Encoding // "" is UTF-8
	Comma    byte             // 0 is ','
	EOL      string           // "" is "\n"
	Header   []string         // the header; nil is the kind's fields
}

// Layout is how an existing file is written, found from its header.
type Layout struct {
	Encoding charset.Encoding
	Comma    byte
	EOL      string
	Header   []string
	Binding  *schema.Binding
	// HeaderLine is the physical line of the header (a title row may be
	// above it).
	HeaderLine int
}

// File is the data file as a write sees it, locked.
type File struct {
	Layout
	path string
	f    *os.File
	size int64
	// src is what the file's text is read from: f, or the plain text of
	// an encrypted file (sealed), decrypted whole under the lock.
	src    io.ReaderAt
	sealed bool
	crypt  *Crypt
}

// Each calls fn with each record of the file from the start, under the
// write's lock (complaint add numbers a new complaint after the others).
func (f *File) Each(ctx context.Context, fn func(*rows.Record) error) error {
	if f.f == nil {
		return nil // a file about to be made: no records yet
	}
	r, err := f.reader(io.NewSectionReader(f.src, 0, f.size), 0)
	if err != nil {
		return err
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// Row returns an empty row of the file's width, and Set puts a value in
// the column of a field: the build functions of Append and Rewrite fill
// rows so.
func (l *Layout) Row() []string { return make([]string, len(l.Header)) }

// Set puts v in the column of field in row; a field the file has no
// column for is left out.
func (l *Layout) Set(row []string, field schema.Field, v string) {
	if c := l.Binding.Col(field); c >= 0 && c < len(row) {
		row[c] = v
	}
}

// Has reports whether the file has a column for field.
func (l *Layout) Has(field schema.Field) bool { return l.Binding.Col(field) >= 0 }

// Append adds one row to the file of opts, made by build from the file's
// layout, and returns it as written (its cells). It creates the file, with
// opts.New's header and mode 0600, when it does not exist.
func Append(ctx context.Context, opts Options, build func(*File) ([]string, error)) ([]string, error) {
	purge, err := holdPurge(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer purge.Unlock()
	f, err := openLocked(opts)
	if errors.Is(err, os.ErrNotExist) {
		row, made, nerr := appendNew(opts, build)
		if nerr != nil || made {
			return row, nerr
		}
		f, err = openLocked(opts) // another till made it first
	}
	if err != nil {
		return nil, err
	}
	defer f.close()
	row, err := build(f)
	if err != nil {
		return nil, err
	}
	line, err := f.encode(row)
	if err != nil {
		return nil, err
	}
	if f.size > 0 && !f.endsInEOL() {
		line = append(f.encodeEOL(), line...)
	}
	if f.sealed {
		// The whole file anew, encrypted, renamed into place.
		raw := make([]byte, f.size, f.size+int64(len(line)))
		if _, err := f.src.ReadAt(raw, 0); err != nil && err != io.EOF {
			return nil, fmt.Errorf("%s: %w", opts.Path, err)
		}
		if err := f.replace(append(raw, line...)); err != nil {
			return nil, err
		}
		return row, nil
	}
	// One write of the whole row, noted beside the file until it is in:
	// a write stopped part way is cut by the next (cutTorn).
	done, err := f.beginAppend(line)
	if err != nil {
		return nil, err
	}
	if _, err := f.f.Write(line); err != nil {
		if f.f.Truncate(f.size) == nil { // what part of the row went in
			done()
		}
		return nil, fmt.Errorf("%s: %w", opts.Path, err)
	}
	if err := f.f.Sync(); err != nil {
		return nil, fmt.Errorf("%s: %w", opts.Path, err)
	}
	done()
	return row, nil
}

// Match says whether a record, in a file of layout l, is the one to
// change.
type Match func(l *Layout, rec *rows.Record) bool

// Rewrite changes the one record of the file that match accepts into the
// row edit makes of its cells, and writes the file anew, atomically: every
// byte outside that record stays as it was. No record is [ErrNotFound];
// two are an error naming both lines. It returns the old and new cells.
func Rewrite(ctx context.Context, opts Options, match Match, edit func(l *Layout, old []string) ([]string, error)) (old, row []string, err error) {
	purge, err := holdPurge(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	defer purge.Unlock()
	f, err := openLocked(opts)
	if err != nil {
		return nil, nil, err
	}
	defer f.close()
	raw := make([]byte, f.size)
	if _, err := f.src.ReadAt(raw, 0); err != nil && err != io.EOF {
		return nil, nil, fmt.Errorf("%s: %w", opts.Path, err)
	}
	r, err := f.reader(bytes.NewReader(raw), 0)
	if err != nil {
		return nil, nil, err
	}
	foundLine, span := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if !match(&f.Layout, rec) {
			continue
		}
		if foundLine > 0 {
			return nil, nil, fmt.Errorf("%s: lines %d and %d are the same one; make their ids differ first", opts.Path, foundLine, rec.Line)
		}
		foundLine, span = rec.Line, 1
		old = make([]string, len(f.Header))
		for i, fd := range rec.Fields {
			span += bytes.Count(fd, []byte{'\n'})
			if i < len(old) {
				old[i] = string(fd)
			}
		}
	}
	if foundLine == 0 {
		return nil, nil, ErrNotFound
	}
	row, err = edit(&f.Layout, old)
	if err != nil {
		return nil, nil, err
	}
	line, err := f.encode(row)
	if err != nil {
		return nil, nil, err
	}
	starts := lineStarts(raw, f.Encoding, f.EOL)
	if foundLine-1 >= len(starts) {
		return nil, nil, fmt.Errorf("%s: line %d: cannot find the line in the file's bytes", opts.Path, foundLine)
	}
	from, to := starts[foundLine-1], len(raw)
	if foundLine-1+span < len(starts) {
		to = starts[foundLine-1+span]
	} else if !f.endsInEOL() {
		// The last line had no line end: neither has its new version.
		line = line[:len(line)-len(f.encodeEOL())]
	}
	if err := f.replace(raw[:from], line, raw[to:]); err != nil {
		return nil, nil, err
	}
	return old, row, nil
}

// replace writes parts, one after another, as the file's new version,
// atomically and with the file's mode; encrypted again when the file is.
func (f *File) replace(parts ...[]byte) error {
	st, err := f.f.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w", f.path, err)
	}
	out, err := atomicfile.Create(f.path, st.Mode().Perm())
	if err != nil {
		return err
	}
	defer out.Abort()
	var w io.Writer = out
	var sealed io.WriteCloser
	if f.sealed {
		if sealed, err = f.crypt.seal(f.path, out); err != nil {
			return err
		}
		w = sealed
	}
	for _, part := range parts {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	if sealed != nil {
		if err := sealed.Close(); err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
	}
	return out.Commit()
}

// seal is c.Seal, or the error of a write that has nothing to encrypt
// with.
func (c *Crypt) seal(path string, w io.Writer) (io.WriteCloser, error) {
	if c == nil || c.Seal == nil {
		return nil, fmt.Errorf("%s is encrypted, and there is no recipient to encrypt it to again; nothing was written", path)
	}
	return c.Seal(w)
}

// encrypted reports whether the file at path, open as fh, is an age file,
// by its name or its first bytes.
func encrypted(path string, fh *os.File) bool {
	head := make([]byte, len(agefile.Header))
	n, _ := fh.ReadAt(head, 0)
	return agefile.Is(path, head[:n])
}

// decryptWhole reads the encrypted file fh whole and returns its plain
// text, authenticated to its end.
func (c *Crypt) decryptWhole(path string, fh *os.File, size int64) ([]byte, error) {
	if c == nil || c.Decrypt == nil {
		return nil, fmt.Errorf("%s is encrypted (age), and this write cannot decrypt it; give --identity <file>", path)
	}
	plain, err := c.Decrypt(path, io.NewSectionReader(fh, 0, size))
	if err != nil {
		return nil, err
	}
	defer plain.Close()
	data, err := io.ReadAll(plain)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// holdPurge takes the purge lock shared, waiting while a purge holds it,
// at most opts.Wait.
func holdPurge(ctx context.Context, opts Options) (*filelock.Lock, error) {
	wait := opts.Wait
	if wait <= 0 {
		wait = DefaultWait
	}
	path := filepath.Join(opts.PurgeDir, PurgeLockName)
	deadline := time.Now().Add(wait)
	for {
		l, err := filelock.TryAcquireShared(path, 0o600)
		if err == nil {
			return l, nil
		}
		if !errors.Is(err, filelock.ErrBusy) {
			return nil, fmt.Errorf("purge lock: %w", err)
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("%w (it holds %s); waited %s, nothing was written", ErrPurging, path, wait)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// openLocked opens the data file for appending, locks it, and makes sure
// that the file locked is still the one at the path: a rewrite (or a
// purge) replaces it by renaming, and a writer that waited on the old
// file starts again on the new one.
func openLocked(opts Options) (*File, error) {
	for attempt := 0; ; attempt++ {
		fh, err := os.OpenFile(opts.Path, os.O_RDWR|os.O_APPEND, 0)
		if err != nil {
			return nil, err
		}
		if err := filelock.LockFile(fh); err != nil {
			fh.Close()
			return nil, fmt.Errorf("%s: lock: %w", opts.Path, err)
		}
		held, herr := fh.Stat()
		now, nerr := os.Stat(opts.Path)
		if herr != nil || nerr != nil || !os.SameFile(held, now) {
			fh.Close()
			if attempt >= 100 {
				return nil, fmt.Errorf("%s: the file keeps being replaced; try again", opts.Path)
			}
			continue
		}
		f := &File{path: opts.Path, f: fh, size: held.Size(), src: fh, crypt: opts.Crypt}
		if err := f.cutTorn(); err != nil {
			fh.Close()
			return nil, err
		}
		if encrypted(opts.Path, fh) {
			plain, err := opts.Crypt.decryptWhole(opts.Path, fh, held.Size())
			if err != nil {
				fh.Close()
				return nil, err
			}
			f.src, f.size, f.sealed = bytes.NewReader(plain), int64(len(plain)), true
		}
		if err := f.readLayout(opts); err != nil {
			fh.Close()
			return nil, err
		}
		return f, nil
	}
}

// appendNew makes the file with its header and the row build makes,
// mode 0600: written beside it, and linked into place only if no other
// till made the file first (made is false then, and nothing is written).
// A row that cannot be written leaves no file behind.
func appendNew(opts Options, build func(*File) ([]string, error)) (row []string, made bool, err error) {
	n := opts.New
	header := n.Header
	if header == nil {
		for _, f := range opts.Kind.Fields {
			header = append(header, string(f))
		}
	}
	f := &File{path: opts.Path, Layout: Layout{Encoding: n.Encoding, Comma: n.Comma, EOL: n.EOL, Header: header, HeaderLine: 1}}
	if f.Comma == 0 {
		f.Comma = ','
	}
	if f.EOL == "" {
		f.EOL = "\n"
	}
	if f.Encoding == "" {
		f.Encoding = charset.UTF8
	}
	if f.Binding, err = opts.Kind.Bind(header, opts.Aliases); err != nil {
		return nil, false, fmt.Errorf("%s: the new file's header: %w", opts.Path, err)
	}
	if row, err = build(f); err != nil {
		return nil, false, err
	}
	head, err := f.encode(header)
	if err != nil {
		return nil, false, err
	}
	line, err := f.encode(row)
	if err != nil {
		return nil, false, err
	}
	var bom []byte
	switch f.Encoding {
	case charset.UTF8BOM:
		bom = []byte{0xEF, 0xBB, 0xBF}
	case charset.UTF16LE:
		bom = []byte{0xFF, 0xFE}
	case charset.UTF16BE:
		bom = []byte{0xFE, 0xFF}
	}
	dir, base := filepath.Dir(opts.Path), filepath.Base(opts.Path)
	tmp, err := os.CreateTemp(dir, "."+base+".new-*")
	if err != nil {
		return nil, false, err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		tmp.Close()
		return nil, false, err
	}
	err = writeNew(opts, tmp, append(append(bom, head...), line...))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, false, err
	}
	if err := os.Link(tmp.Name(), opts.Path); errors.Is(err, os.ErrExist) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, err
	}
	return row, true, atomicfile.SyncDir(dir)
}

// writeNew writes a new file's text to w: encrypted when the file's name
// ends in .age, so that only ciphertext reaches the disk.
func writeNew(opts Options, w io.Writer, text []byte) error {
	if !agefile.Named(opts.Path) {
		_, err := w.Write(text)
		return err
	}
	sealed, err := opts.Crypt.seal(opts.Path, w)
	if err != nil {
		return err
	}
	if _, err := sealed.Write(text); err != nil {
		return err
	}
	return sealed.Close()
}

// reader reads the file's records from src, in the layout found.
func (f *File) reader(src io.Reader, blockSize int) (*rows.Reader, error) {
	return rows.NewReader(src, rows.Options{Name: f.path, Encoding: f.Encoding, Comma: f.Comma,
		HeaderRow: f.HeaderLine, BlockSize: blockSize})
}

// readLayout reads the header of the locked file: encoding, delimiter,
// line end, columns, and checks that the write's fields have columns.
func (f *File) readLayout(opts Options) error {
	if err := refuseNotCSV(f.f, opts.Path); err != nil {
		return err
	}
	isHeader := func(fields []string) bool { return opts.Kind.MapsRequired(fields, opts.Aliases) }
	r, err := rows.NewReader(io.NewSectionReader(f.src, 0, f.size), rows.Options{Name: opts.Path, IsHeader: isHeader, BlockSize: 64 << 10})
	if errors.Is(err, rows.ErrEmpty) {
		return fmt.Errorf("%s: the file is empty; remove it, and the next write makes it anew with a header", opts.Path)
	}
	if err != nil {
		return err
	}
	b, err := opts.Kind.Bind(r.Header(), opts.Aliases)
	if err != nil {
		return &rows.Error{File: opts.Path, Line: r.HeaderLine(), Err: err}
	}
	for _, field := range opts.Required {
		if b.Col(field) < 0 {
			return &rows.Error{File: opts.Path, Line: r.HeaderLine(), Err: &schema.BindError{Kind: opts.Kind.Name, Field: field, Tried: opts.Kind.Names(field, opts.Aliases)}}
		}
	}
	eol := "\n"
	switch {
	case r.CRLF():
		eol = "\r\n"
	case r.CR():
		eol = "\r"
	}
	f.Layout = Layout{Encoding: r.Encoding(), Comma: r.Comma(), EOL: eol, Header: r.Header(), Binding: b, HeaderLine: r.HeaderLine()}
	return nil
}

// refuseNotCSV returns an error when the file at path, read through r,
// is a workbook (or another archive or compound document), by its first
// bytes, or JSON, by its name or first bytes, as the commands that read
// it tell (see input.NewReader): a row is added to a text file in place,
// byte for byte, and such a file is none.
func refuseNotCSV(r io.ReaderAt, path string) error {
	head := make([]byte, 512)
	n, err := r.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return err
	}
	switch head = head[:n]; {
	case workbook.Detect(head) != workbook.Text:
		return fmt.Errorf("%s is a workbook, which custkit cannot add a row to (it writes rows into a CSV file in place); save the sheet as CSV (CSV UTF-8) and give that file; nothing was written", path)
	case jsonin.ByName(path) || jsonin.Looks(head):
		return fmt.Errorf("%s is JSON, which custkit cannot add a row to (it writes rows into a CSV file in place); give the CSV file this one was made from; nothing was written", path)
	}
	return nil
}

// endsInEOL reports whether the file's last byte ends a line.
func (f *File) endsInEOL() bool {
	eol := f.encodeEOL()
	if f.size < int64(len(eol)) {
		return false
	}
	tail := make([]byte, len(eol))
	if _, err := f.src.ReadAt(tail, f.size-int64(len(tail))); err != nil {
		return false
	}
	return bytes.Equal(tail, eol) || (f.EOL == "\r\n" && tail[len(tail)-1] == '\n')
}

// encodeEOL is the line end in the file's encoding.
func (l *Layout) encodeEOL() []byte {
	b, _ := l.encodeText(l.EOL)
	return b
}

func (f *File) close() {
	f.f.Close() // releases the lock
}

// lineStarts returns the byte offset of each physical line of raw.
func lineStarts(raw []byte, enc charset.Encoding, eol string) []int {
	starts := []int{0}
	end := byte('\n')
	if eol == "\r" {
		end = '\r'
	}
	switch enc {
	case charset.UTF16LE:
		for i := 0; i+1 < len(raw); i += 2 {
			if raw[i] == end && raw[i+1] == 0 {
				starts = append(starts, i+2)
			}
		}
	case charset.UTF16BE:
		for i := 0; i+1 < len(raw); i += 2 {
			if raw[i] == 0 && raw[i+1] == end {
				starts = append(starts, i+2)
			}
		}
	default:
		for i, c := range raw {
			if c == end {
				starts = append(starts, i+1)
			}
		}
	}
	if starts[len(starts)-1] == len(raw) {
		starts = starts[:len(starts)-1]
	}
	return starts
}
