package main

import (
	"context"
	"errors"
	"github.com/custkit/custkit/pkg/config"
	"io"
	"time"

	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/retention"
	"github.com/spf13/cobra"
)

type purgeOptions struct {
	streams   *streams
	global    *globalOptions
	in        inputFlags
	when      windowFlags
	dryRun    bool
	force     bool
	verbose   bool
	maxDelete retention.Limit
	maxSet    bool
	keyFile   string
}

// purgeLockName is the lock a purge holds beside the customers file.
const purgeLockName = retention.LockName

func newPurgeCmd(s *streams, g *globalOptions, runF func(context.Context, *purgeOptions) error) *cobra.Command {
	opts := &purgeOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "purge [--dry-run] [--as-of <date>] [--max-delete <share>] [--force] [-v]",
		Short: "Apply the retention policy: delete the personal data the shop may no longer keep",
		Long: `Purge applies the retention policy of the config file (retention:) to the
customers, sales, contacts and complaints files, and shreds the expired
exports. It is meant to run every night from cron or a systemd timer (see
"The scheduled purge" in docs/privacy.md):

  customers    inactive_after: 5y, action: delete or anonymize. A customer
               whose last purchase (or registration, if they never bought)
               is older goes: deleted, or anonymised (the row keeps only the
               store and registration date, the id becomes its pseudonym)
  sales        keep: 7y. Older lines are deleted. on_customer_purge:
               pseudonymize (the default) puts a purged customer's
               pseudonym in place of their id in the lines kept, so the
               books still add up; delete removes those lines
  contacts,    keep: 3y, 5y. Older rows are deleted, and so are all the rows
  complaints   of a purged customer
  exports      tracked exports (-o files) past their expiry are shredded
  legal_hold   a CSV with a customer id column: those customers' rows are
               never changed
  max_delete   the default of --max-delete (10% without it)

Customer ids match after trimming, width folding and dropping leading zeros,
so that a sale written 105 counts as a purchase of customer 000105.

--dry-run prints the plan: per file, the rows kept, deleted, anonymised,
pseudonymised and held (those only the legal hold keeps). --as-of (default
today) makes a run reproducible: a second purge with the same --as-of
changes nothing. A date after today is refused without --dry-run, so that
a mistyped year cannot delete what is not due yet; and exports expire by
today's date, whatever --as-of says.

What decides what a purge destroys (--force, --max-delete, --as-of) is
taken from the command line only: a CUSTKIT_FORCE, CUSTKIT_MAX_DELETE or
CUSTKIT_AS_OF left in a cron environment, or force:, max_delete: or as_of:
in a config file, is ignored with a warning. retention.max_delete in the
config may lower the limit below 10%, never raise it: a higher value is an
error unless --force is on the command line.

Every changed file is written whole beside the old one, in its encoding,
delimiter and line ends; an encrypted one (.age) is decrypted with
--identity (or access.identity) and its new version encrypted as it is
written, to access.recipients, so that nothing plain reaches the disk. A journal (.custkit-purge.journal beside the
customers file, synced) then records the run, the new versions are renamed
over the old ones and the old versions are shredded. A purge killed at any
moment leaves each file wholly old or wholly new, and the next purge
finishes the interrupted run before anything else. A file that changed
while the purge read it stops the run before anything is replaced.

Each run is recorded in the access log, the purged customers by their keyed
pseudonyms only. The key comes from --key-file or CUSTKIT_HASH_KEY, as for
redact --hash; keep using the same key, so that pseudonyms stay stable.

Nothing is printed unless something goes wrong, or with -v; but a file
rewritten without its empty rows or a repeated header line (which the
other commands skip too) gets one line on standard error saying how many.

EXIT STATUS
  0  the policy is applied, or there was nothing to do
  1  failure: a bad file or policy, no key, a refused --max-delete, a file
     that changed during the run
  2  wrong usage, such as an --as-of after today without --dry-run
  3  another purge holds the lock on the same files (` + purgeLockName + `
     beside the customers file); this run changed nothing`,
		Example: `  custkit purge --config examples/custkit.yaml --dry-run --as-of 2031-06-01
  cp -r examples shop && custkit redact --new-key shop/hash.key
  sed 's/inactive_after: 5y/inactive_after: 18mo/' examples/custkit.yaml > shop/custkit.yaml
  custkit purge --config shop/custkit.yaml --key-file shop/hash.key --as-of 2026-11-22 -v`,
		Args: noArgs,
		RunE: runs(opts, runF, runPurge),
	}
	opts.in.register(cmd, needCustomers|needSales|needContacts|needComplaints)
	opts.when.registerAsOf(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&opts.dryRun, "dry-run", false, "print the plan and change nothing")
	fl.Var(limitValue(&opts.maxDelete, &opts.maxSet), "max-delete", "refuse to purge more than this `share` of the customers, 10% or a number (default retention.max_delete, else 10%)")
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
	g.keys.flag = opts.in.identity
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
	seal, err := purgeSeal(g)
	if err != nil {
		return err
	}
	po.Scan.Seal = seal
	err = retention.Purge(ctx, po)
	if errors.Is(err, retention.ErrLocked) {
		return &statusError{err, exitLocked}
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
		AsOf:            func() (time.Time, error) { return opts.when.date(g.clock()) },
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
		KeyFile: opts.keyFile, KeyEnv: s.getenv(redact.KeyEnv),
		Manifest: func() (string, error) { return g.manifestPath(s) },
		Shop:     g.shop(),
		Record:   func(e audit.Entry) { g.access.SetPurge(e) },
		LogNow:   func(ok bool) error { return g.logNow(s, ok) },
		AfterOp:  g.afterFileOp,
		Out:      s.out,
		Note:     noter(s, "purge"),
	}
	if opts.maxSet {
		po.MaxDelete = &opts.maxDelete
	}
	return po
}

// purgeSeal encrypts the new versions of encrypted data files to the
// config's recipients (access.recipients and recipients_file, the list
// rekey encrypts to); nil when the config names none, and the purge then
// refuses encrypted files.
func purgeSeal(g *globalOptions) (func(io.Writer) (io.WriteCloser, error), error) {
	rs, err := g.cfg.Access.AllRecipients()
	if err != nil {
		return nil, configError(g, err)
	}
	if len(rs) == 0 {
		return nil, nil
	}
	return func(w io.Writer) (io.WriteCloser, error) { return agefile.Encrypt(w, rs) }, nil
}
