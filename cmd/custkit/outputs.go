package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/custkit/custkit/pkg/atomicfile"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

// outputFlags say where and how a command writes its rows. Every command
// that writes rows goes through them, so masking, the formula guard, file
// modes, atomic writes, export tracking and the access log's record of
// what was written are the same everywhere.
type outputFlags struct {
	format         string
	path           string
	reveal         bool
	outputEncoding string
	formulaGuard   string
	purpose        string
	expires        parse.Period
	expiresSet     bool
	sidecar        string // the flag of a side output (--unmatched); "" for the main one
}

// defaultExpiry is how long a tracked export lives when neither --expires
// nor retention.exports.keep says.
var defaultExpiry = parse.Period{Days: 30}

// register adds the output flags of a command that writes customer data.
func (o *outputFlags) register(cmd *cobra.Command) {
	o.registerReport(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&o.reveal, "reveal", false, "show personal data in table and markdown output instead of masking it (recorded in the access log)")
	fl.StringVar(&o.purpose, "purpose", "", "the `reason` the data is used, recorded in the access log and the export manifest")
	periodFlag(cmd, &o.expires, &o.expiresSet, "expires", "how long an -o file holding personal data is kept before \"custkit exports shred --expired\" destroys it (default retention.exports.keep from the config, else 30d)")
}

// registerReport adds the output flags of a command whose rows are about
// custkit's own records (exports list, audit show), not customer data.
func (o *outputFlags) registerReport(cmd *cobra.Command) {
	fl := cmd.Flags()
	enumFlag(cmd, &o.format, "format", "", "", output.Formats, "output format (default table on a terminal, else csv or from the -o extension)")
	fl.StringVarP(&o.path, "output", "o", "", "write to `file` (atomically; mode 0600 if it holds personal data) instead of standard output")
	enumFlag(cmd, &o.outputEncoding, "output-encoding", "", "utf-8", charset.OutputNames, "output encoding")
	enumFlag(cmd, &o.formulaGuard, "formula-guard", "", "auto", []string{"auto", "on", "off"},
		"neutralise cells a spreadsheet would run as formulas (auto: on for utf-8-bom and shift_jis)")
}

// target is an opened output: a Writer plus what finishes or undoes it.
type target struct {
	output.Writer
	s        *streams
	g        *globalOptions
	flags    outputFlags
	format   output.Format
	file     *atomicfile.File
	sum      hash.Hash // SHA-256 of the bytes written to file
	header   []string  // every column written, in order, across tables
	rows     atomic.Int64
	personal bool
	mask     func(column, value string) string // nil: values print as they are
	expires  parse.Period
	// inHeader holds the columns of header, so that holds is linear.
	inHeader map[string]bool
}

// open creates the output. Nothing is visible at -o until Commit; a
// deferred Abort removes the temporary file on any failure. inputs are the
// command's input paths: writing over one of them is refused.
func (o *outputFlags) open(s *streams, g *globalOptions, inputs ...string) (*target, error) {
	format, err := o.resolveFormat(s)
	if err != nil {
		return nil, err
	}
	enc, _ := charset.Parse(o.outputEncoding)
	if format == output.VCard && enc != "" && enc != charset.UTF8 {
		return nil, usageErrorf("vcard output is always UTF-8 without a BOM (RFC 6350); --output-encoding %s cannot apply", enc)
	}
	opts := output.Options{Format: format, Encoding: enc, FormulaGuard: o.guard(enc), Aliases: g.cfg.aliases["customers"]}
	t := &target{s: s, g: g, flags: *o, format: format}
	if format.Printed() && !o.reveal {
		opts.Mask = maskFunc(g)
		t.mask = opts.Mask
	}
	var w io.Writer = s.out
	if o.toFile() {
		if err := refuseOverwrite(o.flag(), o.path, inputs); err != nil {
			return nil, err
		}
		if st, err := os.Stat(o.path); err == nil && st.IsDir() {
			// Found only at the final rename, after the run, and after
			// the export manifest had recorded a file there.
			return nil, usageErrorf("%s is a directory; give %s a file name", o.path, o.flag())
		}
		if t.expires, err = o.expiry(g); err != nil {
			return nil, err
		}
		f, err := atomicfile.Create(o.path, 0o600)
		if err != nil {
			return nil, err
		}
		t.file, t.sum = f, sha256.New()
		w = io.MultiWriter(f, t.sum)
	}
	ow, err := output.New(w, opts)
	if err != nil {
		t.Abort()
		return nil, err
	}
	t.Writer = &headerSpy{Writer: ow, t: t}
	g.access.addOutput(t, o)
	return t, nil
}

