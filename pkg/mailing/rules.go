package mailing

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/schema"
)

// Channel is how the mail goes out.
type Channel string

// The channels, by the consent each needs.
const (
	Email Channel = "email" // needs mail_opt_in and a valid email address
	Post  Channel = "post"  // needs post_opt_in and a postal address
)

// Channels lists the channel names, for flags.
var Channels = []string{string(Email), string(Post)}

func (c Channel) consentField() schema.Field {
	if c == Post {
		return schema.PostOptIn
	}
	return schema.MailOptIn
}

// Rule is one way two customer rows are found to be the same recipient.
type Rule uint8

// The duplicate rules. Each compares a normalised key; see [Rule.String]
// for the names used in flags and reports. Email, name+phone and
// address+kana find one person; phone and address+postal find a household,
// whose members may be several people.
const (
	RuleEmail         Rule = iota // the same email address: one person
	RuleNamePhone                 // the same name (or name reading) and phone number: one person
	RulePhone                     // the same phone number: one household
	RuleAddressKana               // the same address and name reading: one person
	RuleAddressPostal             // the same address and postal code: one household
	numRules
)

var ruleNames = [numRules]string{"email", "name+phone", "phone", "address+kana", "address+postal"}

// String returns the rule's name: email, name+phone, phone, address+kana or
// address+postal.
func (r Rule) String() string { return ruleNames[r] }

// RuleNames lists the rule names, for flags.
var RuleNames = ruleNames[:]

// Rules is a set of duplicate rules; the zero value turns merging off.
type Rules uint8

// Has reports whether r is in the set.
func (rs Rules) Has(r Rule) bool { return rs&(1<<r) != 0 }

// String lists the rules by name, comma-separated.
func (rs Rules) String() string {
	var names []string
	for r := Rule(0); r < numRules; r++ {
		if rs.Has(r) {
			names = append(names, r.String())
		}
	}
	return strings.Join(names, ",")
}

// Scope is what one piece of mail goes to: a person or a household.
type Scope uint8

// The scopes of a mailing list.
const (
	// Person: one message per person. Rows are duplicates when they have
	// the same email address, or the same name and phone number, or the
	// same address and name reading; a shared phone or address alone
	// never merges two people.
	Person Scope = iota + 1
	// Household: one piece per household. Rows are duplicates when they
	// have the same email address or phone number, or the same address
	// and either the name reading or the postal code.
	Household
)

// String returns "person" or "household".
func (s Scope) String() string {
	if s == Household {
		return "household"
	}
	return "person"
}

// PersonRules are the rules that find one person. They are also the rules
// by which a refusal of consent on one row holds for every other row of the
// same person; see [Run].
const PersonRules = Rules(1<<RuleEmail | 1<<RuleNamePhone | 1<<RuleAddressKana)

// Rules returns the duplicate rules of the scope.
func (s Scope) Rules() Rules {
	if s == Household {
		return Rules(1<<RuleEmail | 1<<RulePhone | 1<<RuleAddressKana | 1<<RuleAddressPostal)
	}
	return PersonRules
}

// DefaultScope is the scope of a channel when none is named: a postcard
// goes once to a household, an email to a person (two members of a family
// who share a landline each get their own newsletter).
func DefaultScope(c Channel) Scope {
	if c == Post {
		return Household
	}
	return Person
}

// DefaultRules are the rules a channel merges by when none are named: the
// rules of its [DefaultScope].
func DefaultRules(c Channel) Rules { return DefaultScope(c).Rules() }

// ParseRules reads rule names such as "email", "phone", "address+kana".
func ParseRules(names []string) (Rules, error) {
	var rs Rules
	for _, n := range names {
		found := false
		for r := Rule(0); r < numRules; r++ {
			if strings.TrimSpace(n) == r.String() {
				rs |= 1 << r
				found = true
			}
		}
		if !found {
			return 0, fmt.Errorf("unknown duplicate rule %q (choose from %s)", n, strings.Join(RuleNames, ", "))
		}
	}
	return rs, nil
}
