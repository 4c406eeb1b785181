package mailing

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/schema"
)

// Consent is a customer's answer to "may we send you mail?".
type Consent uint8

// The answers a consent cell can hold.
const (
	NoAnswer Consent = iota // the cell is empty: not agreed
	Agreed
	Refused
)

// consentWords maps every accepted spelling, after NFKC and case folding, to
// its answer. 〇 (the kanji zero) stands in for ○ in many lists, typed by
// IMEs that offer it first.
var consentWords = map[string]Consent{
	"1": Agreed, "true": Agreed, "yes": Agreed, "y": Agreed, "可": Agreed,
	"○": Agreed, "◯": Agreed, "〇": Agreed, "希望する": Agreed, "希望": Agreed, "する": Agreed,
	"有": Agreed, "要": Agreed, "ok": Agreed,
	"0": Refused, "false": Refused, "no": Refused, "n": Refused, "不可": Refused,
	"×": Refused, "✕": Refused, "希望しない": Refused, "不要": Refused, "しない": Refused,
	"無": Refused, "否": Refused, "ng": Refused,
}

// ConsentSpellings lists the accepted spellings for messages and help.
const ConsentSpellings = "1/0, true/false, yes/no, y/n, OK/NG, 可/不可, ○/× (or 〇), 有/無, 要/否, 希望する/希望しない, 希望/不要, する/しない"

// ErrConsentValue is wrapped by the error for a consent cell that is none of
// the accepted spellings.
var ErrConsentValue = fmt.Errorf("is not a consent value (use %s, or add your own marks under mailing.consent in the config)", ConsentSpellings)

// ConsentMarks are a shop's own consent spellings, beyond the built-in
// ones, as [NewConsentMarks] checks them. The zero value adds none.
type ConsentMarks struct {
	words map[string]Consent // NFKC and lower case
}

// NewConsentMarks checks a shop's own spellings of agreed and refused: each
// must be non-empty, in one list only, and must not be a built-in spelling
// of the other answer.
func NewConsentMarks(agreed, refused []string) (ConsentMarks, error) {
	m := ConsentMarks{words: map[string]Consent{}}
	var n normalizer
	for _, l := range []struct {
		name  string
		marks []string
		c     Consent
	}{{"agreed", agreed, Agreed}, {"refused", refused, Refused}} {
		for _, w := range l.marks {
			k := string(bytes.ToLower(n.nfkc([]byte(w))))
			if k == "" {
				return ConsentMarks{}, fmt.Errorf("mailing.consent.%s: an empty mark; an empty cell is always no answer", l.name)
			}
			if c, ok := consentWords[k]; ok && c != l.c {
				return ConsentMarks{}, fmt.Errorf("mailing.consent.%s: %q is a built-in mark of the other answer", l.name, w)
			}
			if c, ok := m.words[k]; ok && c != l.c {
				return ConsentMarks{}, fmt.Errorf("mailing.consent: %q is in both agreed and refused", w)
			}
			m.words[k] = l.c
		}
	}
	return m, nil
}

// ParseConsent reads a consent cell: the spellings of [ConsentSpellings] in
// any width and case (ＹＥＳ, Yes and yes are one answer). An empty cell is
// [NoAnswer]; anything else is [ErrConsentValue], never a guess.
func ParseConsent(b []byte) (Consent, error) {
	var n normalizer
	return n.consent(b, ConsentMarks{})
}

func (n *normalizer) consent(b []byte, own ConsentMarks) (Consent, error) {
	v := n.nfkc(b)
	if len(v) == 0 {
		return NoAnswer, nil
	}
	if c, ok := consentWords[string(v)]; ok {
		return c, nil
	}
	// Only the Latin spellings have a case to fold.
	lower := bytes.ToLower(v)
	if c, ok := consentWords[string(lower)]; ok {
		return c, nil
	}
	if c, ok := own.words[string(lower)]; ok {
		return c, nil
	}
	return NoAnswer, ErrConsentValue
}

// NoConsentColumnError says that the customers file has no column for the
// channel's consent, so that nobody's consent is known.
type NoConsentColumnError struct {
	Field schema.Field
	Tried []string // the header names looked for
}

func (e *NoConsentColumnError) Error() string {
	return fmt.Sprintf("no column holds the %s consent (tried %s); without it nobody has agreed", e.Field, strings.Join(e.Tried, ", "))
}

// consentColumn finds the consent column: the column named by override
// (compared as headers are), else the one bound to the channel's field.
func consentColumn(b *schema.Binding, ch Channel, override string, aliases schema.Aliases) (int, error) {
	if override != "" {
		want := schema.Normalize(override)
		for i, h := range b.Header {
			if schema.Normalize(h) == want {
				return i, nil
			}
		}
		return -1, fmt.Errorf("no column is named %q (--consent-column); the columns are %s", override, strings.Join(b.Header, ", "))
	}
	f := ch.consentField()
	if c := b.Col(f); c >= 0 {
		return c, nil
	}
	return -1, &NoConsentColumnError{Field: f, Tried: b.Kind.Names(f, aliases)}
}
