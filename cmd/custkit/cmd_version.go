package main

import (
	"fmt"

	"github.com/custkit/custkit/cmd/custkit/help"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/spf13/cobra"
)

func newVersionCmd(s *cmdutil.Streams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of custkit",
		Long:    help.Long("version"),
		Example: help.Example("version"),
		Args:    cmdutil.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(s.Out, versionLine())
			return nil
		},
	}
}