func (o *outputFlags) toFile() bool { return o.path != "" && o.path != "-" }

// flag is the flag that named the output, for messages: -o, or a side
// output's own flag.
func (o *outputFlags) flag() string {
	if o.sidecar != "" {
		return o.sidecar
	}
	return "-o"
}

// expiry is --expires, else retention.exports.keep from the config, else
// 30 days.
func (o *outputFlags) expiry(g *globalOptions) (parse.Period, error) {
	if o.expiresSet {
		return o.expires, nil
	}
	keep := g.cfg.Retention.Exports.Keep
	if keep == "" {
		return defaultExpiry, nil
	}
	p, err := parse.ParsePeriod(keep)
	if err != nil {
		return p, fmt.Errorf("%s: retention.exports.keep: %v", g.cfg.file, err)
	}
	return p, nil
}

func (o *outputFlags) resolveFormat(s *streams) (output.Format, error) {
	if o.format != "" {
		return output.ParseFormat(o.format)
	}
	if o.toFile() {
		switch strings.ToLower(filepath.Ext(o.path)) {
		case ".tsv", ".txt":
			return output.TSV, nil
		case ".json":
			return output.JSON, nil
		case ".jsonl", ".ndjson":
			return output.JSONL, nil
		case ".md":
			return output.Markdown, nil
		case ".vcf", ".vcard":
			return output.VCard, nil
		}
		return output.CSV, nil
	}
	if s.stdoutTTY {
		return output.Table, nil
	}
	return output.CSV, nil
}

func (o *outputFlags) guard(enc charset.Encoding) bool {
	switch o.formulaGuard {
	case "on":
		return true
	case "off":
		return false
	}
	return enc == charset.UTF8BOM || enc == charset.CP932
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
// visible, with mode 0600 if it holds personal data and 0644 otherwise. A
// file with personal data is recorded in the export manifest before it
// becomes visible, so that no such copy exists untracked.
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
	if t.file == nil {
		return nil
	}
	if !t.personal {
		if err := t.file.Chmod(0o644); err != nil {
			t.Abort()
			return err
		}
		return t.file.Commit()
	}
	if err := t.track(); err != nil {
		t.Abort()
		return err
	}
	return t.file.Commit()
}

// track records the -o file in the export manifest (nothing when the run
// was not started by the root command, as in unit tests of a runX).
func (t *target) track() error {
	a := t.g.access
	if a == nil {
		return nil
	}
	path, err := t.g.manifestPath(t.s)
	if err != nil {
		return withHint(fmt.Errorf("export manifest: %w", err), "set XDG_STATE_HOME, or exports: {manifest: <file>} in the config file")
	}
	now := a.now()
	e := manifest.Entry{
		Path:    absPath(t.flags.path),
		SHA256:  hex.EncodeToString(t.sum.Sum(nil)),
		Rows:    t.rows.Load(),
		Columns: manifest.Columns(t.header),
		Purpose: t.flags.purpose,
		Created: now.Truncate(time.Second),
		Expires: t.expires.After(now).Truncate(time.Second),
	}
	if err := manifest.Add(path, e); err != nil {
		return fmt.Errorf("export manifest: %w", err)
	}
	return nil
}

// noteMasked tells a person at a terminal that the table hides data.
func (t *target) noteMasked() {
	if t.format.Printed() && !t.flags.reveal && t.personal && t.file == nil && t.s.stderrTTY && !t.g.quiet {
		fmt.Fprintln(t.s.err, "custkit: personal data is masked; --reveal shows it (and is recorded in the access log)")
	}
}

