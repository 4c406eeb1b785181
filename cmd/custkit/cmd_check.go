package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/check"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	cmdutil.Base
	in      cmdutil.Inputs
	format  string
	columns []string // --columns, for the rows of the other formats
	wide    bool     // --wide: a table on a terminal not fitted to it
	limit   int
	// keyNormalize compares customer ids as --key-normalize matches them.
	keyNormalize bool
}

func newCheckCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *checkOptions) error) *cobra.Command {
	opts := &checkOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("check", "check [--customers <file>] [--sales <file>] [--contacts <file>] [--complaints <file>]", "Validate input files and list every problem", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runCheck), opts.in.Of(cmdutil.NeedCustomers|cmdutil.NeedSales|cmdutil.NeedContacts|cmdutil.NeedComplaints))
	cmdutil.EnumFlag(cmd, &opts.format, "format", "", "", check.Formats, "report format (default text on a terminal, else csv)")
	cmd.Flags().StringSliceVar(&opts.columns, "columns", nil, "with a --format other than text, write only these `columns`, in this order (file, line, column, value, severity, code, problem)")
	cmdutil.CommandLineOnly(cmd, "columns")
	cmd.Flags().BoolVar(&opts.wide, "wide", false, "with --format table on a terminal, draw every column and whole cells instead of fitting the table to the terminal's width")
	cmd.Flags().IntVar(&opts.limit, "limit", 20, "list at most `n` problems of each kind per file in the text report (0: all)")
	cmd.Flags().BoolVar(&opts.keyNormalize, "key-normalize", false, "compare customer ids after trimming, width folding and dropping leading zeros, as the commands match them with --key-normalize")
	return cmd
}

func runCheck(ctx context.Context, opts *checkOptions) error {
	s, g := opts.Streams, opts.Global
	keep, err := check.KeepFor(opts.limit)
	if err != nil {
		return err
	}
	inputs, closeAll, err := opts.open(ctx)
	defer closeAll()
	if err != nil {
		return err
	}
	format := check.FormatOf(opts.format, s.StdoutTTY)
	copts := check.Options{Aliases: g.Cfg.KindAliases, Basis: g.Cfg.AmountBasis, ExcelSerial: g.Cfg.Dates.ExcelSerial, Personal: g.Cfg.Privacy.PersonalColumns, Purposes: g.Cfg.Privacy.Purposes, Keep: keep, KeyNormalize: opts.keyNormalize}
	if format == "text" {
		rep, err := check.Text(ctx, inputs, copts, s.Out)
		if err == nil && rep.Failure() != nil {
			return &cmdutil.SilentError{Err: rep.Failure()} // the report has said it
		}
		return err
	}
	// A table on a terminal is fitted to it, as every command's is.
	screen := (&cmdutil.Output{Columns: opts.columns, Wide: opts.wide}).Screen(s, g, output.Format(format))
	w, err := output.New(s.Out, output.Options{Format: output.Format(format), Columns: opts.columns, Screen: screen})
	if err != nil {
		return err
	}
	rep, err := check.Rows(ctx, inputs, copts, w)
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := rep.Failure(); err != nil {
		return err
	}
	g.Report(s, "check", rep.Summary())
	return nil
}

// open opens every file given, in the order customers, sales, contacts,
// complaints. closeAll closes those opened, even after an error.
func (opts *checkOptions) open(ctx context.Context) ([]check.Input, func(), error) {
	var srcs []*input.Source
	closeAll := func() {
		for _, src := range srcs {
			src.Close()
		}
	}
	given := []struct {
		path string
		kind schema.Kind
	}{
		{opts.in.Customers, schema.Customers}, {opts.in.Sales, schema.Sales},
		{opts.in.Contacts, schema.Contacts}, {opts.in.Complaints, schema.Complaints},
	}
	var inputs []check.Input
	for _, g := range given {
		if g.path == "" {
			continue
		}
		if _, err := input.HeaderRowOf(opts.in.HeaderRow, g.kind.Name); err != nil {
			return nil, closeAll, err
		}
		format, err := input.FormatOf(opts.in.InputFormat, g.kind.Name)
		if err != nil {
			return nil, closeAll, err
		}
		// Several files of a kind are checked one by one; check.Run
		// looks ids up in all the customers files together.
		files, err := input.ExpandFiles(g.path, g.kind.Name)
		if err != nil {
			return nil, closeAll, err
		}
		// A file given twice, or a copy of another, is reported, not
		// read: every other command refuses it.
		dups, err := opts.in.Opener(opts.Streams, opts.Global).Duplicates(files)
		if err != nil {
			return nil, closeAll, err
		}
		repeat := make(map[int]*input.Duplicate, len(dups))
		for i := range dups {
			repeat[dups[i].At] = &dups[i]
		}
		for i, path := range files {
			if d := repeat[i]; d != nil {
				inputs = append(inputs, check.Input{Kind: g.kind, Name: path, Duplicate: d})
				continue
			}
			src, err := opts.in.Source(ctx, opts.Streams, opts.Global, path, g.kind)
			if err != nil {
				return nil, closeAll, err
			}
			srcs = append(srcs, src)
			inputs = append(inputs, check.Input{Kind: g.kind, Name: src.Name, Src: src.Reader, Encoding: src.Encoding, HeaderRow: src.HeaderRow,
				Sheet: input.SheetOf(opts.in.Sheet, g.kind.Name, src.Name), Format: format})
		}
	}
	if len(inputs) == 0 {
		return nil, closeAll, usererr.Usagef("give at least one of --customers, --sales, --contacts, --complaints (or set them in the config file)")
	}
	return inputs, closeAll, nil
}
