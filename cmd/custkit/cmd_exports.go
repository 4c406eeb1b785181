package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/usererr"
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExportsList(cmd.Context(), opts)
		},
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
	entries, err := readManifest(s, g)
	if err != nil {
		return err
	}
	out, err := opts.out.open(ctx, s, g)
	if err != nil {
		return err
	}
	defer out.Abort()
	full := !out.Format().Printed()
	if err := out.WriteHeader(manifest.Header(full, opts.allShops)); err != nil {
		return err
	}
	if !opts.allShops {
		entries = manifest.ForShop(entries, g.shop())
	}
	if opts.expired {
		entries = manifest.Expired(entries, at)
	}
	for _, e := range entries {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		state, err := manifest.Check(e)
		if err != nil {
			return err
		}
		if err := out.Write(manifest.Row(e, state, at, full, opts.allShops)); err != nil {
			return err
		}
	}
	return out.Commit()
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

` + shredLong + `

EXIT STATUS
  0  every selected export was shredded (or there was none)
  1  at least one could not be`,
		Example: `  # from cron: destroy what is past its expiry
  custkit exports shred --expired --dry-run
  custkit exports shred --expired

  # the autumn list, destroyed as soon as the printer has it
  custkit mailing --customers examples/customers.csv --channel post -o dm-list.csv --purpose "autumn DM"
  custkit exports shred dm-list.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExportsShred(cmd.Context(), opts)
		},
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
	if err := opts.check(); err != nil {
		return err
	}
	at, err := asOfTime(&opts.when)
	if err != nil {
		return err
	}
	path, err := g.manifestPath(s)
	if err != nil {
		return err
	}
	shop := g.shop()
	if opts.dryRun {
		return dryRunExports(s, path, opts, at, shop)
	}
	if err := g.openLog(s); err != nil {
		return err
	}
	var failed, total int
	err = manifest.Update(path, func(entries []manifest.Entry) ([]manifest.Entry, error) {
		chosen, err := opts.choose(entries, at, shop)
		if err != nil {
			return nil, err
		}
		total = len(chosen)
		gone, n := shredEntries(ctx, s, g, chosen, opts.passes)
		failed = n
		return manifest.RemoveAll(entries, gone), nil
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %s could not be shredded", failed, english.Count(total, "export"))
	}
	return nil
}

// dryRunExports prints what shred would destroy, touching nothing.
func dryRunExports(s *streams, path string, opts *exportsShredOptions, at time.Time, shop string) error {
	entries, err := manifest.Read(path)
	if err != nil {
		return err
	}
	chosen, err := opts.choose(entries, at, shop)
	if err != nil {
		return err
	}
	for _, e := range chosen {
		fmt.Fprintf(s.out, "would shred %s (expires %s)\n", e.Path, e.Expires.Format(time.RFC3339))
	}
	return nil
}

func (opts *exportsShredOptions) check() error {
	n := len(opts.paths)
	if opts.expired {
		n++
	}
	if opts.all {
		n++
	}
	switch {
	case opts.passes < 1:
		return usererr.Usagef("-n must be at least 1")
	case n == 0:
		return usererr.Usagef("say what to shred: --expired, --all or the files")
	case opts.expired && opts.all, (opts.expired || opts.all) && len(opts.paths) > 0:
		return usererr.Usagef("give one of --expired, --all or the files")
	}
	return nil
}

// choose selects the entries to shred: the shop's own, or every shop's
// with --all-shops. A named file that is not tracked is an error, so that
// a typo never passes for success, and so is one of another shop without
// --all-shops. --expired takes those expired both at and now.
func (opts *exportsShredOptions) choose(entries []manifest.Entry, at time.Time, shop string) ([]manifest.Entry, error) {
	if len(opts.paths) == 0 {
		if !opts.allShops {
			entries = manifest.ForShop(entries, shop)
		}
		if !opts.all {
			entries = manifest.Expired(entries, manifest.ShredTime(at, time.Now()))
		}
		return slices.Clone(entries), nil
	}
	var out []manifest.Entry
	for _, p := range opts.paths {
		e, ok := manifest.Lookup(entries, access.AbsPath(p))
		if !ok {
			return nil, usererr.WithHint(fmt.Errorf("%s is not a tracked export", p), "see custkit exports list; custkit shred destroys any file")
		}
		if e.Shop != shop && !opts.allShops {
			return nil, usererr.WithHint(fmt.Errorf("%s is an export of another shop (%s); nothing was shredded", p, manifest.ShopName(e.Shop)),
				"run it with that shop's --config, or add --all-shops")
		}
		out = append(out, e)
	}
	return out, nil
}

// shredEntries shreds the files of entries that still exist; it returns
// the paths that are gone now (shredded or already missing) and the
// number that could not be shredded. What is not a regular file is
// refused from a look at its path, and stays in the manifest.
func shredEntries(ctx context.Context, s *streams, g *globalOptions, entries []manifest.Entry, passes int) ([]string, int) {
	var gone, files []string
	refused := 0
	for _, e := range entries {
		state, err := manifest.Check(e)
		switch {
		case err != nil:
			files = append(files, e.Path) // let shred report it
		case state == manifest.NotRegular:
			fmt.Fprintf(s.err, "custkit: shred: %s is not a regular file (a pipe, device, directory or symbolic link is there now); not shredded\n", e.Path)
			refused++
		case state == manifest.Missing:
			fmt.Fprintf(s.out, "already gone %s\n", e.Path)
			gone = append(gone, e.Path)
		case state == manifest.Changed:
			fmt.Fprintf(s.err, "custkit: exports: %s changed since custkit wrote it; shredding it all the same\n", e.Path)
			files = append(files, e.Path)
		default:
			files = append(files, e.Path)
		}
	}
	res := g.shredFiles(ctx, s, files, passes)
	return append(gone, res.Done...), res.Failed + refused
}

// readManifest reads the manifest, empty when there is none yet.
func readManifest(s *streams, g *globalOptions) ([]manifest.Entry, error) {
	path, err := g.manifestPath(s)
	if err != nil {
		return nil, err
	}
	return manifest.Read(path)
}

// asOfTime is --as-of as an instant (the start of that day), or now.
func asOfTime(w *windowFlags) (time.Time, error) {
	if w.asOf == "" {
		return time.Now(), nil
	}
	return w.date(time.Now)
}
