package customer

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/prefetch"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"golang.org/x/text/width"
)

// Index holds the customers file in memory, one entry per customer, keyed
// by customer id. Its memory follows the number of customers; the sales file
// is never held.
//
// Each customer's id and payload lie side by side in a few large byte
// chunks, and the id table holds only numbers, so that a lookup touches two
// places in memory and the garbage collector has nothing to scan.
type Index struct {
	File    string
	Header  []string
	Binding *schema.Binding
	table   table
	refs    []uint64 // per customer, where its entry is (see entryRef)
	lines   []int32  // per customer, its line, for duplicate errors
	files   []fileStart
	chunks  [][]byte // the entries: per customer its id, then its payload
	// KeysChanged counts ids that key normalisation altered.
	KeysChanged int

	normalized bool // the ids were normalised as they were loaded
	nearOnce   sync.Once
	near       []nearID // per customer, the hash of NormalizeKey of its id, sorted
	nearSeed   maphash.Seed
}

// nearID is a customer and the hash of its id after NormalizeKey: twelve
// bytes a customer where a map of the normalised ids took about a hundred.
type nearID struct {
	hash uint64
	cust int32
}

// fileStart is where the customers of one of several customers files
// start in the index.
type fileStart struct {
	from int
	name string
}

// FileOf returns the customers file of customer i: File, unless the
// customers were read from several files.
func (x *Index) FileOf(i int) string {
	name := x.File
	for _, f := range x.files {
		if f.from > i {
			break
		}
		name = f.name
	}
	return name
}

// Len returns the number of customers.
func (x *Index) Len() int { return len(x.lines) }

// Lookup returns the customer number of id, or -1.
func (x *Index) Lookup(id []byte) int {
	c, _ := x.find(id)
	return c
}

// Near returns, for an id the index lacks, the index's id that is equal
// to it after [NormalizeKey] ("101" for "000101"): the customer that
// --key-normalize would match. It returns false when there is none, or
// when the index was loaded with key normalisation already. The set of
// normalised ids is made when Near is first called, so that a run whose
// ids are all known pays nothing; Near may be called from several
// goroutines at once.
func (x *Index) Near(id []byte) (string, bool) {
	if x.normalized {
		return "", false
	}
	x.nearOnce.Do(x.makeNear)
	n, _ := NormalizeKey(id)
	h := maphash.Bytes(x.nearSeed, n)
	i, _ := slices.BinarySearchFunc(x.near, h, func(e nearID, h uint64) int { return cmp.Compare(e.hash, h) })
	for ; i < len(x.near) && x.near[i].hash == h; i++ {
		key, _ := x.entry(x.refs[x.near[i].cust])
		if k, _ := NormalizeKey(key); bytes.Equal(k, n) {
			return string(key), true
		}
	}
	return "", false
}

// makeNear makes the sorted hashes of the normalised ids that Near
// searches; among customers whose ids are alike, the first in the file
// comes first.
func (x *Index) makeNear() {
	x.nearSeed = maphash.MakeSeed()
	x.near = make([]nearID, len(x.refs))
	for i, ref := range x.refs {
		key, _ := x.entry(ref)
		n, _ := NormalizeKey(key)
		x.near[i] = nearID{maphash.Bytes(x.nearSeed, n), int32(i)}
	}
	slices.SortFunc(x.near, func(a, b nearID) int {
		return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.cust, b.cust))
	})
}

// Payload returns what Load stored for customer i.
func (x *Index) Payload(i int) []byte {
	_, p := x.entry(x.refs[i])
	return p
}

// Line returns the line of customer i in the customers file.
func (x *Index) Line(i int) int { return int(x.lines[i]) }

// find returns the customer number and payload of id, or -1 and nil.
func (x *Index) find(id []byte) (int, []byte) {
	h := x.table.hash(id)
	for i := h.start(x.table.mask); ; i = (i + 1) & x.table.mask {
		s := &x.table.slots[i]
		if s.key == 0 {
			return -1, nil
		}
		if s.tag() == h.tag() {
			if key, p := x.entry(s.ref); bytes.Equal(key, id) {
				return s.customer(), p
			}
		}
	}
}

// An entry in a chunk is the payload's length (4 bytes), the id's length
// (uvarint), the id and the payload. entryRef says where one is: chunk
// number in the high 32 bits, offset in the low 32.
func entryRef(chunk, off int) uint64 { return uint64(chunk)<<32 | uint64(off) }

func (x *Index) entry(ref uint64) (key, payload []byte) {
	e := x.chunks[ref>>32][uint32(ref):]
	pn := binary.LittleEndian.Uint32(e)
	kn, w := binary.Uvarint(e[4:])
	e = e[4+w:]
	return e[:kn], e[kn : kn+uint64(pn)]
}

