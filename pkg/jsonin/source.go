package jsonin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/custkit/custkit/pkg/rows"
)

// source is a JSON text as CSV text: the first object's keys as the
// header line, then one record per object. It is the rows.Locator of the
// reader's name.
type source struct {
	name  string
	lines *lineReader
	dec   *json.Decoder

	rows.Text // the CSV text, made by fill

	started bool // the first token was read
	array   bool // the objects are in an array
	closed  bool // the array's ] was read

	header []string
	index  map[string]int
	cells  []string
	set    []bool
	csv    int // the CSV line the next record starts on

	mu       sync.Mutex
	segs     []segment
	failLine int // the JSON line the text failed on; 0 if it did not
}

// segment is a run of records whose CSV lines and JSON lines both step
// evenly: record k of it starts on CSV line csv+k*dc and JSON line
// json+k*dj. JSON lines and a pretty-printed array each make one segment
// of a whole file; only a value holding a line break or an uneven layout
// starts another, so that what Locate needs does not follow the file's
// size.
type segment struct{ csv, json, dc, dj, n int }

func newSource(name string, r io.Reader) *source {
	lr := &lineReader{r: r, line: 1}
	dec := json.NewDecoder(lr)
	dec.UseNumber()
	s := &source{name: name, lines: lr, dec: dec, csv: 1}
	s.Fill = s.fill
	return s
}

// fill makes the next chunk of text: whole records, until rows.TextChunk
// bytes or the end of the JSON text.
func (s *source) fill() (bool, error) {
	for len(s.Buf) < rows.TextChunk {
		more, err := s.next()
		if err != nil || !more {
			return false, err
		}
	}
	return true, nil
}

// next reads the next object into a record; false at the end of the text.
func (s *source) next() (bool, error) {
	if !s.started {
		s.started = true
		tok, err := s.dec.Token()
		if err == io.EOF {
			return false, nil // no bytes but spaces: rows says the file is empty
		}
		if err != nil {
			return false, s.syntax(err)
		}
		switch tok {
		case json.Delim('['):
			s.array = true
		case json.Delim('{'):
			return true, s.object()
		default:
			return false, s.failf(s.line(), "starts with %s, not an object or an array of objects; custkit reads JSON as its --format json (an array of objects) and jsonl (one object per line) write it", describe(tok))
		}
	}
	if s.array && !s.closed {
		if !s.dec.More() {
			if _, err := s.dec.Token(); err != nil { // the ]
				return false, s.syntax(err)
			}
			s.closed = true
			if s.header == nil {
				return false, s.failf(s.line(), "the array holds no objects, so there are no columns to read")
			}
			return s.end()
		}
	}
	tok, err := s.dec.Token()
	if err == io.EOF && !s.array {
		return false, nil
	}
	if err != nil {
		return false, s.syntax(err)
	}
	if s.closed {
		return false, s.failf(s.line(), "%s after the array's end; give one array of objects, or one object per line", describe(tok))
	}
	if tok != json.Delim('{') {
		return false, s.failf(s.line(), "%s where an object should be; every row must be an object of keys and values", describe(tok))
	}
	return true, s.object()
}

// end checks that nothing but spaces follows the array.
func (s *source) end() (bool, error) {
	tok, err := s.dec.Token()
	switch {
	case err == io.EOF:
		return false, nil
	case err != nil:
		return false, s.syntax(err)
	}
	return false, s.failf(s.line(), "%s after the array's end; give one array of objects, or one object per line", describe(tok))
}

// object reads the members of the object whose { was just read and
// appends its record (the first object's keys before it, as the header).
func (s *source) object() error {
	line := s.line()
	first := s.header == nil
	if first {
		s.index = map[string]int{}
	} else {
		for i := range s.cells {
			s.cells[i], s.set[i] = "", false
		}
	}
	for s.dec.More() {
		tok, err := s.dec.Token()
		if err != nil {
			return s.syntax(err)
		}
		key, _ := tok.(string) // the decoder allows only a string here
		val, err := s.dec.Token()
		if err != nil {
			return s.syntax(err)
		}
		text, err := s.text(key, val)
		if err != nil {
			return err
		}
		i, known := s.index[key]
		switch {
		case first && known:
			return s.failf(s.line(), "key %q is written twice in one object", key)
		case first:
			s.index[key] = len(s.header)
			s.header = append(s.header, key)
			s.cells = append(s.cells, text)
			s.set = append(s.set, true)
		case !known:
			return s.failf(s.line(), "key %q is not one of the first object's keys (%s); every object must use the first one's keys, which are the columns", key, keyList(s.header))
		case s.set[i]:
			return s.failf(s.line(), "key %q is written twice in one object", key)
		default:
			s.cells[i], s.set[i] = text, true
		}
	}
	if _, err := s.dec.Token(); err != nil { // the }
		return s.syntax(err)
	}
	if first {
		if len(s.header) == 0 {
			return s.failf(line, "the first object has no keys, so there are no columns to read")
		}
		s.record(s.header, line)
	}
	s.record(s.cells, line)
	return nil
}

