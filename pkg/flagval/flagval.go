// Package flagval holds the values of custkit's own kinds of flag: one word
// of a fixed set (Enum), a calendar period (Period) and the share of
// customers a purge may delete (Limit). Each checks its value when the
// command line is parsed, so that a wrong one is a usage error before
// anything is read. They implement pflag.Value (String, Set, Type)
// without importing it; the command layer registers them.
package flagval

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/retention"
)

// Enum is a flag that takes one of the words Allowed, into Target.
type Enum struct {
	Target  *string
	Allowed []string
}

// String is the word set.
func (e *Enum) String() string { return *e.Target }

// Type is how help and completion name the value.
func (e *Enum) Type() string { return "string" }

// Set takes v if it is one of the words allowed.
func (e *Enum) Set(v string) error {
	for _, a := range e.Allowed {
		if v == a {
			*e.Target = v
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", v, strings.Join(e.Allowed, ", "))
}

// EnumUsage is the help of an enum flag: usage, then the words allowed.
func EnumUsage(usage string, allowed []string) string {
	return fmt.Sprintf("%s: {%s}", usage, strings.Join(allowed, "|"))
}

// Period is a flag holding a calendar period such as 30d, 12mo or 5y,
// into P; Given says whether it was set.
type Period struct {
	P     *parse.Period
	Given *bool
	// Window: the period is a window to select in, which no time (0d,
	// 0mo) leaves empty.
	Window bool
}

// String is the period as parse.ParsePeriod reads it; "" when not given.
func (v *Period) String() string {
	if v.P == nil || v.Given == nil || !*v.Given {
		return ""
	}
	return v.P.String()
}

// Type is how help names the value.
func (v *Period) Type() string { return "period" }

// Set parses s, refusing a window of no time.
func (v *Period) Set(s string) error {
	p, err := parse.ParsePeriod(s)
	if err != nil {
		return err
	}
	if v.Window && p.IsZero() {
		return fmt.Errorf("%q is an empty window: give a period of a day or more (7d, 1mo)", s)
	}
	*v.P, *v.Given = p, true
	return nil
}

// PeriodUsage is the help of a period flag: usage, then examples.
func PeriodUsage(usage string) string { return usage + " (e.g. 30d, 12mo, 2y)" }

// Limit is --max-delete, into L (see retention.ParseLimit); Given says
// whether it was set.
type Limit struct {
	L     *retention.Limit
	Given *bool
}

// String is the limit as retention.ParseLimit reads it; "" when not given.
func (v *Limit) String() string {
	if v.Given == nil || !*v.Given {
		return ""
	}
	return v.L.String()
}

// Type is how help names the value.
func (v *Limit) Type() string { return "share" }

// Set parses s.
func (v *Limit) Set(s string) error {
	l, err := retention.ParseLimit(s)
	if err != nil {
		return err
	}
	*v.L, *v.Given = l, true
	return nil
}
