package cmdutil

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/agefile"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

// Output say where and how a command writes its rows. Every command
// that writes rows goes through them, so masking, the formula guard, file
// modes, atomic writes, export tracking and the access log's record of
// what was written are the same everywhere.
type Output struct {
	Format         string
	Path           string
	Reveal         bool
	OutputEncoding string
	FormulaGuard   string
	Purpose        string
	Expires        parse.Period
	ExpiresSet     bool
	sidecar        string        // the flag of a side output (--unmatched); "" for the main one
	Document       output.Format // the format of a command that writes a document (report), not rows
	Columns        []string      // --columns: the columns written, in order
	Wide           bool          // --wide: a table on a terminal not fitted to it
}

// RegisterDocument adds the output flags of a command that writes one
// document of format f (report): -o, --reveal, --purpose, --expires.
func (o *Output) RegisterDocument(cmd *cobra.Command, f output.Format) {
	o.Document = f
	fl := cmd.Flags()
	fl.StringVarP(&o.Path, "output", "o", "", "write to `file` (\"-\" is standard output): replaced atomically, mode 0600 if it holds personal data (else 0666 less the umask)")
	fl.BoolVar(&o.Reveal, "reveal", false, "show personal data instead of masking it (recorded in the access log)")
	fl.StringVar(&o.Purpose, "purpose", "", "the `reason` the data is used, recorded in the access log and the export manifest")
	PeriodFlag(cmd, &o.Expires, &o.ExpiresSet, "expires", "how long an -o file holding personal data is kept before \"custkit exports shred --expired\" destroys it (default retention.exports.keep from the config, else 30d)")
}

// Register adds the output flags of a command that writes customer data.
func (o *Output) Register(cmd *cobra.Command) {
	o.RegisterReport(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&o.Reveal, "reveal", false, "show personal data in table and markdown output instead of masking it (recorded in the access log)")
	fl.StringVar(&o.Purpose, "purpose", "", "the `reason` the data is used, recorded in the access log and the export manifest")
	PeriodFlag(cmd, &o.Expires, &o.ExpiresSet, "expires", "how long an -o file holding personal data is kept before \"custkit exports shred --expired\" destroys it (default retention.exports.keep from the config, else 30d)")
}

// RegisterReport adds the output flags of a command whose rows are about
// custkit's own records (exports list, audit show), not customer data.
func (o *Output) RegisterReport(cmd *cobra.Command) {
	fl := cmd.Flags()
	EnumFlag(cmd, &o.Format, "format", "", "", output.Formats, "output format (default table on a terminal, else csv or from the -o extension: .csv .tsv .txt .json .jsonl .ndjson .md .vcf .xlsx; other extensions are csv, and those of formats custkit cannot write, such as .xls or .parquet, are refused)")
	fl.StringVarP(&o.Path, "output", "o", "", "write to `file` instead of standard output: a file is replaced atomically, mode 0600 if it holds personal data (else 0666 less the umask); a FIFO or a device such as /dev/null is written into as it is and, like standard output, not tracked as an export")
	EnumFlag(cmd, &o.OutputEncoding, "output-encoding", "", "utf-8", charset.OutputNames, "output encoding")
	EnumFlag(cmd, &o.FormulaGuard, "formula-guard", "", "auto", []string{"auto", "on", "off"},
		"neutralise cells a spreadsheet would run as formulas (auto: on for utf-8-bom and shift_jis)")
	fl.StringSliceVar(&o.Columns, "columns", nil, "write only these `columns`, in this order, in any format: comma-separated logical fields (customer_id, postal_code), header names or computed columns (visits, spend)")
	fl.BoolVar(&o.Wide, "wide", false, "on a terminal, draw the table with every column and whole cells instead of fitting it to the terminal's width")
	CommandLineOnly(cmd, "columns")
}

// Screen fits a table printed on a terminal to its width: the command's
// default columns (unless --columns chose them), cells cut, and one note on
// standard error saying what was left out. --wide, a file, a pipe or
// another format: none.
func (o *Output) Screen(s *Streams, g *Global, format output.Format) *output.Screen {
	if format != output.Table || !s.StdoutTTY || o.ToFile() || o.Wide || s.Width <= 0 {
		return nil
	}
	show, drop := output.ScreenColumns(g.Command)
	keys := output.ScreenKeys(g.Command)
	if len(o.Columns) > 0 {
		show, keys = nil, nil
	}
	return &output.Screen{Width: s.Width, Keys: keys, Columns: show, Drop: drop, Note: func(line string) { g.Report(s, g.Command, line) }}
}

// ToFile reports whether the output goes to a file (-o with a path other
// than "-").
func (o *Output) ToFile() bool { return o.Path != "" && o.Path != "-" }

// flag is the flag that named the output, for messages: -o, or a side
// output's own flag.
func (o *Output) flag() string {
	if o.sidecar != "" {
		return o.sidecar
	}
	return "-o"
}

// Expiry is --expires, else retention.exports.keep from the config, else
// 30 days.
func (o *Output) Expiry(g *Global) (parse.Period, error) {
	if o.ExpiresSet {
		return o.Expires, nil
	}
	p, err := g.Cfg.Retention.ExportsKeep()
	if err != nil {
		return p, fmt.Errorf("%s: %v", g.Cfg.Path, err)
	}
	return p, nil
}

// ResolveFormat is --format, else the format the -o extension names
// (output.FormatOfExtension), else a table on a terminal and CSV
// elsewhere. An extension of a format custkit cannot write
// (output.Unwritable) is refused, and so is a workbook under another
// format's name or another format under a workbook's: a file is never
// written in a format its name does not say.
// Any other extension, or none, is CSV. A workbook is bytes a terminal
// cannot show: --format xlsx to one is refused.
func (o *Output) ResolveFormat(s *Streams) (output.Format, error) {
	if o.Document != "" {
		return o.Document, nil
	}
	ext := ""
	if o.ToFile() {
		// x.csv.age is a CSV file, encrypted.
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(o.Path), agefile.Ext)))
		if what, ok := output.Unwritable(ext); ok {
			return "", usererr.Usagef("%s %s: custkit cannot write %s (%s); it writes %s", o.flag(), o.Path, ext, what, output.WritableExtensions())
		}
	}
	named, ok := output.FormatOfExtension(ext)
	if o.Format != "" {
		f, err := output.ParseFormat(o.Format)
		if err != nil {
			return "", err
		}
		if ok && f != named && (f == output.XLSX || named == output.XLSX) {
			return "", usererr.Usagef("--format %s and %s %s disagree: a %s file is %s; name the file for its format", f, o.flag(), o.Path, ext, named)
		}
		if f == output.XLSX && !o.ToFile() && s.StdoutTTY {
			return "", usererr.WithHint(usererr.Usagef("--format xlsx writes a workbook, which a terminal cannot show"), "write it to a file with -o list.xlsx, or pipe it into one")
		}
		return f, nil
	}
	if o.ToFile() {
		if ok {
			return named, nil
		}
		return output.CSV, nil
	}
	if s.StdoutTTY {
		return output.Table, nil
	}
	return output.CSV, nil
}

func (o *Output) guard(enc charset.Encoding) bool {
	switch o.FormulaGuard {
	case "on":
		return true
	case "off":
		return false
	}
	return enc == charset.UTF8BOM || enc == charset.CP932
}
