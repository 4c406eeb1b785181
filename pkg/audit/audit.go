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
	"github.com/custkit/custkit/pkg/regfile"
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

// Change is a row recorded in a contacts or complaints file: what kind of
// change, in which file, about which customer and complaint, by which
// member of staff, and the status it left; never the text recorded (a
// summary, a resolution), which stays in the file it was written to.
type Change struct {
	Kind      string `json:"kind"` // "contact add", "complaint add", "complaint update"
	File      string `json:"file"`
	Customer  string `json:"customer"`
	Complaint string `json:"complaint,omitempty"`
	Staff     string `json:"staff,omitempty"`
	Channel   string `json:"channel,omitempty"`
	Status    string `json:"status,omitempty"`
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
	Seq  int64     `json:"seq"`
	Time time.Time `json:"time"`
	User string    `json:"user"`
	// Staff is the member of staff (access.staff in the config) whose age
	// identity decrypted the run's encrypted inputs, or that identity's
	// recipient when the config does not name it; "" when no input was
	// encrypted.
	Staff    string   `json:"staff,omitempty"`
	Host     string   `json:"host"`
	Command  string   `json:"command"`
	Args     []string `json:"args"`
	Inputs   []Input  `json:"inputs,omitempty"`
	Outputs  []Output `json:"outputs,omitempty"`
	Shredded []string `json:"shredded,omitempty"`
	Purpose  string   `json:"purpose,omitempty"`
	Reveal   bool     `json:"reveal"`
	OK       bool     `json:"ok"` // false when the run failed
	// Purge is what a scheduled purge did; set on purge entries only.
	Purge *Purge `json:"purge,omitempty"`
	// Change is the row a run recorded in a contacts or complaints file;
	// set on the entries of contact add, complaint add and update only.
	Change *Change `json:"change,omitempty"`
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

// ErrNotRegular is returned for a log path that is a device, a pipe, a
// socket or a directory (or a symbolic link to one): a log is never
// written into such a thing, nor opened where opening could block.
var ErrNotRegular = regfile.ErrNotRegular

// Log is an access log opened for appending. A run opens it before it
// reads anything, so that a log that cannot be written stops the run
// before it has done anything; it takes the lock only to append, so that
// concurrent runs do not wait for each other.
type Log struct {
	path string
	f    *os.File
}

// Open opens the log at path for appending, creating the log (mode 0600)
// and its directory (0700) if needed. A path that exists and is not a
// regular file is refused before it is opened.
func Open(path string) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := regfile.Open(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600, regfile.Options{})
	if err != nil {
		return nil, err
	}
	return &Log{path: path, f: f}, nil
}

// Path is the path the log was opened at.
func (l *Log) Path() string { return l.path }

// Close closes the log.
func (l *Log) Close() error { return l.f.Close() }

// Append adds e to the log under an exclusive lock. It fills e.Seq, e.Prev
// and e.Hash: e chains from the last intact entry, past lines cut off by
// an interrupted write, and starts a line of its own when the log does not
// end with a newline.
func (l *Log) Append(e *Entry) error {
	if err := filelock.LockFile(l.f); err != nil {
		return fmt.Errorf("%s: %w", l.path, err)
	}
	defer filelock.UnlockFile(l.f)
	prev, ok, complete, err := lastEntry(l.f)
	if err != nil {
		return fmt.Errorf("%s: %w", l.path, err)
	}
	e.Seq, e.Prev, e.Hash = 1, "", ""
	if ok {
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
	if _, err := l.f.Write(line); err != nil {
		return fmt.Errorf("%s: %w", l.path, err)
	}
	return l.f.Sync()
}

// Append adds e to the log at path: Open, Log.Append and Close.
func Append(path string, e *Entry) error {
	l, err := Open(path)
	if err != nil {
		return err
	}
	defer l.Close()
	return l.Append(e)
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

// lastEntry returns the entry the next one chains from: the last intact
// entry of f, found by reading backwards over the lines an interrupted
// write cut off (see torn). ok is false when there is none, or when the
// last line that is not torn is not an intact entry either (an edited log:
// the next entry starts a new chain, and Verify reports the edit).
// complete is false when f does not end with a newline.
func lastEntry(f *os.File) (prev Entry, ok, complete bool, err error) {
	st, err := f.Stat()
	if err != nil {
		return Entry{}, false, false, err
	}
	size := st.Size()
	if size == 0 {
		return Entry{}, false, true, nil
	}
	for chunk := int64(64 << 10); ; chunk *= 4 {
		chunk = min(chunk, size)
		buf := make([]byte, chunk)
		if _, err := f.ReadAt(buf, size-chunk); err != nil && err != io.EOF {
			return Entry{}, false, false, err
		}
		complete = buf[len(buf)-1] == '\n'
		lines := bytes.Split(bytes.TrimSuffix(buf, []byte{'\n'}), []byte{'\n'})
		first := 0
		if chunk < size {
			first = 1 // the chunk starts inside a line
		}
		for i := len(lines) - 1; i >= first; i-- {
			e, derr := decode(lines[i])
			if derr == nil {
				return e, true, complete, nil
			}
			if !torn(lines[i], derr, i == len(lines)-1 && !complete) {
				return Entry{}, false, complete, nil
			}
		}
		if chunk == size {
			return Entry{}, false, complete, nil
		}
	}
}

// torn reports whether a line that is not an intact entry (derr is why) is
// what an interrupted write leaves behind: the last line without its
// newline, the start of an entry without its end, or bytes a crash left
// as zeros. Such a line is skipped by the chain; anything else is damage.
func torn(line []byte, derr error, unterminated bool) bool {
	if derr != ErrNoHash {
		return false
	}
	return unterminated || bytes.HasPrefix(line, []byte(`{"seq":`)) ||
		(len(line) > 0 && len(bytes.Trim(line, "\x00")) == 0)
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
