package cmdutil

import (
	"errors"
	"testing"

	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/usererr"
)

func TestResolveFormat(t *testing.T) {
	cases := []struct {
		format, path string
		tty          bool
		want         output.Format
		err          string
	}{
		{path: "list.xlsx", want: output.XLSX},
		{path: "LIST.XLSX", want: output.XLSX},
		{format: "xlsx", path: "list.xlsx", want: output.XLSX},
		{format: "xlsx", want: output.XLSX},                 // a pipe
		{format: "xlsx", path: "-", want: output.XLSX},      // a pipe
		{path: "list.out", want: output.CSV},                // no meaning: csv
		{path: "list", want: output.CSV},                    // none: csv
		{path: "list.txt", want: output.TSV},                // as before
		{format: "tsv", path: "list.csv", want: output.TSV}, // text formats may differ from the name, as before
		{format: "xlsx", tty: true, err: "--format xlsx writes a workbook, which a terminal cannot show"},
		{path: "list.parquet", err: "-o list.parquet: custkit cannot write .parquet (Apache Parquet); it writes .csv .json .jsonl .md .ndjson .tsv .txt .vcard .vcf .xlsx"},
		{format: "csv", path: "list.xls", err: "-o list.xls: custkit cannot write .xls (the old binary Excel format); it writes .csv .json .jsonl .md .ndjson .tsv .txt .vcard .vcf .xlsx"},
		{format: "csv", path: "list.xlsx", err: "--format csv and -o list.xlsx disagree: a .xlsx file is xlsx; name the file for its format"},
		{format: "xlsx", path: "list.csv", err: "--format xlsx and -o list.csv disagree: a .csv file is csv; name the file for its format"},
	}
	for _, c := range cases {
		o := Output{Format: c.format, Path: c.path}
		got, err := o.ResolveFormat(&Streams{StdoutTTY: c.tty})
		if c.err != "" {
			var ue *usererr.UsageError
			if err == nil || err.Error() != c.err || !errors.As(err, &ue) {
				t.Errorf("--format %q -o %q: error %v, want the usage error %q", c.format, c.path, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("--format %q -o %q: %q, %v; want %q", c.format, c.path, got, err, c.want)
		}
	}
}

// TestScreen: a table on a terminal is fitted to its width, with the
// command's default columns unless --columns chose them; --wide, -o, a
// pipe or another format are not.
func TestScreen(t *testing.T) {
	g := &Global{Command: "ledger"}
	tty := &Streams{StdoutTTY: true, Width: 100}
	for _, c := range []struct {
		name   string
		o      Output
		s      *Streams
		format output.Format
		fitted bool
	}{
		{"terminal", Output{}, tty, output.Table, true},
		{"-o -", Output{Path: "-"}, tty, output.Table, true},
		{"wide", Output{Wide: true}, tty, output.Table, false},
		{"file", Output{Path: "l.txt"}, tty, output.Table, false},
		{"pipe", Output{}, &Streams{}, output.Table, false},
		{"markdown", Output{}, tty, output.Markdown, false},
		{"csv", Output{}, tty, output.CSV, false},
	} {
		sc := c.o.Screen(c.s, g, c.format)
		if (sc != nil) != c.fitted {
			t.Errorf("%s: screen %v, want fitted %v", c.name, sc, c.fitted)
			continue
		}
		if sc != nil && (sc.Width != 100 || len(sc.Columns) == 0 || sc.Columns[0] != "customer_id") {
			t.Errorf("%s: %+v", c.name, sc)
		}
	}
	o := Output{Columns: []string{"spend"}}
	if sc := o.Screen(tty, g, output.Table); sc == nil || sc.Columns != nil {
		t.Errorf("--columns: %+v; want fitted without the default columns", sc)
	}
}

func TestTerminalWidth(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	if w := TerminalWidth(-1, env("132")); w != 132 {
		t.Errorf("COLUMNS=132: %d", w)
	}
	if w := TerminalWidth(-1, env("")); w != 80 {
		t.Errorf("no terminal, no COLUMNS: %d, want 80", w)
	}
	if w := TerminalWidth(-1, env("wide")); w != 80 {
		t.Errorf("COLUMNS=wide: %d, want 80", w)
	}
}
