package input

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// This file holds the check that an input's list of files names no file
// twice: a month's export downloaded twice (sales-2026-11.csv and
// sales-2026-11 (1).csv) read with one glob would count its sales twice
// and give a wrong answer without a word. Files are compared without a
// pass over the data: by path, by identity (os.SameFile), and by contents
// only among files of the same size, whose first bytes are compared and,
// if they are the same, whose SHA-256 is asked of the access record (the
// cache of input hashes, so that the read that follows does not hash the
// file again).

// Sameness says how a file of a list repeats another.
type Sameness int

// The ways a file is named twice.
const (
	SamePath     Sameness = iota // the same path, once cleaned (a.csv, ./a.csv)
	SameFile                     // the same file by another path (a link)
	SameContents                 // another file with the same bytes (a download saved twice)
)

// Duplicate is a file of an input's list that repeats another of it.
type Duplicate struct {
	File  string // the file named again, or the copy
	First string // the file it repeats
	How   Sameness
	At    int // the place of File in the list, from 0
}

// Problem says what is wrong with d.File, without naming it, for a
// kind of file ("sales"; "" for rows of any kind): `has the same contents
// as "a.csv": its sales would count twice; leave one of them out`.
func (d Duplicate) Problem(kind string) string {
	if d.File == d.First {
		return "is given twice: " + twice(kind) + "; give it once"
	}
	how := "is the same file as"
	if d.How == SameContents {
		how = "has the same contents as"
	}
	first := fmt.Sprintf("%q", d.First)
	if d.First == "-" {
		first = `standard input ("-")`
	}
	return fmt.Sprintf("%s %s: %s; leave one of them out", how, first, twice(kind))
}

// twice says what reading a file of kind twice would do.
func twice(kind string) string {
	switch kind {
	case schema.Sales.Name:
		return "its sales would count twice"
	case schema.Customers.Name:
		return "its customers would be read twice"
	case schema.Contacts.Name, schema.Complaints.Name:
		return "its " + kind + " would count twice"
	}
	return "its rows would be read twice"
}

// repeatable says whether a file of kind may be read twice: it may when
// the kind is none of the four (a mailing's suppression list, a set that
// a second copy does not change).
func repeatable(kind string) bool {
	switch kind {
	case "", schema.Customers.Name, schema.Sales.Name, schema.Contacts.Name, schema.Complaints.Name:
		return false
	}
	return true
}

// DuplicateError is an input's list that names a file twice.
type DuplicateError struct {
	What string // the flag, "--sales", or where the list came from
	Kind string // the kind of file, "" for rows of any kind
	Duplicate
	More int // the other files of the list named twice
}

func (e *DuplicateError) Error() string {
	s := fmt.Sprintf("%s: %q %s", e.What, e.File, e.Problem(e.Kind))
	if e.More > 0 {
		s += fmt.Sprintf(" (and %d more like it; custkit check lists them)", e.More)
	}
	return s
}

// errStdinTwice is a list that names standard input twice.
var errStdinTwice = usererr.Usagef("only one input can be standard input (\"-\")")

// headSize is how much of each file of one size is compared before the
// files are hashed: exports of different days differ in their first rows.
const headSize = 8 << 10

// Duplicates returns the files of files (an input's list, expanded) that
// repeat another, in the order of files: the same path once cleaned, the
// same file by another path (os.SameFile), or, among regular files of the
// same size, the same bytes (the copy is then the file with the longer
// name, see copies). Standard input is compared by identity only, when it
// is a file; an encrypted file by its bytes on disk (two copies of one
// .age file are the same; a plain and an encrypted copy are not found).
// Files of the same bytes that hold one line only (a header without rows:
// a month without sales) are not duplicates, for reading them twice
// counts nothing. A file that cannot be looked at is left for the open to
// report. The error is a list that names standard input twice.
func (o *Opener) Duplicates(files []string) ([]Duplicate, error) {
	l := sameFiles(files, o.opts.Stdin)
	if l.stdinTwice {
		return nil, errStdinTwice
	}
	dups := l.dups
	for _, size := range l.sizes {
		dups = append(dups, o.sameContents(l.bySize[size])...)
	}
	sort.SliceStable(dups, func(i, j int) bool { return dups[i].At < dups[j].At })
	return dups, nil
}

// SameFiles returns the files of files that are one named before them by
// path or by identity (a link), not by contents: for the commands that
// replace each file in place (purge, rekey), to which a copy is a file of
// its own, to be purged or re-encrypted like the first, while one file
// named twice would be replaced twice. Standard input is left out.
func SameFiles(files []string) []Duplicate {
	return sameFiles(files, nil).dups
}

// listed is what sameFiles found in a list.
type listed struct {
	dups       []Duplicate // by path or identity, in the order of the list
	sizes      []int64     // the sizes of the other files, in order of first appearance
	bySize     map[int64][]candidate
	stdinTwice bool
}

