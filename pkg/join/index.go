package join

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"golang.org/x/text/width"
)

// Index holds the customers file in memory, one entry per customer, keyed
// by customer id. Its memory follows the number of customers; the sales file
// is never held.
type Index struct {
	File    string
	Header  []string
	Binding *schema.Binding
	ids     map[string]int32
	lines   []int32  // line of each customer, for duplicate errors
	payload [][]byte // per customer, what joined rows append (see Load)
	arena   []byte   // backing store for ids and payloads
	// KeysChanged counts ids that key normalisation altered.
	KeysChanged int
}

// Len returns the number of customers.
func (x *Index) Len() int { return len(x.lines) }

// Lookup returns the customer number of id, or -1.
func (x *Index) Lookup(id []byte) int {
	if i, ok := x.ids[string(id)]; ok {
		return int(i)
	}
	return -1
}

// Payload returns what Load stored for customer i.
func (x *Index) Payload(i int) []byte { return x.payload[i] }

// Line returns the line of customer i in the customers file.
func (x *Index) Line(i int) int { return int(x.lines[i]) }

// LoadOptions say how to build an Index.
type LoadOptions struct {
	KeyNormalize bool
	// Payload, if set, turns a customer's record into the bytes to keep
	// for it (for example its columns already encoded for output). It must
	// not keep rec's fields.
	Payload func(dst []byte, rec *rows.Record) []byte
}

// Load reads a customers file into an Index. A customer id that appears
// twice is an error naming both lines; an empty id is an error naming its
// line.
// The binding b maps r's header to the customers fields.
func Load(r *rows.Reader, b *schema.Binding, opts LoadOptions) (*Index, error) {
	x := &Index{File: r.Name(), Header: r.Header(), Binding: b, ids: map[string]int32{}}
	idCol := b.Col(schema.CustomerID)
	colName := r.Header()[idCol]
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return x, nil
		}
		if err != nil {
			return nil, err
		}
		raw := rec.Fields[idCol]
		id := raw
		if opts.KeyNormalize {
			var changed bool
			if id, changed = NormalizeKey(id); changed {
				x.KeysChanged++
			}
		}
		if len(bytes.TrimSpace(id)) == 0 {
			return nil, &rows.Error{File: r.Name(), Line: rec.Line, Column: colName, Value: string(raw), Err: ErrEmptyID}
		}
		if first, dup := x.ids[string(id)]; dup {
			e := &DuplicateIDError{First: int(x.lines[first])}
			if !bytes.Equal(id, raw) {
				e.As = string(id) // the file says 000123, the key is 123
			}
			return nil, &rows.Error{File: r.Name(), Line: rec.Line, Column: colName, Value: string(raw), Err: e}
		}
		start := len(x.arena)
		x.arena = append(x.arena, id...)
		key := x.arena[start:]
		x.ids[unsafeString(key)] = int32(len(x.lines))
		x.lines = append(x.lines, int32(rec.Line))
		if opts.Payload != nil {
			p := len(x.arena)
			x.arena = opts.Payload(x.arena, rec)
			x.payload = append(x.payload, x.arena[p:len(x.arena):len(x.arena)])
		}
		if cap(x.arena)-len(x.arena) < 4096 {
			// Start a new arena rather than let append copy the old one:
			// keys and payloads already handed out point into it.
			x.arena = make([]byte, 0, min(max(1<<20, 2*cap(x.arena)), 16<<20))
		}
	}
}

// ErrEmptyID is the Err of a [rows.Error] for a customer without an id.
var ErrEmptyID = errors.New("is empty; every customer needs an id")

// DuplicateIDError is the Err of a [rows.Error] for a customer id that
// appeared before in the customers file; First is the line where it did.
// As is the key the id became when key normalisation changed it.
type DuplicateIDError struct {
	First int
	As    string
}

func (e *DuplicateIDError) Error() string {
	as := ""
	if e.As != "" {
		as = fmt.Sprintf(" as %q", e.As)
	}
	return fmt.Sprintf("appears again%s (first on line %d); customer ids must be unique", as, e.First)
}

// NormalizeKey is the opt-in key normalisation: trimmed, full-width folded
// to ASCII (１２３ → 123), and leading zeros of a numeric id dropped (000123
// → 123). It reports whether the key changed.
func NormalizeKey(id []byte) ([]byte, bool) {
	k := bytes.TrimSpace(id)
	if !isASCII(k) {
		k = []byte(strings.TrimSpace(width.Fold.String(string(k))))
	}
	if allDigits(k) {
		for len(k) > 1 && k[0] == '0' {
			k = k[1:]
		}
	}
	return k, !bytes.Equal(k, id)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}
