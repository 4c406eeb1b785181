package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/agefile"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/jsonin"
	"github.com/custkit/custkit/pkg/progress"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// inputFlags are the input files of a command and how to read them. Each
// of customers, sales, contacts and complaints is a comma list of files
// and glob patterns (see input.FileList and input.ExpandFiles), read one
// after another as one input.
type inputFlags struct {
	customers  string
	sales      string
	contacts   string
	complaints string
	encoding   string
	// keepLines says the command writes its input's lines out (join): a
	// column of a later file with no place in the first file's header is
	// an error, not left out.
	keepLines bool
	// headerRow is --header-row: the line of the header, in every file
	// or per kind of file (customers=3,sales=1).
	headerRow string
	// identity is --identity: the age identity file that decrypts
	// encrypted inputs.
	identity string
	// sheet is --sheet: the sheet of a workbook input to read.
	sheet string
	// inputFormat is --input-format: auto, csv, json or jsonl.
	inputFormat string
	op          *input.Opener // made by the first open
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
		fl.Var(input.FileList{P: &f.customers}, "customers", "customers CSV `file` (\"-\" for standard input)"+several)
	}
	if which&needSales != 0 {
		fl.Var(input.FileList{P: &f.sales}, "sales", "sales CSV `file`, one row per receipt line (\"-\" for standard input)"+several)
	}
	if which&needContacts != 0 {
		fl.Var(input.FileList{P: &f.contacts}, "contacts", "contacts CSV `file` (\"-\" for standard input)"+several)
	}
	if which&needComplaints != 0 {
		fl.Var(input.FileList{P: &f.complaints}, "complaints", "complaints CSV `file` (\"-\" for standard input)"+several)
	}
	fl.StringVar(&f.encoding, "encoding", "auto", "input `encoding`, of every input or per kind (customers=shift_jis,sales=utf-8): "+strings.Join(charset.InputNames, ", "))
	fl.StringVar(&f.identity, "identity", "", "age identity `file` that decrypts encrypted inputs (*.age, or starting with the age header); default: access.identity in the config file")
	fl.StringVar(&f.headerRow, "header-row", "", "the `line` the header is on, in every input or per kind (customers=3,sales=1); default: the first row, or the row below a title that names the customer id")
	fl.StringVar(&f.sheet, "sheet", "", "the sheet of an .xlsx input, by `name` or number from 1: of every workbook, per kind (customers=顧客) or per file (名簿.xlsx=顧客); default: the first sheet whose header names the kind's fields")
	fl.StringVar(&f.inputFormat, "input-format", "", "input `format`, of every input or per kind (sales=jsonl): csv, json or jsonl; default: JSON for .json, .jsonl and .ndjson files and files starting with a JSON array of objects or an object, else CSV or a workbook by content")
	_ = cmd.RegisterFlagCompletionFunc("input-format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return jsonin.Names, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("encoding", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return charset.InputNames, cobra.ShellCompDirectiveNoFileComp
	})
}

// of is register for the inputs of which, as a flag group of command.
func (f *inputFlags) of(which int) func(*cobra.Command) {
	return func(cmd *cobra.Command) { f.register(cmd, which) }
}

// opener is what opens f's inputs for the run: made at the first open,
// from the flags and the config, and kept in g for the notes printed
// after the run (see noteInputs).
func (f *inputFlags) opener(s *cmdutil.Streams, g *globalOptions) *input.Opener {
	if f.op != nil {
		return f.op
	}
	opts := input.Options{
		Encoding: f.encoding, HeaderRow: f.headerRow, Sheet: f.sheet, InputFormat: f.inputFormat, KeepLines: f.keepLines,
		Stdin: s.In, StdinTTY: s.StdinTTY, Access: g.access,
		OpenLog:  func() error { return g.openLog(s) },
		StartBar: func(label string, size int64) *progress.Bar { return g.startBar(s, label, size) },
	}
	g.keys.Flag = f.identity
	opts.Decrypt, opts.Encrypted = g.decrypt(s), agefile.Is
	if g.cfg != nil {
		opts.Aliases, opts.Basis, opts.ExcelSerial = g.cfg.aliases, g.cfg.basis, g.cfg.Dates.ExcelSerial
		opts.Files = g.fileSettings()
	}
	f.op = input.New(opts)
	g.opened = append(g.opened, f.op)
	return f.op
}

