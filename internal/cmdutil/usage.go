package cmdutil

import (
	"errors"

	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// This file hands what was wrong with a command line to pkg/usererr, which
// words it: the messages of cobra, pflag and strconv never reach the user.

// NoArgs rejects positional arguments: the command takes everything as
// flags.
func NoArgs(cmd *cobra.Command, args []string) error {
	return usererr.NoArgs(cmd.Name(), cmd.CommandPath(), args)
}

// AtLeastOne requires one argument or more, each a what.
func AtLeastOne(what, example string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		return usererr.AtLeastOne(cmd.Name(), what, example, args)
	}
}

// AtMostOne allows no argument or one, a what.
func AtMostOne(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error { return usererr.AtMostOne(cmd.Name(), what, args) }
}

// ExactlyOne requires exactly one argument, a what.
func ExactlyOne(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error { return usererr.ExactlyOne(cmd.Name(), what, args) }
}

// Subcommands makes c, a command that only groups others (custkit itself,
// audit, exports), refuse a word that is none of them with a usage error
// and the nearest names, instead of printing its help. Without a word it
// prints its help, as before.
func Subcommands(c *cobra.Command) {
	c.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		if cmd.SuggestionsMinimumDistance <= 0 {
			cmd.SuggestionsMinimumDistance = 2
		}
		return usererr.UnknownCommand(args[0], cmd.CommandPath(), cmd.SuggestionsFor(args[0]))
	}
	c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
}

// FlagError rewrites an error of the flag parser: an unknown flag, a
// flag without its value, a value the flag refuses.
func FlagError(cmd *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && f.Name != "help" {
				names = append(names, f.Name)
			}
		})
		name := notExist.GetSpecifiedName()
		return usererr.UnknownFlag(cmd.Name(), cmd.CommandPath(), name, notExist.GetSpecifiedShortnames() != "", usererr.NearFlags(name, names))
	case errors.As(err, &noValue):
		what, _ := pflag.UnquoteUsage(noValue.GetFlag())
		return usererr.NoValue(noValue.GetFlag().Name, what)
	case errors.As(err, &invalid):
		return usererr.BadValue(invalid.GetFlag().Name, invalid.GetValue(), errors.Unwrap(invalid))
	case errors.As(err, &syntax):
		return usererr.NotAFlag(syntax.GetSpecifiedFlag())
	}
	return usererr.Usage(err)
}
