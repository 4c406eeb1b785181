package workbook

import (
	"sort"
	"strconv"
	"sync"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/xuri/excelize/v2"
)

// source is a sheet as CSV text: one line per row from row 1, the blank
// rows at the end left out. It is the rows.Locator of the reader's name.
type source struct {
	sheet *excelize.Rows
	name  string
	width int // the header's cells; shorter rows are filled to it
	rows.Text
	row   int // the sheet row last read
	line  int // the CSV line the next row starts on
	blank int // blank rows read and not yet written (none at the end)

	mu     sync.Mutex
	shifts []shift // where a cell's line breaks move rows off lines
	header []string
}

// shift says that from CSV line line on, the sheet row is line+delta.
type shift struct{ line, delta int }

// fill makes the next chunk of text.
func (s *source) fill() (bool, error) {
	if s.line == 0 {
		s.line = 1
	}
	for len(s.Buf) < rows.TextChunk {
		if !s.sheet.Next() {
			return false, s.sheet.Error()
		}
		s.row++
		cells, err := s.sheet.Columns()
		if err != nil {
			return false, &cellError{name: s.name, row: s.row, err: err}
		}
		cells = texts(cells)
		if len(cells) == 0 {
			s.blank++
			continue
		}
		for ; s.blank > 0; s.blank-- {
			s.Buf = append(s.Buf, '\n')
			s.line++
		}
		var breaks int
		s.Buf, breaks = rows.AppendRecord(s.Buf, cells, s.width)
		s.line += 1 + breaks
		if breaks > 0 {
			s.mu.Lock()
			s.shifts = append(s.shifts, shift{line: s.line, delta: s.row + 1 - s.line})
			s.mu.Unlock()
		}
	}
	return true, nil
}

func (s *source) setHeader(h []string) {
	s.mu.Lock()
	s.header = h
	s.mu.Unlock()
}

// rowOf returns the sheet row a CSV line starts.
func (s *source) rowOf(line int) int {
	i := sort.Search(len(s.shifts), func(i int) bool { return s.shifts[i].line > line })
	if i == 0 {
		return line
	}
	return line + s.shifts[i-1].delta
}

// LineOf returns the sheet row of CSV line line (see rows.LineLocator).
func (s *source) LineOf(line int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rowOf(line)
}

// Locate names a field's cell (!B12), or the row (" row 12").
func (s *source) Locate(line int, column string) string {
	if line <= 0 {
		return ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	row := s.rowOf(line)
	if column != "" {
		for i, h := range s.header {
			if h == column {
				if ref, err := excelize.CoordinatesToCellName(i+1, row); err == nil {
					return "!" + ref
				}
			}
		}
	}
	return " row " + strconv.Itoa(row)
}

// close ends the reading of the sheet; errors keep naming its cells.
func (s *source) close() error {
	if s.sheet == nil {
		return nil
	}
	err := s.sheet.Close()
	s.sheet, s.Buf = nil, nil // what Locate needs stays
	return err
}

// cellError is a row the library could not read.
type cellError struct {
	name string
	row  int
	err  error
}

func (e *cellError) Error() string {
	return e.name + " row " + strconv.Itoa(e.row) + ": " + e.err.Error()
}

func (e *cellError) Unwrap() error { return e.err }
