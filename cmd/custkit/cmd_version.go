package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of custkit",
		Long: `Version prints the version of custkit and, for a release build, the commit
and date it was built from, then the operating system, architecture and Go
version. Put this line in bug reports.`,
		Example: "  custkit version",
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(s.out, versionLine())
			return nil
		},
	}
}
