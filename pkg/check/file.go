package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/custkit/custkit/pkg/english"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/overlap"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// fileCheck checks the rows of one file.
type fileCheck struct {
	*checker
	fr       *FileReport
	customer bool // the customers file: ids are collected, not looked up
	idCol    int  // the customer id column, -1 if not found
	dec      *record.Decoder
	dates    []schema.Field // fields parsed as dates
	numbers  []schema.Field // fields parsed as amounts
	// clock is sold_at read with a separate time column, when the file
	// has one.
	clock *record.Column
	// soldAt is the date of a sales line, which must not be empty: the
	// commands that read dates refuse a line without one. nil when the
	// file is of another kind or has no sold_at column.
	soldAt *record.Column
	// productCol is the product id column, -1 if none: like customer ids,
	// product ids (JAN codes) are spoiled by a spreadsheet.
	productCol int
	// The void and kind columns of a sales file, whose values must be
	// known ones; the voided receipts by key, and the last line's key and
	// flag, to find receipts voided on some lines only. The void column is
	// judged line by line, as the analyses judge it (record.VoidLines).
	void              record.VoidLines
	kind              record.Flag
	class             record.ClassFlag
	keys              record.ReceiptKeys
	voided            map[string]bool
	totals            record.Totals   // the net rule, for returns
	returned          map[string]bool // the receipts of the return lines
	lastKey           []byte
	lastVoid, flagged bool
	// overlap tells the receipts of a sales file to checker.receipts, when
	// the check reads two or more.
	overlap *record.Overlap
}

// file checks one input and adds its FileReport.
func (c *checker) file(ctx context.Context, in Input) error {
	fr := &FileReport{Kind: in.Kind, Name: in.Name, Counts: map[Code]int{}}
	c.report.Files = append(c.report.Files, fr)
	if d := in.Duplicate; d != nil {
		return c.add(fr, Finding{File: in.Name, Value: d.First, Code: CodeDuplicateFile, Err: errors.New(d.Problem(in.Kind.Name))})
	}
	customer := in.Kind.Name == schema.Customers.Name
	if customer {
		c.haveCust = true
		c.idsFiles = append(c.idsFiles, in.Name)
		if c.ids == nil {
			c.ids = map[string]idAt{}
		}
	}
	aliases := c.opts.Aliases[in.Kind.Name]
	r, got, err := input.NewReader(in.Src, rows.Options{Name: in.Name, Encoding: in.Encoding, HeaderRow: in.HeaderRow,
		IsHeader: func(h []string) bool { return in.Kind.MapsRequired(h, aliases) }}, in.Format,
		input.Sheet{Name: in.Sheet, Kind: &in.Kind, Aliases: aliases})
	if got.Close != nil {
		defer got.Close()
	}
	fr.JSON = got.JSON
	if err == nil && got.Sheet != "" {
		// A workbook's findings name its sheet, as its errors do.
		fr.Name, fr.Sheet = r.Name(), got.Sheet
		if customer {
			c.idsFiles[len(c.idsFiles)-1] = fr.Name
		}
	}
	if err != nil {
		if customer {
			c.idsFailed(in.Name + " could not be read to the end")
		}
		return c.stop(fr, fromError(in.Name, err))
	}
	fc := &fileCheck{checker: c, fr: fr, customer: customer, idCol: -1, productCol: -1}
	if err := fc.header(r); err != nil {
		return err
	}
	if err := fc.rows(ctx, r); err != nil {
		return err
	}
	if customer {
		fc.keepIDs()
	}
	if err := fc.overlaps(); err != nil {
		return err
	}
	if err := fc.skipped(r); err != nil {
		return err
	}
	if err := fc.blanks(); err != nil {
		return err
	}
	if n := fr.Counts[CodeWalkIn]; n > 0 {
		if err := c.emit(Finding{File: fr.Name, Code: CodeWalkIn, Err: errors.New(walkInText(fr.Kind, n))}); err != nil {
			return err
		}
	}
	if fr.Other > 0 {
		if err := c.emit(Finding{File: fr.Name, Code: CodeOther, Value: fmt.Sprint(fr.Other), Err: errors.New(otherText(fr.Other, fr.OtherKinds))}); err != nil {
			return err
		}
	}
	if fr.Voided > 0 {
		fr.VoidedReceipts = len(fc.voided)
		if err := c.emit(Finding{File: fr.Name, Code: CodeVoided, Value: fmt.Sprint(fr.VoidedReceipts), Err: errors.New(voidedText(fr.Voided, fr.VoidedReceipts))}); err != nil {
			return err
		}
	}
	if fr.Returns > 0 {
		fr.ReturnReceipts = len(fc.returned)
		if err := c.emit(Finding{File: fr.Name, Code: CodeReturns, Value: fmt.Sprint(fr.ReturnReceipts), Err: errors.New(returnsText(fr.Returns, fr.ReturnReceipts))}); err != nil {
			return err
		}
	}
	return c.emit(Finding{File: fr.Name, Code: CodeRows, Value: fmt.Sprint(fr.Rows), Err: errors.New(english.CountAs(fr.Rows, "row", "rows"))})
}

