package main

import (
	"fmt"

	"github.com/custkit/custkit/cmd/custkit/help"
	"github.com/spf13/cobra"
)

func newVersionCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of custkit",
		Long:    help.Long("version"),
		Example: help.Example("version"),
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(s.out, versionLine())
			return nil
		},
	}
}
