// Package overlap finds receipts that two sales files of one run both
// hold: exports whose periods overlap (09/01–09/30 and 09/15–10/15), or
// one month downloaded twice with other column settings, whose sales a
// run would otherwise count twice without a word. Files that are the same
// file or the same bytes are refused before (pkg/input, dup.go); these are
// not, and are found as they are read.
//
// Memory does not follow the lines or the receipts: for each file and
// each (store, day) of it a [Sketch] keeps the K smallest hashes of that
// day's receipts (a bottom-k sketch), added at each receipt's first line.
// Two files that hold the same day of one store, whole, have the same K
// smallest hashes; two files that hold other receipts of it (two
// registers, ids that differ) have none in common, whatever the count.
// What it can miss: a day only partly in both files (an export made at
// noon, then the whole day), when none of the receipts both hold is among
// the K smallest of the larger file's day; receipts whose id, store or
// date the two files write differently (000123 and 123).
//
// A run over large files looks at one receipt in SampleEvery, chosen by
// its id alone, so that every file looks at the same ones ([Set.Sample]):
// a day both files hold whole is still found when it has a receipt
// looked at, which a day of a few dozen receipts almost always has, and
// the other receipts cost a hash of their id.
package overlap

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
	"sync"
	"sync/atomic"
)

// K is how many hashes a Sketch keeps. A day both files hold whole is
// found whatever K is; a larger K finds more days held in part, at K
// entries of memory per file and (store, day) (a Sketch of 8 is about
// 700 bytes), and more receipts of a day that take the lock.
const K = 8

// Set is the sales files of one run, in the order they are read, each
// with its sketches. The workers of every pass over the files add to it
// at once.
type Set struct {
	mu     sync.Mutex
	byName map[string]*File
	files  []*File
	sample bool // look at one receipt in SampleEvery (Skips)
}

// SampleEvery is how many receipts a sampling Set looks at one of.
const SampleEvery = 1 << sampleBits

const sampleBits = 3

// SampleAbove is the size of a run's sales files above which their Set
// samples: below it every receipt is looked at, which costs little.
const SampleAbove = 64 << 20

// Sample makes s look at one receipt in SampleEvery from now on. Call it
// before any receipt is added: every file must look at the same ones.
func (s *Set) Sample() { s.sample = true }

// Skips reports whether a sampling Set leaves the receipt of id (trimmed)
// out; a file without receipt ids is not sampled (its receipts are known
// by their time, which costs a date to read).
func (s *Set) Skips(id []byte) bool {
	if !s.sample {
		return false
	}
	// The last 8 bytes of the id, where the ids of a file differ, times
	// the golden ratio: its top bits are spread evenly however the ids
	// are numbered, and it costs a multiplication on every line.
	var w uint64
	if len(id) >= 8 {
		w = binary.LittleEndian.Uint64(id[len(id)-8:])
	} else {
		for i, c := range id {
			w |= uint64(c) << (8 * i)
		}
	}
	return (w*0x9e3779b97f4a7c15)>>(64-sampleBits) != 0
}

// NewSet returns an empty Set.
func NewSet() *Set { return &Set{byName: map[string]*File{}} }

// File returns the file named name, added after the others if it is new.
// Adding the files in the order they are read, before any of their lines
// is, makes the earlier file of a pair the first one named.
func (s *Set) File(name string) *File {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.byName[name]; f != nil {
		return f
	}
	f := &File{name: name, at: len(s.files), days: map[string]*Sketch{}}
	s.byName[name] = f
	s.files = append(s.files, f)
	return f
}

// File is one sales file of a Set: a Sketch per (store, day) of its
// receipts.
type File struct {
	name string
	at   int // its place in the Set
	mu   sync.Mutex
	days map[string]*Sketch // by dayKey
	key  []byte             // dayKey's buffer, under mu
}

// Name returns the file's name, as its records name it.
func (f *File) Name() string { return f.name }

// Sketch returns the sketch of the receipts of store (as written, trimmed)
// on day (days since 1970-01-01), made empty the first time.
func (f *File) Sketch(store []byte, day int32) *Sketch {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.key = dayKey(f.key[:0], store, day)
	if s := f.days[string(f.key)]; s != nil {
		return s
	}
	key := string(f.key)
	s := &Sketch{file: f, store: key[4:], day: day} // the store shares the key's bytes
	s.limit.Store(math.MaxUint64)
	f.days[key] = s
	return s
}

