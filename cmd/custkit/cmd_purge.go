package main

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/config"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/retention"
	"github.com/spf13/cobra"
)

type purgeOptions struct {
	cmdutil.Base
	in        cmdutil.Inputs
	when      cmdutil.Window
	dryRun    bool
	force     bool
	verbose   bool
	maxDelete retention.Limit
	maxSet    bool
	keyFile   string
}

// purgeLockName is the lock a purge holds beside the customers file.
const purgeLockName = retention.LockName

func newPurgeCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *purgeOptions) error) *cobra.Command {
	opts := &purgeOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("purge", "purge [--dry-run] [--as-of <date>] [--max-delete <share>] [--force] [-v]", "Apply the retention policy: delete the personal data the shop may no longer keep", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runPurge), opts.in.Of(cmdutil.NeedCustomers|cmdutil.NeedSales|cmdutil.NeedContacts|cmdutil.NeedComplaints), opts.when.RegisterAsOf)
	fl := cmd.Flags()
	fl.BoolVar(&opts.dryRun, "dry-run", false, "print the plan and change nothing")
	fl.Var(cmdutil.LimitValue(&opts.maxDelete, &opts.maxSet), "max-delete", "refuse to purge more than this `share` of the customers, 10% or a number (default retention.max_delete, else 10%)")
	fl.BoolVar(&opts.force, "force", false, "purge even more customers than --max-delete allows")
	fl.BoolVarP(&opts.verbose, "verbose", "v", false, "print the plan and what was done")
	fl.StringVar(&opts.keyFile, "key-file", "", "read the pseudonym key from `file` (mode 0600; default: CUSTKIT_HASH_KEY)")
	cmdutil.CommandLineOnly(cmd, "force", "max-delete", "as-of")
	// Nothing is printed unless -v or --dry-run, the config line included.
	cmd.Annotations = map[string]string{cmdutil.QuietConfigLine: "true"}
	return cmd
}

func runPurge(ctx context.Context, opts *purgeOptions) error {
	s, g := opts.Streams, opts.Global
	g.Keys.Flag = opts.in.Identity
	if err := g.May(s, config.MayPurge, "purge"); err != nil {
		return err
	}
	if err := g.OpenLog(s); err != nil {
		return err
	}
	if opts.verbose || opts.dryRun {
		cmdutil.PrintConfigLine(s, g)
	}
	po := opts.purge()
	seal, err := g.KeyConfig().PurgeSeal()
	if err != nil {
		return err
	}
	po.Scan.Seal = seal
	err = retention.Purge(ctx, po)
	if errors.Is(err, retention.ErrLocked) {
		return &cmdutil.StatusError{Err: err, Status: cmdutil.ExitLocked}
	}
	return err
}

// purge turns the options into the purge's: the flags, the config, the
// state files, the access log, the progress bars and the streams.
func (opts *purgeOptions) purge() retention.PurgeOptions {
	s, g, in := opts.Streams, opts.Global, opts.in
	po := retention.PurgeOptions{
		Customers: in.Customers, Sales: in.Sales, Contacts: in.Contacts, Complaints: in.Complaints,
		Encoding: in.Encoding, HeaderRow: in.HeaderRow, Files: g.FileSettings(),
		Config:          g.Cfg.Path,
		Policy:          func() (retention.Policy, error) { return g.Cfg.Retention.Policy(g.Cfg.Path) },
		ConfigMaxDelete: g.Cfg.Retention.MaxDelete,
		AsOf:            func() (time.Time, error) { return opts.when.Date(g.Clock()) },
		Now:             g.Clock(),
		Scan: retention.ScanOptions{Aliases: g.Cfg.KindAliases, ExcelSerial: g.Cfg.Dates.ExcelSerial,
			Decrypt: g.Decrypt(s),
			// A progress bar for each read of a data file, on a terminal
			// and without -q: once to plan, once more to rewrite it.
			Watch: func(doing, path string, size int64, r io.Reader) (io.Reader, func()) {
				bar := g.StartBar(s, doing+" "+path, size)
				return bar.Reader(r), bar.Done
			}},
		DryRun: opts.dryRun, Force: opts.force, Verbose: opts.verbose, Quiet: g.Quiet,
		KeyFile: opts.keyFile, KeyEnv: s.Getenv(redact.KeyEnv),
		Manifest: func() (string, error) { return g.ManifestPath(s) },
		Shop:     g.Shop(),
		Record:   func(e audit.Entry) { g.Access.SetPurge(e) },
		LogNow:   func(ok bool) error { return g.LogNow(s, ok) },
		AfterOp:  g.AfterFileOp,
		Out:      s.Out,
		Note:     cmdutil.Noter(s, "purge"),
	}
	if opts.maxSet {
		po.MaxDelete = &opts.maxDelete
	}
	return po
}