// skipped reports the rows the reader skipped: empty rows and a sales
// file's totals rows as facts, a header repeated inside the file (files
// joined with cat) as a warning.
func (fc *fileCheck) skipped(r *rows.Reader) error {
	fr, sk := fc.fr, r.Skipped()
	fr.EmptyRows = sk.Empty
	if sk.Empty > 0 {
		err := fc.emit(Finding{File: fr.Name, Code: CodeEmptyRows, Value: fmt.Sprint(sk.Empty),
			Err: errors.New(english.CountAs(sk.Empty, "empty row skipped", "empty rows skipped"))})
		if err != nil {
			return err
		}
	}
	if sk.Totals > 0 {
		fr.TotalsRows, fr.FirstTotals, fr.TotalsWord = sk.Totals, sk.FirstTotals, sk.TotalsWord
		msg := "is a totals row (no customer id, no date), not a sale; skipped"
		if sk.Totals > 1 {
			msg = fmt.Sprintf("is a totals row (no customer id, no date), the first of %d; skipped", sk.Totals)
		}
		col := fmt.Sprintf("#%d", sk.TotalsColumn+1) // past the header's end: a row may be longer
		if sk.TotalsColumn < len(fr.Header) {
			col = fr.Header[sk.TotalsColumn]
		}
		err := fc.emit(Finding{File: fr.Name, Line: sk.FirstTotals, Column: col, Value: sk.TotalsWord,
			Code: CodeTotalsRow, Err: errors.New(msg)})
		if err != nil {
			return err
		}
	}
	if sk.Headers > 0 {
		msg := "repeats the header; skipped (files joined with cat?)"
		if sk.Headers > 1 {
			msg = fmt.Sprintf("repeats the header, first of %d lines that do; skipped (files joined with cat?)", sk.Headers)
		}
		return fc.add(fr, Finding{File: fr.Name, Line: sk.FirstHeader, Code: CodeRepeatedHeader, Err: errors.New(msg)})
	}
	return nil
}

// blanks warns of the lines of a sales file whose quantity or amount is
// empty, which the commands count as 1 or as 0, and tells of those whose
// amount they take as quantity × unit price (record.Totals, whose sums
// here, for the returns, gathered them as the commands' do), as the
// commands say so once per file after their summary: one finding per
// kind, on the first such line, with the number of lines.
func (fc *fileCheck) blanks() error {
	fr := fc.fr
	if fc.returned == nil || fr.Binding == nil || fr.Binding.Blanks == nil {
		return nil
	}
	kinds := fr.Binding.Blanks.List()
	sort.SliceStable(kinds, func(i, j int) bool { return kinds[i].Lines.First() < kinds[j].Lines.First() }) // in line order
	for _, k := range kinds {
		n := k.Lines.Len()
		if n == 0 {
			continue
		}
		msg := fmt.Sprintf("has %s: counted as %s", k.What, k.As)
		if n > 1 {
			msg = fmt.Sprintf("has %s, the first of %d lines that have none: each counted as %s", k.What, n, k.As)
		}
		f := Finding{File: fr.Name, Line: k.Lines.First(), Value: fmt.Sprint(n), Code: CodeEmptyAmount, Err: errors.New(msg)}
		switch {
		case !k.Warn:
			f.Code, fr.Priced = CodePricedAmount, input.BlankNote(k, fr.Name)
			if err := fc.emit(f); err != nil {
				return err
			}
			continue
		case k.Lines == &fr.Binding.Blanks.Quantity:
			f.Code = CodeEmptyQuantity
		}
		if err := fc.add(fr, f); err != nil {
			return err
		}
	}
	return nil
}

