package main

import (
	"context"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/spf13/cobra"
)

func newExportsCmd(s *cmdutil.Streams, g *cmdutil.Global) *cobra.Command {
	cmd := command("exports", "exports <command>", "List and destroy the files custkit wrote that hold personal data", cmdutil.NoArgs, nil)
	cmd.AddCommand(newExportsListCmd(s, g, nil), newExportsShredCmd(s, g, nil))
	return cmd
}

type exportsListOptions struct {
	cmdutil.Base
	out      cmdutil.Output
	when     cmdutil.Window
	expired  bool
	allShops bool
}

func newExportsListCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *exportsListOptions) error) *cobra.Command {
	opts := &exportsListOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("exports list", "list [--expired] [--as-of <date>] [--all-shops]", "List the tracked exports, whether each still exists and is unchanged", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runExportsList), opts.out.RegisterReport, opts.when.RegisterAsOf)
	cmd.Flags().BoolVar(&opts.expired, "expired", false, "list only the exports past their expiry")
	cmd.Flags().BoolVar(&opts.allShops, "all-shops", false, "list the exports of every shop, with a shop column")
	return cmd
}

func runExportsList(ctx context.Context, opts *exportsListOptions) error {
	s, g := opts.Streams, opts.Global
	at, err := asOfTime(&opts.when)
	if err != nil {
		return err
	}
	path, err := g.ManifestPath(s)
	if err != nil {
		return err
	}
	entries, err := manifest.Read(path)
	if err != nil {
		return err
	}
	return opts.out.Write(ctx, s, g, "exports", nil, func(out *cmdutil.Target) ([]string, error) {
		lo := manifest.ListOptions{Shop: g.Shop(), AllShops: opts.allShops, Expired: opts.expired, At: at, Full: !out.Format().Printed()}
		return nil, manifest.List(ctx, entries, out, lo)
	})
}

type exportsShredOptions struct {
	cmdutil.Base
	when     cmdutil.Window
	expired  bool
	all      bool
	allShops bool
	dryRun   bool
	passes   int
	paths    []string
}

func newExportsShredCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *exportsShredOptions) error) *cobra.Command {
	opts := &exportsShredOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("exports shred", "shred {--expired | --all | <file>...} [--all-shops] [--dry-run] [-n <passes>]", "Destroy tracked exports: the expired ones, all, or those named", nil, cmdutil.Runs(opts, runF, runExportsShred, func(_ *cobra.Command, args []string) { opts.paths = args }), opts.when.RegisterAsOf)
	fl := cmd.Flags()
	fl.BoolVar(&opts.expired, "expired", false, "shred the exports past their expiry")
	fl.BoolVar(&opts.all, "all", false, "shred every tracked export")
	fl.BoolVar(&opts.allShops, "all-shops", false, "reach the exports of every shop, not only those of this config file")
	fl.BoolVar(&opts.dryRun, "dry-run", false, "list what would be shredded, and change nothing")
	fl.IntVarP(&opts.passes, "passes", "n", 1, "overwrite each file `n` times with random data")
	cmdutil.CommandLineOnly(cmd, "all", "expired", "as-of")
	return cmd
}

func runExportsShred(ctx context.Context, opts *exportsShredOptions) error {
	s, g := opts.Streams, opts.Global
	sel := manifest.Selection{Paths: opts.paths, Expired: opts.expired, All: opts.all, Shop: g.Shop(), AllShops: opts.allShops, Now: time.Now()}
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
	path, err := g.ManifestPath(s)
	if err != nil {
		return err
	}
	if !opts.dryRun {
		if err := g.OpenLog(s); err != nil {
			return err
		}
	}
	return manifest.Shred(ctx, path, manifest.ShredOptions{Selection: sel, DryRun: opts.dryRun, Out: s.Out, Note: cmdutil.Noter(s, "exports"), ShredNote: cmdutil.Noter(s, "shred"),
		Shred: func(ctx context.Context, files []string) shred.FilesResult {
			return g.ShredFiles(ctx, s, files, opts.passes)
		}})
}

// asOfTime is --as-of as an instant (the start of that day), or now.
func asOfTime(w *cmdutil.Window) (time.Time, error) {
	if w.AsOf == "" {
		return time.Now(), nil
	}
	return w.Date(time.Now)
}
