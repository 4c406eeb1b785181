package contactlog

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// Term is one word of a vocabulary: the name written into the file, the
// other spellings it is known by, and, for a complaint's status, whether
// the complaint is closed in it.
type Term struct {
	Name   string
	Also   []string
	Closed bool
}

// Vocab is the words a column may hold: the channels of a contact, the
// statuses of a complaint. Words are compared like header names (NFKC,
// case folded, spaces ignored), so that "ＬＩＮＥ", "line" and "LINE" are one.
type Vocab struct {
	What  string // "channel", "status"
	Terms []Term
}

// DefaultChannels are the channels of a contact when the config does not
// name them.
var DefaultChannels = Vocab{What: "channel", Terms: []Term{
	{Name: "電話", Also: []string{"phone", "tel", "call"}},
	{Name: "来店", Also: []string{"visit", "store", "in store"}},
	{Name: "メール", Also: []string{"email", "mail", "e-mail"}},
	{Name: "LINE"},
	{Name: "手紙", Also: []string{"letter", "post"}},
	{Name: "その他", Also: []string{"other"}},
}}

// DefaultStatuses are the statuses of a complaint when the config does
// not name them; the first is a new complaint's.
var DefaultStatuses = Vocab{What: "status", Terms: []Term{
	{Name: "未対応", Also: []string{"open", "new"}},
	{Name: "対応中", Also: []string{"in progress", "progress"}},
	{Name: "完了", Also: []string{"closed", "done", "resolved"}, Closed: true},
}}

// Find returns the term s names. An unknown word is an error that lists
// the known ones and suggests the nearest.
func (v Vocab) Find(s string) (Term, error) {
	n := schema.Normalize(s)
	for _, t := range v.Terms {
		for _, name := range append([]string{t.Name}, t.Also...) {
			if schema.Normalize(name) == n {
				return t, nil
			}
		}
	}
	return Term{}, v.unknown(s)
}

// UnknownError is the error of Find: always this type.
type UnknownError struct {
	What, Value, Near string
	Known             []string
}

func (e *UnknownError) Error() string {
	msg := fmt.Sprintf("unknown %s %q", e.What, e.Value)
	if e.Near != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Near)
	}
	return msg + fmt.Sprintf(" (known: %s)", strings.Join(e.Known, ", "))
}

func (v Vocab) unknown(s string) error {
	e := &UnknownError{What: v.What, Value: s}
	n := schema.Normalize(s)
	// A slip: a few edits, fewer than half the word (保留 is not 完了).
	width := len([]rune(n))
	best := max(1, width/3) + 1
	for _, t := range v.Terms {
		e.Known = append(e.Known, t.Name)
		for _, name := range append([]string{t.Name}, t.Also...) {
			if d := english.Distance(n, schema.Normalize(name)); d < best && 2*d < width {
				best, e.Near = d, t.Name
			}
		}
	}
	return e
}

// Closed reports whether the status s (by any spelling) is a closed one;
// a status the vocabulary does not know is not.
func (v Vocab) Closed(s string) bool {
	t, err := v.Find(s)
	return err == nil && t.Closed
}

// Check reports a vocabulary that cannot be used: no words, a word twice,
// for statuses no closed one or no open one.
func (v Vocab) Check() error {
	if len(v.Terms) == 0 {
		return fmt.Errorf("no %s is named", v.What)
	}
	seen := map[string]string{}
	for _, t := range v.Terms {
		if strings.TrimSpace(t.Name) == "" {
			return fmt.Errorf("a %s without a name", v.What)
		}
		for _, name := range append([]string{t.Name}, t.Also...) {
			n := schema.Normalize(name)
			if prev, dup := seen[n]; dup {
				return fmt.Errorf("%q names both %s %q and %q", name, v.What, prev, t.Name)
			}
			seen[n] = t.Name
		}
	}
	return nil
}

// Choose is the term s names, or def when s is empty; an unknown word is
// Find's error, as a usage error.
func (v Vocab) Choose(s string, def Term) (Term, error) {
	if s == "" {
		return def, nil
	}
	t, err := v.Find(s)
	if err != nil {
		return t, usererr.Usage(err)
	}
	return t, nil
}