// overlaps warns of each earlier sales file that holds a receipt this one
// holds too, as the commands warn once they have read both: its sales are
// counted twice. One finding per earlier file, on this file's line of the
// receipt (overlap.Set.PairsOf).
func (fc *fileCheck) overlaps() error {
	fr := fc.fr
	if fc.overlap == nil {
		return nil
	}
	col := fr.Binding.Col(schema.ReceiptID)
	if col < 0 {
		col = fr.Binding.Col(schema.SoldAt)
	}
	for _, p := range fc.receipts.PairsOf(fr.Name) {
		f := Finding{File: fr.Name, Line: p.B.Line, Column: fr.Header[col], Value: p.B.ID, Code: CodeOverlap, Err: overlapError(p)}
		if p.B.ID == "" {
			f.Value = p.B.At
		}
		if err := fc.add(fr, f); err != nil {
			return err
		}
	}
	return nil
}

// overlapError says that the receipt p.B is p.A of an earlier file.
func overlapError(p overlap.Pair) error {
	at := fmt.Sprintf("%s:%d", p.A.File, rows.LineOf(p.A.File, p.A.Line))
	if p.B.ID == "" {
		store := ""
		if p.B.Store != "" {
			store = " of store " + p.B.Store
		}
		return fmt.Errorf("is the time of a receipt%s that %s holds too: %s", store, at, overlap.Problem)
	}
	store := ""
	if p.B.Store != "" {
		store = fmt.Sprintf(" (store %s)", p.B.Store)
	}
	return fmt.Errorf("of %s%s is in %s too: %s", p.B.At, store, at, overlap.Problem)
}

// keepIDs records why the other files' ids cannot be looked up when this
// customers file was not read to the end or has no id column: its ids are
// then not all known.
func (fc *fileCheck) keepIDs() {
	switch {
	case fc.fr.Stopped != nil:
		fc.idsFailed(fc.fr.Name + " could not be read to the end")
	case fc.idCol < 0:
		fc.idsFailed(fc.fr.Name + " has no customer id column")
	}
}

// stop records the error that ended reading a file.
func (c *checker) stop(fr *FileReport, f Finding) error {
	if err := c.add(fr, f); err != nil {
		return err
	}
	fr.Stopped = &f
	return nil
}

