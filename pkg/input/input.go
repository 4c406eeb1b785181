// Package input opens a command's input files: a comma list of files and
// glob patterns ("-" is standard input, at most once per run), each one
// opened through pkg/infile and tracked for the access log, its encoding
// detected or taken from --encoding, its header found (on the line
// --header-row names, or below a title row) and bound to its kind's
// fields. Several files are read one after another as one input, each
// later file's columns placed in the first file's order. An [Opener]
// remembers what it opened, for the notes a run prints at its end.
package input

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/overlap"
	"github.com/custkit/custkit/pkg/progress"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// Options say how a run's inputs are opened and read.
type Options struct {
	// Encoding is --encoding: one encoding, or one per kind of file
	// (customers=shift_jis,sales=utf-8); "" or "auto" detects it.
	Encoding string
	// HeaderRow is --header-row: the line of the header, in every file
	// or per kind of file (customers=3,sales=1); "" finds it.
	HeaderRow string
	// Files are the settings of single files (the config's {path: …,
	// encoding: …, header_row: …} entries), by path or glob pattern, as
	// the files are named: they win over Encoding and HeaderRow for the
	// files they name.
	Files map[string]FileSettings
	// KeepLines says the command writes its input's lines out (join): a
	// column of a later file with no place in the first file's header is
	// an error, not left out.
	KeepLines bool
	// Aliases are the config's header names per kind name.
	Aliases map[string]schema.Aliases
	// Basis is the config's amount, set on every binding.
	Basis schema.Basis
	// Sheet is --sheet: the sheet of a workbook to read, in every
	// workbook, per kind or per file (see SheetOf); "" picks it.
	Sheet string
	// InputFormat is --input-format: auto, csv, json or jsonl, of every
	// input or per kind (sales=jsonl); "" decides by name and content
	// (see jsonin.FormatOf).
	InputFormat string
	// ExcelSerial reads Excel serial day numbers in date columns.
	ExcelSerial bool
	// Stdin is what "-" reads; StdinTTY says it is a terminal.
	Stdin    io.Reader
	StdinTTY bool
	// Access records each input, with the SHA-256 of its bytes, for the
	// run's access log entry; nil records nothing.
	Access *access.Record
	// OpenLog, if set, is called before any input is opened (the access
	// log must be writable before customer data is read).
	OpenLog func() error
	// Decrypt, if set, is given every input whose name or first bytes say
	// it is encrypted (see Encrypted), and returns its plain bytes; closing
	// them stops the decryption. Nil reads every input as it is.
	Decrypt func(name string, r io.Reader) (io.ReadCloser, error)
	// Encrypted reports whether a file of name beginning with head is
	// encrypted; asked only when Decrypt is set.
	Encrypted func(name string, head []byte) bool
	// StartBar, if set, starts a progress bar for reading an input of
	// size bytes (0: unknown); it may return nil.
	StartBar func(label string, size int64) *progress.Bar
}

// An Opener opens the inputs of one run.
type Opener struct {
	opts      Options
	stdinUsed bool
	opened    []*Input
	// checked are the lists looked at for a file named twice, and what
	// was found (see distinct).
	checked map[string]error
	// receipts are the sales files of the run's lists of two or more, for
	// the receipts two of them both hold (Warnings); nil until one is
	// opened.
	receipts *overlap.Set
}

// New returns an Opener that opens inputs as opts say.
func New(opts Options) *Opener { return &Opener{opts: opts} }

// Input is one opened input: a file, or several read one after another
// (files of them; the later ones are opened as the reading reaches them).
type Input struct {
	*rows.Reader
	// Binding maps the header to the kind's fields; nil for an input of
	// any kind (OpenRows).
	Binding *schema.Binding
	close   func() error
	bar     *progress.Bar
	kind    string // the kind of file, "" for any
	files   int    // the files given, when more than one
	current *Input // the file being read: this one, or a later one
	// parts are the later files read under their own binding (sales),
	// as the reading reaches them.
	parts []part
	sheet string // the sheet read, when the file is a workbook
	// unfinished is the note of an append to this contacts or complaints
	// file stopped part way, "" if none (unfinishedAppend).
	unfinished string
}

// Close closes the file being read and clears its progress bar. It may
// be called more than once.
func (in *Input) Close() error { return in.closeCurrent() }

