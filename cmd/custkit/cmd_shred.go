package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/spf13/cobra"
)

type shredOptions struct {
	cmdutil.Base
	files  []string
	passes int
}

func newShredCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *shredOptions) error) *cobra.Command {
	opts := &shredOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("shred", "shred [-n <passes>] <file>...", "Overwrite and remove files that hold personal data",
		cmdutil.AtLeastOne("file to destroy", "custkit shred dm-list.csv"),
		cmdutil.Runs(opts, runF, runShred, func(_ *cobra.Command, args []string) { opts.files = args }))
	cmd.Flags().IntVarP(&opts.passes, "passes", "n", 1, "overwrite each file `n` times with random data")
	return cmd
}

func runShred(ctx context.Context, opts *shredOptions) error {
	s, g := opts.Streams, opts.Global
	if err := shred.CheckPasses(opts.passes); err != nil {
		return err
	}
	if err := g.OpenLog(s); err != nil {
		return err
	}
	res := g.ShredFiles(ctx, s, opts.files, opts.passes)
	// A shredded export leaves the manifest; without a state directory
	// there is no manifest to update.
	if path, err := g.ManifestPath(s); err == nil {
		if err := manifest.Untrack(path, res.Done); err != nil {
			return err
		}
	}
	return shred.Failed(res.Failed, len(opts.files), "file")
}