// header records the encoding, delimiter and header mapping of a file and
// decides which columns to check.
func (fc *fileCheck) header(r *rows.Reader) error {
	fr, c := fc.fr, fc.checker
	fr.Encoding, fr.Comma, fr.Header = r.Encoding(), r.Comma(), r.Header()
	fr.HeaderLine, fr.LineEnds, fr.NoBOM = r.HeaderLine(), lineEnds(r), r.Detection().NoBOM
	fr.Personal = schema.PersonalColumns(fr.Header, c.opts.Aliases, c.opts.Personal)
	desc := Finding{File: fr.Name, Code: CodeFile, Value: string(fr.Encoding),
		Err: fmt.Errorf("%s file, %s, %s%s", fr.Kind.Name, fr.Encoding, Delimiter(fr.Comma), crNote(r))}
	switch {
	case fr.Sheet != "":
		desc.Value, desc.Err = "xlsx", fmt.Errorf("%s file, %s", fr.Kind.Name, workbookText(fr.Sheet))
	case fr.JSON != "":
		desc.Value, desc.Err = string(fr.JSON), fmt.Errorf("%s file, %s", fr.Kind.Name, fr.JSON.Describe())
	}
	if err := c.emit(desc); err != nil {
		return err
	}
	if d := r.Detection(); d.Also != "" {
		err := fmt.Errorf("read as %s, but it reads as %s too (few characters outside ASCII); give --encoding to say which", d.Encoding, d.Also)
		if err := c.add(fr, Finding{File: fr.Name, Code: CodeEncodingGuess, Value: string(d.Also), Err: err}); err != nil {
			return err
		}
	}
	if note := r.HeaderNote(); note != "" {
		if err := c.emit(Finding{File: fr.Name, Line: fr.HeaderLine, Code: CodeHeaderRow, Err: errors.New(note)}); err != nil {
			return err
		}
	}
	b, err := fr.Kind.Bind(fr.Header, c.opts.Aliases[fr.Kind.Name])
	if err != nil {
		f := Finding{File: fr.Name, Line: fr.HeaderLine, Code: codeOf(err), Err: err}
		if f.Code == CodeUnusable {
			// A register's totals: its rows are no lines to check.
			if err := c.stop(fr, f); err != nil {
				return err
			}
		} else if err := c.add(fr, f); err != nil {
			return err
		}
	} else {
		fr.Binding = b
		fc.idCol, fc.productCol = b.Col(schema.CustomerID), b.Col(schema.ProductID)
		fc.dec = record.NewDecoder(fr.Name, b)
		fc.dates, fc.numbers = present(b, schema.DateFields), present(b, schema.NumberFields)
		b.Basis, b.ExcelSerial, b.Line = c.opts.Basis, c.opts.ExcelSerial, fr.HeaderLine
		fc.void, fc.kind, fc.keys, fc.voided = fc.dec.VoidLines(), fc.dec.ReturnFlag(), fc.dec.ReceiptKeys(), map[string]bool{}
		fc.class = fc.dec.ClassFlag()
		if fr.Kind.Name == schema.Sales.Name {
			fc.totals, fc.returned = fc.dec.Totals(), map[string]bool{}
			if at := fc.dec.Column(schema.SoldAt); at.Present() {
				fc.soldAt = &at
			}
			if b.Receipts = c.receipts; b.Receipts != nil {
				b.Receipts.File(fr.Name) // in the order the files are read
				fc.overlap = fc.dec.Overlap()
			}
		}
		if err := fr.Kind.Expect(b, c.opts.Aliases[fr.Kind.Name]); err != nil {
			// A sales file without dates: join reads it, the commands that
			// read dates refuse it.
			if err := c.add(fr, Finding{File: fr.Name, Line: fr.HeaderLine, Code: codeOf(err), Err: err}); err != nil {
				return err
			}
		}
		r.SkipTotals(b.TotalsRow()) // as every command reads the file
		if err := fc.layout(); err != nil {
			return err
		}
		if err := fc.lacking(); err != nil {
			return err
		}
	}
	if !fc.customer {
		fc.whichIDs()
	}
	return fc.emitColumns()
}

// whichIDs decides whether a file's customer ids can be looked up.
func (fc *fileCheck) whichIDs() {
	fr, c := fc.fr, fc.checker
	switch {
	case fc.idCol < 0:
		fr.NotCheckedWhy = "the file has no customer id column"
	case c.haveCust && c.idsWhy == "":
		fr.IDsCheckedIn = strings.Join(c.idsFiles, ", ")
	case c.haveCust:
		fr.NotCheckedWhy = c.idsWhy
	default:
		fr.NotCheckedWhy = "no customers file was given"
	}
}

