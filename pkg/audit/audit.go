// Package audit keeps custkit's access log: one JSON line per run that read
// customer data (or destroyed a copy of it), saying who ran what, on which
// files, what was written where, and for what purpose.
//
// The log is append-only and hash-chained. Each line ends with the SHA-256
// of everything before it on the line, and that text includes the previous
// line's hash and a sequence number, so [Verify] finds an edited byte, a
// removed or inserted line and two swapped lines, and names the first line
// where the chain breaks. [Append] adds a line under an exclusive lock with
// O_APPEND, so concurrent runs never interleave or break the chain.
//
// What a chain cannot show is a cut at the end: a log whose last lines were
// removed is still a valid chain. Verify returns the head (the last hash) so
// that it can be kept elsewhere, and a later head that does not descend from
// it shows the cut.
package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/pkg/filelock"
)

// Input is a file a run read.
type Input struct {
	Path   string `json:"path"` // as given; "-" is standard input
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
	// Partial is set when the run stopped before the end of the input, so
	// that the hash covers only the bytes read.
	Partial bool `json:"partial,omitempty"`
}

// Output is a destination a run wrote rows to.
type Output struct {
	Path    string   `json:"path"` // "-" is standard output
	Format  string   `json:"format"`
	Rows    int64    `json:"rows"`
	Columns []string `json:"columns,omitempty"`
}

// Purge records a run of the scheduled purge: per data file how many rows
// it kept, deleted, anonymised, pseudonymised and held, and which customers
// it purged, named by their keyed pseudonyms, never by their ids or names.
type Purge struct {
	AsOf    string      `json:"as_of"`
	DryRun  bool        `json:"dry_run,omitempty"`
	Resumed bool        `json:"resumed,omitempty"` // finished a run that was killed
	Files   []PurgeFile `json:"files"`
	// Subjects are the pseudonyms of the customers purged.
	Subjects []string `json:"subjects,omitempty"`
}

// PurgeFile is one data file's rows by what the purge did to them.
type PurgeFile struct {
	Path          string `json:"path"`
	Rows          int64  `json:"rows"`
	Kept          int64  `json:"kept"`
	Deleted       int64  `json:"deleted"`
	Anonymised    int64  `json:"anonymised"`
	Pseudonymised int64  `json:"pseudonymised"`
	Held          int64  `json:"held"`
}

// Setting is one effective setting of a run: a flag's name, its value and
// where the value came from: "flag" (the command line), "env" (a CUSTKIT_*
// variable), "file" (the config file) or "default".
type Setting struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Source string `json:"source"`
}

// Entry is one line of the log. Seq, Prev and Hash are filled by Append.
type Entry struct {
	Seq      int64     `json:"seq"`
	Time     time.Time `json:"time"`
	User     string    `json:"user"`
	Host     string    `json:"host"`
	Command  string    `json:"command"`
	Args     []string  `json:"args"`
	Inputs   []Input   `json:"inputs,omitempty"`
	Outputs  []Output  `json:"outputs,omitempty"`
	Shredded []string  `json:"shredded,omitempty"`
	Purpose  string    `json:"purpose,omitempty"`
	Reveal   bool      `json:"reveal"`
	OK       bool      `json:"ok"` // false when the run failed
	// Purge is what a scheduled purge did; set on purge entries only.
	Purge *Purge `json:"purge,omitempty"`
	// Config is the absolute path of the config file the run used; "" if
	// none. Entries written before it existed have neither it nor Settings.
	Config string `json:"config,omitempty"`
	// Settings are the run's effective settings: every flag of its
	// command, with its value and where it came from.
	Settings []Setting `json:"settings,omitempty"`
	Prev     string    `json:"prev"`
	Hash     string    `json:"hash,omitempty"`
}

// hashKey is how every line ends: `,"hash":"<64 hex digits>"}`.
var hashKey = []byte(`,"hash":"`)

const hashLen = sha256.Size * 2

