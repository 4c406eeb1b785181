package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

// Inputs are the input files of a command and how to read them. Each
// of customers, sales, contacts and complaints is a comma list of files
// and glob patterns (see input.FileList and input.ExpandFiles), read one
// after another as one input.
type Inputs struct {
	Customers  string
	Sales      string
	Contacts   string
	Complaints string
	Encoding   string
	// KeepLines says the command writes its input's lines out (join): a
	// column of a later file with no place in the first file's header is
	// an error, not left out.
	KeepLines bool
	// HeaderRow is --header-row: the line of the header, in every file
	// or per kind of file (customers=3,sales=1).
	HeaderRow string
	// Identity is --identity: the age identity file that decrypts
	// encrypted inputs.
	Identity string
	// Sheet is --sheet: the sheet of a workbook input to read.
	Sheet string
	// InputFormat is --input-format: auto, csv, json or jsonl.
	InputFormat string
	op          *input.Opener // made by the first open
}

// Which inputs a command takes.
const (
	NeedCustomers = 1 << iota
	NeedSales
	NeedContacts
	NeedComplaints
)

// Register adds the input flags of the kinds in which (NeedCustomers …)
// and how to read them (--encoding, --identity, --header-row, --sheet,
// --input-format) to cmd.
func (f *Inputs) Register(cmd *cobra.Command, which int) {
	fl := cmd.Flags()
	const several = "; repeat, or give a comma list or a quoted glob ('exports/2024-*.csv') to read several"
	if which&NeedCustomers != 0 {
		fl.Var(input.FileList{P: &f.Customers}, "customers", "customers CSV `file` (\"-\" for standard input)"+several)
	}
	if which&NeedSales != 0 {
		fl.Var(input.FileList{P: &f.Sales}, "sales", "sales CSV `file`, one row per receipt line (\"-\" for standard input)"+several)
	}
	if which&NeedContacts != 0 {
		fl.Var(input.FileList{P: &f.Contacts}, "contacts", "contacts CSV `file` (\"-\" for standard input)"+several)
	}
	if which&NeedComplaints != 0 {
		fl.Var(input.FileList{P: &f.Complaints}, "complaints", "complaints CSV `file` (\"-\" for standard input)"+several)
	}
	fl.StringVar(&f.Encoding, "encoding", "auto", "input `encoding`, of every input or per kind (customers=shift_jis,sales=utf-8): "+strings.Join(charset.InputNames, ", "))
	fl.StringVar(&f.Identity, "identity", "", "age identity `file` that decrypts encrypted inputs (*.age, or starting with the age header); default: access.identity in the config file")
	fl.StringVar(&f.HeaderRow, "header-row", "", "the `line` the header is on, in every input or per kind (customers=3,sales=1); default: the first row, or the row below a title that names the customer id")
	fl.StringVar(&f.Sheet, "sheet", "", "the sheet of an .xlsx input, by `name` or number from 1: of every workbook, per kind (customers=顧客) or per file (名簿.xlsx=顧客); default: the sheet whose header names most of the kind's fields (a sales sheet's must name its date too)")
	fl.StringVar(&f.InputFormat, "input-format", "", "input `format`, of every input or per kind (sales=jsonl): csv, json or jsonl; default: JSON for .json, .jsonl and .ndjson files and files starting with a JSON array of objects or an object, else CSV or a workbook by content")
	_ = cmd.RegisterFlagCompletionFunc("input-format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return jsonin.Names, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("encoding", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return charset.InputNames, cobra.ShellCompDirectiveNoFileComp
	})
}

// Of is register for the inputs of which, as a flag group of command.
func (f *Inputs) Of(which int) func(*cobra.Command) {
	return func(cmd *cobra.Command) { f.Register(cmd, which) }
}

// Opener is what opens f's inputs for the run: made at the first open,
// from the flags and the config, and kept in g for the notes printed
// after the run (see noteInputs).
func (f *Inputs) Opener(s *Streams, g *Global) *input.Opener {
	if f.op != nil {
		return f.op
	}
	opts := input.Options{
		Encoding: f.Encoding, HeaderRow: f.HeaderRow, Sheet: f.Sheet, InputFormat: f.InputFormat, KeepLines: f.KeepLines,
		Stdin: s.In, StdinTTY: s.StdinTTY, Access: g.Access,
		OpenLog:  func() error { return g.OpenLog(s) },
		StartBar: func(label string, size int64) *progress.Bar { return g.StartBar(s, label, size) },
	}
	g.Keys.Flag = f.Identity
	opts.Decrypt, opts.Encrypted = g.Decrypt(s), agefile.Is
	if g.Cfg != nil {
		opts.Aliases, opts.Basis, opts.ExcelSerial = g.Cfg.KindAliases, g.Cfg.AmountBasis, g.Cfg.Dates.ExcelSerial
		opts.Files = g.FileSettings()
	}
	f.op = input.New(opts)
	g.opened = append(g.opened, f.op)
	return f.op
}

