// Package mailing turns customer rows into a clean mailing list: the step
// of the data path between reading customers (or the output of buyers,
// segment, events and join) and writing the list a mail merge or a print
// shop reads.
//
// [Run] reads the rows once, on all cores, and in this order:
//
//  1. removes everyone on the suppression list ([Suppression]);
//  2. keeps only those who agreed to the channel ([ParseConsent]; an
//     unknown consent value is an error, never a guess);
//  3. sets aside the rows that cannot be used (no valid email address, a
//     postal code that is not 7 digits, no address) as [Reject]s;
//  4. merges duplicates (名寄せ) by normalised email, name, phone number
//     and address ([Rules]): per person or per household ([Scope]),
//     keeping the most recent row of each group.
//
// A refusal of consent holds for the person, not only for the row: a row
// that agreed is dropped too when it is the same person ([PersonRules]:
// the same email, name and phone, or address and name reading) as a row
// that refused, whatever the merging rules. A refusal never reaches
// another member of the household.
//
// The [List] it returns writes the kept rows in file order and reports
// every group of duplicates. Memory follows the number of customers: each
// row that passes the checks is held once, as its output cells, and each
// row that refused as its customer id, plus 24 bytes for each of its dedupe
// keys until duplicates are linked.
package mailing

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"unsafe"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Options say how to build a mailing list.
type Options struct {
	Channel Channel
	// ConsentColumn names the consent column when it is not the channel's
	// field (mail_opt_in or post_opt_in under any of their names).
	ConsentColumn string
	// ConsentMarks are the shop's own consent spellings (from the config),
	// read besides the built-in ones.
	ConsentMarks ConsentMarks
	// Aliases are the customers aliases from the config, named in messages.
	Aliases schema.Aliases
	// Suppress removes rows before anything else; nil removes none.
	Suppress *Suppression
	// Rules merge duplicates; zero turns merging off.
	Rules Rules
	// EmailCaseSensitive compares the local part of email addresses (before
	// the @) with its case; domains are always compared without.
	EmailCaseSensitive bool
	// Layout is the columns of the list: LayoutPost or LayoutAll.
	Layout Layout
	// Workers is the number of goroutines; 0 means one per CPU.
	Workers int
	// Reject, when set, receives every row that cannot be used, in file
	// order.
	Reject func(Reject) error
}

// Reason says why a row cannot be used.
type Reason uint8

// The reasons a row is rejected.
const (
	ReasonNoEmail Reason = iota + 1
	ReasonBadEmail
	ReasonBadPostal
	ReasonNoAddress
	ReasonNoAddressee
	numReasons
)

var reasonText = [numReasons]string{"", "no email address", "email address is not valid",
	"postal code is not 7 digits", "address is empty", "no name or company to address"}

// String describes the reason for a person: "postal code is not 7 digits".
func (r Reason) String() string { return reasonText[r] }

// Reject is a row that cannot be used, as read, with the reason.
type Reject struct {
	Line   int
	Fields []string
	Reason Reason
}

// Stats count what happened to the rows.
type Stats struct {
	Read       int // data rows read
	Suppressed int // on the suppression list
	Refused    int // consent refused
	// RefusedElsewhere counts the rows that agreed but are the same
	// person as a row that refused.
	RefusedElsewhere int
	NoAnswer         int // consent cell empty
	Rejected         [numReasons]int
	Merged           int // rows dropped as duplicates of a kept row
	Groups           int // groups of two or more rows
	Largest          int // rows in the largest group
	Written          int // rows in the list
}

// RejectedTotal returns the number of rejected rows.
func (s *Stats) RejectedTotal() int {
	n := 0
	for _, c := range s.Rejected {
		n += c
	}
	return n
}

// Summary is the one-line report of a mailing list for standard error.
func (s *Stats) Summary() string {
	elsewhere := ""
	if s.RefusedElsewhere > 0 {
		elsewhere = fmt.Sprintf(", %d refused on another row of the same person", s.RefusedElsewhere)
	}
	return fmt.Sprintf("%s: %d suppressed, %d without consent (%d refused%s, %d no answer), %d rejected, %d merged as duplicates into %s; %s written",
		english.Count(s.Read, "row"), s.Suppressed, s.Refused+s.RefusedElsewhere+s.NoAnswer, s.Refused, elsewhere, s.NoAnswer, s.RejectedTotal(), s.Merged, english.Count(s.Groups, "group"), english.Count(s.Written, "row"))
}

// RejectSummary counts the rejected rows by reason:
// "2 postal code is not 7 digits, 1 address is empty".
func (s *Stats) RejectSummary() string {
	var parts []string
	for r := Reason(1); r < numReasons; r++ {
		if s.Rejected[r] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", s.Rejected[r], r))
		}
	}
	return strings.Join(parts, ", ")
}

func (s *Stats) add(o *Stats) {
	s.Read += o.Read
	s.Suppressed += o.Suppressed
	s.Refused += o.Refused
	s.NoAnswer += o.NoAnswer
	for i, n := range o.Rejected {
		s.Rejected[i] += n
	}
}