// closeCurrent closes the file of in being read: in's own, or that of the
// later file of its chain.
func (in *Input) closeCurrent() error {
	cur := in.current
	if cur == nil {
		return nil
	}
	in.current = nil
	if cur == in {
		in.bar.Done()
		return in.close()
	}
	return cur.Close()
}

// Open opens the files of list (a comma list of files and glob patterns;
// "-" is standard input, at most once per run; no file twice, see
// Duplicates), detects each one's
// encoding, finds its header (below a title row, if it has one) and maps
// it to kind's fields. ctx is the run's: an interrupt ends an open or a
// read that waits. Several files are read one after another, each
// later file's columns placed in the first file's order; sales files each
// under its own binding, which the blocks of the file carry
// (record.File.Of). A file whose layout writes a receipt's void flag on its
// first line only is read with each receipt's lines in one block
// (schema.Binding.KeepTogether). A spreadsheet's totals row in a sales
// file (合計 and the sums, no customer id, no date) is skipped and counted
// (rows.Reader.SkipTotals), every file by its own columns.
func (o *Opener) Open(ctx context.Context, list string, kind schema.Kind) (*Input, error) {
	files, err := ExpandFiles(list, kind.Name)
	if err != nil {
		return nil, err
	}
	if err := o.distinct(files, "--"+kind.Name, kind.Name); err != nil {
		return nil, err
	}
	aliases := o.opts.Aliases[kind.Name]
	isHeader := func(h []string) bool { return kind.MapsRequired(h, aliases) }
	in, err := o.openOne(ctx, firstOf(files), kindHint(kind), kind.Name, isHeader)
	if err != nil {
		return nil, err
	}
	b, err := kind.Bind(in.Header(), aliases)
	if err != nil {
		in.Close()
		return nil, bindHint(&rows.Error{File: in.Name(), Line: in.HeaderLine(), Err: err}, kind)
	}
	b.Basis = o.opts.Basis
	b.ExcelSerial = o.opts.ExcelSerial
	b.Line = in.HeaderLine()
	in.Binding = b
	in.KeepTogether(b.KeepTogether())
	in.SkipTotals(b.TotalsRow())
	if len(files) > 1 && kind.Name == schema.Sales.Name {
		b.Receipts = o.salesFiles(files)
		b.Receipts.File(in.Name()) // first: the earlier file of a pair is the one read first
	}
	if len(files) > 1 {
		o.chainFiles(ctx, in, files, kindHint(kind), kind.Name, isHeader, o.placer(kind, b, in.Name(), &in.parts))
	}
	return in, nil
}

// salesFiles returns the run's set of sales files read together, made
// at the first list of two or more. Every list of the run adds to the one
// set, so that a file read again (buyers --unmatched, report) is the
// same file and each pair of files is told once. When the files of the
// first list hold more than overlap.SampleAbove bytes, the set samples
// the receipts (overlap.Set.Sample).
func (o *Opener) salesFiles(files []string) *overlap.Set {
	if o.receipts == nil {
		o.receipts = overlap.NewSet()
		if sizeOf(files) > overlap.SampleAbove {
			o.receipts.Sample()
		}
	}
	return o.receipts
}

// sizeOf is the size of the regular files of files; another (standard
// input, a pipe) counts as nothing.
func sizeOf(files []string) int64 {
	var n int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
	}
	return n
}

// OpenRows opens the files of list as CSV rows of any kind, without
// binding their header (redact reads any CSV); several files must have
// the same header, and none may be named twice (see Duplicates). what says where the list came from, for the hint when
// a file cannot be opened.
//
// A file of any kind may be a customers or a sales file, so its header is
// the first row that names the customer id, by the names of every kind
// that has one (schema.ColumnsOf, as redact finds the column); a title row
// above it is skipped, as the Opener skips it in a file of a known kind.
// When no row names it, the first row is the header.
func (o *Opener) OpenRows(ctx context.Context, list, what string) (*Input, error) {
	files, err := ExpandFiles(list, "file")
	if err != nil {
		return nil, err
	}
	if err := o.distinct(files, what, ""); err != nil {
		return nil, err
	}
	isHeader := func(h []string) bool { return len(schema.ColumnsOf(h, schema.CustomerID, o.opts.Aliases)) > 0 }
	in, err := o.openOne(ctx, firstOf(files), what, "", isHeader)
	if err != nil {
		return nil, err
	}
	if len(files) > 1 {
		o.chainFiles(ctx, in, files, what, "", isHeader, nil)
	}
	return in, nil
}

