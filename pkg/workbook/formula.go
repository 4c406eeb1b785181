package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A formula saved without its value is a cell excelize reads as empty,
// like a cell nobody filled in, although the sheet shows a value there. A
// program that writes workbooks without calculating them (a script, a
// library) saves formulas so. excelize's row reader does not say which
// cells hold formulas, and its cell-level API reads the whole sheet into
// memory, so the sheet's XML is scanned for them instead, streamed from
// the archive: one pass over the sheet's bytes that stops at every tag
// and looks inside <c>, <row>, <f> and <v> only, before the first row is
// read.

// unsavedFormula is a formula cell with no saved value.
type unsavedFormula struct {
	col, row int    // from 1
	formula  string // its text, shortened; "" for a shared formula's follower
}

// sheetPart returns the archive entry of the sheet called sheet, from the
// workbook's list of sheets and its relationships.
func sheetPart(z *zip.Reader, sheet string) (*zip.File, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(z, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodePart(z, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID != s.ID {
				continue
			}
			target := r.Target
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			if f := entry(z, target); f != nil {
				return f, nil
			}
			return nil, fmt.Errorf("the sheet's part %s is missing", target)
		}
	}
	return nil, fmt.Errorf("the workbook does not list sheet %q", sheet)
}

// entry finds an archive entry by name, ignoring case as Excel does.
func entry(z *zip.Reader, name string) *zip.File {
	for _, f := range z.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

func decodePart(z *zip.Reader, name string, v any) error {
	f := entry(z, name)
	if f == nil {
		return fmt.Errorf("%s is missing", name)
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	if err := xml.NewDecoder(r).Decode(v); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

// mayHoldFormula is the fast pass over a sheet's XML: it reports whether
// it holds something that may be a formula element (<f>, <f .../>, <x:f>),
// which most sheets of data do not, at the speed of unpacking the sheet.
func mayHoldFormula(r io.Reader) (bool, error) {
	const keep = 2 // bytes carried over: "<f" or ":f" before ' ', '>' or '/'
	buf := make([]byte, 64<<10)
	n := 0
	for {
		m, err := io.ReadFull(r, buf[n:])
		n += m
		b := buf[:n]
		for _, pat := range [][]byte{[]byte("<f"), []byte(":f")} {
			for off := 0; ; {
				i := bytes.Index(b[off:], pat)
				if i < 0 || off+i+2 >= len(b) {
					break
				}
				switch b[off+i+2] {
				case '>', ' ', '/', '\t', '\r', '\n':
					return true, nil
				}
				off += i + 1
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if n > keep {
			n = copy(buf, b[n-keep:])
		}
	}
}

// findUnsavedFormula scans a sheet's XML for the first formula cell with
// no value on row from or below. It returns nil when there is none.
func findUnsavedFormula(r io.Reader, from int) (*unsavedFormula, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		row, col     int
		inCell       bool
		hasF, hasV   bool
		inF          bool
		formula      []byte
		buf          []byte // the tag being read
		selfClosing  bool
		errMalformed = errors.New("the sheet's XML is malformed")
	)
	for {
		// Skip text up to the next tag; keep a formula's text.
		chunk, err := br.ReadSlice('<')
		if inF {
			formula = appendShort(formula, bytes.TrimSuffix(chunk, []byte("<")))
		}
		for err == bufio.ErrBufferFull {
			chunk, err = br.ReadSlice('<')
			if inF {
				formula = appendShort(formula, bytes.TrimSuffix(chunk, []byte("<")))
			}
		}
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		inF = false
		// The tag, to its '>' (read past a '>' inside quotes, a comment
		// or a CDATA section).
		buf = buf[:0]
		for {
			part, err := br.ReadSlice('>')
			buf = append(buf, part...)
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				return nil, errMalformed
			}
			if err != nil {
				return nil, err
			}
			if tagEnds(buf) {
				break
			}
		}
		buf = buf[:len(buf)-1]
		if len(buf) > 0 && (buf[0] == '!' || buf[0] == '?') {
			continue // a comment, CDATA, a declaration
		}
		tag := buf
		if len(tag) == 0 {
			continue
		}
		closing := tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		selfClosing = len(tag) > 0 && tag[len(tag)-1] == '/'
		if selfClosing {
			tag = tag[:len(tag)-1]
		}
		name, rest := tag, []byte(nil)
		if i := bytes.IndexAny(tag, " \t\r\n"); i >= 0 {
			name, rest = tag[:i], tag[i:]
		}
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			name = name[i+1:] // a namespace prefix: x:c
		}
		switch string(name) {
		case "row":
			if closing {
				continue
			}
			col = 0
			if v, ok := attr(rest, "r"); ok {
				n, ok := number(v)
				if !ok {
					return nil, errMalformed
				}
				row = n
			} else {
				row++
			}
		case "c":
			if closing {
				if inCell && hasF && !hasV && row >= 1 && row >= from {
					return &unsavedFormula{col: col, row: row, formula: html.UnescapeString(string(formula))}, nil
				}
				inCell = false
				continue
			}
			col++
			if v, ok := attr(rest, "r"); ok {
				c, r, ok := cellRef(v)
				if !ok {
					return nil, errMalformed
				}
				col, row = c, r
			}
			inCell, hasF, hasV = !selfClosing, false, false
			formula = formula[:0]
		case "f":
			if inCell && !closing {
				hasF = true
				inF = !selfClosing
			}
		case "v":
			if inCell && !closing {
				hasV = true
			}
		}
	}
}

// appendShort appends to a formula's text up to a length a message can
// show.
func appendShort(b, more []byte) []byte {
	const most = 80
	if len(b) >= most {
		return b
	}
	if len(b)+len(more) > most {
		more = more[:most-len(b)]
	}
	return append(b, more...)
}

// tagEnds reports whether the '>' that ends b (what follows a '<') ends
// the tag: not inside a quoted attribute value, a comment or a CDATA
// section.
func tagEnds(b []byte) bool {
	switch {
	case bytes.HasPrefix(b, []byte("!--")):
		return len(b) >= 6 && bytes.HasSuffix(b, []byte("-->"))
	case bytes.HasPrefix(b, []byte("![CDATA[")):
		return len(b) >= 11 && bytes.HasSuffix(b, []byte("]]>"))
	}
	quote := byte(0)
	for _, c := range b {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		}
	}
	return quote == 0
}

// number reads a row number.
func number(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' || n > excelize.TotalRows {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0 && n > 0
}

// cellRef reads a cell reference (D4) as its column and row from 1.
func cellRef(b []byte) (col, row int, ok bool) {
	i := 0
	for ; i < len(b); i++ {
		c := b[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > excelize.MaxColumns {
			return 0, 0, false
		}
	}
	if i == 0 {
		return 0, 0, false
	}
	row, ok = number(b[i:])
	return col, row, ok
}

// attr returns the value of the attribute called name in a tag's
// attributes.
func attr(attrs []byte, name string) ([]byte, bool) {
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return nil, false
		}
		key := bytes.TrimSpace(attrs[:eq])
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return nil, false
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return nil, false
		}
		if string(key) == name {
			return rest[1 : 1+end], true
		}
		attrs = rest[end+2:]
	}
	return nil, false
}

