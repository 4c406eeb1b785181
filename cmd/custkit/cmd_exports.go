package main

import (
	"context"
	"time"

	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/spf13/cobra"
)

func newExportsCmd(s *streams, g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "exports <command>",
		Short: "List and destroy the files custkit wrote that hold personal data",
		Long: `Every file custkit writes with -o that holds personal-data columns is
recorded in the export manifest: its path, SHA-256, row count, columns,
purpose (--purpose), when it was made and when it expires (--expires, else
retention.exports.keep in the config, else 30 days), and the shop it was
made for: the config file of the run (its absolute path), or none. The
manifest lives in $XDG_STATE_HOME/custkit/exports.csv unless
exports.manifest in the config says otherwise; it must be a regular file
you own. One manifest can hold the exports of several shops: list, shred
and purge see only those of the shop of their own config file, unless
--all-shops.`,
		Example: `  custkit exports list
  custkit exports list --expired
  custkit exports shred --expired --dry-run`,
		Args: noArgs,
	}
	cmd.AddCommand(newExportsListCmd(s, g, nil), newExportsShredCmd(s, g, nil))
	return cmd
}

type exportsListOptions struct {
	streams  *streams
	global   *globalOptions
	out      outputFlags
	when     windowFlags
	expired  bool
	allShops bool
}

func newExportsListCmd(s *streams, g *globalOptions, runF func(context.Context, *exportsListOptions) error) *cobra.Command {
	opts := &exportsListOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "list [--expired] [--as-of <date>] [--all-shops]",
		Short: "List the tracked exports, whether each still exists and is unchanged",
		Long: `List prints one row per tracked export of the shop (the exports made with
the same config file, or without one when there is none); --all-shops
lists every shop's, with a shop column. state says what is on disk now:
present (the file has the recorded contents), changed (the file was
modified or replaced since custkit wrote it), missing (no file there) or
not a regular file (a pipe, device, directory or symbolic link is there:
it is never opened, nor shredded). expired says whether it is past its
expiry as of --as-of (default now).`,
		Example: `  custkit exports list
  custkit exports list --expired --format csv
  custkit exports list --all-shops`,
		Args: noArgs,
		RunE: runs(opts, runF, runExportsList),
	}
	opts.out.registerReport(cmd)
	opts.when.registerAsOf(cmd)
	cmd.Flags().BoolVar(&opts.expired, "expired", false, "list only the exports past their expiry")
	cmd.Flags().BoolVar(&opts.allShops, "all-shops", false, "list the exports of every shop, with a shop column")
	return cmd
}

func runExportsList(ctx context.Context, opts *exportsListOptions) error {
	s, g := opts.streams, opts.global
	at, err := asOfTime(&opts.when)
	if err != nil {
		return err
	}
	path, err := g.manifestPath(s)
	if err != nil {
		return err
	}
	entries, err := manifest.Read(path)
	if err != nil {
		return err
	}
	return opts.out.write(ctx, s, g, "exports", nil, func(out *target) ([]string, error) {
		lo := manifest.ListOptions{Shop: g.shop(), AllShops: opts.allShops, Expired: opts.expired, At: at, Full: !out.Format().Printed()}
		return nil, manifest.List(ctx, entries, out, lo)
	})
}

type exportsShredOptions struct {
	streams  *streams
	global   *globalOptions
	when     windowFlags
	expired  bool
	all      bool
	allShops bool
	dryRun   bool
	passes   int
	paths    []string
}

func newExportsShredCmd(s *streams, g *globalOptions, runF func(context.Context, *exportsShredOptions) error) *cobra.Command {
	opts := &exportsShredOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "shred {--expired | --all | <file>...} [--all-shops] [--dry-run] [-n <passes>]",
		Short: "Destroy tracked exports: the expired ones, all, or those named",
		Long: `Shred destroys tracked exports of the shop (those made with the same config
file) and removes them from the manifest: those past their expiry
(--expired), all of them (--all) or the files named. --all-shops reaches
the exports of every shop, and is needed to name another shop's file.

--as-of makes a listing reproducible but never makes an export expire
early: an export is shredded only when it is expired both as of --as-of
and now.

A file that was changed since custkit wrote it is still destroyed (it
still may hold the data) and reported as changed; one already gone leaves
the manifest. What is not a regular file (a pipe, device, directory or
symbolic link put in its place) is never opened nor shredded: it is
reported and stays in the manifest. --dry-run lists what would go.

` + shred.About + `

EXIT STATUS
  0  every selected export was shredded (or there was none)
  1  at least one could not be`,
		Example: `  # from cron: destroy what is past its expiry
  custkit exports shred --expired --dry-run
  custkit exports shred --expired

  # the autumn list, destroyed as soon as the printer has it
  custkit mailing --customers examples/customers.csv --channel post -o dm-list.csv --purpose "autumn DM"
  custkit exports shred dm-list.csv`,
		RunE: runs(opts, runF, runExportsShred, func(_ *cobra.Command, args []string) { opts.paths = args }),
	}
	opts.when.registerAsOf(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&opts.expired, "expired", false, "shred the exports past their expiry")
	fl.BoolVar(&opts.all, "all", false, "shred every tracked export")
	fl.BoolVar(&opts.allShops, "all-shops", false, "reach the exports of every shop, not only those of this config file")
	fl.BoolVar(&opts.dryRun, "dry-run", false, "list what would be shredded, and change nothing")
	fl.IntVarP(&opts.passes, "passes", "n", 1, "overwrite each file `n` times with random data")
	commandLineOnly(cmd, "all", "expired", "as-of")
	return cmd
}

func runExportsShred(ctx context.Context, opts *exportsShredOptions) error {
	s, g := opts.streams, opts.global
	sel := manifest.Selection{Paths: opts.paths, Expired: opts.expired, All: opts.all, Shop: g.shop(), AllShops: opts.allShops, Now: time.Now()}
	if err := shred.CheckPasses(opts.passes); err != nil {
		return err
	}
	if err := sel.Check(); err != nil {
		return err
	}
	at, err := asOfTime(&opts.when)
	if err != nil {
		return err
	}
	sel.At = at
	path, err := g.manifestPath(s)
	if err != nil {
		return err
	}
	if !opts.dryRun {
		if err := g.openLog(s); err != nil {
			return err
		}
	}
	return manifest.Shred(ctx, path, manifest.ShredOptions{Selection: sel, DryRun: opts.dryRun, Out: s.out, Note: noter(s, "exports"), ShredNote: noter(s, "shred"),
		Shred: func(ctx context.Context, files []string) shred.FilesResult {
			return g.shredFiles(ctx, s, files, opts.passes)
		}})
}

// asOfTime is --as-of as an instant (the start of that day), or now.
func asOfTime(w *windowFlags) (time.Time, error) {
	if w.asOf == "" {
		return time.Now(), nil
	}
	return w.date(time.Now)
}
