package mailing

import (
	"errors"
	"io"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// SuppressKind is the kind of a suppression file: a list of the people who
// asked not to be contacted, by customer id, email or phone number, in any
// of the columns a customers file names them by.
var SuppressKind = schema.Kind{Name: "suppress", Fields: []schema.Field{schema.CustomerID, schema.Email, schema.Phone}}

// ErrNoSuppressColumn says that a suppression file has no column to match
// customers by.
var ErrNoSuppressColumn = errors.New("no column holds customer ids, emails or phone numbers (a suppression list needs customer_id, email or phone)")

// Suppression is the set of customer ids, emails and phone numbers that
// must not be contacted. Values are compared normalised, and more loosely
// than duplicates are, because removing too many is the safe side: ids
// without leading zeros or width differences (000123, １２３ and 123 are
// one id), emails ignoring case, phones by their digits (+81 as 0).
type Suppression struct {
	ids, emails, phones map[string]struct{}
}

// NewSuppression returns an empty suppression set.
func NewSuppression() *Suppression {
	return &Suppression{ids: map[string]struct{}{}, emails: map[string]struct{}{}, phones: map[string]struct{}{}}
}

// Len returns the number of distinct values in the set.
func (s *Suppression) Len() int { return len(s.ids) + len(s.emails) + len(s.phones) }

// Load adds every non-empty id, email and phone number of a suppression
// file. A file with none of those columns is an error naming it, never an
// empty list that suppresses nobody.
func (s *Suppression) Load(r *rows.Reader, b *schema.Binding) error {
	idCol, emailCol, phoneCol := b.Col(schema.CustomerID), b.Col(schema.Email), b.Col(schema.Phone)
	if idCol < 0 && emailCol < 0 && phoneCol < 0 {
		return &rows.Error{File: r.Name(), Line: r.HeaderLine(), Err: ErrNoSuppressColumn}
	}
	n := normalizer{}
	var buf []byte
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if v := field(rec, idCol); len(v) > 0 {
			if k, _ := customer.NormalizeKey(v); len(k) > 0 {
				s.ids[string(k)] = struct{}{}
			}
		}
		if v := field(rec, emailCol); len(v) > 0 {
			if buf, _ = n.emailKey(buf[:0], v); len(buf) > 0 {
				s.emails[string(buf)] = struct{}{}
			}
		}
		if v := field(rec, phoneCol); len(v) > 0 {
			if buf = n.phoneKey(buf[:0], v); len(buf) > 0 {
				s.phones[string(buf)] = struct{}{}
			}
		}
	}
}

// field returns column c of rec, or nil.
func field(rec *rows.Record, c int) []byte {
	if c < 0 || c >= len(rec.Fields) {
		return nil
	}
	return rec.Fields[c]
}

// matches reports whether a customer's id, email or phone is in the set.
// n must compare emails case-insensitively.
func (s *Suppression) matches(n *normalizer, buf []byte, id, email, phone []byte) ([]byte, bool) {
	if s == nil || s.Len() == 0 {
		return buf, false
	}
	if k, _ := customer.NormalizeKey(id); len(k) > 0 {
		if _, ok := s.ids[string(k)]; ok {
			return buf, true
		}
	}
	if buf, _ = n.emailKey(buf[:0], email); len(buf) > 0 {
		if _, ok := s.emails[string(buf)]; ok {
			return buf, true
		}
	}
	if buf = n.phoneKey(buf[:0], phone); len(buf) > 0 {
		if _, ok := s.phones[string(buf)]; ok {
			return buf, true
		}
	}
	return buf, false
}
