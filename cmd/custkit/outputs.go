package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/atomicfile"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

// outputFlags say where and how a command writes its rows. Every command
// that writes rows goes through them, so masking, the formula guard, file
// modes and atomic writes are the same everywhere.
type outputFlags struct {
	format         string
	path           string
	reveal         bool
	outputEncoding string
	formulaGuard   string
}

func (o *outputFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	enumFlag(cmd, &o.format, "format", "", "", output.Formats, "output format (default table on a terminal, else csv or from the -o extension)")
	fl.StringVarP(&o.path, "output", "o", "", "write to `file` (atomically; mode 0600 if it holds personal data) instead of standard output")
	fl.BoolVar(&o.reveal, "reveal", false, "show personal data in table and markdown output instead of masking it")
	enumFlag(cmd, &o.outputEncoding, "output-encoding", "", "utf-8", charset.OutputNames, "output encoding")
	enumFlag(cmd, &o.formulaGuard, "formula-guard", "", "auto", []string{"auto", "on", "off"},
		"neutralise cells a spreadsheet would run as formulas (auto: on for utf-8-bom and shift_jis)")
}

// target is an opened output: a Writer plus what finishes or undoes it.
type target struct {
	output.Writer
	file       *atomicfile.File
	personal   bool
	isPersonal func(cols []string) bool
	mask       func(column, value string) string // nil: values print as they are
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
	opts := output.Options{Format: format, Encoding: enc, FormulaGuard: o.guard(enc), Aliases: g.cfg.aliases["customers"]}
	t := &target{isPersonal: func(cols []string) bool {
		return schema.AnyPersonal(schema.PersonalColumns(cols, g.cfg.aliases, g.cfg.Privacy.PersonalColumns))
	}}
	if format.Printed() && !o.reveal {
		opts.Mask = maskFunc(g)
		t.mask = opts.Mask
	}
	var w io.Writer = s.out
	if o.path != "" && o.path != "-" {
		if err := refuseOverwrite(o.path, inputs); err != nil {
			return nil, err
		}
		f, err := atomicfile.Create(o.path, 0o600)
		if err != nil {
			return nil, err
		}
		t.file, w = f, f
	}
	ow, err := output.New(w, opts)
	if err != nil {
		t.Abort()
		return nil, err
	}
	t.Writer = &headerSpy{Writer: ow, onHeader: t.holds}
	return t, nil
}

func (o *outputFlags) resolveFormat(s *streams) (output.Format, error) {
	if o.format != "" {
		return output.ParseFormat(o.format)
	}
	if o.path != "" && o.path != "-" {
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

// holds tells the target that its output holds values of cols, so that an
// -o file with personal data in any of them gets mode 0600.
func (t *target) holds(cols []string) {
	t.personal = t.personal || t.isPersonal(cols)
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

// Commit finishes the output: flushes it and, for -o, makes the file
// visible, with mode 0600 if it holds personal data and 0644 otherwise.
func (t *target) Commit() error {
	if err := t.Close(); err != nil {
		t.Abort()
		return err
	}
	if t.file == nil {
		return nil
	}
	if !t.personal {
		if err := t.file.Chmod(0o644); err != nil {
			t.Abort()
			return err
		}
	}
	return t.file.Commit()
}

// Abort removes an uncommitted output file; it is safe to defer.
func (t *target) Abort() {
	if t.file != nil {
		t.file.Abort()
	}
}

// headerSpy tells the target which columns are written.
type headerSpy struct {
	output.Writer
	onHeader func([]string)
}

func (h *headerSpy) WriteHeader(cols []string) error {
	h.onHeader(cols)
	return h.Writer.WriteHeader(cols)
}

// encoder exposes the fast path of the underlying writer, if it has one.
func (t *target) encoder() (output.Encoder, bool) {
	e, ok := t.Writer.(*headerSpy).Writer.(output.Encoder)
	return e, ok
}

// refuseOverwrite stops -o from naming one of the command's inputs.
func refuseOverwrite(out string, inputs []string) error {
	ao, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		if ai, err := filepath.Abs(in); err == nil && ai == ao {
			return usageErrorf("-o %s is also an input; write to another file", out)
		}
		if si, err := os.Stat(in); err == nil {
			if so, err := os.Stat(out); err == nil && os.SameFile(si, so) {
				return usageErrorf("-o %s is also an input; write to another file", out)
			}
		}
	}
	return nil
}

// openSidecar opens a second CSV output beside the main one, such as
// --unmatched, with the main output's encoding and formula guard and the
// same refusal to overwrite an input. An empty path gives nil.
func (o *outputFlags) openSidecar(s *streams, g *globalOptions, path string, inputs ...string) (*target, error) {
	if path == "" {
		return nil, nil
	}
	side := outputFlags{path: path, format: "csv", outputEncoding: o.outputEncoding, formulaGuard: o.formulaGuard}
	return side.open(s, g, append(inputs, o.path)...)
}