// emitColumns emits the facts about each column.
func (fc *fileCheck) emitColumns() error {
	fr, c := fc.fr, fc.checker
	for i, h := range fr.Header {
		f := Finding{File: fr.Name, Line: fr.HeaderLine, Column: h, Code: CodeUnknownColumn, Err: errors.New("maps to no field; passed through")}
		if fr.Binding == nil {
			f.Code, f.Err = CodeColumn, errors.New("not mapped: the header has an error")
		} else if field := fr.Binding.FieldOf(i); field != "" {
			f.Code, f.Value, f.Err = CodeColumn, string(field), fmt.Errorf("maps to %s", field)
		}
		if err := c.emit(f); err != nil {
			return err
		}
		if p := fr.Personal[i]; p != "" {
			err := c.emit(Finding{File: fr.Name, Line: fr.HeaderLine, Column: h, Value: string(p), Code: CodePersonal,
				Err: fmt.Errorf("holds personal data (%s)", p)})
			if err != nil {
				return err
			}
		}
		if len(c.opts.Purposes) > 0 && !fc.needed(i) {
			fr.Unneeded = append(fr.Unneeded, h)
			err := c.emit(Finding{File: fr.Name, Line: fr.HeaderLine, Column: h, Code: CodeUnneeded,
				Err: errors.New("no configured purpose uses it; collect only what you need")})
			if err != nil {
				return err
			}
		}
	}
	if len(c.opts.Purposes) > 0 && fr.Unneeded == nil {
		fr.Unneeded = []string{}
	}
	return nil
}

// needed reports whether a configured purpose names column i, by its
// header (compared as header aliases are) or by the field it maps to. The
// customer id is always needed: every purpose joins on it.
func (fc *fileCheck) needed(i int) bool {
	fr := fc.fr
	field := schema.Field("")
	if fr.Binding != nil {
		field = fr.Binding.FieldOf(i)
	}
	if field == schema.CustomerID {
		return true
	}
	header := schema.Normalize(fr.Header[i])
	for _, columns := range fc.checker.opts.Purposes {
		for _, name := range columns {
			if field != "" && name == string(field) || schema.Normalize(name) == header {
				return true
			}
		}
	}
	return false
}

// present returns the fields of fs that b found.
func present(b *schema.Binding, fs []schema.Field) []schema.Field {
	var found []schema.Field
	for _, f := range fs {
		if b.Col(f) >= 0 {
			found = append(found, f)
		}
	}
	return found
}

// rows reads every row of the file, going on after the errors a reader can
// recover from, and stops at the first it cannot.
func (fc *fileCheck) rows(ctx context.Context, r *rows.Reader) error {
	fr := fc.fr
	for fr.Stopped == nil {
		if fr.Rows%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil && !recoverable(err) {
			return fc.stop(fr, fromError(fr.Name, err))
		}
		fr.Rows++
		if err != nil {
			if err := fc.add(fr, fromError(fr.Name, err)); err != nil {
				return err
			}
		}
		if rec == nil {
			continue
		}
		if err := fc.row(rec, err == nil); err != nil {
			return err
		}
	}
	return nil
}

// row checks one record: its customer id and, when the row has the
// header's width, its dates and numbers. (The values of a ragged row are
// likely shifted into the wrong columns; only its id is used.)
func (fc *fileCheck) row(rec *rows.Record, whole bool) error {
	if fc.idCol >= 0 && fc.idCol < len(rec.Fields) {
		if bad, err := fc.spoiledID(rec, fc.idCol); bad || err != nil {
			return err
		}
		if err := fc.customerID(rec); err != nil {
			return err
		}
	}
	if fc.productCol >= 0 && fc.productCol < len(rec.Fields) {
		if _, err := fc.spoiledID(rec, fc.productCol); err != nil {
			return err
		}
	}
	if !whole {
		return nil
	}
	if fc.clock != nil {
		if _, _, err := fc.clock.Date(rec); err != nil {
			if err := fc.add(fc.fr, fromError(fc.fr.Name, err)); err != nil {
				return err
			}
		}
	}
	for _, f := range fc.dates {
		if _, _, err := fc.dec.Date(rec, f); err != nil {
			if err := fc.add(fc.fr, fromError(fc.fr.Name, err)); err != nil {
				return err
			}
		}
	}
	for _, f := range fc.numbers {
		if _, _, err := fc.dec.Decimal(rec, f); err != nil {
			if err := fc.add(fc.fr, fromError(fc.fr.Name, err)); err != nil {
				return err
			}
		}
	}
	if fc.dec == nil {
		return nil
	}
	if fc.overlap != nil {
		fc.overlap.Line(rec, time.Time{})
	}
	if k, other, err := fc.class.Other(rec); err != nil {
		if err := fc.add(fc.fr, fromError(fc.fr.Name, err)); err != nil {
			return err
		}
	} else if other {
		fc.fr.Other++
		fc.fr.OtherKinds |= k
		return nil // no sale: its date, void and kind do not matter
	}
	if err := fc.date(rec); err != nil {
		return err
	}
	if _, err := fc.kind.Is(rec); err != nil {
		if err := fc.add(fc.fr, fromError(fc.fr.Name, err)); err != nil {
			return err
		}
	}
	if fc.void.Present() {
		if voided, err := fc.voids(rec); err != nil || voided {
			return err
		}
	}
	return fc.returns(rec)
}

