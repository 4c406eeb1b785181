package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/infile"
	"github.com/custkit/custkit/pkg/progress"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

// inputFlags are the input files of a command and how to read them. Each
// of customers, sales, contacts and complaints is a comma list of files and
// glob patterns (see fileList and expandFiles), read one after another as
// one input.
type inputFlags struct {
	customers  string
	sales      string
	contacts   string
	complaints string
	encoding   string
	stdinUsed  bool
	// keepLines says the command writes its input's lines out (join): a
	// column of a later file with no place in the first file's header is
	// an error, not left out.
	keepLines bool
	// headerRow is --header-row: the line of the header, in every file
	// or per kind of file (customers=3,sales=1).
	headerRow string
}

// Which inputs a command takes.
const (
	needCustomers = 1 << iota
	needSales
	needContacts
	needComplaints
)

func (f *inputFlags) register(cmd *cobra.Command, which int) {
	fl := cmd.Flags()
	const several = "; repeat, or give a comma list or a quoted glob ('exports/2024-*.csv') to read several"
	if which&needCustomers != 0 {
		fl.Var(fileList{&f.customers}, "customers", "customers CSV `file` (\"-\" for standard input)"+several)
	}
	if which&needSales != 0 {
		fl.Var(fileList{&f.sales}, "sales", "sales CSV `file`, one row per receipt line (\"-\" for standard input)"+several)
	}
	if which&needContacts != 0 {
		fl.Var(fileList{&f.contacts}, "contacts", "contacts CSV `file` (\"-\" for standard input)"+several)
	}
	if which&needComplaints != 0 {
		fl.Var(fileList{&f.complaints}, "complaints", "complaints CSV `file` (\"-\" for standard input)"+several)
	}
	fl.StringVar(&f.encoding, "encoding", "auto", "input `encoding`, of every input or per kind (customers=shift_jis,sales=utf-8): "+strings.Join(charset.InputNames, ", "))
	fl.StringVar(&f.headerRow, "header-row", "", "the `line` the header is on, in every input or per kind (customers=3,sales=1); default: the first row, or the row below a title that names the customer id")
	_ = cmd.RegisterFlagCompletionFunc("encoding", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return charset.InputNames, cobra.ShellCompDirectiveNoFileComp
	})
}

// input is one opened input: a file, or several read one after another
// (files of them; the later ones are opened as the reading reaches them).
type input struct {
	*rows.Reader
	Binding *schema.Binding
	close   func() error
	bar     *progress.Bar
	kind    string // the kind of file, "" for any
	files   int    // the files given, when more than one
	current *input // the file being read: this one, or a later one
}

// Close closes the file being read and clears its progress bar. It may
// be called more than once.
func (in *input) Close() error { return in.closeCurrent() }

// open opens the files of list (a comma list of files and glob patterns;
// "-" is standard input, at most once per command), detects each one's
// encoding, finds its header (below a title row, if it has one) and maps
// it to kind's fields. ctx is the run's: an interrupt ends an open or a
// read that waits. Several files are read one after another, each
// later file's columns placed in the first file's order.
func (f *inputFlags) open(ctx context.Context, s *streams, g *globalOptions, list string, kind schema.Kind) (*input, error) {
	files, err := expandFiles(list, kind.Name)
	if err != nil {
		return nil, err
	}
	isHeader := func(h []string) bool { return kind.MapsRequired(h, g.cfg.aliases[kind.Name]) }
	in, err := f.openOne(ctx, s, g, firstOf(files), kindHint(kind), kind.Name, isHeader)
	if err != nil {
		return nil, err
	}
	b, err := kind.Bind(in.Header(), g.cfg.aliases[kind.Name])
	if err != nil {
		in.Close()
		return nil, bindHint(&rows.Error{File: in.Name(), Line: in.HeaderLine(), Err: err}, kind)
	}
	b.Basis = g.cfg.basis
	b.ExcelSerial = g.cfg.Dates.ExcelSerial
	in.Binding = b
	if len(files) > 1 {
		f.chainFiles(ctx, s, g, in, files, kindHint(kind), kind.Name, isHeader, f.placer(g, kind, b, in.Name()))
	}
	return in, nil
}

// firstOf is the first file of a list; "" (no file) is left for openSource
// to refuse.
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

// openRows opens the files of list as CSV rows of any kind, without
// binding their header (redact reads any CSV); several files must have
// the same header. what says where the list came from, for the hint when
// a file cannot be opened.
func (f *inputFlags) openRows(ctx context.Context, s *streams, g *globalOptions, list, what string) (*input, error) {
	files, err := expandFiles(list, "file")
	if err != nil {
		return nil, err
	}
	in, err := f.openOne(ctx, s, g, firstOf(files), what, "", nil)
	if err != nil {
		return nil, err
	}
	if len(files) > 1 {
		f.chainFiles(ctx, s, g, in, files, what, "", nil, nil)
	}
	return in, nil
}

