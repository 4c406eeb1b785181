package cmdutil

import (
	"context"
	"errors"
	"io"

	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// This file hands what was wrong with a command line to pkg/usererr, which
// words it: the messages of cobra, pflag and strconv never reach the user.

// NoArgs rejects positional arguments: the command takes everything as
// flags. Files after a file-list flag are refused as what the shell made
// of an unquoted pattern given to it (--sales reg/*.csv).
func NoArgs(cmd *cobra.Command, args []string) error {
	if err := expanded(cmd, args, ""); err != nil {
		return err
	}
	return usererr.NoArgs(cmd.Name(), cmd.CommandPath(), args)
}

// AtLeastOne requires one argument or more, each a what.
func AtLeastOne(what, example string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		return usererr.AtLeastOne(cmd.Name(), what, example, args)
	}
}

// AtLeastOneWord is AtLeastOne for arguments that are words, not files
// (history's customer ids): files among them after a file-list flag are
// refused as NoArgs refuses them.
func AtLeastOneWord(what, example string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := expanded(cmd, args, what); err != nil {
			return err
		}
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

// groupsCommands is the annotation of a command that only groups others
// (see Subcommands).
const groupsCommands = "custkit-groups-commands"

// Subcommands makes c, a command that only groups others (custkit itself,
// audit, exports), refuse a word that is none of them with a usage error
// and the nearest names, instead of printing its help, whatever flags
// follow the word (see StrayWord). Without a word it prints its help, as
// before.
func Subcommands(c *cobra.Command) {
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	c.Annotations[groupsCommands] = "yes"
	c.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		return unknownCommand(cmd, args[0])
	}
	c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	help := c.HelpFunc()
	c.SetHelpFunc(func(cmd *cobra.Command, args []string) {
		if StrayWord(cmd) == nil {
			help(cmd, args)
		} // else Execute refuses the word
	})
}

// StrayWord is the error of the word that a command grouping others was
// given once its flags are parsed (custkit byers --sales x): none of its
// commands, so the flags that follow it are not the mistake, as gh and
// git say. nil for any other command, or without a word. The flag
// parser's errors (FlagError) and --help (Execute) give way to it, and
// so do those of a flag before the word (Execute).
func StrayWord(cmd *cobra.Command) error {
	if cmd.Annotations[groupsCommands] == "" {
		return nil
	}
	if args := cmd.Flags().Args(); len(args) > 0 {
		return unknownCommand(cmd, args[0])
	}
	return nil
}

// unknownCommand refuses word, none of cmd's commands, naming the nearest.
func unknownCommand(cmd *cobra.Command, word string) error {
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	return usererr.UnknownCommand(word, cmd.CommandPath(), cmd.SuggestionsFor(word))
}

// Execute runs root with the command line args and returns its error. A
// word that is none of a group's commands followed by --help is refused
// as it is without: cobra asks for the help before it checks the
// arguments, and the group's help func leaves it out (see Subcommands).
// So is one after a flag the group does not have (custkit --product P
// byers), where the flag parser stops before it gets to the word.
func Execute(ctx context.Context, root *cobra.Command, args []string) error {
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	switch {
	case cmd == nil:
	case err == nil:
		err = StrayWord(cmd)
	case cmd.Flags().NArg() == 0:
		if stray := strayAfterFlags(root, cmd, args); stray != nil {
			err = stray
		}
	}
	return err
}

// strayAfterFlags is the error of the word that cmd, a command grouping
// others, was given after flags that its flag parser refused, nil if
// none: the first of its arguments that is not a flag or the value of
// one, a flag it does not have taking the word after it as its value,
// as cobra does when it looks for the command (custkit --product P
// byers: byers).
func strayAfterFlags(root, cmd *cobra.Command, args []string) error {
	if cmd.Annotations[groupsCommands] == "" {
		return nil
	}
	_, rest, err := root.Find(args)
	if err != nil {
		return nil
	}
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.ParseErrorsAllowlist.UnknownFlags = true
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		fs.StringP(f.Name, f.Shorthand, "", "")
		fs.Lookup(f.Name).NoOptDefVal = f.NoOptDefVal
	})
	if fs.Parse(rest) != nil || fs.NArg() == 0 || childNamed(cmd, fs.Arg(0)) != nil {
		return nil
	}
	return unknownCommand(cmd, fs.Arg(0))
}

// FlagError rewrites an error of the flag parser: an unknown flag, a
// flag without its value, a value the flag refuses; or, when a command
// grouping others was given a word that is none of them before the flag,
// that word (see StrayWord).
func FlagError(cmd *cobra.Command, err error) error {
	if stray := StrayWord(cmd); stray != nil {
		return stray
	}
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

// HelpTopics makes root's help command refuse a word that is none of the
// commands, as the commands themselves are refused (custkit help byers:
// "byers" is not a custkit command, did you mean "buyers"?), where
// cobra's prints root's help and exits 0. Call it once the commands are
// added.
func HelpTopics(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	for _, h := range root.Commands() {
		if h.Name() != "help" {
			continue
		}
		h.Run = nil
		h.RunE = func(_ *cobra.Command, args []string) error {
			cmd := root
			for _, word := range args {
				next := childNamed(cmd, word)
				if next == nil {
					return unknownCommand(cmd, word)
				}
				cmd = next
			}
			return cmd.Help()
		}
	}
}

// childNamed returns the command of cmd named or aliased word, nil if none.
func childNamed(cmd *cobra.Command, word string) *cobra.Command {
	for _, c := range cmd.Commands() {
		if c.Name() == word || c.HasAlias(word) {
			return c
		}
	}
	return nil
}