// fileSettings are the config's settings of single files (its {path: …,
// encoding: …, header_row: …} list entries), as pkg/input takes them; nil
// without a config or such entries.
func (g *globalOptions) fileSettings() map[string]input.FileSettings {
	if g.cfg == nil || len(g.cfg.Files) == 0 {
		return nil
	}
	files := make(map[string]input.FileSettings, len(g.cfg.Files))
	for path, fs := range g.cfg.Files {
		files[path] = input.FileSettings{Encoding: fs.Encoding, HeaderRow: fs.HeaderRow}
	}
	return files
}

// open opens the files of list as kind's input (see input.Opener.Open).
func (f *inputFlags) open(ctx context.Context, s *cmdutil.Streams, g *globalOptions, list string, kind schema.Kind) (*input.Input, error) {
	return f.opener(s, g).Open(ctx, list, kind)
}

// openRows opens the files of list as CSV rows of any kind (see
// input.Opener.OpenRows); what says where the list came from.
func (f *inputFlags) openRows(ctx context.Context, s *cmdutil.Streams, g *globalOptions, list, what string) (*input.Input, error) {
	return f.opener(s, g).OpenRows(ctx, list, what)
}

// source opens path of kind without reading it (see input.Opener.Source).
func (f *inputFlags) source(ctx context.Context, s *cmdutil.Streams, g *globalOptions, path string, kind schema.Kind) (*input.Source, error) {
	return f.opener(s, g).Source(ctx, path, kind)
}

// startBar shows the progress of reading an input, where the run has a
// progress line and is not -q.
func (g *globalOptions) startBar(s *cmdutil.Streams, label string, size int64) *progress.Bar {
	if g.quiet {
		return nil
	}
	return s.Status.Start(label, size)
}

// require checks that a required input was given.
func require(path, flag string) error {
	if path == "" {
		return usererr.Usagef("--%s is required (or set %s: in the config file)", flag, flag)
	}
	return nil
}

// require checks that the inputs of which (needCustomers, ...) were
// given, in the order customers, sales, contacts, complaints.
func (f *inputFlags) require(which int) error {
	for _, in := range []struct {
		need       int
		list, flag string
	}{{needCustomers, f.customers, "customers"}, {needSales, f.sales, "sales"}, {needContacts, f.contacts, "contacts"}, {needComplaints, f.complaints, "complaints"}} {
		if which&in.need != 0 {
			if err := require(in.list, in.flag); err != nil {
				return err
			}
		}
	}
	return nil
}

// noteInputs prints, once a command has succeeded, one line about each
// input it read whose header was not on line 1 or which had rows skipped
// (empty rows, the header repeated), so that no row is left out
// silently. -q prints nothing. A command that reads a file more than
// once (report) opens it each time: its notes are printed once.
func noteInputs(s *cmdutil.Streams, g *globalOptions) {
	if g.quiet {
		return
	}
	seen := map[string]bool{}
	for _, op := range g.opened {
		for _, line := range op.Notes() {
			if !seen[line] {
				seen[line] = true
				fmt.Fprintf(s.Err, "custkit: %s\n", line)
			}
		}
	}
}

// onlyOnce makes every flag of c (and of its subcommands) that takes one
// value a usage error when given twice with different values. List flags
// (--sales, --store, ...) gather every value, and a count flag counts.
func onlyOnce(c *cobra.Command) {
	for _, sub := range c.Commands() {
		onlyOnce(sub)
	}
	wrapFlag := func(fl *pflag.Flag) {
		switch fl.Value.(type) {
		case pflag.SliceValue, *input.OnceValue, input.OnceBool:
			return
		}
		if fl.Value.Type() == "count" {
			return
		}
		ov := &input.OnceValue{Value: fl.Value, Name: fl.Name}
		if bv, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && bv.IsBoolFlag() {
			fl.Value = input.OnceBool{OnceValue: ov}
			return
		}
		fl.Value = ov
	}
	c.Flags().VisitAll(wrapFlag)
	c.PersistentFlags().VisitAll(wrapFlag)
}

// asRepeated turns pflag's report of a repeated flag into the plain
// message; other flag errors are returned as they are.
func asRepeated(err error) error {
	var re *input.RepeatedError
	if errors.As(err, &re) {
		return re
	}
	return err
}
