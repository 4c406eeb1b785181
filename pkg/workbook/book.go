package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/rows"
)

// Options tell [Open] how to read a workbook.
type Options struct {
	// Name is the file as the user named it.
	Name string
	// Choice picks the sheet.
	Choice
	// HeaderRow and IsHeader find the header, as for a CSV file (see
	// [rows.Options]).
	HeaderRow int
	IsHeader  func([]string) bool
}

// Choice says which sheet of a workbook to read.
type Choice struct {
	// Sheet is --sheet: a sheet's name, or its number from 1 in the
	// workbook's order (a sheet named so is taken first). "" picks the
	// sheet whose header Fit scores highest, the first of equals; without
	// Fit, the first sheet whose header IsHeader accepts, or the first
	// sheet.
	Sheet string
	// Fit scores a sheet's header (the row IsHeader accepts, or the one
	// HeaderRow names): 0 when it does not fit the file's kind, more the
	// better it fits. When no sheet's header fits, a workbook of one
	// sheet is read (its header's errors then say what it lacks), and one
	// of several is an error that lists them and says Wants, what a
	// header must name.
	Fit   func(header []string) int
	Wants string
}

// Reader is a sheet of a workbook, read as a CSV file is. Its name, in
// records and errors, is the file's followed by the sheet's:
// 顧客名簿.xlsx[顧客].
type Reader struct {
	*rows.Reader
	// Sheet is the name of the sheet read.
	Sheet string
	book  *excelize.File
	src   *source
}

// Close releases the workbook (and any temporary file the library
// unpacked a large sheet into).
func (r *Reader) Close() error {
	err := r.src.close()
	if cerr := r.book.Close(); err == nil {
		err = cerr
	}
	return err
}

// Open reads the workbook whose bytes are data (a zip archive holds its
// directory at its end, so it is read whole), picks the sheet and returns
// a Reader positioned at its first data row. A file that is not a
// workbook custkit reads (an .xls, an .ods, a password-protected
// workbook, another archive) is an error saying how to save it.
func Open(data []byte, opts Options) (*Reader, error) {
	switch Detect(data) {
	case OLE2:
		return nil, refuseOLE2(opts.Name, data)
	case Zip:
		if err := zipKind(opts.Name, data); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%s: %w", opts.Name, errNotBook)
	}
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the workbook: %v; %s", opts.Name, err, saveAs)
	}
	r, err := open(book, opts)
	if err != nil {
		book.Close()
		return nil, err
	}
	if err := r.checkFormulas(data); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

func open(book *excelize.File, opts Options) (*Reader, error) {
	if err := prepareStyles(book); err != nil {
		return nil, fmt.Errorf("%s: cannot read the workbook's styles: %v; %s", opts.Name, err, saveAs)
	}
	sheet, width, err := pick(book, opts)
	if err != nil {
		return nil, err
	}
	name := opts.Name + "[" + sheet + "]"
	rs, err := book.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	src := &source{sheet: rs, width: width, name: name}
	src.Fill = src.fill
	rows.SetLocator(name, src)
	rr, err := rows.NewReader(src, rows.Options{Name: name, Encoding: charset.UTF8, Comma: ',', HeaderRow: opts.HeaderRow, IsHeader: opts.IsHeader})
	if err != nil {
		src.close()
		return nil, err
	}
	src.setHeader(rr.Header())
	return &Reader{Reader: rr, Sheet: sheet, book: book, src: src}, nil
}

// pick returns the sheet to read and its header's width.
func pick(book *excelize.File, opts Options) (string, int, error) {
	sheets := book.GetSheetList()
	if len(sheets) == 0 {
		return "", 0, fmt.Errorf("%s: the workbook has no sheet", opts.Name)
	}
	if opts.Sheet != "" {
		sheet, ok := findSheet(sheets, opts.Sheet)
		if !ok {
			return "", 0, fmt.Errorf("%s has no sheet %q; its sheets are %s; give --sheet a name or a number from 1 to %d", opts.Name, opts.Sheet, quoteList(sheets), len(sheets))
		}
		header, _, err := headerOf(book, sheet, opts)
		return sheet, len(header), err
	}
	if opts.Fit != nil {
		return best(book, sheets, opts)
	}
	first := -1
	for i, sheet := range sheets {
		header, found, err := headerOf(book, sheet, opts)
		if err != nil {
			return "", 0, err
		}
		if found {
			return sheet, len(header), nil
		}
		if first < 0 {
			first = i
		}
	}
	header, _, err := headerOf(book, sheets[first], opts)
	return sheets[first], len(header), err
}

// best returns the sheet whose header opts.Fit scores highest, the first
// of equals, and its header's width.
func best(book *excelize.File, sheets []string, opts Options) (string, int, error) {
	pick, score, width := -1, 0, 0
	for i, sheet := range sheets {
		header, found, err := headerOf(book, sheet, opts)
		if err != nil {
			return "", 0, err
		}
		if i == 0 {
			width = len(header) // a workbook of one sheet reads it, fitting or not
		}
		if s := opts.Fit(header); found && s > score {
			pick, score, width = i, s, len(header)
		}
	}
	switch {
	case pick >= 0:
		return sheets[pick], width, nil
	case len(sheets) == 1:
		return sheets[0], width, nil
	}
	return "", 0, &rows.Error{File: opts.Name, Err: fmt.Errorf("no sheet has a header that names %s; its sheets are %s; give --sheet a name or a number from 1 to %d",
		opts.Wants, quoteList(sheets), len(sheets))}
}