// prefetch asks for the first cache lines of the entry at ref, where its
// id and most payloads lie (package prefetch).
func (x *Index) prefetch(ref uint64) {
	c := x.chunks[ref>>32]
	o, last := int(uint32(ref)), len(c)-1
	for _, at := range [...]int{o, o + 64, o + 128, o + 192} {
		prefetch.Of(&c[min(at, last)])
	}
}

// appendEntry appends an entry for key whose payload opts.Payload makes.
func appendEntry(dst, key []byte, rec *rows.Record, payload func([]byte, *rows.Record) []byte) []byte {
	at := len(dst)
	dst = append(dst, 0, 0, 0, 0)
	dst = binary.AppendUvarint(dst, uint64(len(key)))
	dst = append(dst, key...)
	p := len(dst)
	if payload != nil {
		dst = payload(dst, rec)
	}
	binary.LittleEndian.PutUint32(dst[at:], uint32(len(dst)-p))
	return dst
}

// LoadOptions say how to build an Index.
type LoadOptions struct {
	KeyNormalize bool
	// Payload, if set, turns a customer's record into the bytes to keep
	// for it (for example its columns already encoded for output). It must
	// not keep rec's fields, and it is called from several goroutines at
	// once (on different records), so it must not share scratch space.
	Payload func(dst []byte, rec *rows.Record) []byte
	// Workers is how many goroutines parse the customers file; 0 means one
	// per CPU. Ids enter the index in file order whatever the number.
	Workers int
}

// Load reads a customers file into an Index. A customer id that appears
// twice is an error naming both lines; an empty id is an error naming its
// line. The file is parsed and the payloads made on all cores, block by
// block; ids enter the index in file order, so the first error in the file
// is the one reported.
// The binding b maps r's header to the customers fields.
func Load(r *rows.Reader, b *schema.Binding, opts LoadOptions) (*Index, error) {
	return LoadContext(context.Background(), r, b, opts)
}

// LoadContext is [Load] that a cancelled ctx stops, with ctx.Err(); a
// command loading the customers of a run that can be interrupted uses it.
func LoadContext(ctx context.Context, r *rows.Reader, b *schema.Binding, opts LoadOptions) (*Index, error) {
	return load(ctx, r, b, opts, newTable(maphash.MakeSeed()))
}

// load is Load into a given empty table; tests choose its hash seed.
func load(ctx context.Context, r *rows.Reader, b *schema.Binding, opts LoadOptions, t table) (*Index, error) {
	x := &Index{File: r.Name(), Header: r.Header(), Binding: b, table: t, normalized: opts.KeyNormalize}
	l := &loader{file: r.Name(), idCol: b.Col(schema.CustomerID), opts: opts, hash: x.table.hash}
	l.colName = r.Header()[l.idCol]
	workers := opts.Workers
	if workers == 0 {
		workers = rows.Workers()
	}
	err := rows.EachBlock(ctx, r, workers, l.block, x.add)
	if err != nil {
		return nil, err
	}
	return x, nil
}

// loader parses blocks of the customers file, on several goroutines.
type loader struct {
	file    string
	idCol   int
	colName string
	opts    LoadOptions
	hash    func([]byte) hash
}

// loaded is one block of customers, ready to enter the index: its entries
// in a chunk of their own and, if the block stopped early, the error.
type loaded struct {
	file        string
	chunk       []byte
	ents        []loadedEntry
	raws        []byte // ids as written, where normalisation changed them
	keysChanged int
	err         error
}

type loadedEntry struct {
	off, line   int32
	hash        hash
	raw, rawLen int32 // the id as written in raws; rawLen -1 if it is the key
}

// rawID returns entry e's id as written in the file, given its key.
func (res *loaded) rawID(e loadedEntry, key []byte) []byte {
	if e.rawLen < 0 {
		return key
	}
	return res.raws[e.raw : e.raw+e.rawLen]
}

func (l *loader) block(b *rows.Block) (*loaded, error) {
	// An entry is about as long as its line: sized so, the chunk seldom
	// grows and wastes little.
	res := &loaded{file: b.File(), chunk: make([]byte, 0, b.Bytes()+b.Bytes()/16+64), ents: make([]loadedEntry, 0, b.Bytes()/128)}
	res.err = b.Each(func(rec *rows.Record) error {
		raw := rec.Fields[l.idCol]
		id, changed := raw, false
		if l.opts.KeyNormalize {
			if id, changed = NormalizeKey(raw); changed {
				res.keysChanged++
			}
		}
		if len(bytes.TrimSpace(id)) == 0 {
			return &rows.Error{File: rec.In(l.file), Line: rec.Line, Column: l.colName, Value: string(raw), Err: ErrEmptyID}
		}
		e := loadedEntry{off: int32(len(res.chunk)), line: int32(rec.Line), hash: l.hash(id), rawLen: -1}
		if changed {
			e.raw, e.rawLen = int32(len(res.raws)), int32(len(raw))
			res.raws = append(res.raws, raw...)
		}
		res.chunk = appendEntry(res.chunk, id, rec, l.opts.Payload)
		res.ents = append(res.ents, e)
		return nil
	})
	b.Release()
	return res, nil
}

