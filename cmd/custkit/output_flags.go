package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/agefile"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/usererr"
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
	sidecar        string        // the flag of a side output (--unmatched); "" for the main one
	document       output.Format // the format of a command that writes a document (report), not rows
	columns        []string      // --columns: the columns written, in order
	wide           bool          // --wide: a table on a terminal not fitted to it
}

// registerDocument adds the output flags of a command that writes one
// document of format f (report): -o, --reveal, --purpose, --expires.
func (o *outputFlags) registerDocument(cmd *cobra.Command, f output.Format) {
	o.document = f
	fl := cmd.Flags()
	fl.StringVarP(&o.path, "output", "o", "", "write to `file` (\"-\" is standard output): replaced atomically, mode 0600 if it holds personal data (else 0666 less the umask)")
	fl.BoolVar(&o.reveal, "reveal", false, "show personal data instead of masking it (recorded in the access log)")
	fl.StringVar(&o.purpose, "purpose", "", "the `reason` the data is used, recorded in the access log and the export manifest")
	cmdutil.PeriodFlag(cmd, &o.expires, &o.expiresSet, "expires", "how long an -o file holding personal data is kept before \"custkit exports shred --expired\" destroys it (default retention.exports.keep from the config, else 30d)")
}

// register adds the output flags of a command that writes customer data.
func (o *outputFlags) register(cmd *cobra.Command) {
	o.registerReport(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&o.reveal, "reveal", false, "show personal data in table and markdown output instead of masking it (recorded in the access log)")
	fl.StringVar(&o.purpose, "purpose", "", "the `reason` the data is used, recorded in the access log and the export manifest")
	cmdutil.PeriodFlag(cmd, &o.expires, &o.expiresSet, "expires", "how long an -o file holding personal data is kept before \"custkit exports shred --expired\" destroys it (default retention.exports.keep from the config, else 30d)")
}

// registerReport adds the output flags of a command whose rows are about
// custkit's own records (exports list, audit show), not customer data.
func (o *outputFlags) registerReport(cmd *cobra.Command) {
	fl := cmd.Flags()
	cmdutil.EnumFlag(cmd, &o.format, "format", "", "", output.Formats, "output format (default table on a terminal, else csv or from the -o extension: .csv .tsv .txt .json .jsonl .ndjson .md .vcf .xlsx; other extensions are csv, and those of formats custkit cannot write, such as .xls or .parquet, are refused)")
	fl.StringVarP(&o.path, "output", "o", "", "write to `file` instead of standard output: a file is replaced atomically, mode 0600 if it holds personal data (else 0666 less the umask); a FIFO or a device such as /dev/null is written into as it is and, like standard output, not tracked as an export")
	cmdutil.EnumFlag(cmd, &o.outputEncoding, "output-encoding", "", "utf-8", charset.OutputNames, "output encoding")
	cmdutil.EnumFlag(cmd, &o.formulaGuard, "formula-guard", "", "auto", []string{"auto", "on", "off"},
		"neutralise cells a spreadsheet would run as formulas (auto: on for utf-8-bom and shift_jis)")
	fl.StringSliceVar(&o.columns, "columns", nil, "write only these `columns`, in this order, in any format: comma-separated logical fields (customer_id, postal_code), header names or computed columns (visits, spend)")
	fl.BoolVar(&o.wide, "wide", false, "on a terminal, draw the table with every column and whole cells instead of fitting it to the terminal's width")
	commandLineOnly(cmd, "columns")
}

// screen fits a table printed on a terminal to its width: the command's
// default columns (unless --columns chose them), cells cut, and one note on
// standard error saying what was left out. --wide, a file, a pipe or
// another format: none.
func (o *outputFlags) screen(s *cmdutil.Streams, g *globalOptions, format output.Format) *output.Screen {
	if format != output.Table || !s.StdoutTTY || o.toFile() || o.wide || s.Width <= 0 {
		return nil
	}
	show, drop := output.ScreenColumns(g.command)
	keys := output.ScreenKeys(g.command)
	if len(o.columns) > 0 {
		show, keys = nil, nil
	}
	return &output.Screen{Width: s.Width, Keys: keys, Columns: show, Drop: drop, Note: func(line string) { g.report(s, g.command, line) }}
}

