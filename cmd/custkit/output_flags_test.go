package main

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
		o := outputFlags{format: c.format, path: c.path}
		got, err := o.resolveFormat(&streams{stdoutTTY: c.tty})
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
