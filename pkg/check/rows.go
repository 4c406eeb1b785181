package check

import (
	"strconv"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/usererr"
)

// Formats are the report formats: text for people, the others one row
// per finding.
var Formats = []string{"text", "csv", "tsv", "json", "jsonl", "table", "markdown"}

// DefaultFormat is the report format when none is named: text on a
// terminal, csv in a pipe or file.
func DefaultFormat(terminal bool) string {
	if terminal {
		return "text"
	}
	return "csv"
}

// FormatOf is the report format named (--format), else DefaultFormat.
func FormatOf(named string, terminal bool) string {
	if named == "" {
		return DefaultFormat(terminal)
	}
	return named
}

// Columns are the columns of the one-row-per-finding formats.
var Columns = []string{"file", "line", "column", "value", "severity", "code", "problem"}

// Cells are the finding's cells in Columns order; a finding about the
// whole file has no line. The line is the one its message names: a JSON
// file's line, a sheet's row (see rows.LineOf).
func (f *Finding) Cells() []string {
	line := ""
	if f.Line > 0 {
		line = strconv.Itoa(rows.LineOf(f.File, f.Line))
	}
	return []string{f.File, line, f.Column, f.Value, string(f.Severity()), string(f.Code), f.Problem()}
}

// KeepFor is Options.Keep for a listing limit (--limit), where 0 lists
// every one; a negative limit is a usage error.
func KeepFor(limit int) (int, error) {
	switch {
	case limit < 0:
		return 0, usererr.Usagef("--limit must be 0 (all) or more, not %d", limit)
	case limit == 0:
		return -1, nil
	}
	return limit, nil
}