// add enters a block's customers into the index, in file order, and then
// reports the error that stopped the block, if any.
func (x *Index) add(res *loaded) error {
	chunk := len(x.chunks)
	x.chunks = append(x.chunks, fitted(res.chunk))
	if n := len(x.files); res.file != "" && (n == 0 && res.file != x.File || n > 0 && x.files[n-1].name != res.file) {
		x.files = append(x.files, fileStart{from: len(x.refs), name: res.file})
	}
	x.KeysChanged += res.keysChanged
	for ents := res.ents; len(ents) > 0; {
		group := ents[:min(len(ents), batchSize)]
		ents = ents[len(group):]
		x.table.reserve(len(group))
		x.table.prefetch(group)
		for _, e := range group {
			ref := entryRef(chunk, int(e.off))
			if first := x.insert(e.hash, ref); first >= 0 {
				return x.duplicate(res, e, ref, first)
			}
			x.refs = append(x.refs, ref)
			x.lines = append(x.lines, e.line)
		}
	}
	return res.err
}

// fitted returns c, copied into a buffer of its own length when it uses
// well under its capacity: the chunk is sized for payloads about as long as
// the line, and an index with small payloads (the purge keeps a few dozen
// bytes per customer) would otherwise hold the whole customers file.
func fitted(c []byte) []byte {
	if cap(c)-len(c) <= len(c)/4 {
		return c
	}
	return append(make([]byte, 0, len(c)), c...)
}

// duplicate is the error for entry e, at ref, whose id customer first has.
func (x *Index) duplicate(res *loaded, e loadedEntry, ref uint64, first int) error {
	key, _ := x.entry(ref)
	raw := res.rawID(e, key)
	err := &DuplicateIDError{First: int(x.lines[first])}
	file := res.file
	if file == "" {
		file = x.File
	}
	if f := x.FileOf(first); f != file {
		err.FirstFile = f
	}
	if !bytes.Equal(key, raw) {
		err.As = string(key) // the file says 000123, the key is 123
	}
	return &rows.Error{File: file, Line: int(e.line), Column: x.Header[x.Binding.Col(schema.CustomerID)], Value: string(raw), Err: err}
}

// insert adds the entry at ref as the next customer, or returns the number
// of the customer who already has its id (and adds nothing).
func (x *Index) insert(h hash, ref uint64) int {
	t := &x.table
	t.reserve(1)
	key, _ := x.entry(ref)
	for i := h.start(t.mask); ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == 0 {
			*s = slot{key: h.tag()<<32 | uint64(len(x.refs)+1), ref: ref}
			t.n++
			return -1
		}
		if s.tag() == h.tag() {
			if k, _ := x.entry(s.ref); bytes.Equal(k, key) {
				return s.customer()
			}
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
	// FirstFile is the customers file of the first appearance, when the
	// customers are read from several files and it is another file.
	FirstFile string
	As        string
}

func (e *DuplicateIDError) Error() string {
	as := ""
	if e.As != "" {
		as = fmt.Sprintf(" as %q", e.As)
	}
	if e.FirstFile != "" {
		return fmt.Sprintf("appears again%s (first in %s:%d); customer ids must be unique across the customers files", as, e.FirstFile, e.First)
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

// NearMiss counts the ids of sales lines that an [Index] lacks but has
// after [NormalizeKey] ([Index.Near]), with the first one met: what a
// command says once, so that a file whose ids lost their leading zeros is
// not read as customers who never bought.
type NearMiss struct {
	Lines    int
	Sales    string // the first such id, as the sales file writes it
	Customer string // and as the customers file does
}

// Add counts one line of id, which the index has as near.
func (m *NearMiss) Add(id []byte, near string) {
	if m.Lines == 0 {
		m.Sales, m.Customer = string(id), near
	}
	m.Lines++
}

// Merge adds o, counted after m.
func (m *NearMiss) Merge(o NearMiss) {
	if m.Lines == 0 {
		m.Sales, m.Customer = o.Sales, o.Customer
	}
	m.Lines += o.Lines
}

// Note is the line for standard error naming the customers file, or ""
// when there were none.
func (m NearMiss) Note(customersFile string) string {
	if m.Lines == 0 {
		return ""
	}
	verb := "have"
	if m.Lines == 1 {
		verb = "has"
	}
	return fmt.Sprintf("%s %s an id that is in %s only after --key-normalize (e.g. %q ~ %q); give --key-normalize if they are the same customers",
		english.Count(m.Lines, "line"), verb, customersFile, m.Sales, m.Customer)
}
