package output

import "testing"

func TestFormatOfExtension(t *testing.T) {
	for ext, want := range map[string]Format{".csv": CSV, ".txt": TSV, ".ndjson": JSONL, ".vcard": VCard, ".xlsx": XLSX} {
		if got, ok := FormatOfExtension(ext); !ok || got != want {
			t.Errorf("FormatOfExtension(%q) = %q, %v; want %q", ext, got, ok, want)
		}
	}
	for _, ext := range []string{"", ".out", ".xls", ".CSV"} {
		if got, ok := FormatOfExtension(ext); ok {
			t.Errorf("FormatOfExtension(%q) = %q, want none", ext, got)
		}
	}
}

func TestUnwritable(t *testing.T) {
	if what, ok := Unwritable(".xls"); !ok || what != "the old binary Excel format" {
		t.Errorf("Unwritable(.xls) = %q, %v", what, ok)
	}
	for _, ext := range []string{".csv", ".xlsx", ".out", ""} {
		if what, ok := Unwritable(ext); ok {
			t.Errorf("Unwritable(%q) = %q, want none", ext, what)
		}
	}
	// An extension is either written or refused, never both.
	for ext := range cannotWrite {
		if _, ok := FormatOfExtension(ext); ok {
			t.Errorf("%s is both written and refused", ext)
		}
	}
}

func TestWritableExtensions(t *testing.T) {
	const want = ".csv .json .jsonl .md .ndjson .tsv .txt .vcard .vcf .xlsx"
	if got := WritableExtensions(); got != want {
		t.Errorf("WritableExtensions() = %q, want %q", got, want)
	}
}
