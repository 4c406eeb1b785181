package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/atomicfile"
	"github.com/spf13/pflag"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// manDate is the date printed in the man pages. It is fixed so that
// regenerating them gives the same bytes (CI checks that docs/man is up to
// date); change it when the commands change in a release.
var manDate = time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)

func newGenDocsCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:     "gen-docs <dir>",
		Short:   "Write man pages and shell completions into a directory",
		Example: "  custkit gen-docs docs",
		Hidden:  true,
		Args:    exactlyOne("directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return genDocs(cmd.Root(), args[0], s)
		},
	}
}

// genDocs writes <dir>/man/*.1 and <dir>/completions/custkit.{bash,zsh,fish,ps1}.
func genDocs(root *cobra.Command, dir string, s *streams) error {
	root.DisableAutoGenTag = true
	man := filepath.Join(dir, "man")
	comp := filepath.Join(dir, "completions")
	for _, d := range []string{man, comp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	escapeAngles(root)
	header := &doc.GenManHeader{Title: "CUSTKIT", Section: "1", Date: &manDate, Source: "custkit", Manual: "custkit manual"}
	if err := doc.GenManTree(root, header, man); err != nil {
		return err
	}
	gens := map[string]func(string) error{
		"custkit.bash": func(p string) error { return root.GenBashCompletionFileV2(p, true) },
		"custkit.zsh":  root.GenZshCompletionFile,
		"custkit.fish": func(p string) error { return root.GenFishCompletionFile(p, true) },
		"custkit.ps1":  root.GenPowerShellCompletionFileWithDesc,
	}
	for name, gen := range gens {
		if err := gen(filepath.Join(comp, name)); err != nil {
			return err
		}
	}
	if err := writeFlagTable(root, filepath.Join(dir, "config.md")); err != nil {
		return err
	}
	fmt.Fprintf(s.err, "custkit: wrote man pages to %s, completions to %s and the flag table of %s\n", man, comp, filepath.Join(dir, "config.md"))
	return nil
}

// escapeAngles protects the <placeholders> of usage lines, which the
// Markdown step of the man-page generator would otherwise drop as HTML tags.
// gen-docs is a one-shot run, so changing the tree in place is safe.
func escapeAngles(c *cobra.Command) {
	c.Use = strings.NewReplacer("<", `\<`, ">", `\>`).Replace(c.Use)
	for _, sub := range c.Commands() {
		escapeAngles(sub)
	}
}

// The flag table in docs/config.md sits between these markers; gen-docs
// rewrites it, and leaves the hand-written text around it alone.
const (
	flagTableBegin = "<!-- gen-docs: flag table begin -->"
	flagTableEnd   = "<!-- gen-docs: flag table end -->"
)

// writeFlagTable lists every flag of every command with its config key and
// environment variable, so the settings documentation cannot drift from
// the code. The file must exist and hold the markers.
func writeFlagTable(root *cobra.Command, path string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(old)
	b, e := strings.Index(text, flagTableBegin), strings.Index(text, flagTableEnd)
	if b < 0 || e < b {
		return fmt.Errorf("%s: no %q ... %q markers to put the flag table between", path, flagTableBegin, flagTableEnd)
	}
	var t strings.Builder
	t.WriteString(flagTableBegin + "\n")
	for _, c := range allCommands(root) {
		var lines []string
		c.NonInheritedFlags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden || f.Name == "help" || f.Name == "config" || f.Name == "version" {
				return
			}
			key := strings.ReplaceAll(f.Name, "-", "_")
			def := f.DefValue
			if def == "" || def == "[]" || def == "false" && f.Value.Type() != "bool" {
				def = ""
			}
			lines = append(lines, fmt.Sprintf("| `--%s` | `%s` | `CUSTKIT_%s` | %s | %s |",
				f.Name, key, strings.ToUpper(key), codeOrEmpty(def), tableText(f.Usage)))
		})
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(&t, "\n### %s\n\n| flag | config key | environment | default | meaning |\n| --- | --- | --- | --- | --- |\n", c.CommandPath())
		t.WriteString(strings.Join(lines, "\n") + "\n")
	}
	t.WriteString("\n")
	return atomicfile.WriteFile(path, []byte(text[:b]+t.String()+text[e:]), 0o644)
}

// allCommands returns root and its visible subcommands, depth first, in
// name order.
func allCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
			continue
		}
		out = append(out, allCommands(sub)...)
	}
	return out
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
