package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// This file says what was wrong with a command line in custkit's own
// words: the word or value typed, the flag or command it was given to, and
// what is allowed. The messages of cobra, pflag and strconv never reach
// the user.

// noArgs rejects positional arguments: the command takes everything as
// flags.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return usererr.WithHint(usererr.Usagef("%s takes no arguments, but was given %s", cmd.Name(), quoteAll(args)),
		"run %s --help for its flags", cmd.CommandPath())
}

// atLeastOne requires one argument or more, each a what.
func atLeastOne(what, example string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return nil
		}
		return usererr.WithHint(usererr.Usagef("%s needs at least one %s", cmd.Name(), what), "for example: %s", example)
	}
}

// atMostOne allows no argument or one, a what.
func atMostOne(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) <= 1 {
			return nil
		}
		return usererr.Usagef("%s takes at most one %s, but was given %d: %s", cmd.Name(), what, len(args), quoteAll(args))
	}
}

// exactlyOne requires exactly one argument, a what.
func exactlyOne(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 1 {
			return nil
		}
		if len(args) == 0 {
			return usererr.Usagef("%s needs a %s", cmd.Name(), what)
		}
		return usererr.Usagef("%s takes one %s, but was given %d: %s", cmd.Name(), what, len(args), quoteAll(args))
	}
}

// subcommands makes c, a command that only groups others (custkit itself,
// audit, exports), refuse a word that is none of them with a usage error
// and the nearest names, instead of printing its help. Without a word it
// prints its help, as before.
func subcommands(c *cobra.Command) {
	c.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		err := usererr.Usagef("%q is not a %s command", args[0], cmd.CommandPath())
		if cmd.SuggestionsMinimumDistance <= 0 {
			cmd.SuggestionsMinimumDistance = 2
		}
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			return usererr.WithHint(err, "did you mean %s?", orList(s))
		}
		return usererr.WithHint(err, "run %s --help for the list of commands", cmd.CommandPath())
	}
	c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
}

// flagError rewrites an error of the flag parser: an unknown flag, a
// flag without its value, a value the flag refuses.
func flagError(cmd *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		if notExist.GetSpecifiedShortnames() != "" {
			return usererr.WithHint(usererr.Usagef("%s has no flag -%s", cmd.Name(), notExist.GetSpecifiedName()),
				"run %s --help for its flags", cmd.CommandPath())
		}
		name := notExist.GetSpecifiedName()
		uerr := usererr.Usagef("%s has no flag --%s", cmd.Name(), name)
		if s := flagSuggestions(cmd, name); len(s) > 0 {
			return usererr.WithHint(uerr, "did you mean %s?", orList(s))
		}
		return usererr.WithHint(uerr, "run %s --help for its flags", cmd.CommandPath())
	case errors.As(err, &noValue):
		f := noValue.GetFlag()
		what, _ := pflag.UnquoteUsage(f)
		return usererr.Usagef("--%s needs a value: --%s %s", f.Name, f.Name, what)
	case errors.As(err, &invalid):
		return usererr.Usagef("--%s: %s", invalid.GetFlag().Name, valueProblem(invalid.GetValue(), errors.Unwrap(invalid)))
	case errors.As(err, &syntax):
		return usererr.Usagef("%q is not a flag: write -x or --name", syntax.GetSpecifiedFlag())
	}
	return usererr.Usage(err)
}

// valueProblem says what is wrong with value, which a flag or setting
// refused with err, in place of strconv's and encoding/csv's words.
func valueProblem(value string, err error) string {
	var num *strconv.NumError
	var csvErr *csv.ParseError
	switch {
	case errors.As(err, &num):
		switch num.Func {
		case "ParseBool":
			return fmt.Sprintf("%q is not true or false", value)
		case "ParseFloat":
			if errors.Is(num.Err, strconv.ErrRange) {
				return fmt.Sprintf("%q is out of range", value)
			}
			return fmt.Sprintf("%q is not a number", value)
		default:
			if errors.Is(num.Err, strconv.ErrRange) {
				return fmt.Sprintf("%q is out of range for a whole number", value)
			}
			return fmt.Sprintf("%q is not a whole number", value)
		}
	case errors.As(err, &csvErr):
		return fmt.Sprintf("%q is not a comma-separated list: a value with a quote is written in quotes, with the quote doubled (\"say \"\"hi\"\"\")", value)
	case err == nil:
		return fmt.Sprintf("%q is not allowed", value)
	}
	return err.Error()
}

// flagSuggestions returns the flags of cmd whose names are close to name:
// within two edits, or starting with it.
func flagSuggestions(cmd *cobra.Command, name string) []string {
	var out []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		if strings.HasPrefix(f.Name, name) || english.Distance(strings.ToLower(name), f.Name) <= 2 {
			out = append(out, "--"+f.Name)
		}
	})
	return out
}

// orList writes names as "a", "a or b", "a, b or c", each quoted.
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// quoteAll writes args quoted and separated by ", ".
func quoteAll(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = strconv.Quote(a)
	}
	return strings.Join(q, ", ")
}

// configFileType refuses a config file whose name does not say YAML:
// custkit documents and reads YAML only, and the name is how the file's
// format would be chosen.
func configFileType(file string) error {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".yaml", ".yml":
		return nil
	}
	return usererr.WithHint(usererr.Usagef("%s: custkit reads its config from a YAML file, named *.yaml or *.yml", file),
		"rename the file, e.g. to %s", strings.TrimSuffix(file, filepath.Ext(file))+".yaml")
}
