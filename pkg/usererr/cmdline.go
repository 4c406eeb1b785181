package usererr

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/english"
)

// The mistakes of a command line in custkit's own words: the word or value
// typed, the flag or command it was given to, and what is allowed. The
// messages of the flag parser and strconv never reach the user. name is
// the command's name (join), path its whole command line (custkit exports
// list), for the hint to run its --help.

// NoArgs refuses positional arguments to a command that takes everything
// as flags; nil if there are none.
func NoArgs(name, path string, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return WithHint(Usagef("%s takes no arguments, but was given %s", name, QuoteAll(args)),
		"run %s --help for its flags", path)
}

// Expanded refuses files that the shell expanded from a pattern given
// unquoted to --flag (--sales reg/*.csv): the first file became the
// flag's value and the others, files, arguments of the command name,
// which takes none (what "") or takes them as a what ("customer id").
// pattern, for custkit to expand, matches them all ("" when none was
// found).
func Expanded(name, flag, what string, files []string, pattern string) error {
	var err error
	switch {
	case what == "":
		noun := "files"
		if len(files) == 1 {
			noun = "file"
		}
		err = Usagef("%s takes no arguments, but was given the %s %s: the shell expanded the pattern given to --%s", name, noun, listFiles(files), flag)
	case len(files) == 1:
		err = Usagef("%s is a file, not a %s: the shell expanded the pattern given to --%s", files[0], what, flag)
	default:
		err = Usagef("%s are files, not %ss: the shell expanded the pattern given to --%s", listFiles(files), what, flag)
	}
	if pattern == "" {
		return WithHint(err, "--%s takes one pattern: quote it so that custkit expands it (or give the files as a comma list)", flag)
	}
	return WithHint(err, "--%s takes one pattern: quote it so that custkit expands it: --%s %s (or give the files as a comma list)", flag, flag, shellQuote(pattern))
}

// listFiles writes paths as they are, "a", "a and b", "a, b and c", or
// the first three and how many more.
func listFiles(paths []string) string {
	if n := len(paths); n > 3 {
		return strings.Join(paths[:3], ", ") + fmt.Sprintf(" and %d more", n-3)
	}
	if len(paths) == 1 {
		return paths[0]
	}
	return strings.Join(paths[:len(paths)-1], ", ") + " and " + paths[len(paths)-1]
}

// shellQuote quotes s for a POSIX shell, so that it reaches custkit as
// it is.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// AtLeastOne requires one argument or more, each a what; example shows a
// command line that gives one.
func AtLeastOne(name, what, example string, args []string) error {
	if len(args) > 0 {
		return nil
	}
	return WithHint(Usagef("%s needs at least one %s", name, what), "for example: %s", example)
}

// AtMostOne allows no argument or one, a what.
func AtMostOne(name, what string, args []string) error {
	if len(args) <= 1 {
		return nil
	}
	return Usagef("%s takes at most one %s, but was given %d: %s", name, what, len(args), QuoteAll(args))
}

// ExactlyOne requires exactly one argument, a what.
func ExactlyOne(name, what string, args []string) error {
	switch len(args) {
	case 1:
		return nil
	case 0:
		return Usagef("%s needs a %s", name, what)
	}
	return Usagef("%s takes one %s, but was given %d: %s", name, what, len(args), QuoteAll(args))
}

// UnknownCommand refuses word, which is none of the commands under path;
// near are the commands whose names are close to it.
func UnknownCommand(word, path string, near []string) error {
	err := Usagef("%q is not a %s command", word, path)
	if len(near) > 0 {
		return WithHint(err, "did you mean %s?", OrList(near))
	}
	return WithHint(err, "run %s --help for the list of commands", path)
}

// inputFlags are the input flags some commands take, with what each names:
// on a command without one, "did you mean" would point at a different flag
// (recommend's --customer for --customers), so the error says the command
// does not read that file.
var inputFlags = map[string]string{
	"customers":  "a customers file",
	"sales":      "a sales file",
	"contacts":   "a contacts file",
	"complaints": "a complaints file",
}

// UnknownFlag refuses a flag the command does not have: flag as typed
// without its dashes, short for a -x flag; near are the flags whose names
// are close to it (see [NearFlags]), asked about only for a long one. An
// input flag of other commands is refused as an input the command does
// not read.
func UnknownFlag(name, path, flag string, short bool, near []string) error {
	if short {
		return WithHint(Usagef("%s has no flag -%s", name, flag), "run %s --help for its flags", path)
	}
	if what, ok := inputFlags[flag]; ok {
		return WithHint(Usagef("%s does not read %s (it has no flag --%s)", name, what, flag), "run %s --help for its inputs", path)
	}
	err := Usagef("%s has no flag --%s", name, flag)
	if len(near) > 0 {
		return WithHint(err, "did you mean %s?", OrList(near))
	}
	return WithHint(err, "run %s --help for its flags", path)
}

// NoValue is a flag given without its value; what names the value, as the
// flag's help does.
func NoValue(flag, what string) error {
	return Usagef("--%s needs a value: --%s %s", flag, flag, what)
}

// BadValue is a value the flag refused with err.
func BadValue(flag, value string, err error) error {
	return Usagef("--%s: %s", flag, ValueProblem(value, err))
}

// NotAFlag is an argument that starts like a flag but is written wrongly
// (-=x, ---x).
func NotAFlag(arg string) error {
	return Usagef("%q is not a flag: write -x or --name", arg)
}

// ValueProblem says what is wrong with value, which a flag or setting
// refused with err, in place of strconv's and encoding/csv's words.
func ValueProblem(value string, err error) string {
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

// NearFlags returns the flag names close to name, offered for a misspelt
// flag: within two edits, or starting with it; in their order, each with
// "--" in front.
func NearFlags(name string, names []string) []string {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, name) || english.Distance(strings.ToLower(name), n) <= 2 {
			out = append(out, "--"+n)
		}
	}
	return out
}

// OrList writes names as "a", "a or b", "a, b or c", each quoted.
func OrList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// QuoteAll writes args quoted and separated by ", ".
func QuoteAll(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = strconv.Quote(a)
	}
	return strings.Join(q, ", ")
}
