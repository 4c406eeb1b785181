package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/shred"
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
		return usageErrorf("-n must be at least 1")
	}
	done, failed := shredFiles(ctx, s, g, opts.files, opts.passes)
	if len(done) > 0 {
		if err := untrack(s, g, done); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %s could not be shredded", failed, english.Count(len(opts.files), "file"))
	}
	return nil
}

// shredFiles shreds each file, prints its outcome (done on standard output,
// failures on standard error) and the caveats of the places they were on,
// once. It returns the absolute paths shredded and the number of failures.
func shredFiles(ctx context.Context, s *streams, g *globalOptions, files []string, passes int) (done []string, failed int) {
	var caveats []string
	seen := map[string]bool{}
	for _, f := range files {
		if ctx.Err() != nil {
			fmt.Fprintf(s.err, "custkit: shred: %s: not shredded: interrupted\n", f)
			failed++
			continue
		}
		for _, c := range shred.Inspect(inspectPath(f)).Caveats() {
			if !seen[c] {
				seen[c] = true
				caveats = append(caveats, c)
			}
		}
		if err := shred.File(f, shred.Options{Passes: passes}); err != nil {
			fmt.Fprintf(s.err, "custkit: shred: %s\n", shredError(f, err))
			failed++
			continue
		}
		abs := absPath(f)
		g.access.addShredded(abs)
		done = append(done, abs)
		fmt.Fprintf(s.out, "shredded %s\n", f)
	}
	if len(done) > 0 && !g.quiet {
		for _, c := range caveats {
			fmt.Fprintf(s.err, "custkit: shred: caveat: %s\n", c)
		}
	}
	return done, failed
}

// inspectPath is where to look for a file's file system: the file, or its
// directory when the file is not there.
func inspectPath(f string) string {
	if _, err := os.Lstat(f); err == nil {
		return f
	}
	return filepath.Dir(f)
}

func shredError(f string, err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("%s: %v", f, pe.Err)
	}
	return err.Error()
}

// untrack removes shredded files from the export manifest, if there is one.
func untrack(s *streams, g *globalOptions, paths []string) error {
	path, err := g.manifestPath(s)
	if err != nil {
		return nil // no state directory: no manifest to update
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return manifest.Update(path, func(entries []manifest.Entry) ([]manifest.Entry, error) {
		for _, p := range paths {
			entries = manifest.Remove(entries, p)
		}
		return entries, nil
	})
}