// checkFormulas refuses a sheet with a formula saved without its value on
// the header row or below, naming the first such cell.
func (r *Reader) checkFormulas(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%s: %v", r.Name(), err)
	}
	part, err := sheetPart(z, r.Sheet)
	if err != nil {
		return fmt.Errorf("%s: cannot read the sheet: %v; %s", r.Name(), err, saveAs)
	}
	rc, err := part.Open()
	if err != nil {
		return fmt.Errorf("%s: cannot read the sheet: %v; %s", r.Name(), err, saveAs)
	}
	found, err := mayHoldFormula(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("%s: cannot read the sheet: %v; %s", r.Name(), err, saveAs)
	}
	if !found {
		return nil
	}
	if rc, err = part.Open(); err != nil {
		return fmt.Errorf("%s: cannot read the sheet: %v; %s", r.Name(), err, saveAs)
	}
	defer rc.Close()
	r.src.mu.Lock()
	from := r.src.rowOf(r.HeaderLine())
	r.src.mu.Unlock()
	u, err := findUnsavedFormula(rc, from)
	if err != nil {
		return fmt.Errorf("%s: cannot read the sheet: %v; %s", r.Name(), err, saveAs)
	}
	if u == nil {
		return nil
	}
	return u.error(r.Name(), r.Header())
}

// error is the message of an unsaved formula in the sheet called name
// whose header is header.
func (u *unsavedFormula) error(name string, header []string) error {
	ref, err := excelize.CoordinatesToCellName(u.col, u.row)
	if err != nil {
		ref = "R" + strconv.Itoa(u.row) + "C" + strconv.Itoa(u.col)
	}
	var b strings.Builder
	b.WriteString(name + "!" + ref + ": ")
	if u.col <= len(header) && header[u.col-1] != "" {
		fmt.Fprintf(&b, "column %q: ", header[u.col-1])
	}
	if u.formula != "" {
		fmt.Fprintf(&b, "%q is a formula", "="+u.formula)
	} else {
		b.WriteString("a shared formula")
	}
	b.WriteString(" saved without its value (the workbook was written by a program that does not calculate formulas); open it in Excel or LibreOffice Calc and save it there, which calculates them, or save the sheet as CSV (CSV UTF-8), and give that file")
	return errors.New(b.String())
}