// openOne opens one file of the kind called kind ("" for any), whose
// header isHeader tells from a title row.
func (f *inputFlags) openOne(ctx context.Context, s *streams, g *globalOptions, path, what, kind string, isHeader func([]string) bool) (*input, error) {
	row, err := headerRowOf(f.headerRow, kind)
	if err != nil {
		return nil, err
	}
	src, err := f.openSource(ctx, s, g, path, what)
	if err != nil {
		return nil, err
	}
	if src.enc, err = encodingOf(f.encoding, kind); err != nil {
		src.Close()
		return nil, err
	}
	r, err := rows.NewReader(src.r, rows.Options{Name: src.name, Encoding: src.enc, HeaderRow: row, IsHeader: isHeader})
	if err != nil {
		src.Close()
		return nil, err
	}
	in := &input{Reader: r, close: src.close, bar: src.bar, kind: kind}
	in.current = in
	g.opened = append(g.opened, in)
	return in, nil
}

// source is an input file opened but not yet read: its bytes (counted on
// a progress bar), the name errors use and the encoding asked for.
type source struct {
	r     io.Reader
	name  string
	enc   charset.Encoding
	close func() error
	bar   *progress.Bar
}

// Close closes the file and clears its progress bar.
func (src *source) Close() error {
	src.bar.Done()
	return src.close()
}

// source opens path ("-" is standard input, at most once per command) for
// reading in the encoding --encoding gives kind, without reading it.
func (f *inputFlags) source(ctx context.Context, s *streams, g *globalOptions, path string, kind schema.Kind) (*source, error) {
	src, err := f.openSource(ctx, s, g, path, kindHint(kind))
	if err != nil {
		return nil, err
	}
	if src.enc, err = encodingOf(f.encoding, kind.Name); err != nil {
		src.Close()
		return nil, err
	}
	return src, nil
}

func kindHint(kind schema.Kind) string {
	return fmt.Sprintf("--%s (or %s: in the config file)", kind.Name, kind.Name)
}

// openSource is where every input is opened. Each one is recorded for the
// run's access log entry with the SHA-256 of its bytes, computed as they
// are read (see access.track), so that no command hashes or logs inputs
// itself.
func (f *inputFlags) openSource(ctx context.Context, s *streams, g *globalOptions, path, what string) (*source, error) {
	// The encoding of any kind of file; openOne and source give a kind's.
	enc, err := encodingOf(f.encoding, "")
	if err != nil {
		return nil, err
	}
	if err := g.openLog(s); err != nil {
		return nil, err
	}
	name := path
	if path != "-" && namesStdinDevice(s, path) {
		// /dev/stdin or /dev/fd/0 when standard input is a device (a
		// terminal, /dev/null): read as "-" is.
		path = "-"
	}
	if path == "-" {
		if f.stdinUsed {
			return nil, usererr.Usagef("only one input can be standard input (\"-\")")
		}
		if s.stdinTTY {
			// Reading would wait for typed CSV, and an interrupt cannot
			// stop a read from the terminal.
			return nil, usererr.Usagef("no input: standard input is a terminal; give a file, or pipe one in")
		}
		f.stdinUsed = true
		var bar *progress.Bar
		if size, ok := regularSize(s.in); ok {
			bar = g.startBar(s, "reading "+name, size)
		}
		r := bar.Reader(g.access.Track("-", infile.Reader(ctx, s.in), false))
		return &source{r: r, name: name, enc: enc, close: func() error { return nil }, bar: bar}, nil
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
	bar := g.startBar(s, "reading "+path, size)
	r := bar.Reader(g.access.Track(path, file, file.Regular()))
	return &source{r: r, name: path, enc: enc, close: file.Close, bar: bar}, nil
}

// namesStdinDevice reports whether path is the device that is standard
// input (/dev/stdin on a terminal or on /dev/null). Devices are refused as
// inputs, but not the one standard input already is.
func namesStdinDevice(s *streams, path string) bool {
	st, err := os.Stat(path)
	if err != nil || st.Mode()&os.ModeDevice == 0 {
		return false
	}
	in, ok := s.in.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	ist, err := in.Stat()
	return err == nil && os.SameFile(st, ist)
}

// startBar shows the progress of reading an input, where the run has a
// progress line and is not -q.
func (g *globalOptions) startBar(s *streams, label string, size int64) *progress.Bar {
	if g.quiet {
		return nil
	}
	return s.status.Start(label, size)
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

// require checks that a required input was given.
func require(path, flag string) error {
	if path == "" {
		return usererr.Usagef("--%s is required (or set %s: in the config file)", flag, flag)
	}
	return nil
}
