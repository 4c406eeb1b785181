// Package flagdoc writes the flag table of docs/config.md: every flag of
// every command with its config key and environment variable, so that the
// settings documentation cannot drift from the code. The command layer
// (gen-docs) walks its commands into [Command] values; this package knows
// nothing of cobra.
package flagdoc

import (
	"fmt"
	"os"
	"strings"

	"github.com/custkit/custkit/pkg/atomicfile"
	"github.com/custkit/custkit/pkg/config"
)

// The flag table sits between these markers; [Rewrite] replaces it and
// leaves the hand-written text around it alone.
const (
	Begin = "<!-- gen-docs: flag table begin -->"
	End   = "<!-- gen-docs: flag table end -->"
)

// Command is one command's flags, those it does not inherit.
type Command struct {
	Path  string // custkit exports list
	Flags []Flag
}

// Flag is one flag as the table shows it.
type Flag struct {
	Name    string
	Type    string // the value's type, "bool" for a switch
	Default string // as the flag parser writes it: "", "[]", "false", "10"
	Usage   string
	Hidden  bool
}

// Rewrite replaces the table in the file at path, which must hold the
// markers, with the table of cmds. A file that does not exist yet is
// made, holding only a heading and the table (New).
func Rewrite(path string, cmds []Command) error {
	old, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return atomicfile.WriteFile(path, []byte(New(cmds)), 0o644)
	}
	if err != nil {
		return err
	}
	text, err := Splice(string(old), cmds)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return atomicfile.WriteFile(path, []byte(text), 0o644)
}

// New is the text of a settings document that holds only the table of
// cmds, under a heading, for a directory that has none yet.
func New(cmds []Command) string {
	return "# Configuration\n\n" + Table(cmds) + End + "\n"
}

// Splice returns text with the table between its markers replaced by the
// table of cmds.
func Splice(text string, cmds []Command) (string, error) {
	b, e := strings.Index(text, Begin), strings.Index(text, End)
	if b < 0 || e < b {
		return "", fmt.Errorf("no %q ... %q markers to put the flag table between", Begin, End)
	}
	return text[:b] + Table(cmds) + text[e:], nil
}

// Table is the begin marker, then a section per command that has a flag to
// list, up to the end marker. A hidden flag is left out, and so are
// --help, --config and --version, which are no settings.
func Table(cmds []Command) string {
	var t strings.Builder
	t.WriteString(Begin + "\n")
	for _, c := range cmds {
		var lines []string
		for _, f := range c.Flags {
			if f.Hidden || f.Name == "help" || f.Name == "config" || f.Name == "version" {
				continue
			}
			def := f.Default
			if def == "" || def == "[]" || def == "false" && f.Type != "bool" {
				def = ""
			}
			lines = append(lines, fmt.Sprintf("| `--%s` | `%s` | `%s` | %s | %s |",
				f.Name, config.Key(f.Name), config.EnvName(f.Name), codeOrEmpty(def), tableText(f.Usage)))
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(&t, "\n### %s\n\n| flag | config key | environment | default | meaning |\n| --- | --- | --- | --- | --- |\n", c.Path)
		t.WriteString(strings.Join(lines, "\n") + "\n")
	}
	t.WriteString("\n")
	return t.String()
}

func codeOrEmpty(s string) string {
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}

// tableText keeps a usage string on one Markdown table row.
func tableText(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

// EscapeAngles protects the <placeholders> of a usage line, which the
// Markdown step of the man-page generator would otherwise drop as HTML
// tags.
func EscapeAngles(use string) string {
	return strings.NewReplacer("<", `\<`, ">", `\>`).Replace(use)
}
