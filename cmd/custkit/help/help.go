// Package help holds the long help and the examples of custkit's
// commands, one text file per command: <path>.txt, where path is the
// command as typed after custkit with an underscore between words
// ("ledger.txt", "audit_show.txt"; custkit's own is "custkit.txt"). A
// file is the Long text, then a line "-- example --", then the Example;
// both are given to cobra as they stand.
//
// A text may hold {{name}}: a part shared by several commands
// (parts/<name>.txt, without its last newline) or a value the code owns
// (values), so that what the help says of a lock or of shredding is
// written once.
package help

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/custkit/custkit/pkg/retention"
	"github.com/custkit/custkit/pkg/shred"
)

//go:embed *.txt parts/*.txt
var files embed.FS

// marker separates the Long text of a file from its Example.
const marker = "\n-- example --\n"

// values are the {{name}}s whose text the code owns.
var values = map[string]string{
	"purge-lock": retention.LockName,
	"shred":      shred.About,
	"shred-once": shred.AboutOnce,
}

// Long is the long help of command (as typed after custkit, "audit show";
// "" or "custkit" for custkit itself).
func Long(command string) string { l, _ := texts(command); return l }

// Example is the Example of command.
func Example(command string) string { _, e := texts(command); return e }

// Names lists the commands that have a help file, as Long takes them.
func Names() []string {
	entries, err := fs.Glob(files, "*.txt")
	if err != nil {
		panic(err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.ReplaceAll(strings.TrimSuffix(e, ".txt"), "_", " "))
	}
	sort.Strings(names)
	return names
}

// texts reads command's file. A missing file or an unknown {{name}} is a
// fault of the build, which the tests of every command find, so it
// panics rather than show a help without its text.
func texts(command string) (long, example string) {
	if command == "" {
		command = "custkit"
	}
	file := strings.ReplaceAll(command, " ", "_") + ".txt"
	text, err := Expand(file)
	if err != nil {
		panic(err)
	}
	long, example, ok := strings.Cut(text, marker)
	if !ok {
		panic(fmt.Sprintf("help: %s has no %q line", file, strings.TrimSpace(marker)))
	}
	return long, strings.TrimSuffix(example, "\n")
}

// Expand returns file (a help file or parts/<name>.txt) with its
// {{name}}s replaced.
func Expand(file string) (string, error) {
	b, err := files.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("help: %w", err)
	}
	return expand(file, string(b), 0)
}

func expand(file, text string, depth int) (string, error) {
	if depth > 4 {
		return "", fmt.Errorf("help: %s: parts include each other", file)
	}
	var b strings.Builder
	for {
		before, rest, ok := strings.Cut(text, "{{")
		b.WriteString(before)
		if !ok {
			return b.String(), nil
		}
		name, after, ok := strings.Cut(rest, "}}")
		if !ok {
			return "", fmt.Errorf("help: %s: {{ without }}", file)
		}
		if v, ok := values[name]; ok {
			b.WriteString(v)
		} else if part, err := files.ReadFile("parts/" + name + ".txt"); err == nil {
			s, err := expand("parts/"+name+".txt", strings.TrimSuffix(string(part), "\n"), depth+1)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		} else {
			return "", fmt.Errorf("help: %s: no part or value named {{%s}}", file, name)
		}
		text = after
	}
}