// date reports a sales line whose sold_at is empty with the error of the
// commands that read dates (sales, report and buyers refuse it, walk-in or
// not; ledger a member's). A malformed date is reported above, with the
// other dates.
func (fc *fileCheck) date(rec *rows.Record) error {
	if fc.soldAt == nil || !blank(fc.soldAt.Bytes(rec)) {
		return nil
	}
	if _, err := fc.soldAt.RequireDate(rec); err != nil {
		return fc.add(fc.fr, fromError(fc.fr.Name, err))
	}
	return nil
}

// returns counts the return lines of a sales file, and their receipts,
// as every analysis finds them (record.Totals.Net). A line whose numbers
// or kind are bad is reported above and not counted.
func (fc *fileCheck) returns(rec *rows.Record) error {
	if fc.returned == nil {
		return nil
	}
	if _, _, ret, err := fc.totals.Net(rec); err != nil || !ret {
		return nil
	}
	at, _, _ := fc.dec.Date(rec, schema.SoldAt)
	fc.fr.Returns++
	fc.returned[string(fc.keys.Append(nil, rec, at))] = true
	return nil
}

// voids counts the lines and receipts of a sales file that every analysis
// leaves out as voided, and warns of a receipt whose adjacent lines
// disagree (record.SaleScanner judges each line by its own flag, or, in
// Shopify's orders export, a line with the flag empty by the line before
// of its order).
func (fc *fileCheck) voids(rec *rows.Record) (bool, error) {
	v, continued, err := fc.void.Judge(rec)
	if err != nil {
		if continued {
			return false, nil // reported on the receipt's first line
		}
		return false, fc.add(fc.fr, fromError(fc.fr.Name, err))
	}
	at, _, _ := fc.dec.Date(rec, schema.SoldAt) // a bad date is reported above
	key := fc.keys.Append(nil, rec, at)
	if !continued && fc.flagged && bytes.Equal(key, fc.lastKey) && v != fc.lastVoid {
		err := fc.value(rec, fc.void.Flag.Prefix()-1, CodePartlyVoided,
			errors.New("differs from the line before, of the same receipt: a register voids whole receipts; the lines without the flag are counted"))
		if err != nil {
			return false, err
		}
	}
	fc.lastKey, fc.lastVoid, fc.flagged = key, v, true
	if v {
		fc.fr.Voided++
		fc.voided[string(key)] = true
	}
	return v, nil
}

// spoiledID reports an id that a spreadsheet has spoiled: shown in
// scientific notation (4.90123E+12: the digits after the sixth are gone)
// or holding a NUL byte. bad says that it was one.
func (fc *fileCheck) spoiledID(rec *rows.Record, col int) (bad bool, err error) {
	id := rec.Fields[col]
	switch {
	case record.Scientific(id):
		return true, fc.value(rec, col, CodeScientificID, record.ErrScientific)
	case bytes.IndexByte(id, 0) >= 0:
		return true, fc.value(rec, col, CodeNULByte, errNUL)
	}
	return false, nil
}