// record appends fields as a CSV record that stands for the JSON line.
func (s *source) record(fields []string, line int) {
	var breaks int
	s.Buf, breaks = rows.AppendRecord(s.Buf, fields, 0)
	s.note(s.csv, line)
	s.csv += 1 + breaks
}

// text is a value as the CSV text holds it.
func (s *source) text(key string, v json.Token) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case json.Number:
		return string(v), nil
	case bool:
		if v {
			return "yes", nil
		}
		return "no", nil
	case nil:
		return "", nil
	case json.Delim:
		what := "an object"
		if v == '[' {
			what = "an array"
		}
		return "", s.failf(s.line(), "key %q holds %s; custkit reads one value per key (a string, a number, true, false or null)", key, what)
	}
	return "", s.failf(s.line(), "key %q: unexpected %s", key, describe(v))
}

// line is the JSON line of the decoder's position.
func (s *source) line() int { return s.lines.lineAt(s.dec.InputOffset()) }

// syntax turns the decoder's error into one naming the line.
func (s *source) syntax(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return s.failf(s.lines.lineAt(se.Offset), "not valid JSON: %v", se)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return s.failf(s.lines.last(), "the JSON text ends inside an object or array (the file is cut short?)")
	}
	return err // the file could not be read
}

// failf records the line the text failed on and returns the error. The
// reader reports a failing source with no line, and Locate gives the
// error this line.
func (s *source) failf(line int, format string, args ...any) error {
	s.mu.Lock()
	s.failLine = line
	s.mu.Unlock()
	return fmt.Errorf(format, args...)
}

// note records that the CSV line csv starts a record of the JSON line.
func (s *source) note(csv, line int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.segs); n > 0 {
		g := &s.segs[n-1]
		if g.n == 1 {
			g.dc, g.dj, g.n = csv-g.csv, line-g.json, 2
			return
		}
		if csv-(g.csv+(g.n-1)*g.dc) == g.dc && line-(g.json+(g.n-1)*g.dj) == g.dj {
			g.n++
			return
		}
	}
	s.segs = append(s.segs, segment{csv: csv, json: line, n: 1})
}

// jsonLine returns the JSON line of the record on CSV line csv.
func (s *source) jsonLine(csv int) int {
	i := sort.Search(len(s.segs), func(i int) bool { return s.segs[i].csv > csv }) - 1
	if i < 0 {
		return 0
	}
	g := s.segs[i]
	if g.n == 1 {
		return g.json
	}
	k := min((csv-g.csv)/g.dc, g.n-1)
	return g.json + k*g.dj
}

// Locate names the JSON line (":12") of the record on CSV line line; for
// line 0, the line the JSON text failed on, if it did.
func (s *source) Locate(line int, column string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.failLine
	if line > 0 {
		l = s.jsonLine(line)
	}
	if l <= 0 {
		return ""
	}
	return ":" + strconv.Itoa(l)
}

// LineOf returns the JSON line of the record on CSV line line (see
// rows.LineLocator); 0 for the header, made from the first object's keys.
func (s *source) LineOf(line int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.jsonLine(line)
}

// describe names a token for a message.
func describe(t json.Token) string {
	switch t := t.(type) {
	case json.Delim:
		switch t {
		case '[':
			return "an array"
		case '{':
			return "an object"
		}
		return strconv.Quote(string(t))
	case string:
		return "the string " + strconv.Quote(shorten(t))
	case json.Number:
		return "the number " + string(t)
	case bool:
		return "the value " + strconv.FormatBool(t)
	case nil:
		return "null"
	}
	return fmt.Sprint(t)
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func keyList(keys []string) string {
	const most = 8
	q := make([]string, 0, most+1)
	for i, k := range keys {
		if i == most {
			q = append(q, "…")
			break
		}
		q = append(q, strconv.Quote(k))
	}
	return strings.Join(q, ", ")
}

// lineReader counts the lines of what the decoder reads: lineAt gives the
// line of an offset, which only moves forward, and forgets the bytes
// before it, so that it holds no more than the decoder has read ahead.
type lineReader struct {
	r     io.Reader
	buf   []byte // buf[start:] are the bytes read from base on
	start int
	base  int64
	line  int // the line base is on
}

func (l *lineReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if l.start > 0 && l.start >= len(l.buf)/2 {
		l.buf = l.buf[:copy(l.buf, l.buf[l.start:])]
		l.start = 0
	}
	l.buf = append(l.buf, p[:n]...)
	return n, err
}

// lineAt returns the line the byte at off is on.
func (l *lineReader) lineAt(off int64) int {
	k := int(min(max(off-l.base, 0), int64(len(l.buf)-l.start)))
	l.line += bytes.Count(l.buf[l.start:l.start+k], []byte{'\n'})
	l.start += k
	l.base += int64(k)
	return l.line
}

// last returns the line of the last byte read (a line end's own line).
func (l *lineReader) last() int {
	n := len(l.buf) - l.start
	if n > 0 && l.buf[len(l.buf)-1] == '\n' {
		n--
	}
	return l.lineAt(l.base + int64(n))
}