// firstOf is the first file of a list; "" (no file) is left for
// openSource to refuse.
func firstOf(files []string) string {
	if len(files) == 0 {
		return ""
	}
	return files[0]
}

// bindHint adds what to do about a header that cannot be mapped: name the
// column in the config, unless the file is a known layout no config can
// make usable (its message says what to do).
func bindHint(err *rows.Error, kind schema.Kind) error {
	var be *schema.BindError
	if errors.As(err.Err, &be) && (be.Layout != nil || len(be.Columns) > 1 && !strings.Contains(be.Error(), "rename one")) {
		return err // the message says what to do
	}
	return usererr.WithHint(err, "name the column in the config file: aliases: {%s: {<field>: [<header>]}}", kind.Name)
}

func kindHint(kind schema.Kind) string {
	return fmt.Sprintf("--%s (or %s: in the config file)", kind.Name, kind.Name)
}

// FileSettings are one file's own encoding and header line.
type FileSettings struct {
	Encoding  charset.Encoding // "": --encoding says, or detected
	HeaderRow int              // 0: --header-row says, or found
}

// SettingsOf returns the settings of the file at path among files (see
// Options.Files): by its name, or by the first pattern (in sorted order)
// that matches it.
func SettingsOf(files map[string]FileSettings, path string) (FileSettings, bool) {
	if fs, ok := files[path]; ok {
		return fs, true
	}
	if len(files) == 0 || path == "-" {
		return FileSettings{}, false
	}
	patterns := make([]string, 0, len(files))
	for p := range files {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	for _, p := range patterns {
		if ok, _ := filepath.Match(p, path); ok {
			return files[p], true
		}
	}
	return FileSettings{}, false
}

// FileSpec returns the encoding and header line of the file at path of the
// kind called kind: its own settings among files (SettingsOf), else those
// of encoding (--encoding, see EncodingOf) and headerRow (--header-row, see
// HeaderRowOf) for its kind. Every reader of input files (the Opener, and
// purge, which opens its files itself) asks it.
func FileSpec(encoding, headerRow string, files map[string]FileSettings, path, kind string) (charset.Encoding, int, error) {
	row, err := HeaderRowOf(headerRow, kind)
	if err != nil {
		return "", 0, err
	}
	enc, err := EncodingOf(encoding, kind)
	if err != nil {
		return "", 0, err
	}
	if fs, ok := SettingsOf(files, path); ok {
		if fs.Encoding != "" {
			enc = fs.Encoding
		}
		if fs.HeaderRow > 0 {
			row = fs.HeaderRow
		}
	}
	return enc, row, nil
}

// specOf returns the encoding and header line of the file at path of the
// kind called kind (see FileSpec).
func (o *Opener) specOf(path, kind string) (charset.Encoding, int, error) {
	return FileSpec(o.opts.Encoding, o.opts.HeaderRow, o.opts.Files, path, kind)
}

// openOne opens one file of the kind called kind ("" for any), whose
// header isHeader tells from a title row.
func (o *Opener) openOne(ctx context.Context, path, what, kind string, isHeader func([]string) bool) (*Input, error) {
	enc, row, err := o.specOf(path, kind)
	if err != nil {
		return nil, err
	}
	src, err := o.openSource(ctx, path, what)
	if err != nil {
		return nil, err
	}
	src.Encoding = enc
	r, got, err := o.newReader(src, rows.Options{Name: src.Name, Encoding: src.Encoding, HeaderRow: row, IsHeader: isHeader}, kind)
	if err != nil {
		src.Close()
		return nil, err
	}
	in := &Input{Reader: r, close: src.close, bar: src.bar, kind: kind, sheet: got.Sheet}
	if closeBook := got.Close; closeBook != nil {
		in.close = func() error { return errors.Join(closeBook(), src.close()) }
	}
	in.current = in
	if kind == schema.Contacts.Name || kind == schema.Complaints.Name {
		in.unfinished = unfinishedAppend(path)
	}
	o.opened = append(o.opened, in)
	return in, nil
}

// unfinishedAppend returns the note of an append to the contacts or
// complaints file at path that was stopped part way (contactlog.PendingPath),
// "" if there is none: until the next write to the file cuts it, the file
// may end in the part of a row.
func unfinishedAppend(path string) string {
	note := contactlog.PendingPath(path)
	if _, err := os.Stat(note); err != nil {
		return ""
	}
	return note
}
