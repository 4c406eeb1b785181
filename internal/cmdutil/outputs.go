package cmdutil

import (
	"context"
	"fmt"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/outfile"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// Target is an opened output: standard output or the -o file, with what
// finishes or undoes it (pkg/outfile).
type Target = outfile.Target

// Open creates the output the flags describe. Nothing is visible at -o
// until Commit; a deferred Abort removes the temporary file on any
// failure. inputs are the command's input flags' values: writing over one
// of their files is refused. ctx is the run's: once an interrupt cancels
// it, the output stops writing and commits nothing.
func (o *Output) Open(ctx context.Context, s *Streams, g *Global, inputs ...string) (*Target, error) {
	format, err := o.ResolveFormat(s)
	if err != nil {
		return nil, err
	}
	enc, _ := charset.Parse(o.OutputEncoding)
	if format == output.VCard && enc != "" && enc != charset.UTF8 {
		return nil, usererr.Usagef("vcard output is always UTF-8 without a BOM (RFC 6350); --output-encoding %s cannot apply", enc)
	}
	if format == output.XLSX && enc != "" && enc != charset.UTF8 {
		return nil, usererr.Usagef("an xlsx workbook holds its own encoding; --output-encoding %s cannot apply", enc)
	}
	opts := outfile.Options{
		Flag: o.flag(), Path: o.Path, Stdout: s.Out, Stdin: s.In, Purpose: o.Purpose,
		Writer:   output.Options{Format: format, Encoding: enc, FormulaGuard: o.guard(enc), Aliases: g.Cfg.KindAliases["customers"], ExcelSerial: g.Cfg.Dates.ExcelSerial},
		Expiry:   func() (parse.Period, error) { return o.Expiry(g) },
		Personal: func(cols []string) bool { return schema.AnyPersonal(personalColumns(g, cols)) },
	}
	opts.Writer.Types = func(cols []string) []schema.Type { return schema.ColumnTypes(cols, g.Cfg.KindAliases) }
	opts.Writer.Columns, opts.Writer.ColumnAliases = o.Columns, g.Cfg.KindAliases
	opts.Writer.Screen = o.Screen(s, g, format)
	if format.Printed() && !o.Reveal {
		opts.Writer.Mask = maskFunc(g)
	}
	if o.ToFile() {
		opts.Inputs = expandInputs(inputs)
	}
	if g.Access != nil {
		opts.Manifest = &outfile.Manifest{Path: func() (string, error) { return g.ManifestPath(s) }, Shop: g.Shop(), Now: g.Access.Now}
	}
	if s.StderrTTY && !g.Quiet {
		opts.Masked = func() {
			fmt.Fprintln(s.Err, "custkit: personal data is masked; --reveal shows it (and is recorded in the access log)")
		}
	}
	if err := g.protect(s, o, &opts, inputs); err != nil {
		return nil, err
	}
	t, err := outfile.Open(ctx, opts)
	if err != nil {
		return nil, err
	}
	g.Access.AddOutput(t, o.Purpose, o.Reveal)
	return t, nil
}

// expandInputs lists the files of the command's input flags. An input
// flag is a list of files and patterns; one that does not expand is
// reported when it is opened.
func expandInputs(lists []string) []string {
	var inputs []string
	for _, list := range lists {
		files, _ := input.ExpandFiles(list, "")
		inputs = append(inputs, files...)
	}
	return inputs
}

// personalColumns says which of cols hold personal data, by the config's
// aliases and personal columns.
func personalColumns(g *Global, cols []string) []schema.Field {
	return schema.PersonalColumns(cols, g.Cfg.KindAliases, g.Cfg.Privacy.PersonalColumns)
}

// maskFunc masks the personal columns of printed output.
func maskFunc(g *Global) func(string, string) string {
	fields := map[string]schema.Field{}
	return func(column, value string) string {
		f, ok := fields[column]
		if !ok {
			f = personalColumns(g, []string{column})[0]
			fields[column] = f
		}
		if f == "" {
			return value
		}
		return redact.Display(f, value)
	}
}
