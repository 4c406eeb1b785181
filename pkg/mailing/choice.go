package mailing

import "fmt"

// Dedupe is how the user asked duplicates to be merged: by a scope
// (--household, --person), by rules named (--dedupe-by), not at all
// (--no-dedupe), or, with none of these, by the channel's default scope.
type Dedupe struct {
	Household, Person bool
	By                []string // rule names
	Off               bool
	// Report is set when a report of the groups is asked for, which
	// needs merging.
	Report bool
}

// DedupeError is a contradiction between the dedupe choices.
type DedupeError struct{ msg string }

func (e *DedupeError) Error() string { return e.msg }

// Check reports contradictory choices as a *DedupeError.
func (d Dedupe) Check() error {
	switch {
	case d.Household && d.Person:
		return &DedupeError{"--household and --person contradict each other; use one"}
	case d.Off && (len(d.By) > 0 || d.Report):
		return &DedupeError{"--no-dedupe cannot be combined with --dedupe-by or --dedupe-report"}
	case d.Off && (d.Household || d.Person):
		return &DedupeError{"--no-dedupe keeps every row; it cannot be combined with --household or --person"}
	case len(d.By) > 0 && (d.Household || d.Person):
		return &DedupeError{"--dedupe-by names the rules itself; it cannot be combined with --household or --person"}
	}
	return nil
}

// Rules checks the choices and returns the rules that merge duplicates
// for channel c; zero when merging is off. Contradictory choices are a
// *DedupeError, unknown rule names an error naming them.
func (d Dedupe) Rules(c Channel) (Rules, error) {
	if err := d.Check(); err != nil {
		return 0, err
	}
	switch {
	case d.Off:
		return 0, nil
	case len(d.By) > 0:
		rs, err := ParseRules(d.By)
		if err != nil {
			return 0, fmt.Errorf("--dedupe-by: %w", err)
		}
		return rs, nil
	}
	return d.Scope(c).Rules(), nil
}

// Scope is what one piece of mail goes to: the scope asked for, or the
// channel's default.
func (d Dedupe) Scope(c Channel) Scope {
	switch {
	case d.Household:
		return Household
	case d.Person:
		return Person
	}
	return DefaultScope(c)
}

// Explain says which rules merged duplicates and why, for standard error:
// "duplicates merged per household, by email, phone (the default for
// --channel post)".
func (d Dedupe) Explain(c Channel, rs Rules) string {
	if len(d.By) > 0 {
		return "duplicates merged by " + rs.String() + " (--dedupe-by)"
	}
	sc := d.Scope(c)
	why := "the default for --channel " + string(c)
	if d.Household || d.Person {
		why = "--" + sc.String()
	}
	return fmt.Sprintf("duplicates merged per %s, by %s (%s)", sc, rs, why)
}

// DefaultLayout is the layout of a channel when none is named: the
// columns of 宛名 software for post, except in vCards, which have their
// own; every column for email.
func DefaultLayout(c Channel, vcard bool) Layout {
	if c == Post && !vcard {
		return LayoutPost
	}
	return LayoutAll
}
