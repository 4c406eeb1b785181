package main

import (
	"fmt"
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

// noArgs rejects positional arguments.
var noArgs = cobra.NoArgs