// Append adds e to the log at path, creating the log (mode 0600) and its
// directory (0700) if needed. It fills e.Seq, e.Prev and e.Hash.
func Append(path string, e *Entry) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	l, err := filelock.Open(path, os.O_RDWR|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer l.Unlock()
	f := l.File()
	last, complete, err := lastLine(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	e.Seq, e.Prev, e.Hash = 1, "", ""
	if prev, ok := parseLine(last); ok {
		e.Seq, e.Prev = prev.Seq+1, prev.Hash
	}
	line, err := encode(e)
	if err != nil {
		return err
	}
	if !complete {
		// A cut-off last line (an interrupted write) keeps its own line;
		// Verify reports it.
		line = append([]byte{'\n'}, line...)
	}
	if _, err := f.Write(line); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Sync()
}

// encode returns e's line, hash included, and sets e.Hash.
func encode(e *Entry) ([]byte, error) {
	e.Hash = ""
	body, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	e.Hash = hex.EncodeToString(sum[:])
	line := append(body[:len(body)-1:len(body)-1], hashKey...)
	line = append(line, e.Hash...)
	return append(line, '"', '}', '\n'), nil
}

// lastLine returns the last line of f that ends with a newline, or the
// unterminated tail when it parses as an entry; complete is false when the
// file does not end with a newline.
func lastLine(f *os.File) (last []byte, complete bool, err error) {
	st, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	size := st.Size()
	if size == 0 {
		return nil, true, nil
	}
	tail, err := readTail(f, size)
	if err != nil {
		return nil, false, err
	}
	if tail[len(tail)-1] != '\n' {
		cut := tail[bytes.LastIndexByte(tail, '\n')+1:]
		if _, ok := parseLine(cut); ok {
			return cut, false, nil
		}
		tail = tail[:len(tail)-len(cut)]
		complete = false
	} else {
		complete = true
	}
	tail = bytes.TrimSuffix(tail, []byte{'\n'})
	return tail[bytes.LastIndexByte(tail, '\n')+1:], complete, nil
}

// readTail reads backwards from the end of f until it holds the last two
// line breaks (or the whole file), so that the last complete line is in it.
func readTail(f *os.File, size int64) ([]byte, error) {
	chunk := int64(64 << 10)
	for {
		if chunk > size {
			chunk = size
		}
		buf := make([]byte, chunk)
		if _, err := f.ReadAt(buf, size-chunk); err != nil && err != io.EOF {
			return nil, err
		}
		if chunk == size || bytes.Count(buf, []byte{'\n'}) >= 2 {
			return buf, nil
		}
		chunk *= 4
	}
}

// parseLine checks a line's own hash and returns its entry; ok is false for
// a line that is not an intact entry.
func parseLine(line []byte) (Entry, bool) {
	e, err := decode(line)
	return e, err == nil
}

// Problems a line can have; Verify wraps them in a *LineError.
var (
	ErrCutOff   = errors.New("the entry is cut off (an interrupted write?)")
	ErrNoHash   = errors.New("the line has no hash: it is not an audit entry, or it was edited")
	ErrEdited   = errors.New("the entry was edited: its hash does not match its contents")
	ErrBadJSON  = errors.New("the entry is not valid JSON")
	ErrBadChain = errors.New("the chain is broken")
)

// decode checks and parses one line without its newline.
func decode(line []byte) (Entry, error) {
	var e Entry
	end := len(line) - len(`"}`)
	start := end - hashLen
	if start < len(hashKey) || !bytes.HasSuffix(line, []byte(`"}`)) || !bytes.Equal(line[start-len(hashKey):start], hashKey) {
		return e, ErrNoHash
	}
	body := append(append([]byte(nil), line[:start-len(hashKey)]...), '}')
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != string(line[start:end]) {
		return e, ErrEdited
	}
	if err := json.Unmarshal(body, &e); err != nil {
		return e, ErrBadJSON
	}
	e.Hash = string(line[start:end])
	return e, nil
}
