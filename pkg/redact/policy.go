package redact

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Op is what a rule does to a column.
type Op string

// The operations of a redaction policy.
const (
	Drop       Op = "drop"       // remove the column
	Mask       Op = "mask"       // keep the first/last characters, mask the rest
	Hash       Op = "hash"       // keyed pseudonym: the same value gives the same token
	Generalise Op = "generalise" // birthday → year or age band, postal code → area, address → prefecture
	Replace    Op = "replace"    // a constant
)

// Generalisation is how a generalise rule coarsens a value.
type Generalisation string

// The generalisations; "" picks the usual one for the column's field.
const (
	Year           Generalisation = "year"            // a date → its year
	AgeBand        Generalisation = "age-band"        // a birthday → "40-49", as of a date
	Postal3        Generalisation = "postal3"         // a postal code → its first 3 digits
	Prefecture     Generalisation = "prefecture"      // an address → its prefecture
	PrefectureCity Generalisation = "prefecture-city" // an address → prefecture and city (or ward, town)
)

// Generalisations lists the names, for help and errors.
var Generalisations = []string{"year", "age-band", "postal3", "prefecture", "prefecture-city"}

// Rule applies one operation to the columns a name finds: a logical field
// (phone finds 電話番号 and tel) or a header name as written.
type Rule struct {
	Column string
	Op     Op
	// Mask: characters kept at the start and end; -1 means the default for
	// the column's field (the last 4 of a phone number, else the first 1).
	First, Last int
	Char        rune // mask character; 0 means '*'
	// Generalise: the generalisation; "" means the usual one for the field.
	To Generalisation
	// Replace: the constant written instead of every non-empty value.
	Value string
}

// Policy is an ordered list of rules. When two rules name the same column
// the later one wins: flags given on the command line come after the rules
// of a named policy, so they refine it.
type Policy []Rule

// NeedsKey reports whether the policy hashes anything, and so needs a key.
func (p Policy) NeedsKey() bool {
	for _, r := range p {
		if r.Op == Hash {
			return true
		}
	}
	return false
}

// ErrSpec is wrapped by every error about how a rule is written.
var ErrSpec = errors.New("bad redaction rule")

// ParseRule reads one rule of op for column with its argument, as written
// after the column in a flag (--mask phone:last=4) or as the value in a
// config policy (mask: {phone: "last=4"}):
//
//	drop, hash   no argument
//	mask         first=N, last=N, char=C, comma-separated; none: the default
//	generalise   one of Generalisations; none: the usual one for the field
//	replace      the constant (may be empty)
func ParseRule(op Op, column, arg string) (Rule, error) {
	r := Rule{Column: strings.TrimSpace(column), Op: op, First: -1, Last: -1}
	if r.Column == "" {
		return r, fmt.Errorf("%w: %s needs a column name", ErrSpec, op)
	}
	switch op {
	case Drop, Hash:
		if arg != "" {
			return r, fmt.Errorf("%w: %s %s takes no argument (got %q)", ErrSpec, op, r.Column, arg)
		}
	case Mask:
		return parseMask(r, arg)
	case Generalise:
		r.To = Generalisation(strings.TrimSpace(arg))
		if r.To != "" && !known(Generalisations, string(r.To)) {
			return r, fmt.Errorf("%w: generalise %s: unknown generalisation %q (use %s)", ErrSpec, r.Column, arg, strings.Join(Generalisations, ", "))
		}
	case Replace:
		r.Value = arg
	default:
		return r, fmt.Errorf("%w: unknown operation %q", ErrSpec, op)
	}
	return r, nil
}

// ParseFlag reads "column" or "column:argument", the form of the rule flags.
func ParseFlag(op Op, s string) (Rule, error) {
	col, arg, _ := strings.Cut(s, ":")
	return ParseRule(op, col, arg)
}

func parseMask(r Rule, arg string) (Rule, error) {
	if strings.TrimSpace(arg) == "" {
		return r, nil
	}
	for _, part := range strings.Split(arg, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return r, fmt.Errorf("%w: mask %s: %q is not key=value (use first=N, last=N, char=C)", ErrSpec, r.Column, part)
		}
		switch k {
		case "first", "last":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return r, fmt.Errorf("%w: mask %s: %s=%q is not a count", ErrSpec, r.Column, k, v)
			}
			if k == "first" {
				r.First = n
			} else {
				r.Last = n
			}
		case "char":
			if utf8.RuneCountInString(v) != 1 {
				return r, fmt.Errorf("%w: mask %s: char=%q must be one character", ErrSpec, r.Column, v)
			}
			r.Char, _ = utf8.DecodeRuneInString(v)
		default:
			return r, fmt.Errorf("%w: mask %s: unknown setting %q (use first, last, char)", ErrSpec, r.Column, k)
		}
	}
	return r, nil
}

// Spec is a policy as the config file writes it:
//
//	redact:
//	  policies:
//	    printer:
//	      drop: [phone, email, birthday]
//	      hash: [customer_id]
//	      mask: {name: "first=1"}
//	      generalise: {postal_code: postal3, address: prefecture-city}
//	      replace: {memo: "(removed)"}
type Spec struct {
	Drop       []string
	Hash       []string
	Mask       map[string]string
	Generalise map[string]string
	Replace    map[string]string
}

// Rules turns a spec into a policy, in a fixed order (drop, hash, mask,
// generalise, replace; columns sorted), and refuses a column named by two
// operations. Errors name the key the problem is at, such as
// "mask.name", under the prefix given.
func (s Spec) Rules(prefix string) (Policy, error) {
	var p Policy
	seen := map[string]string{}
	add := func(op Op, col, arg string) error {
		r, err := ParseRule(op, col, arg)
		if err != nil {
			return fmt.Errorf("%s.%s.%s: %w", prefix, op, col, err)
		}
		if prev, dup := seen[r.Column]; dup {
			return fmt.Errorf("%s: column %q is named by both %s and %s", prefix, r.Column, prev, op)
		}
		seen[r.Column] = string(op)
		p = append(p, r)
		return nil
	}
	for _, list := range []struct {
		op   Op
		cols []string
	}{{Drop, s.Drop}, {Hash, s.Hash}} {
		for _, c := range list.cols {
			if err := add(list.op, c, ""); err != nil {
				return nil, err
			}
		}
	}
	for _, m := range []struct {
		op   Op
		args map[string]string
	}{{Mask, s.Mask}, {Generalise, s.Generalise}, {Replace, s.Replace}} {
		for _, c := range sortedKeys(m.args) {
			if err := add(m.op, c, m.args[c]); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func known(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
