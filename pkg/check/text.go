package check

import (
	"bufio"
	"fmt"
	"github.com/custkit/custkit/pkg/english"
	"io"
	"strings"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// WriteText writes the report for people: for each file its facts, then
// its problems grouped by kind (errors, then warnings) with each one on its
// own line, and at the end one summary line such as
// "2 errors, 1 warning in 3 files".
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Files {
		f.writeText(bw)
		bw.WriteString("\n")
	}
	bw.WriteString(r.Summary() + "\n")
	return bw.Flush()
}

// Summary is the report's last line: "2 errors, 1 warning in 3 files", or
// "no problems in 3 files".
func (r *Report) Summary() string {
	files := english.CountAs(len(r.Files), "file", "files")
	e, w := r.Errors(), r.Warnings()
	if e == 0 && w == 0 {
		return "no problems in " + files
	}
	return fmt.Sprintf("%s, %s in %s", english.CountAs(e, "error", "errors"), english.CountAs(w, "warning", "warnings"), files)
}

func (f *FileReport) writeText(w *bufio.Writer) {
	w.WriteString(f.title() + "\n")
	if n := f.HeaderLine; n == 2 {
		w.WriteString("  info: header on line 2; line 1 skipped\n")
	} else if n > 2 {
		fmt.Fprintf(w, "  info: header on line %d; lines 1–%d skipped\n", n, n-1)
	}
	if f.Binding != nil && f.Binding.Layout != nil {
		fmt.Fprintf(w, "  layout: %s\n", f.Binding.Layout.Describe())
	}
	if f.Header != nil {
		f.writeColumns(w)
	}
	if f.NotCheckedWhy != "" && f.Binding != nil {
		fmt.Fprintf(w, "  customer ids not looked up: %s\n", f.NotCheckedWhy)
	}
	for _, code := range problemCodes {
		f.writeProblems(w, code)
	}
	if n := f.Counts[CodeWalkIn]; n > 0 {
		fmt.Fprintf(w, "  info: %s\n", walkInText(f.Kind, n))
	}
	if f.Other > 0 {
		fmt.Fprintf(w, "  info: %s\n", otherText(f.Other, f.OtherKinds))
	}
	if f.Voided > 0 {
		fmt.Fprintf(w, "  info: %s\n", voidedText(f.Voided, f.VoidedReceipts))
	}
	if f.Returns > 0 {
		fmt.Fprintf(w, "  info: %s\n", returnsText(f.Returns, f.ReturnReceipts))
	}
	if f.Priced != "" {
		fmt.Fprintf(w, "  info: %s\n", f.Priced)
	}
	if f.SpendFromPrice {
		fmt.Fprintf(w, "  info: %s\n", noAmountText)
	}
	if f.NoSpend != "" {
		fmt.Fprintf(w, "  info: %s\n", f.NoSpend)
	}
	if n := f.EmptyRows; n > 0 {
		fmt.Fprintf(w, "  info: %s\n", english.CountAs(n, "empty row skipped", "empty rows skipped"))
	}
	if f.TotalsRows > 0 {
		fmt.Fprintf(w, "  info: %s\n", rows.Skips{Totals: f.TotalsRows, FirstTotals: f.FirstTotals, TotalsWord: f.TotalsWord}.TotalsNote(f.Name))
	}
}

// title is the file's first line: name, kind, encoding, delimiter, rows.
func (f *FileReport) title() string {
	s := fmt.Sprintf("%s: %s file", f.Name, f.Kind.Name)
	if f.Header == nil {
		return s
	}
	enc := string(f.Encoding)
	if f.NoBOM {
		enc += " without a BOM"
	}
	switch {
	case f.Sheet != "":
		s += fmt.Sprintf(", %s, %s", workbookText(f.Sheet), english.CountAs(f.Rows, "row", "rows"))
	case f.JSON != "":
		s += fmt.Sprintf(", %s, %s", f.JSON.Describe(), english.CountAs(f.Rows, "row", "rows"))
	default:
		s += fmt.Sprintf(", %s, %s, %s", enc, Delimiter(f.Comma), english.CountAs(f.Rows, "row", "rows"))
	}
	if f.LineEnds == "CR" && f.Sheet == "" && f.JSON == "" {
		s += ", CR line ends (Excel for Mac)"
	}
	if f.Stopped != nil {
		s += " before reading stopped"
	}
	return s
}

