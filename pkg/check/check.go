// Package check validates custkit's input files before any other command
// relies on them, and reports every problem it finds rather than the first.
//
// It runs the reading side of the data path ([rows], [schema], [parse]) over
// each file without stopping at bad input: [Run] reads the customers files
// first and keeps only the set of their customer ids (memory follows the
// number of customers), then streams the sales, contacts and complaints
// files against that set. The result is a [Report] with, per file, the
// encoding and delimiter found, which header became which field, the
// columns that map to no field, the row count and the personal-data
// columns; and every problem as a [Finding] that names the file, line,
// column and value in the form of a [rows.Error]:
//
//	sales.csv:1234: column "quantity": "abc" is not a number
//
// Findings are also handed to [Options.Emit] one by one, in file and line
// order, so that a caller can stream a machine-readable list of any length.
package check

import (
	"context"
	"errors"
	"io"
	"sort"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/jsonin"
	"github.com/custkit/custkit/pkg/overlap"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Severity says whether a finding fails the check.
type Severity string

// The severities, from worst to mildest.
const (
	Error   Severity = "error"   // the file cannot be used as it is; the check fails
	Warning Severity = "warning" // probably a mistake, but commands can go on
	Info    Severity = "info"    // a fact about the file
)

// Code names the kind of a finding, for grouping and for scripts.
type Code string

// The codes, in the order a report lists them.
const (
	CodeRead            Code = "read-error"         // the file could not be read on
	CodeDuplicateFile   Code = "duplicate-file"     // a file its flag names twice, or a copy of another: not read
	CodeEmptyFile       Code = "empty-file"         // no header row
	CodeMissingColumn   Code = "missing-column"     // no column maps to a required field
	CodeAmbiguousColumn Code = "ambiguous-column"   // two columns map to one field
	CodeNoColumn        Code = "no-column"          // no column maps to a field some answers need (complaints' status, contacts' channel)
	CodeQuote           Code = "quote"              // unterminated quote or text after a closing quote
	CodeEncoding        Code = "encoding"           // bytes invalid in the file's encoding
	CodeEncodingGuess   Code = "encoding-guess"     // the encoding is a guess between two
	CodeRagged          Code = "ragged-row"         // a row with the wrong number of fields
	CodeEmptyID         Code = "empty-id"           // a customer without an id
	CodeDuplicateID     Code = "duplicate-id"       // a customer id seen before
	CodeBadDate         Code = "bad-date"           // a date that does not parse
	CodeEmptyDate       Code = "empty-date"         // a sales line without its sold_at, which the commands refuse
	CodeBadNumber       Code = "bad-number"         // a quantity or amount that does not parse
	CodeEmptyQuantity   Code = "empty-quantity"     // sales lines with an empty quantity, counted as 1
	CodeEmptyAmount     Code = "empty-amount"       // sales lines with no amount and no unit price, counted as 0
	CodePricedAmount    Code = "priced-amount"      // sales lines with an empty amount, counted as quantity × unit price
	CodeOrphan          Code = "orphan"             // a customer id not in the customers files
	CodeWalkIn          Code = "walk-in"            // rows without a customer id, counted
	CodeFile            Code = "file"               // the kind, encoding and delimiter of a file
	CodeColumn          Code = "column"             // a column and the field it maps to
	CodeUnknownColumn   Code = "unknown-column"     // a column that maps to no field
	CodePersonal        Code = "personal-data"      // a column that holds personal data
	CodeRows            Code = "rows"               // the number of rows of a file
	CodeUnneeded        Code = "unneeded-column"    // a column no configured purpose names
	CodeScientificID    Code = "scientific-id"      // an id a spreadsheet turned into 4.90123E+12
	CodeNULByte         Code = "nul-byte"           // an id holding a NUL byte
	CodeRepeatedHeader  Code = "repeated-header"    // the header again inside the file, skipped
	CodeHeaderRow       Code = "header-row"         // the header is below line 1; the lines above skipped
	CodeEmptyRows       Code = "empty-rows"         // rows with every field empty, skipped, counted
	CodeTotalsRow       Code = "totals-row"         // a spreadsheet's totals row (合計) in a sales file, skipped, counted
	CodeBadFlag         Code = "bad-flag"           // a void flag or transaction kind custkit does not know
	CodePartlyVoided    Code = "partly-voided"      // a receipt with the void flag on some of its lines only
	CodeOverlap         Code = "overlapping-files"  // a receipt that an earlier sales file holds too: counted twice
	CodeVoided          Code = "voided"             // voided receipts, counted: every analysis leaves them out
	CodeReturns         Code = "returns"            // return lines, counted: every analysis nets them
	CodeOther           Code = "other-transactions" // lines of transactions that are not sales (取引区分 ≠ 1), counted: left out
	CodeLayout          Code = "layout"             // the known export layout the header was read as
	CodeUnusable        Code = "unusable-file"      // a known layout no command can use (a register's totals)
	CodeNoAmount        Code = "no-amount"          // no amount column: spend is quantity × unit price
)

// problemCodes lists the codes of errors and warnings in report order.
var problemCodes = []Code{
	CodeDuplicateFile, CodeRead, CodeEmptyFile, CodeUnusable, CodeMissingColumn, CodeAmbiguousColumn, CodeNoColumn, CodeQuote, CodeEncoding,
	CodeEncodingGuess, CodeRagged, CodeEmptyID, CodeScientificID, CodeNULByte, CodeDuplicateID, CodeBadDate, CodeEmptyDate, CodeBadNumber,
	CodeEmptyQuantity, CodeEmptyAmount, CodeOrphan, CodeRepeatedHeader, CodeBadFlag, CodePartlyVoided, CodeOverlap,
}

// Severity returns how bad a finding of code c is: orphans and empty
// quantities or amounts are warnings, walk-ins, skipped rows and file
// facts are information, everything else is an error.
func (c Code) Severity() Severity {
	switch c {
	case CodeOrphan, CodeRepeatedHeader, CodePartlyVoided, CodeEncodingGuess, CodeEmptyQuantity, CodeEmptyAmount, CodeOverlap, CodeNoColumn:
		return Warning
	case CodeVoided, CodeReturns, CodeOther, CodeWalkIn, CodeFile, CodeColumn, CodeUnknownColumn, CodePersonal, CodeRows, CodeUnneeded, CodeHeaderRow, CodeEmptyRows,
		CodeTotalsRow, CodePricedAmount, CodeLayout, CodeNoAmount:
		return Info
	}
	return Error
}

// Finding is one thing check found. Its position fields are those of a
// [rows.Error], and String formats it the same way.
type Finding struct {
	File   string // the file as the user named it
	Line   int    // 1-based line where the row starts; 0 for the whole file
	Column string // header name of the column; "" for a whole row or file
	Value  string // the offending value, when Column is set
	Code   Code
	Err    error // what was found; its text follows the position
}

// Severity returns the severity of f's code.
func (f *Finding) Severity() Severity { return f.Code.Severity() }

// Problem returns the text of f without its position.
func (f *Finding) Problem() string { return f.Err.Error() }

// String formats f as one line: file:line: column "x": "value" problem.
func (f *Finding) String() string {
	return (&rows.Error{File: f.File, Line: f.Line, Column: f.Column, Value: f.Value, Err: f.Err}).Error()
}

// Input is one file to check.
type Input struct {
	Kind     schema.Kind
	Name     string           // the file as the user named it, used in findings
	Src      io.Reader        // its bytes; Run reads them to the end or to a fatal error
	Encoding charset.Encoding // "" detects it
	// HeaderRow is the line of the header; 0 finds it, below a title row
	// if the first row does not name the kind's required fields.
	HeaderRow int
	// Sheet is the sheet of a workbook to read (see workbook.Options);
	// "" picks it.
	Sheet string
	// Format is --input-format for the file: jsonin.Auto decides by its
	// name and content, as every command does (see input.NewReader).
	Format jsonin.Format
	// Duplicate says that the file is one its list names already, or a
	// copy of one of its files (see input.Opener.Duplicates): it is an
	// error, and the file is not read (Src is nil), for every command
	// refuses it.
	Duplicate *input.Duplicate
}

// Options configure Run.
type Options struct {
	// Aliases are the extra header names of the config file, by kind name.
	Aliases map[string]schema.Aliases
	// Personal names extra columns that hold personal data.
	Personal []string
	// Purposes are the configured purposes and the columns each needs (see
	// config.Privacy.Purposes); when there are any, every column none of
	// them names is reported as unneeded.
	Purposes map[string][]string
	// Basis is the config's amount: which amount column spend adds up.
	Basis schema.Basis
	// ExcelSerial reads numbers in date columns as Excel serial days (the
	// config's dates.excel_serial).
	ExcelSerial bool
	// KeyNormalize compares customer ids after customer.NormalizeKey, as
	// the commands do with --key-normalize: 000105 and 105 are one id.
	KeyNormalize bool
	// Keep is how many findings of each code the report keeps per file for
	// listing; all are counted. Negative keeps every one.
	Keep int
	// Emit, if set, receives every finding (facts included) in file and
	// line order as it is found; an error from it stops Run. The finding
	// is not used after Emit returns.
	Emit func(*Finding) error
}

// Report is the result of a check.
type Report struct {
	Files []*FileReport
}

// FileReport is what check found in one file.
type FileReport struct {
	Kind     schema.Kind
	Name     string
	Encoding charset.Encoding // "" if the file could not be opened as text
	Comma    byte
	Header   []string
	// HeaderLine is the line the header is on: 1, unless blank lines or
	// a title row stand above it. LineEnds is LF, CRLF or CR.
	HeaderLine int
	LineEnds   string
	// NoBOM says the file is UTF-16 without a byte order mark.
	NoBOM bool
	// Sheet is the sheet read when the file is a workbook; Name is then
	// the file's name followed by the sheet's (名簿.xlsx[顧客]), and
	// Encoding, Comma and LineEnds say nothing about the file.
	Sheet string
	// JSON is the layout of a JSON file (custkit's own --format json or
	// jsonl output); "" for any other file. Comma and LineEnds then say
	// nothing about the file.
	JSON     jsonin.Layout
	Binding  *schema.Binding // nil when the header does not map
	Personal []schema.Field  // per column of Header, "" when not personal
	// Unneeded are the header names of the columns no configured purpose
	// names, in header order; nil when no purposes are configured.
	Unneeded []string
	Rows     int // data rows read, good or bad
	// SpendFromPrice says that a sales file has no amount column of the
	// config's basis, so spend is quantity × unit price.
	SpendFromPrice bool
	// NoSpend says why spend cannot be computed from a sales file at all,
	// "" when it can.
	NoSpend string
	// EmptyRows is the number of rows skipped because every field was
	// empty, blank lines included.
	EmptyRows int
	// TotalsRows is the number of totals rows of a sales file skipped,
	// as every command skips them (rows.Reader.SkipTotals); FirstTotals
	// is the line of the first and TotalsWord its word (合計).
	TotalsRows, FirstTotals int
	TotalsWord              string
	// Priced is the note on the lines of a sales file whose amount is
	// empty, which every command counts as quantity × unit price (the
	// lines beside a unit price), as the commands print it; "" if none.
	Priced string
	// Voided and VoidedReceipts count the lines of voided receipts of a
	// sales file, and the receipts (record.ReceiptKeys).
	Voided, VoidedReceipts int
	// Returns and ReturnReceipts count the return lines of a sales file
	// that are not voided (record.Totals.Net: a return kind, or a negative
	// quantity or amount), and their receipts.
	Returns, ReturnReceipts int
	// Other counts the lines of transactions that are not sales (a
	// 取引区分 other than 1), OtherKinds their classes: every analysis
	// leaves them out.
	Other      int
	OtherKinds record.OtherKinds
	// Stopped is the error that ended reading before the end of the file,
	// or nil. It is among Findings too.
	Stopped *Finding
	// IDsCheckedIn names the customers files (comma-separated, when there
	// are several) whose ids this file's customer ids were looked up in;
	// "" with NotCheckedWhy when they were not.
	IDsCheckedIn  string
	NotCheckedWhy string
	// Counts has the number of findings of each problem code, and of
	// walk-in rows.
	Counts map[Code]int
	// Findings are the errors and warnings kept for listing (at most
	// Options.Keep per code), in line order.
	Findings []Finding
}

// Errors returns the number of error findings in the report.
func (r *Report) Errors() int { return r.count(Error) }

// Warnings returns the number of warning findings in the report.
func (r *Report) Warnings() int { return r.count(Warning) }

func (r *Report) count(s Severity) int {
	n := 0
	for _, f := range r.Files {
		for code, c := range f.Counts {
			if code.Severity() == s {
				n += c
			}
		}
	}
	return n
}

// Run checks inputs and returns the report. The customers files, if any,
// are read first whatever their place in inputs, so that the customer ids
// of the other files can be looked up in all of them; an id in two
// customers files is a duplicate, as within one. The others follow in the
// order given.
// Problems in the files are findings, not errors: Run returns an error only
// when ctx is cancelled or Emit fails.
func Run(ctx context.Context, inputs []Input, opts Options) (*Report, error) {
	ordered := append([]Input(nil), inputs...)
	sort.SliceStable(ordered, func(i, j int) bool {
		return ordered[i].Kind.Name == schema.Customers.Name && ordered[j].Kind.Name != schema.Customers.Name
	})
	c := &checker{opts: opts, report: &Report{}}
	if salesFiles(inputs) > 1 {
		c.receipts = overlap.NewSet()
	}
	for _, in := range ordered {
		if err := c.file(ctx, in); err != nil {
			return c.report, err
		}
	}
	return c.report, nil
}

// checker holds what one file's check passes to the next: the customer ids.
type checker struct {
	opts   Options
	report *Report
	// ids maps each customer id of the customers files read so far to
	// where it first appears: several customers files are one customer
	// base, so an id is unique across them and the other files' ids are
	// looked up in all of them. idsFiles names those files in order.
	ids      map[string]idAt
	idsFiles []string
	// idsWhy says why the other files' ids cannot be looked up, when a
	// customers file could not be read to the end or has no id column.
	idsWhy   string
	haveCust bool
	// normalized maps ids after join's --key-normalize to the id as
	// written; built at the first unknown id, to say when it would match.
	normalized map[string]string
	// receipts are the sales files read so far, when there are two or
	// more, for the receipts a later one holds too (CodeOverlap).
	receipts *overlap.Set
}

// salesFiles counts the sales files of inputs that are read.
func salesFiles(inputs []Input) int {
	n := 0
	for _, in := range inputs {
		if in.Kind.Name == schema.Sales.Name && in.Duplicate == nil {
			n++
		}
	}
	return n
}

// idAt is where a customer id first appears: the index of its customers
// file in checker.idsFiles and the line; changed says that
// --key-normalize changed it (000105 read as 105).
type idAt struct {
	file, line int32
	changed    bool
}

// idsFailed records why the customers files' ids cannot be looked up; the
// first reason stands.
func (c *checker) idsFailed(why string) {
	if c.idsWhy == "" {
		c.idsWhy = why
	}
}

// add records a problem: counted always, kept up to Options.Keep, emitted.
func (c *checker) add(fr *FileReport, f Finding) error {
	fr.Counts[f.Code]++
	if c.opts.Keep < 0 || fr.Counts[f.Code] <= c.opts.Keep {
		fr.Findings = append(fr.Findings, f)
	}
	return c.emit(f)
}

// emit hands a finding to Options.Emit.
func (c *checker) emit(f Finding) error {
	if c.opts.Emit == nil {
		return nil
	}
	return c.opts.Emit(&f)
}

// fromError turns an error of the reading layer into a finding.
func fromError(name string, err error) Finding {
	var re *rows.Error
	if errors.As(err, &re) {
		return Finding{File: re.File, Line: re.Line, Column: re.Column, Value: re.Value, Code: codeOf(re.Err), Err: re.Err}
	}
	return Finding{File: name, Code: CodeRead, Err: err}
}

// codeOf classifies an error of the reading layer.
func codeOf(err error) Code {
	var be *schema.BindError
	switch {
	case errors.Is(err, rows.ErrEmpty):
		return CodeEmptyFile
	case errors.Is(err, rows.ErrRagged):
		return CodeRagged
	case errors.Is(err, rows.ErrQuote), errors.Is(err, rows.ErrAfterQuote):
		return CodeQuote
	case errors.Is(err, rows.ErrEncoding):
		return CodeEncoding
	case errors.Is(err, parse.ErrDate):
		return CodeBadDate
	case errors.Is(err, record.ErrEmpty):
		return CodeEmptyDate
	case errors.Is(err, parse.ErrNumber):
		return CodeBadNumber
	case errors.Is(err, record.ErrFlag):
		return CodeBadFlag
	case errors.As(err, &be) && be.Layout != nil:
		return CodeUnusable
	case errors.As(err, &be) && len(be.Columns) > 1:
		return CodeAmbiguousColumn
	case errors.As(err, &be):
		return CodeMissingColumn
	}
	return CodeRead
}

// recoverable reports whether reading can go on after err from
// [rows.Reader.Next]: the row is skipped (or, when ragged, still counted
// and its customer id still used) and the next row is read.
func recoverable(err error) bool {
	return errors.Is(err, rows.ErrRagged) || errors.Is(err, rows.ErrEncoding) || errors.Is(err, rows.ErrAfterQuote)
}
