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
	base
	in        inputFlags
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

func newPurgeCmd(s *cmdutil.Streams, g *globalOptions, runF func(context.Context, *purgeOptions) error) *cobra.Command {
	opts := &purgeOptions{base: base{s, g}}
	cmd := command("purge", "purge [--dry-run] [--as-of <date>] [--max-delete <share>] [--force] [-v]", "Apply the retention policy: delete the personal data the shop may no longer keep", cmdutil.NoArgs, runs(opts, runF, runPurge), opts.in.of(needCustomers|needSales|needContacts|needComplaints), opts.when.RegisterAsOf)
	fl := cmd.Flags()
	fl.BoolVar(&opts.dryRun, "dry-run", false, "print the plan and change nothing")
	fl.Var(cmdutil.LimitValue(&opts.maxDelete, &opts.maxSet), "max-delete", "refuse to purge more than this `share` of the customers, 10% or a number (default retention.max_delete, else 10%)")
	fl.BoolVar(&opts.force, "force", false, "purge even more customers than --max-delete allows")
	fl.BoolVarP(&opts.verbose, "verbose", "v", false, "print the plan and what was done")
	fl.StringVar(&opts.keyFile, "key-file", "", "read the pseudonym key from `file` (mode 0600; default: CUSTKIT_HASH_KEY)")
	commandLineOnly(cmd, "force", "max-delete", "as-of")
	// Nothing is printed unless -v or --dry-run, the config line included.
	cmd.Annotations = map[string]string{quietConfigLine: "true"}
	return cmd
}

func runPurge(ctx context.Context, opts *purgeOptions) error {
	s, g := opts.streams, opts.global
	g.keys.Flag = opts.in.identity
	if err := g.may(s, config.MayPurge, "purge"); err != nil {
		return err
	}
	if err := g.openLog(s); err != nil {
		return err
	}
	if opts.verbose || opts.dryRun {
		printConfigLine(s, g)
	}
	po := opts.purge()
	seal, err := g.keyConfig().PurgeSeal()
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
	s, g, in := opts.streams, opts.global, opts.in
	po := retention.PurgeOptions{
		Customers: in.customers, Sales: in.sales, Contacts: in.contacts, Complaints: in.complaints,
		Encoding: in.encoding, HeaderRow: in.headerRow, Files: g.fileSettings(),
		Config:          g.cfg.file,
		Policy:          func() (retention.Policy, error) { return g.cfg.Retention.Policy(g.cfg.file) },
		ConfigMaxDelete: g.cfg.Retention.MaxDelete,
		AsOf:            func() (time.Time, error) { return opts.when.Date(g.clock()) },
		Now:             g.clock(),
		Scan: retention.ScanOptions{Aliases: g.cfg.aliases, ExcelSerial: g.cfg.Dates.ExcelSerial,
			Decrypt: g.decrypt(s),
			// A progress bar for each read of a data file, on a terminal
			// and without -q: once to plan, once more to rewrite it.
			Watch: func(doing, path string, size int64, r io.Reader) (io.Reader, func()) {
				bar := g.startBar(s, doing+" "+path, size)
				return bar.Reader(r), bar.Done
			}},
		DryRun: opts.dryRun, Force: opts.force, Verbose: opts.verbose, Quiet: g.quiet,
		KeyFile: opts.keyFile, KeyEnv: s.Getenv(redact.KeyEnv),
		Manifest: func() (string, error) { return g.manifestPath(s) },
		Shop:     g.shop(),
		Record:   func(e audit.Entry) { g.access.SetPurge(e) },
		LogNow:   func(ok bool) error { return g.logNow(s, ok) },
		AfterOp:  g.afterFileOp,
		Out:      s.Out,
		Note:     noter(s, "purge"),
	}
	if opts.maxSet {
		po.MaxDelete = &opts.maxDelete
	}
	return po
}