// sameFiles finds the files of files that are one named before them by
// path or identity, and groups the others by size; stdin is what "-"
// reads, compared when it is a file.
func sameFiles(files []string, stdin io.Reader) listed {
	l := listed{bySize: map[int64][]candidate{}}
	paths := map[string]string{} // cleaned path → the name first given
	seenStdin := false
	for i, name := range files {
		var fi os.FileInfo
		if name == "-" {
			l.stdinTwice = l.stdinTwice || seenStdin
			seenStdin = true
			if fi = statOf(stdin); fi == nil {
				continue
			}
		} else {
			clean := filepath.Clean(name)
			if first, ok := paths[clean]; ok {
				l.dups = append(l.dups, Duplicate{File: name, First: first, How: SamePath, At: i})
				continue
			}
			paths[clean] = name
			var err error
			if fi, err = os.Stat(name); err != nil {
				continue
			}
		}
		size := fi.Size()
		if first := sameFile(l.bySize[size], fi); first != "" {
			l.dups = append(l.dups, Duplicate{File: name, First: first, How: SameFile, At: i})
			continue
		}
		if _, ok := l.bySize[size]; !ok {
			l.sizes = append(l.sizes, size)
		}
		l.bySize[size] = append(l.bySize[size], candidate{at: i, name: name, fi: fi})
	}
	return l
}

// candidate is a file of a list, at its place at, that is none named
// before it, so far.
type candidate struct {
	at   int
	name string
	fi   os.FileInfo
}

// sameFile returns the name of the file of cs that fi is, or "".
func sameFile(cs []candidate, fi os.FileInfo) string {
	for _, c := range cs {
		if os.SameFile(c.fi, fi) {
			return c.name
		}
	}
	return ""
}

// sameContents returns the files of cs, which are of one size, whose
// bytes are those of another (see copies): the first headSize bytes of each
// compared, then, where they are the same and the files are longer, their
// SHA-256 (see access.Record.SHA256). Standard input and files that are
// not regular or are empty are left out.
func (o *Opener) sameContents(cs []candidate) []Duplicate {
	var files []candidate
	for _, c := range cs {
		if c.name != "-" && c.fi.Mode().IsRegular() && c.fi.Size() > 0 {
			files = append(files, c)
		}
	}
	if len(files) < 2 {
		return nil
	}
	var dups []Duplicate
	for _, g := range groupBy(files, readHead) {
		switch {
		case len(g.of) < 2:
		case int64(len(g.key)) == files[0].fi.Size():
			if !oneLine(g.key) {
				dups = append(dups, copies(g.of)...)
			}
		default:
			dups = append(dups, o.sameSums(g.of)...)
		}
	}
	return dups
}

// group is the candidates whose key is key.
type group struct {
	key string
	of  []candidate
}

// groupBy groups cs by key(c.name), the groups in order of their first
// candidate; a candidate whose key cannot be had is left out.
func groupBy(cs []candidate, key func(string) (string, error)) []group {
	var groups []group
	at := map[string]int{}
	for _, c := range cs {
		k, err := key(c.name)
		if err != nil {
			continue
		}
		i, ok := at[k]
		if !ok {
			i = len(groups)
			at[k] = i
			groups = append(groups, group{key: k})
		}
		groups[i].of = append(groups[i].of, c)
	}
	return groups
}

// sameSums returns the files of cs whose SHA-256 is that of another (see
// copies).
func (o *Opener) sameSums(cs []candidate) []Duplicate {
	var dups []Duplicate
	for _, g := range groupBy(cs, o.opts.Access.SHA256) {
		dups = append(dups, copies(g.of)...)
	}
	return dups
}

// copies returns the files of same, files of the same bytes, as copies of
// the one with the shortest base name, the first of them if several are as
// short: a download saved again gets a longer name (sales.csv, then
// "sales (1).csv", "sales - コピー.csv"), whatever their order in the list.
func copies(same []candidate) []Duplicate {
	orig := 0
	for i, c := range same {
		if len(filepath.Base(c.name)) < len(filepath.Base(same[orig].name)) {
			orig = i
		}
	}
	var dups []Duplicate
	for i, c := range same {
		if i != orig {
			dups = append(dups, Duplicate{File: c.name, First: same[orig].name, How: SameContents, At: c.at})
		}
	}
	return dups
}

// readHead reads the first headSize bytes of the file at name.
func readHead(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	_, err = io.Copy(&b, io.LimitReader(f, headSize))
	return b.String(), err
}

// oneLine reports whether a file's bytes hold one line only, its line end
// aside (in any encoding custkit reads).
func oneLine(s string) bool {
	b := bytes.TrimRight([]byte(s), "\r\n\x00")
	return !bytes.ContainsAny(b, "\r\n")
}

// statOf is the FileInfo of standard input when it is a file, else nil.
func statOf(in io.Reader) os.FileInfo {
	f, ok := in.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	return fi
}

// distinct refuses files, the expanded list of what (a flag, "--sales")
// of kind, when it names a file twice (see Duplicates), before any of
// them is read. A list is looked at once per run: a command that opens
// its inputs again (report) does not compare them again.
func (o *Opener) distinct(files []string, what, kind string) error {
	if len(files) < 2 || repeatable(kind) {
		return nil
	}
	key := what + "\x00" + strings.Join(files, "\x00")
	if err, ok := o.checked[key]; ok {
		return err
	}
	dups, err := o.Duplicates(files)
	if err == nil && len(dups) > 0 {
		err = &DuplicateError{What: what, Kind: kind, Duplicate: dups[0], More: len(dups) - 1}
	}
	if o.checked == nil {
		o.checked = map[string]error{}
	}
	o.checked[key] = err
	return err
}
