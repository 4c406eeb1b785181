package main

import (
	"context"
	"fmt"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/retention"
	"strings"

	"github.com/spf13/cobra"
)

// enumValue is a flag that takes one of a fixed set of words; a wrong word
// is a usage error at parse time, and the words complete in the shell.
type enumValue struct {
	target  *string
	allowed []string
}

func (e *enumValue) String() string { return *e.target }
func (e *enumValue) Type() string   { return "string" }

func (e *enumValue) Set(v string) error {
	for _, a := range e.allowed {
		if v == a {
			*e.target = v
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", v, strings.Join(e.allowed, ", "))
}

// enumFlag registers an enum flag with completion.
func enumFlag(cmd *cobra.Command, target *string, name, short, def string, allowed []string, usage string) {
	*target = def
	cmd.Flags().VarP(&enumValue{target: target, allowed: allowed}, name, short,
		fmt.Sprintf("%s: {%s}", usage, strings.Join(allowed, "|")))
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return allowed, cobra.ShellCompDirectiveNoFileComp
	})
}

// periodValue is a flag holding a calendar period such as 30d, 12mo or 5y;
// a malformed period is a usage error at parse time.
type periodValue struct {
	p   *parse.Period
	set *bool
	// window: the period is a window to select in, which no time (0d,
	// 0mo) leaves empty.
	window bool
}

func (v *periodValue) String() string {
	if v.p == nil || !*v.set {
		return ""
	}
	return v.p.String()
}
func (v *periodValue) Type() string { return "period" }

func (v *periodValue) Set(s string) error {
	p, err := parse.ParsePeriod(s)
	if err != nil {
		return err
	}
	if v.window && p.IsZero() {
		return fmt.Errorf("%q is an empty window: give a period of a day or more (7d, 1mo)", s)
	}
	*v.p, *v.set = p, true
	return nil
}

// periodFlag registers a period flag; *set tells whether it was given.
func periodFlag(cmd *cobra.Command, p *parse.Period, set *bool, name, usage string) {
	cmd.Flags().Var(&periodValue{p: p, set: set}, name, usage+" (e.g. 30d, 12mo, 2y)")
}

// hashKey reads the pseudonym key of redact and purge: --key-file, else
// CUSTKIT_HASH_KEY (see redact.ReadKey). ctx is the run's, nil in unit
// tests.
func hashKey(ctx context.Context, s *streams, keyFile string, missing error) ([]byte, error) {
	return redact.ReadKey(ctx, keyFile, s.getenv(redact.KeyEnv), missing)
}

// limitValue is --max-delete, checked when parsed.
type limitValue struct {
	l   *retention.Limit
	set *bool
}

func (v *limitValue) String() string {
	if v.set == nil || !*v.set {
		return ""
	}
	return v.l.String()
}
func (v *limitValue) Type() string { return "share" }
func (v *limitValue) Set(s string) error {
	l, err := retention.ParseLimit(s)
	if err != nil {
		return err
	}
	*v.l, *v.set = l, true
	return nil
}

// windowFlag registers a period flag that selects a window (--within): a
// period of no time is refused, as it would select nothing.
func windowFlag(cmd *cobra.Command, p *parse.Period, set *bool, name, usage string) {
	cmd.Flags().Var(&periodValue{p: p, set: set, window: true}, name, usage+" (e.g. 30d, 12mo, 2y)")
}
