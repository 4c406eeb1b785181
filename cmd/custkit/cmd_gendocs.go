package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/cmd/custkit/help"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/flagdoc"
	"github.com/spf13/pflag"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// manDate is the date printed in the man pages. It is fixed so that
// regenerating them gives the same bytes (CI checks that docs/man is up to
// date); change it when the commands change in a release.
var manDate = time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)

func newGenDocsCmd(s *cmdutil.Streams) *cobra.Command {
	return &cobra.Command{
		Use:     "gen-docs <dir>",
		Short:   "Write man pages and shell completions into a directory",
		Example: help.Example("gen-docs"),
		Hidden:  true,
		Args:    cmdutil.ExactlyOne("directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return genDocs(cmd.Root(), args[0], s)
		},
	}
}

// genDocs writes <dir>/man/*.1 and <dir>/completions/custkit.{bash,zsh,fish,ps1}.
func genDocs(root *cobra.Command, dir string, s *cmdutil.Streams) error {
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
	if err := flagdoc.Rewrite(filepath.Join(dir, "config.md"), flagCommands(root)); err != nil {
		return err
	}
	fmt.Fprintf(s.Err, "custkit: wrote man pages to %s, completions to %s and the flag table of %s\n", man, comp, filepath.Join(dir, "config.md"))
	return nil
}

// escapeAngles protects the <placeholders> of usage lines from the
// man-page generator (flagdoc.EscapeAngles). gen-docs is a one-shot run,
// so changing the tree in place is safe.
func escapeAngles(c *cobra.Command) {
	c.Use = flagdoc.EscapeAngles(c.Use)
	for _, sub := range c.Commands() {
		escapeAngles(sub)
	}
}

// flagCommands are the commands of the flag table in docs/config.md
// (flagdoc): root and its visible subcommands, depth first, in name
// order, each with the flags it does not inherit.
func flagCommands(c *cobra.Command) []flagdoc.Command {
	fc := flagdoc.Command{Path: c.CommandPath()}
	c.NonInheritedFlags().VisitAll(func(f *pflag.Flag) {
		fc.Flags = append(fc.Flags, flagdoc.Flag{Name: f.Name, Type: f.Value.Type(), Default: f.DefValue, Usage: f.Usage, Hidden: f.Hidden})
	})
	out := []flagdoc.Command{fc}
	for _, sub := range c.Commands() {
		if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
			continue
		}
		out = append(out, flagCommands(sub)...)
	}
	return out
}