// dayKey is the key of a (store, day) in File.days.
func dayKey(dst, store []byte, day int32) []byte {
	return append(binary.LittleEndian.AppendUint32(dst, uint32(day)), store...)
}

// Sketch is the K smallest hashes of the receipts of one store and day in
// one file, each with the receipt as the file writes it. Adding a hash
// that is not among them costs an atomic load: only the first receipts of
// a day and the few after them that are smaller than every one kept take
// the lock.
type Sketch struct {
	file  *File
	store string
	day   int32
	// limit is the largest hash kept once K are, else MaxUint64: a hash
	// at or above it is not kept.
	limit atomic.Uint64
	mu    sync.Mutex
	n     int
	h     [K]uint64 // the hashes kept, the smallest first
	slot  [K]uint8  // the entry of each hash
	e     [K]entry  // in no order: a hash added moves the hashes, not them
}

// entry is a receipt kept by a Sketch: its first line, and its id and
// date back to back, the id the first idLen bytes: in short, without an
// allocation, when they fit (they mostly do: 000123 and 2024/09/15
// 10:15:30), else in long.
type entry struct {
	line, idLen int32
	n           uint8
	short       [shortText]byte
	long        string
}

// shortText is the length of the text an entry holds without an
// allocation.
const shortText = 39

// text returns the receipt id and date of e, back to back.
func (e *entry) text() string {
	if e.long != "" {
		return e.long
	}
	return string(e.short[:e.n])
}

// Wants reports whether h may be among the K smallest: whether Add is
// worth calling (and the receipt's text worth making).
func (s *Sketch) Wants(h uint64) bool { return h < s.limit.Load() }

// Add adds the receipt of hash h, whose first line the file has on line,
// with its receipt id (empty when the file has no receipt id column) and
// its date (and time) as the file writes them. A hash added again (the
// same receipt read by another pass, or its lines split between two
// blocks) is kept once, with the line first given.
func (s *Sketch) Add(h uint64, line int, id, at []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h >= s.limit.Load() {
		return
	}
	i := 0
	for i < s.n && s.h[i] < h {
		i++
	}
	l := int32(min(line, math.MaxInt32))
	if i < s.n && s.h[i] == h {
		if e := &s.e[s.slot[i]]; l < e.line {
			e.line = l
		}
		return
	}
	slot := uint8(s.n) // a free entry, else the one of the largest hash, which goes
	if s.n < K {
		s.n++
	} else {
		slot = s.slot[K-1]
	}
	copy(s.h[i+1:s.n], s.h[i:s.n-1])
	copy(s.slot[i+1:s.n], s.slot[i:s.n-1])
	s.h[i], s.slot[i] = h, slot
	e := &s.e[slot]
	*e = entry{line: l, idLen: int32(len(id))} // a record is at most 64 MiB
	if n := len(id) + len(at); n <= shortText {
		e.n = uint8(n)
		copy(e.short[copy(e.short[:], id):], at)
	} else {
		e.long = string(id) + string(at)
	}
	if s.n == K {
		s.limit.Store(s.h[K-1])
	}
}

// Receipt is a receipt as one file writes it, for a message.
type Receipt struct {
	File  string
	Line  int    // its first line in File, as read
	ID    string // the receipt id; "" when the file has none, and its time of sale stands for it
	At    string // the date (and time) of sale
	Store string // "" when the file has no store
}

// What names the receipt in a message: `receipt 000123 of 2024-09-15
// (store 1)`, or `the receipt of 2024-09-15 10:15:30 (store 1)` when the
// file has no receipt id.
func (r Receipt) What() string {
	s := "the receipt of " + r.At
	if r.ID != "" {
		s = fmt.Sprintf("receipt %s of %s", r.ID, r.At)
	}
	if r.Store != "" {
		s += fmt.Sprintf(" (store %s)", r.Store)
	}
	return s
}

// Pair is a receipt that two files both hold: A in the earlier file, B
// the same receipt in the later one.
type Pair struct{ A, B Receipt }

// Problem says what is wrong, for the warning of a command and check.
const Problem = "the same sales exported twice are counted twice; read one of them, or export periods that do not overlap"

