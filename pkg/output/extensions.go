package output

import (
	"slices"
	"strings"
)

// FormatOfExtension is the format an output file's extension (".csv",
// lower case, with its dot) chooses; false for any other extension.
func FormatOfExtension(ext string) (Format, bool) {
	f, ok := writeExtensions[ext]
	return f, ok
}

// Unwritable says what an output file's extension names when it is that
// of a format a spreadsheet or a data tool would expect and custkit cannot
// write (".xls": "the old binary Excel format"); false for any other.
func Unwritable(ext string) (string, bool) {
	what, ok := cannotWrite[ext]
	return what, ok
}

// writeExtensions are the -o extensions that choose a format.
var writeExtensions = map[string]Format{
	".csv": CSV, ".tsv": TSV, ".txt": TSV,
	".json": JSON, ".jsonl": JSONL, ".ndjson": JSONL,
	".md": Markdown, ".vcf": VCard, ".vcard": VCard,
	".xlsx": XLSX,
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

// WritableExtensions lists the extensions that choose a format, for
// messages.
func WritableExtensions() string {
	exts := make([]string, 0, len(writeExtensions))
	for e := range writeExtensions {
		exts = append(exts, e)
	}
	slices.Sort(exts)
	return strings.Join(exts, " ")
}