// findSheet finds a sheet by name, or by its number from 1.
func findSheet(sheets []string, want string) (string, bool) {
	for _, s := range sheets {
		if s == want {
			return s, true
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(s, want) {
			return s, true
		}
	}
	if n, err := strconv.Atoi(want); err == nil && n >= 1 && n <= len(sheets) {
		return sheets[n-1], true
	}
	return "", false
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// headerOf finds a sheet's header as [rows.Reader] will (the row
// HeaderRow names, the first row, or the first row IsHeader accepts within
// the first rows.HeaderSearch rows) and returns its cells up to the last
// one that is not empty, whose number is the width of the sheet's rows.
// found says IsHeader accepted a row (or there is no IsHeader and the
// sheet has a row); when none was found, header is the first row that is
// not empty.
func headerOf(book *excelize.File, sheet string, opts Options) (header []string, found bool, err error) {
	rs, err := book.Rows(sheet)
	if err != nil {
		return nil, false, fmt.Errorf("%s[%s]: %v", opts.Name, sheet, err)
	}
	defer rs.Close()
	var first []string
	for row := 1; rs.Next(); row++ {
		cells, err := rs.Columns()
		if err != nil {
			return nil, false, fmt.Errorf("%s[%s] row %d: %v", opts.Name, sheet, row, err)
		}
		cells = texts(cells)
		if len(cells) == 0 {
			if opts.HeaderRow > 0 && row >= opts.HeaderRow {
				break
			}
			continue
		}
		switch {
		case opts.HeaderRow > 0:
			if row == opts.HeaderRow {
				return cells, true, nil
			}
			if row > opts.HeaderRow {
				return nil, false, nil
			}
		case opts.IsHeader == nil:
			return cells, true, nil
		case opts.IsHeader(cells):
			return cells, true, nil
		case first == nil:
			first = append([]string{}, cells...)
		}
		if opts.HeaderRow == 0 && row >= rows.HeaderSearch {
			break
		}
	}
	if err := rs.Error(); err != nil {
		return nil, false, fmt.Errorf("%s[%s]: %v", opts.Name, sheet, err)
	}
	return first, false, nil
}

// texts turns a row's cells into custkit's text in place and drops the
// empty cells at its end.
func texts(cells []string) []string {
	for i, c := range cells {
		if len(c) >= len(dateMark) && c[0] == dateMark[0] {
			cells[i] = CellText(c)
		}
	}
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return cells[:n]
}

// rawFmt is a number format id that no workbook defines: a cell whose
// style has it is shown as stored.
const rawFmt = 1 << 30

// prepareStyles gives every cell style of the workbook the number format
// that makes excelize show its cells as custkit reads them (see [class]):
// dates in one format with a mark, numbers shown as stored, and the
// zero-padded and text formats left as they are. The workbook is read,
// never saved.
func prepareStyles(book *excelize.File) error {
	if _, err := book.GetStyle(0); err != nil && book.Styles == nil {
		return err
	}
	if book.Styles == nil || book.Styles.CellXfs == nil {
		return nil
	}
	code := dateCode
	id, err := book.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return err
	}
	xfs := book.Styles.CellXfs.Xf
	if id >= len(xfs) || xfs[id].NumFmtID == nil {
		return errors.New("the date format could not be added")
	}
	dateFmt := *xfs[id].NumFmtID
	custom := map[int]string{}
	if book.Styles.NumFmts != nil {
		for _, f := range book.Styles.NumFmts.NumFmt {
			code := f.FormatCode
			if f.FormatCode16 != "" {
				code = f.FormatCode16
			}
			custom[f.NumFmtID] = code
		}
	}
	for i := range xfs {
		if i == id {
			continue
		}
		fmtID := 0
		if xfs[i].NumFmtID != nil {
			fmtID = *xfs[i].NumFmtID
		}
		c := builtinClass(fmtID)
		if code, ok := custom[fmtID]; ok {
			c = classify(code)
		}
		var set int
		switch c {
		case shown:
			continue
		case date:
			set = dateFmt
		default:
			set = rawFmt
		}
		xfs[i].NumFmtID = &set
	}
	return nil
}

// NewReader reads src as a workbook when its first bytes say it is one
// (see [Detect]), on the sheet choice picks (see [Choice]), and
// as CSV by [rows.NewReader] otherwise, the CSV path unchanged. It
// returns what to close besides src (nil for CSV), and the sheet read
// ("" for CSV).
func NewReader(src io.Reader, ropts rows.Options, choice Choice) (*rows.Reader, func() error, string, error) {
	var head [HeadSize]byte
	n, err := io.ReadFull(src, head[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, nil, "", &rows.Error{File: ropts.Name, Err: err}
	}
	all := io.MultiReader(bytes.NewReader(head[:n]), src)
	if Detect(head[:n]) == Text {
		r, err := rows.NewReader(all, ropts)
		return r, nil, "", err
	}
	data, err := io.ReadAll(all)
	if err != nil {
		return nil, nil, "", &rows.Error{File: ropts.Name, Err: err}
	}
	wb, err := Open(data, Options{Name: ropts.Name, Choice: choice, HeaderRow: ropts.HeaderRow, IsHeader: ropts.IsHeader})
	if err != nil {
		return nil, nil, "", err
	}
	return wb.Reader, wb.Close, wb.Sheet, nil
}