// FileSettings are the config's settings of single files (its {path: …,
// encoding: …, header_row: …} list entries), as pkg/input takes them; nil
// without a config or such entries.
func (g *Global) FileSettings() map[string]input.FileSettings {
	if g.Cfg == nil || len(g.Cfg.Files) == 0 {
		return nil
	}
	files := make(map[string]input.FileSettings, len(g.Cfg.Files))
	for path, fs := range g.Cfg.Files {
		files[path] = input.FileSettings{Encoding: fs.Encoding, HeaderRow: fs.HeaderRow}
	}
	return files
}

// Open opens the files of list as kind's input (see input.Opener.Open).
func (f *Inputs) Open(ctx context.Context, s *Streams, g *Global, list string, kind schema.Kind) (*input.Input, error) {
	return f.Opener(s, g).Open(ctx, list, kind)
}

// OpenRows opens the files of list as CSV rows of any kind (see
// input.Opener.OpenRows); what says where the list came from.
func (f *Inputs) OpenRows(ctx context.Context, s *Streams, g *Global, list, what string) (*input.Input, error) {
	return f.Opener(s, g).OpenRows(ctx, list, what)
}

// Source opens path of kind without reading it (see input.Opener.Source).
func (f *Inputs) Source(ctx context.Context, s *Streams, g *Global, path string, kind schema.Kind) (*input.Source, error) {
	return f.Opener(s, g).Source(ctx, path, kind)
}

// StartBar shows the progress of reading an input, where the run has a
// progress line and is not -q.
func (g *Global) StartBar(s *Streams, label string, size int64) *progress.Bar {
	if g.Quiet {
		return nil
	}
	return s.Status.Start(label, size)
}

// Require checks that a required input was given.
func Require(path, flag string) error {
	if path == "" {
		return usererr.Usagef("--%s is required (or set %s: in the config file)", flag, flag)
	}
	return nil
}

// Require checks that the inputs of which (NeedCustomers, ...) were
// given, in the order customers, sales, contacts, complaints.
func (f *Inputs) Require(which int) error {
	for _, in := range []struct {
		need       int
		list, flag string
	}{{NeedCustomers, f.Customers, "customers"}, {NeedSales, f.Sales, "sales"}, {NeedContacts, f.Contacts, "contacts"}, {NeedComplaints, f.Complaints, "complaints"}} {
		if which&in.need != 0 {
			if err := Require(in.list, in.flag); err != nil {
				return err
			}
		}
	}
	return nil
}

// noteInputs prints, once a command has succeeded, one line about each
// input it read whose header was not on line 1 or which had rows skipped
// (empty rows, the header repeated), so that no row is left out
// silently, and then the warnings: empty quantity and amount cells counted
// as 1 and 0, and sales files that overlap. -q prints the warnings only:
// the answer they are about may be wrong. A command that
// reads a file more than once (report) opens it each time: its notes are
// printed once.
func noteInputs(s *Streams, g *Global) {
	seen := map[string]bool{}
	for _, op := range g.opened {
		lines := op.Warnings()
		if !g.Quiet {
			lines = append(op.Notes(), lines...)
		}
		for _, line := range lines {
			if !seen[line] {
				seen[line] = true
				fmt.Fprintf(s.Err, "custkit: %s\n", line)
			}
		}
	}
}

// OnlyOnce makes every flag of c (and of its subcommands) that takes one
// value a usage error when given twice with different values. List flags
// (--sales, --store, ...) gather every value, and a count flag counts.
func OnlyOnce(c *cobra.Command) {
	for _, sub := range c.Commands() {
		OnlyOnce(sub)
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

// AsRepeated turns pflag's report of a repeated flag into the plain
// message; other flag errors are returned as they are.
func AsRepeated(err error) error {
	var re *input.RepeatedError
	if errors.As(err, &re) {
		return re
	}
	return err
}