// List is a built mailing list.
type List struct {
	// Header is the header of the list's rows.
	Header []string
	Stats  Stats
	rows   []stored
	dedupe *dedupe
}

// stored is a candidate row: its cells (the customer id first, then the
// output cells, each length-prefixed) and what picks the one kept; or a
// row whose consent was refused, kept as its id only, so that the refusal
// reaches the other rows of the same person.
type stored struct {
	cells   []byte
	line    int32
	refused bool
	recency int64
}

// Run reads the customer rows and builds the mailing list. Problems in
// the input (an unknown consent value, a bad date) are [*rows.Error]s
// naming the file, line, column and value.
func Run(ctx context.Context, customers record.File, opts Options) (*List, error) {
	r, b := customers.Reader, customers.Binding
	w, err := newWorkerConfig(r, b, opts)
	if err != nil {
		return nil, err
	}
	l := &List{Header: w.header()}
	n := opts.Workers
	if n <= 0 {
		n = rows.Workers()
	}
	l.dedupe = newDedupe(n, opts.Rules)
	err = rows.EachBlock(ctx, r, n, w.block, func(res *blockResult) error { return l.add(res, opts.Reject) })
	if err != nil {
		return nil, err
	}
	l.finish()
	return l, nil
}

// add takes in one block's results, in file order.
func (l *List) add(res *blockResult, reject func(Reject) error) error {
	l.Stats.add(&res.stats)
	if reject != nil {
		for _, rj := range res.rejects {
			if err := reject(rj); err != nil {
				return err
			}
		}
	}
	start := 0
	for i := range res.cands {
		c := &res.cands[i]
		idx := int32(len(l.rows))
		l.rows = append(l.rows, stored{cells: res.arena[start:c.end:c.end], line: c.line, refused: c.refused, recency: c.recency})
		start = int(c.end)
		l.dedupe.add(idx, c)
	}
	return nil
}

// finish drops the rows of people who refused, picks the row kept in each
// group and completes the stats.
func (l *List) finish() {
	d := l.dedupe
	d.pick(l.rows)
	l.Stats.Groups, l.Stats.Merged, l.Stats.Largest = d.groups, d.merged, d.largest
	l.Stats.RefusedElsewhere = d.refusedElsewhere
	l.Stats.Written = len(l.rows) - l.Stats.Refused - d.refusedElsewhere - d.merged
}

// Kept is one row of the list.
type Kept struct {
	Line  int    // line of the row in the input
	ID    string // its customer id
	Cells []string
}

// Each calls fn for every kept row, in file order. The Cells slice is
// reused between calls; the strings in it stay valid.
func (l *List) Each(fn func(Kept) error) error {
	var k Kept
	for i := range l.rows {
		if !l.dedupe.kept(int32(i)) {
			continue
		}
		l.decode(i, &k)
		if err := fn(k); err != nil {
			return err
		}
	}
	return nil
}

// decode unpacks row i into k, reusing k.Cells.
func (l *List) decode(i int, k *Kept) {
	s := &l.rows[i]
	k.Line, k.Cells = int(s.line), k.Cells[:0]
	b := s.cells
	first := true
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		v := bytesString(b[w : w+int(n)])
		b = b[w+int(n):]
		if first {
			k.ID, first = v, false
			continue
		}
		k.Cells = append(k.Cells, v)
	}
}

// id returns the customer id of row i.
func (l *List) id(i int32) string {
	b := l.rows[i].cells
	n, w := binary.Uvarint(b)
	return bytesString(b[w : w+int(n)])
}

// bytesString views b as a string without copying. The list's cells are
// never modified once built, so the strings stay valid.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// appendCell appends one length-prefixed cell.
func appendCell(dst, v []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(v)))
	return append(dst, v...)
}

// key128 is a dedupe key, hashed: two independent 64-bit hashes, so that
// two different keys compare equal with a probability below 10^-25 for a
// million customers, while 16 bytes per key are kept.
type key128 struct{ a, b uint64 }

// candidate is a row that passed suppression, consent and the checks, or
// one whose consent was refused, as a worker hands it over.
type candidate struct {
	line    int32
	end     uint32 // end of its cells in the block's arena
	refused bool
	recency int64
	has     uint8 // the key slots set
	keys    [numSlots]key128
}

// A row has one key per rule, in the slot of the rule's number, except
// name+phone, which has two: the name as written and the name reading,
// each with the phone number.
const (
	slotKanaPhone = int(numRules) // the second key of RuleNamePhone
	numSlots      = slotKanaPhone + 1
)

// slotRule returns the rule whose key is in slot s.
func slotRule(s int) Rule {
	if s == slotKanaPhone {
		return RuleNamePhone
	}
	return Rule(s)
}

// blockResult is what a worker makes of one block.
type blockResult struct {
	cands   []candidate
	arena   []byte
	rejects []Reject
	stats   Stats
}

// noDate is the recency of a row without a purchase or registration date.
const noDate = math.MinInt64