var errNUL = errors.New("holds a NUL byte; export the file again from the program that made it")

// customerID collects a customers-file id, or looks up another file's.
// The rules are join's: customer ids must be present and unique across the
// customers files; elsewhere an empty id is a walk-in and an id is matched
// exactly.
//
// With Options.KeyNormalize (the commands' --key-normalize) ids are
// compared as the commands match them: 000105 and 105 are one customer,
// a duplicate in the customers files and found by the other files.
func (fc *fileCheck) customerID(rec *rows.Record) error {
	id := rec.Fields[fc.idCol]
	key := id
	if fc.opts.KeyNormalize && len(id) > 0 {
		key, _ = customer.NormalizeKey(id)
	}
	switch {
	case fc.customer && blank(id):
		return fc.value(rec, fc.idCol, CodeEmptyID, customer.ErrEmptyID)
	case fc.customer:
		if first, dup := fc.ids[string(key)]; dup {
			err := &customer.DuplicateIDError{First: int(first.line)}
			if f := fc.idsFiles[first.file]; f != fc.fr.Name {
				err.FirstFile = f
			}
			if first.changed || !bytes.Equal(key, id) {
				err.As = string(key) // 105 after 000105: say why they are one
			}
			return fc.value(rec, fc.idCol, CodeDuplicateID, err)
		}
		line := rec.Line
		if fc.fr.JSON != "" || fc.fr.Sheet != "" {
			line = rows.LineOf(fc.fr.Name, line) // as the finding names it
		}
		fc.ids[string(key)] = idAt{file: int32(len(fc.idsFiles) - 1), line: int32(line), changed: !bytes.Equal(key, id)}
	case len(id) == 0:
		fc.fr.Counts[CodeWalkIn]++
	case fc.fr.IDsCheckedIn != "":
		if _, ok := fc.ids[string(key)]; !ok {
			return fc.value(rec, fc.idCol, CodeOrphan, fc.orphan(id))
		}
	}
	return nil
}

// orphan says that id is not in the customers files, and which id would
// match it after join's --key-normalize (000105 written as 105 by a
// spreadsheet, say).
func (fc *fileCheck) orphan(id []byte) error {
	c := fc.checker
	if c.normalized == nil {
		c.normalized = make(map[string]string, len(c.ids))
		for k := range c.ids {
			if n, _ := customer.NormalizeKey([]byte(k)); len(n) > 0 {
				c.normalized[string(n)] = k
			}
		}
	}
	in := fc.fr.IDsCheckedIn
	if len(c.idsFiles) > 1 {
		in = "the customers files " + in
	}
	n, _ := customer.NormalizeKey(id)
	if k, ok := c.normalized[string(n)]; ok {
		return fmt.Errorf("is not in %s, but %q is (join --key-normalize matches them)", in, k)
	}
	return fmt.Errorf("is not in %s", in)
}

// value records a problem with one cell.
func (fc *fileCheck) value(rec *rows.Record, col int, code Code, err error) error {
	return fc.add(fc.fr, Finding{File: fc.fr.Name, Line: rec.Line, Column: fc.fr.Header[col],
		Value: string(rec.Fields[col]), Code: code, Err: err})
}

func blank(v []byte) bool { return len(bytes.TrimSpace(v)) == 0 }

// otherText describes the lines of transactions that are not sales.
func otherText(lines int, k record.OtherKinds) string {
	return record.OthersText(lines, k) + " left out: only 取引区分 1 is a sale"
}

// voidedText describes the voided lines of a sales file.
// returnsText describes the return lines of a sales file.
func returnsText(lines, receipts int) string {
	return fmt.Sprintf("%s (%s): counted negative in quantity and spend; a product returned is not bought, a receipt of returns only is no visit",
		english.Count(lines, "return line"), english.Count(receipts, "receipt"))
}