// writeColumns lists which header became which field, the unknown columns,
// the personal-data columns and, with purposes configured, the columns none
// of them uses.
func (f *FileReport) writeColumns(w *bufio.Writer) {
	if f.Binding == nil {
		fmt.Fprintf(w, "  columns: %s\n", strings.Join(f.Header, ", "))
	} else {
		width := 0
		for _, field := range schema.SortedFields(f.Binding.Index) {
			width = max(width, len(field))
		}
		for _, field := range schema.SortedFields(f.Binding.Index) {
			fmt.Fprintf(w, "  %-*s ← %s\n", width, field, f.Header[f.Binding.Index[field]])
		}
		if len(f.Binding.Unknown) > 0 {
			names := make([]string, len(f.Binding.Unknown))
			for i, c := range f.Binding.Unknown {
				names[i] = f.Header[c]
			}
			fmt.Fprintf(w, "  unknown columns, passed through: %s\n", strings.Join(names, ", "))
		}
	}
	var personal []string
	for i, p := range f.Personal {
		switch {
		case p == "":
		case p == schema.Other:
			personal = append(personal, f.Header[i]+" (privacy.personal_columns)")
		case string(p) == f.Header[i]:
			personal = append(personal, f.Header[i])
		default:
			personal = append(personal, fmt.Sprintf("%s (%s)", f.Header[i], p))
		}
	}
	if len(personal) == 0 {
		personal = []string{"none"}
	}
	fmt.Fprintf(w, "  personal data: %s\n", strings.Join(personal, ", "))
	switch {
	case f.Unneeded == nil:
	case len(f.Unneeded) == 0:
		fmt.Fprintf(w, "  no purpose uses: none\n")
	default:
		fmt.Fprintf(w, "  no purpose uses: %s (collect only what you need)\n", strings.Join(f.Unneeded, ", "))
	}
}

// writeProblems writes the group of findings of one code: a heading with
// the count, the kept findings, and how many more there are.
func (f *FileReport) writeProblems(w *bufio.Writer, code Code) {
	n := f.Counts[code]
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "  %s: %s\n", code.Severity(), heading(code, n))
	listed := 0
	for i := range f.Findings {
		if f.Findings[i].Code == code {
			fmt.Fprintf(w, "    %s\n", f.Findings[i].String())
			listed++
		}
	}
	if listed < n {
		fmt.Fprintf(w, "    ... and %d more\n", n-listed)
	}
}

// heading names n findings of code.
func heading(code Code, n int) string {
	one, many := string(code), string(code)
	switch code {
	case CodeDuplicateFile:
		one, many = "duplicate file", "duplicate files"
	case CodeRead:
		one, many = "read error", "read errors"
	case CodeEmptyFile:
		one, many = "empty file", "empty files"
	case CodeMissingColumn:
		one, many = "missing column", "missing columns"
	case CodeAmbiguousColumn:
		one, many = "ambiguous column", "ambiguous columns"
	case CodeNoColumn:
		one, many = "field without a column", "fields without a column"
	case CodeQuote:
		one, many = "quoting error", "quoting errors"
	case CodeEncoding:
		one, many = "row with invalid bytes", "rows with invalid bytes"
	case CodeEncodingGuess:
		return "encoding guessed"
	case CodeRagged:
		one, many = "ragged row", "ragged rows"
	case CodeEmptyID:
		one, many = "customer without an id", "customers without an id"
	case CodeDuplicateID:
		one, many = "duplicate customer id", "duplicate customer ids"
	case CodeBadDate:
		one, many = "bad date", "bad dates"
	case CodeEmptyDate:
		one, many = "line without a date", "lines without a date"
	case CodeBadNumber:
		one, many = "bad number", "bad numbers"
	case CodeEmptyQuantity:
		return "lines without a quantity" // one finding tells them all
	case CodeEmptyAmount:
		return "lines without an amount"
	case CodeOrphan:
		one, many = "row with an unknown customer id", "rows with an unknown customer id"
	case CodeUnusable:
		one, many = "unusable file", "unusable files"
	case CodeOverlap:
		one, many = "overlapping file", "overlapping files"
	}
	return english.CountAs(n, one, many)
}