// record is the output as the access log describes it.
func (t *target) record() audit.Output {
	path := "-"
	if t.flags.toFile() {
		path = absPath(t.flags.path)
	}
	return audit.Output{Path: path, Format: string(t.format), Rows: t.rows.Load(), Columns: t.header}
}

// Abort removes an uncommitted output file; it is safe to defer.
func (t *target) Abort() {
	if t.file != nil {
		t.file.Abort()
	}
}

// interrupted returns the run's context error once an interrupt has
// cancelled it. Commands check the context while they read; the target
// checks it while rows are written and before an -o file is made visible,
// so that a command interrupted while it writes stops too and leaves no
// file.
func (t *target) interrupted() error {
	if t.g.ctx == nil {
		return nil
	}
	return t.g.ctx.Err()
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

// holds tells the target that its output holds values of cols (a command
// such as history writes several tables), so that an -o file with personal
// data in any of them gets mode 0600 and is tracked, and the records list
// every column.
func (t *target) holds(cols []string) {
	if t.inHeader == nil {
		t.inHeader = make(map[string]bool, len(cols))
	}
	for _, c := range cols {
		if !t.inHeader[c] {
			t.inHeader[c] = true
			t.header = append(t.header, c)
		}
	}
	t.personal = t.personal || schema.AnyPersonal(schema.PersonalColumns(cols, t.g.cfg.aliases, t.g.cfg.Privacy.PersonalColumns))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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

// encoder exposes the fast path of the underlying writer, if it has one.
// Rows written through it are counted as AppendRowEnd ends them.
func (t *target) encoder() (output.Encoder, bool) {
	e, ok := t.Writer.(*headerSpy).Writer.(output.Encoder)
	if !ok {
		return nil, false
	}
	return &countingEncoder{Encoder: e, rows: &t.rows}, true
}

// countingEncoder counts the rows encoded on the fast path; it is safe for
// the concurrent use the Encoder contract allows.
type countingEncoder struct {
	output.Encoder
	rows *atomic.Int64
}

func (c *countingEncoder) AppendRowEnd(dst []byte) []byte {
	c.rows.Add(1)
	return c.Encoder.AppendRowEnd(dst)
}

// Verbatim passes on the underlying writer's answer (see the csv writer's
// Verbatim), so that counting rows does not turn off the join's copying of
// sales lines as they stand.
func (c *countingEncoder) Verbatim(comma byte) bool {
	v, ok := c.Encoder.(interface{ Verbatim(comma byte) bool })
	return ok && v.Verbatim(comma)
}

// refuseOverwrite stops an output (-o, or a side output's flag) from
// naming one of the command's inputs.
func refuseOverwrite(flag, out string, inputs []string) error {
	for _, in := range inputs {
		if in != "" && in != "-" && sameFile(in, out) {
			return usageErrorf("%s %s is also an input; write to another file", flag, out)
		}
	}
	return nil
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

// openSidecar opens a second output beside the main one, such as
// --unmatched or --rejects (its flag), with the main output's encoding,
// formula guard, purpose and expiry and the same refusal to overwrite an
// input. Its format follows its file name's extension; a printed format or
// vCard becomes CSV, since a side file is for programs. An empty path
// gives nil; "-" is standard output only when the main output goes to a
// file, and the main output's own file is refused.
func (o *outputFlags) openSidecar(s *streams, g *globalOptions, flag, path string, inputs ...string) (*target, error) {
	if path == "" {
		return nil, nil
	}
	if path == "-" && !o.toFile() {
		return nil, usageErrorf("%s - would mix its rows into the main output on standard output; give it a file, or write the main output with -o", flag)
	}
	if o.toFile() && sameFile(path, o.path) {
		return nil, usageErrorf("%s and -o both name %s; give each its own file", flag, path)
	}
	side := *o
	side.path, side.format, side.reveal, side.sidecar = path, "", false, flag
	if format, _ := side.resolveFormat(s); format.Printed() || format == output.VCard {
		side.format = string(output.CSV)
	}
	return side.open(s, g, inputs...)
}
