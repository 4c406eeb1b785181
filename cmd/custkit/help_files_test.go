package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/custkit/custkit/cmd/custkit/help"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/spf13/cobra"
)

// TestHelpFiles checks that every command takes its help from a file of
// cmd/custkit/help and that no file there is left without a command.
func TestHelpFiles(t *testing.T) {
	s, _, _ := cmdutil.BufferStreams("")
	var commands []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" || c.Name() == "completion" {
			return
		}
		name := strings.TrimPrefix(c.CommandPath(), "custkit ")
		commands = append(commands, name)
		if c.Long != help.Long(name) || c.Example != help.Example(name) {
			t.Errorf("%s: its Long and Example are not those of its help file", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(s, nil))
	slices.Sort(commands)
	files := help.Names()
	for _, c := range commands {
		if !slices.Contains(files, c) {
			t.Errorf("custkit %s has no help file", c)
		}
	}
	for _, f := range files {
		if !slices.Contains(commands, f) {
			t.Errorf("help file of %q: no such command", f)
		}
	}
}
