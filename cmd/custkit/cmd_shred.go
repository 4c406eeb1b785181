package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/spf13/cobra"
)

type shredOptions struct {
	base
	files  []string
	passes int
}

func newShredCmd(s *cmdutil.Streams, g *globalOptions, runF func(context.Context, *shredOptions) error) *cobra.Command {
	opts := &shredOptions{base: base{s, g}}
	cmd := command("shred", "shred [-n <passes>] <file>...", "Overwrite and remove files that hold personal data",
		cmdutil.AtLeastOne("file to destroy", "custkit shred dm-list.csv"),
		runs(opts, runF, runShred, func(_ *cobra.Command, args []string) { opts.files = args }))
	cmd.Flags().IntVarP(&opts.passes, "passes", "n", 1, "overwrite each file `n` times with random data")
	return cmd
}

func runShred(ctx context.Context, opts *shredOptions) error {
	s, g := opts.streams, opts.global
	if err := shred.CheckPasses(opts.passes); err != nil {
		return err
	}
	if err := g.openLog(s); err != nil {
		return err
	}
	res := g.shredFiles(ctx, s, opts.files, opts.passes)
	// A shredded export leaves the manifest; without a state directory
	// there is no manifest to update.
	if path, err := g.manifestPath(s); err == nil {
		if err := manifest.Untrack(path, res.Done); err != nil {
			return err
		}
	}
	return shred.Failed(res.Failed, len(opts.files), "file")
}
