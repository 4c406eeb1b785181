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
// its answer.
var consentWords = map[string]Consent{
	"1": Agreed, "true": Agreed, "yes": Agreed, "y": Agreed, "可": Agreed,
	"○": Agreed, "◯": Agreed, "希望する": Agreed, "希望": Agreed, "する": Agreed,
	"0": Refused, "false": Refused, "no": Refused, "n": Refused, "不可": Refused,
	"×": Refused, "✕": Refused, "希望しない": Refused, "不要": Refused, "しない": Refused,
}

// ConsentSpellings lists the accepted spellings for messages and help.
const ConsentSpellings = "1/0, true/false, yes/no, y/n, 可/不可, ○/×, 希望する/希望しない, 希望/不要, する/しない"

// ErrConsentValue is wrapped by the error for a consent cell that is none of
// the accepted spellings.
var ErrConsentValue = fmt.Errorf("is not a consent value (use %s)", ConsentSpellings)

// ParseConsent reads a consent cell: the spellings of [ConsentSpellings] in
// any width and case (ＹＥＳ, Yes and yes are one answer). An empty cell is
// [NoAnswer]; anything else is [ErrConsentValue], never a guess.
func ParseConsent(b []byte) (Consent, error) {
	var n normalizer
	return n.consent(b)
}

func (n *normalizer) consent(b []byte) (Consent, error) {
	v := n.nfkc(b)
	if len(v) == 0 {
		return NoAnswer, nil
	}
	if c, ok := consentWords[string(v)]; ok {
		return c, nil
	}
	// Only the Latin spellings have a case to fold.
	if c, ok := consentWords[string(bytes.ToLower(v))]; ok {
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
