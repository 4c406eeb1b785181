package cmdutil

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// This file tells apart the files an unquoted pattern became: the shell
// expands --sales reg/*.csv into --sales reg/sales-2026-01.csv followed
// by the other files as arguments, which a command that takes none, or
// takes customer ids, would otherwise call extra arguments or unknown
// ids.

// fileSets are the values the file-list flags of one command were given
// on its command line, in order.
type fileSets struct {
	flags *pflag.FlagSet
	sets  []fileSet
}

// fileSet is one value of a file-list flag, and how many positional
// arguments came before it.
type fileSet struct {
	flag, value string
	at          int
}

// fileFlag is the value of a file-list flag (input.FileList) that
// remembers where on the command line it was set.
type fileFlag struct {
	input.FileList
	name string
	sets *fileSets
}

// Set adds v to the list and remembers it.
func (f *fileFlag) Set(v string) error {
	f.sets.sets = append(f.sets.sets, fileSet{flag: f.name, value: v, at: len(f.sets.flags.Args())})
	return f.FileList.Set(v)
}

// trackFiles makes c's file-list flags remember where they were set.
func trackFiles(c *cobra.Command) {
	sets := &fileSets{flags: c.Flags()}
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if l, ok := f.Value.(input.FileList); ok {
			f.Value = &fileFlag{FileList: l, name: f.Name, sets: sets}
		}
	})
}

// expandedWith reports whether arg looks like a file that one pattern
// matched together with value, the flag's: both exist, as deep in
// directories and with the same extension (reg/*.csv). A file unlike it
// (--customers c.csv reg/s.csv, a --sales forgotten) is only an
// argument too many.
func expandedWith(value, arg string) bool {
	if _, err := os.Stat(arg); err != nil {
		return false
	}
	if _, err := os.Stat(value); err != nil {
		return false
	}
	depth := func(p string) int { return strings.Count(filepath.ToSlash(filepath.Clean(p)), "/") }
	return depth(arg) == depth(value) && filepath.Ext(arg) == filepath.Ext(value)
}

// expanded is the error of the arguments of cmd that are files and follow
// the value of a file-list flag: those the shell made of an unquoted
// pattern given to it. what is what the command takes as arguments (""
// for nothing). nil when no argument is such a file.
func expanded(cmd *cobra.Command, args []string, what string) error {
	var sets *fileSets
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if ff, ok := f.Value.(*fileFlag); ok {
			sets = ff.sets
		}
	})
	if sets == nil {
		return nil
	}
	var after *fileSet // the flag whose files are gathered
	var files []string
	for i, arg := range args {
		var last *fileSet // the last file-list flag before arg
		for j := range sets.sets {
			if sets.sets[j].at <= i {
				last = &sets.sets[j]
			}
		}
		if last == nil || (after != nil && last != after) {
			continue
		}
		if expandedWith(last.value, arg) {
			after = last
			files = append(files, arg)
		}
	}
	if after == nil {
		return nil
	}
	return usererr.Expanded(cmd.Name(), after.flag, what, files, input.PatternOf(append([]string{after.value}, files...)))
}