// toFile reports whether the output goes to a file (-o with a path other
// than "-").
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
	p, err := g.cfg.Retention.ExportsKeep()
	if err != nil {
		return p, fmt.Errorf("%s: %v", g.cfg.file, err)
	}
	return p, nil
}

// resolveFormat is --format, else the format the -o extension names
// (writeExtensions), else a table on a terminal and CSV elsewhere. An
// extension of a format custkit cannot write (cannotWrite) is refused, and
// so is a workbook under another format's name or another format under a
// workbook's: a file is never written in a format its name does not say.
// Any other extension, or none, is CSV. A workbook is bytes a terminal
// cannot show: --format xlsx to one is refused.
func (o *outputFlags) resolveFormat(s *cmdutil.Streams) (output.Format, error) {
	if o.document != "" {
		return o.document, nil
	}
	ext := ""
	if o.toFile() {
		// x.csv.age is a CSV file, encrypted.
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(o.path), agefile.Ext)))
		if what, ok := cannotWrite[ext]; ok {
			return "", usererr.Usagef("%s %s: custkit cannot write %s (%s); it writes %s", o.flag(), o.path, ext, what, writableExtensions())
		}
	}
	named, ok := writeExtensions[ext]
	if o.format != "" {
		f, err := output.ParseFormat(o.format)
		if err != nil {
			return "", err
		}
		if ok && f != named && (f == output.XLSX || named == output.XLSX) {
			return "", usererr.Usagef("--format %s and %s %s disagree: a %s file is %s; name the file for its format", f, o.flag(), o.path, ext, named)
		}
		if f == output.XLSX && !o.toFile() && s.StdoutTTY {
			return "", usererr.WithHint(usererr.Usagef("--format xlsx writes a workbook, which a terminal cannot show"), "write it to a file with -o list.xlsx, or pipe it into one")
		}
		return f, nil
	}
	if o.toFile() {
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

// writeExtensions are the -o extensions that choose a format.
var writeExtensions = map[string]output.Format{
	".csv": output.CSV, ".tsv": output.TSV, ".txt": output.TSV,
	".json": output.JSON, ".jsonl": output.JSONL, ".ndjson": output.JSONL,
	".md": output.Markdown, ".vcf": output.VCard, ".vcard": output.VCard,
	".xlsx": output.XLSX,
}

// cannotWrite are the -o extensions of formats a spreadsheet or a data
// tool would expect and custkit cannot write, with what they are.
var cannotWrite = map[string]string{
	".xls":     "the old binary Excel format",
	".xlsm":    "a macro-enabled Excel workbook",
	".xlsb":    "a binary Excel workbook",
	".xltx":    "an Excel template",
	".ods":     "an OpenDocument spreadsheet",
	".fods":    "an OpenDocument spreadsheet",
	".numbers": "a Numbers document",
	".parquet": "Apache Parquet",
	".avro":    "Apache Avro",
	".orc":     "Apache ORC",
	".arrow":   "Apache Arrow",
	".feather": "Apache Arrow",
	".pdf":     "PDF",
	".html":    "HTML",
	".xml":     "XML",
	".yaml":    "YAML",
	".yml":     "YAML",
	".sqlite":  "an SQLite database",
	".db":      "a database",
	".zip":     "a zip archive",
	".gz":      "a gzip archive",
}

// writableExtensions lists the extensions that choose a format, for
// messages.
func writableExtensions() string {
	exts := make([]string, 0, len(writeExtensions))
	for e := range writeExtensions {
		exts = append(exts, e)
	}
	slices.Sort(exts)
	return strings.Join(exts, " ")
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
