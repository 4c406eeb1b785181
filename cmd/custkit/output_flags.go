package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/sink"
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
	fl.StringVarP(&o.path, "output", "o", "", "write to `file` instead of standard output: a file is replaced atomically, mode 0600 if it holds personal data (else 0666 less the umask); a FIFO or a device such as /dev/null is written into as it is and, like standard output, not tracked as an export")
	enumFlag(cmd, &o.outputEncoding, "output-encoding", "", "utf-8", charset.OutputNames, "output encoding")
	enumFlag(cmd, &o.formulaGuard, "formula-guard", "", "auto", []string{"auto", "on", "off"},
		"neutralise cells a spreadsheet would run as formulas (auto: on for utf-8-bom and shift_jis)")
}

// writeReport opens the output of a report (exports list, audit show),
// has write fill it, with every field unless the format is printed, and
// commits it.
func (o *outputFlags) writeReport(ctx context.Context, s *streams, g *globalOptions, write func(out sink.Rows, full bool) error) error {
	out, err := o.open(ctx, s, g)
	if err != nil {
		return err
	}
	defer out.Abort()
	if err := write(out, !out.Format().Printed()); err != nil {
		return err
	}
	return out.Commit()
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
