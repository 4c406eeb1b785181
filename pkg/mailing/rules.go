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
// for the names used in flags and reports.
const (
	RuleEmail         Rule = iota // the same email address
	RulePhone                     // the same phone number
	RuleAddressKana               // the same address and name reading: one person
	RuleAddressPostal             // the same address and postal code: one household
	numRules
)

var ruleNames = [numRules]string{"email", "phone", "address+kana", "address+postal"}

// String returns the rule's name: email, phone, address+kana or
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

// DefaultRules are the rules a channel merges by when none are named: a
// postcard goes once to a household, so post merges by address and postal
// code too; an email goes to a person, so email does not merge the members
// of one household.
func DefaultRules(c Channel) Rules {
	rs := Rules(1<<RuleEmail | 1<<RulePhone | 1<<RuleAddressKana)
	if c == Post {
		rs |= 1 << RuleAddressPostal
	}
	return rs
}

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
