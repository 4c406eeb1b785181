package main

import (
	"context"
	"fmt"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type shredOptions struct {
	streams *streams
	global  *globalOptions
	passes  int
	files   []string
}

// shredLong explains what shredding does and cannot do; exports shred
// shows it too.
const shredLong = `The file is overwritten with random data (-n passes, 1 by default), synced
to disk, truncated, renamed to a random name and removed, and its directory
is synced. Directories, symbolic links and special files are refused.

What overwriting cannot guarantee is said once, on standard error, for the
file system and disk the files are on: copy-on-write and log-structured file
systems (btrfs, zfs, f2fs) write the new data elsewhere and keep the old
blocks, and snapshots keep them too; data=journal mounts keep copies in the
journal; solid-state disks keep old copies of blocks through wear levelling;
network file systems leave it to the server; backups are never touched.
Full-disk encryption is the protection that holds in every case.`

func newShredCmd(s *streams, g *globalOptions, runF func(context.Context, *shredOptions) error) *cobra.Command {
	opts := &shredOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "shred [-n <passes>] <file>...",
		Short: "Overwrite and remove files that hold personal data",
		Long: shredLong + `

Each file's outcome is printed; a tracked export that is shredded leaves
the export manifest, and the run is recorded in the access log.

EXIT STATUS
  0  every file was shredded
  1  at least one file could not be (the others still were)`,
		Example: `  # a list made for a one-off job, destroyed when the job is done
  custkit mailing --customers examples/customers.csv --channel post -o labels.csv
  custkit shred labels.csv

  # any file, tracked or not, with three passes
  custkit join --config examples/custkit.yaml -q > joined.csv
  custkit shred -n 3 joined.csv`,
		Args: atLeastOne("file to destroy", "custkit shred dm-list.csv"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runShred(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVarP(&opts.passes, "passes", "n", 1, "overwrite each file `n` times with random data")
	return cmd
}

func runShred(ctx context.Context, opts *shredOptions) error {
	s, g := opts.streams, opts.global
	if opts.passes < 1 {
		return usererr.Usagef("-n must be at least 1")
	}
	if err := g.openLog(s); err != nil {
		return err
	}
	res := g.shredFiles(ctx, s, opts.files, opts.passes)
	if err := untrack(s, g, res.Done); err != nil {
		return err
	}
	if res.Failed > 0 {
		return fmt.Errorf("%d of %s could not be shredded", res.Failed, english.Count(len(opts.files), "file"))
	}
	return nil
}

// untrack removes shredded files from the export manifest, if there is one.
func untrack(s *streams, g *globalOptions, paths []string) error {
	if len(paths) == 0 {
		return nil
	}
	path, err := g.manifestPath(s)
	if err != nil {
		return nil // no state directory: no manifest to update
	}
	return manifest.Untrack(path, paths)
}