// Warning is the warning a command prints of p: `warning: a.csv and
// b.csv both hold receipt 000123 of 2024-09-15 (store 1): …`.
func (p Pair) Warning() string {
	return fmt.Sprintf("warning: %s and %s both hold %s: %s", named(p.A.File), named(p.B.File), p.A.What(), Problem)
}

// named names a file in a message: standard input is "-" to the reader.
func named(file string) string {
	if file == "-" {
		return `standard input ("-")`
	}
	return file
}

// Pairs returns, for each two files of s that hold a receipt both, one
// such receipt: of their earliest day in common (then the first store, by
// name), the one of the smallest hash. They come in the order of the
// later file, then of the earlier. Only the files that have a store and
// day in common are compared, however many files there are.
func (s *Set) Pairs() []Pair {
	byDay := map[string][]*Sketch{} // in the order of the files
	for _, f := range s.list() {
		f.mu.Lock()
		for k, sk := range f.days {
			byDay[k] = append(byDay[k], sk)
		}
		f.mu.Unlock()
	}
	type found struct {
		a, b *Sketch
		p    Pair
	}
	first := map[[2]int]found{} // by the places of the two files
	for _, sks := range byDay {
		for i, a := range sks {
			for _, b := range sks[i+1:] {
				ea, eb, ok := both(a, b)
				if !ok {
					continue
				}
				at := [2]int{a.file.at, b.file.at}
				if f, ok := first[at]; ok && (f.a.day < a.day || f.a.day == a.day && f.a.store < a.store) {
					continue
				}
				first[at] = found{a, b, Pair{A: ea.receipt(a), B: eb.receipt(b)}}
			}
		}
	}
	ats := slices.Collect(maps.Keys(first))
	slices.SortFunc(ats, func(x, y [2]int) int {
		return cmp.Or(cmp.Compare(x[1], y[1]), cmp.Compare(x[0], y[0]))
	})
	pairs := make([]Pair, len(ats))
	for i, at := range ats {
		pairs[i] = first[at].p
	}
	return pairs
}

// PairsOf returns the pairs of Pairs whose later file is the one named
// name: those it makes with the files before it.
func (s *Set) PairsOf(name string) []Pair {
	var pairs []Pair
	for _, p := range s.Pairs() {
		if p.B.File == name {
			pairs = append(pairs, p)
		}
	}
	return pairs
}

// list returns the files of s, in order.
func (s *Set) list() []*File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.files)
}

// both returns the entries of the smallest hash that sketches a and b
// share.
func both(a, b *Sketch) (*entry, *entry, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, j := 0, 0; i < a.n && j < b.n; {
		switch ha, hb := a.h[i], b.h[j]; {
		case ha == hb:
			return &a.e[a.slot[i]], &b.e[b.slot[j]], true
		case ha < hb:
			i++
		default:
			j++
		}
	}
	return nil, nil, false
}

// receipt is e, an entry of s, as a message shows it.
func (e *entry) receipt(s *Sketch) Receipt {
	text := e.text()
	return Receipt{File: s.file.name, Line: int(e.line), ID: text[:e.idLen], At: text[e.idLen:], Store: s.store}
}

// HashID returns the hash a Sketch keeps of a receipt of a file with
// receipt ids: of its id (as written, trimmed) and day. The hash is
// fixed, not seeded, so that every run names the same receipt of two
// files. It reads the id eight bytes at a time.
func HashID(id []byte, day int32) uint64 {
	h := uint64(len(id))*0x9e3779b97f4a7c15 ^ uint64(uint32(day))<<32
	for ; len(id) >= 8; id = id[8:] {
		h = mix(h ^ binary.LittleEndian.Uint64(id))
	}
	var tail uint64
	for i, c := range id {
		tail |= uint64(c) << (8 * i)
	}
	return mix(h ^ tail ^ 0x5bd1e995)
}

// HashTime returns the hash a Sketch keeps of a receipt of a file without
// receipt ids: of its time of sale (unix seconds), which stands for it.
func HashTime(unix int64) uint64 { return mix(uint64(unix) ^ 0x9e3779b97f4a7c15) }

// mix is the finalizer of MurmurHash3: every bit of its input moves the
// high bits too, which decide which hashes are the smallest.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
