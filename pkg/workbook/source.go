package workbook

import (
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// chunk is how much CSV text a source makes at a time.
const chunk = 64 << 10

// source is a sheet as CSV text: one line per row from row 1, the blank
// rows at the end left out. It is the rows.Locator of the reader's name.
type source struct {
	rows  *excelize.Rows
	name  string
	width int // the header's cells; shorter rows are filled to it
	buf   []byte
	off   int
	row   int // the sheet row last read
	line  int // the CSV line the next row starts on
	blank int // blank rows read and not yet written (none at the end)
	err   error
	done  bool

	mu     sync.Mutex
	shifts []shift // where a cell's line breaks move rows off lines
	header []string
}

// shift says that from CSV line line on, the sheet row is line+delta.
type shift struct{ line, delta int }

func (s *source) Read(p []byte) (int, error) {
	for s.off >= len(s.buf) {
		if s.done {
			if s.err != nil {
				return 0, s.err
			}
			return 0, io.EOF
		}
		s.buf, s.off = s.buf[:0], 0
		s.fill()
	}
	n := copy(p, s.buf[s.off:])
	s.off += n
	return n, nil
}

// fill makes the next chunk of text.
func (s *source) fill() {
	if s.line == 0 {
		s.line = 1
	}
	for len(s.buf) < chunk {
		if !s.rows.Next() {
			s.err, s.done = s.rows.Error(), true
			return
		}
		s.row++
		cells, err := s.rows.Columns()
		if err != nil {
			s.err, s.done = &cellError{name: s.name, row: s.row, err: err}, true
			return
		}
		cells = texts(cells)
		if len(cells) == 0 {
			s.blank++
			continue
		}
		for ; s.blank > 0; s.blank-- {
			s.buf = append(s.buf, '\n')
			s.line++
		}
		breaks := 0
		for i := 0; i < max(len(cells), s.width); i++ {
			if i > 0 {
				s.buf = append(s.buf, ',')
			}
			if i < len(cells) {
				s.buf = appendField(s.buf, cells[i])
				breaks += strings.Count(cells[i], "\n")
			}
		}
		s.buf = append(s.buf, '\n')
		s.line += 1 + breaks
		if breaks > 0 {
			s.mu.Lock()
			s.shifts = append(s.shifts, shift{line: s.line, delta: s.row + 1 - s.line})
			s.mu.Unlock()
		}
	}
}

// appendField appends a CSV field, quoted when it must be.
func appendField(b []byte, f string) []byte {
	if !strings.ContainsAny(f, ",\"\n\r") {
		return append(b, f...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(f, '"')
		if i < 0 {
			break
		}
		b = append(b, f[:i+1]...)
		b = append(b, '"')
		f = f[i+1:]
	}
	b = append(b, f...)
	return append(b, '"')
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
	if s.rows == nil {
		return nil
	}
	err := s.rows.Close()
	s.rows, s.buf = nil, nil // what Locate needs stays
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