func voidedText(lines, receipts int) string {
	return fmt.Sprintf("%s (%s): left out of every analysis", english.Count(receipts, "voided receipt"), english.Count(lines, "line"))
}

// walkInText describes the rows of a file that have no customer id.
func walkInText(k schema.Kind, n int) string {
	if k.Name == schema.Sales.Name {
		return english.CountAs(n, "walk-in sales line (no customer id)", "walk-in sales lines (no customer id)")
	}
	return english.CountAs(n, "row without a customer id", "rows without a customer id")
}

// lineEnds names the line ends of the file read by r.
func lineEnds(r *rows.Reader) string {
	switch {
	case r.CR():
		return "CR"
	case r.CRLF():
		return "CRLF"
	}
	return "LF"
}

// crNote is added to a file's description when its lines end in a lone
// CR, which only Excel for Mac still writes.
func crNote(r *rows.Reader) string {
	if r.CR() {
		return ", CR line ends (Excel for Mac)"
	}
	return ""
}

// workbookText describes a workbook's sheet where a text file's
// encoding and delimiter are described.
func workbookText(sheet string) string {
	return "xlsx workbook, sheet " + sheet
}

// Delimiter names a delimiter for people.
func Delimiter(comma byte) string {
	if comma == '\t' {
		return "tab-separated"
	}
	return "comma-separated"
}

// noAmountText is said of a sales file without an amount column.
const noAmountText = "no amount column: spend is quantity × unit price"

// noSpendText is said of a sales file without an amount of the config's
// basis or a unit price.
const noSpendText = "no amount column of the config's basis and no unit price: ledger, segment and history cannot compute spend from it"

// neededBy are, per kind, the fields a file may lack but some answers of
// the commands that list it need, and what goes wrong without them.
var neededBy = map[string][]struct {
	field schema.Field
	needs string
}{
	schema.Complaints.Name: {{schema.Status, "complaints --open and --summary need it, and the list cannot tell open complaints from closed ones"}},
	schema.Contacts.Name:   {{schema.Channel, "contacts --channel and --summary --by channel need it, and the list shows no channel"}},
}

// lacking warns of each field of neededBy the file has no column for,
// naming the alias that would map one, once the header is bound.
func (fc *fileCheck) lacking() error {
	fr, c := fc.fr, fc.checker
	b := fr.Binding
	for _, n := range neededBy[fr.Kind.Name] {
		if b.Col(n.field) >= 0 {
			continue
		}
		err := fmt.Errorf("%v: %s; %s", b.Missing(n.field, c.opts.Aliases[fr.Kind.Name]), n.needs, b.AliasHint(n.field))
		if err := c.add(fr, Finding{File: fr.Name, Line: fr.HeaderLine, Code: CodeNoColumn, Err: err}); err != nil {
			return err
		}
	}
	return nil
}

// layout reports the known export layout the header was read as, and,
// for a sales file, how spend will be computed, once the header is bound.
func (fc *fileCheck) layout() error {
	fr, c := fc.fr, fc.checker
	b := fr.Binding
	if b.Layout != nil {
		err := c.emit(Finding{File: fr.Name, Line: fr.HeaderLine, Code: CodeLayout, Value: b.Layout.Name,
			Err: errors.New(b.Layout.Note())})
		if err != nil {
			return err
		}
	}
	if fr.Kind.Name != schema.Sales.Name {
		return nil
	}
	if b.Col(schema.SoldTime) >= 0 {
		clock := fc.dec.Column(schema.SoldAt)
		fc.clock = &clock
	}
	if err := fc.dec.RequireSpend(); err != nil {
		fr.NoSpend = noSpendText
		return c.emit(Finding{File: fr.Name, Line: fr.HeaderLine, Code: CodeNoAmount, Err: errors.New(noSpendText)})
	}
	if fc.dec.SpendFromPrice() {
		fr.SpendFromPrice = true
		return c.emit(Finding{File: fr.Name, Line: fr.HeaderLine, Code: CodeNoAmount, Err: errors.New(noAmountText)})
	}
	return nil
}
