package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/retention"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/custkit/custkit/pkg/usererr"
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
delimiter and line ends. A journal (.custkit-purge.journal beside the
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runPurge(cmd.Context(), opts)
		},
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
	g := opts.global
	if err := g.openLog(opts.streams); err != nil {
		return err
	}
	if opts.verbose || opts.dryRun {
		printConfigLine(opts.streams, g)
	}
	files, err := opts.files()
	if err != nil {
		return err
	}
	scan, err := opts.scanOptions()
	if err != nil {
		return err
	}
	dir := filepath.Dir(files.Customers)
	lock, err := retention.Lock(dir)
	if errors.Is(err, retention.ErrLocked) {
		return &statusError{err, exitLocked}
	}
	if err != nil {
		return err
	}
	defer lock.Unlock()
	runner, err := opts.runner(dir)
	if err != nil {
		return err
	}
	if err := opts.finishInterrupted(ctx, runner, files); err != nil {
		return err
	}
	// From here on, the run is recorded whatever its outcome.
	opts.record(&retention.Result{}, false)
	plan, err := retention.Scan(ctx, files, scan)
	if err != nil {
		return err
	}
	opts.record(plan.Planned(), false)
	if err := opts.checkConfigLimit(plan); err != nil {
		return err
	}
	exports, err := opts.expiredExports()
	if err != nil {
		return err
	}
	if opts.dryRun {
		return opts.dryRunReport(ctx, plan, exports)
	}
	return opts.apply(ctx, runner, plan, exports)
}

// files are the data files, from the flags or the config.
func (opts *purgeOptions) files() (retention.Files, error) {
	in := opts.in
	if err := require(in.customers, "customers"); err != nil {
		return retention.Files{}, err
	}
	if err := require(in.sales, "sales"); err != nil {
		return retention.Files{}, err
	}
	byFlag := map[string][]string{}
	for _, f := range []struct{ flag, list string }{{"customers", in.customers}, {"sales", in.sales}, {"contacts", in.contacts}, {"complaints", in.complaints}} {
		if f.list == "" {
			continue
		}
		paths, err := input.ExpandFiles(f.list, f.flag)
		if err != nil {
			return retention.Files{}, err
		}
		if f.flag == "customers" && len(paths) > 1 {
			return retention.Files{}, usererr.Usagef("--customers: purge reads one customers file, not %d; purge them one at a time", len(paths))
		}
		byFlag[f.flag] = paths
	}
	first := func(flag string) (string, []string) {
		switch p := byFlag[flag]; len(p) {
		case 0:
			return "", nil
		case 1:
			return p[0], nil
		default:
			return p[0], p[1:]
		}
	}
	var files retention.Files
	files.Customers, _ = first("customers")
	files.Sales, files.MoreSales = first("sales")
	files.Contacts, files.MoreContacts = first("contacts")
	files.Complaints, files.MoreComplaints = first("complaints")
	err := files.Check()
	if errors.Is(err, retention.ErrStdin) {
		return files, usererr.Usage(err)
	}
	if fe := (*retention.FileError)(nil); errors.As(err, &fe) {
		return files, usererr.WithHint(err, "check the path given to --%s (or %s: in the config file)", fe.Kind, fe.Kind)
	}
	return files, err
}

// scanOptions gathers the policy, the date and the reading settings.
func (opts *purgeOptions) scanOptions() (retention.ScanOptions, error) {
	g := opts.global
	var so retention.ScanOptions
	pol, err := g.cfg.Retention.Policy(g.cfg.file)
	if err != nil {
		return so, fmt.Errorf("%s: %v", configName(g), err)
	}
	if pol.Empty() {
		return so, usererr.WithHint(fmt.Errorf("%s has no retention policy", configName(g)),
			"add a retention: block to the config file (see examples/custkit.yaml and docs/privacy.md)")
	}
	if opts.maxSet {
		pol.MaxDelete = opts.maxDelete
	}
	if _, err := input.EncodingOf(opts.in.encoding, ""); err != nil {
		return so, err
	}
	encOf := func(kind string) charset.Encoding {
		e, _ := input.EncodingOf(opts.in.encoding, kind) // checked above
		return e
	}
	asOf, err := opts.when.date(g.clock())
	if err != nil {
		return so, err
	}
	if today := parse.Today(g.clock()()); asOf.After(today) && !opts.dryRun {
		return so, usererr.WithHint(usererr.Usagef("--as-of %s is after today (%s): a purge deletes only what is due today; nothing was changed",
			parse.FormatDate(asOf), parse.FormatDate(today)), "add --dry-run to see the plan for %s", parse.FormatDate(asOf))
	}
	if _, err := input.HeaderRowOf(opts.in.headerRow, ""); err != nil {
		return so, err
	}
	headerRow := func(kind string) int {
		n, _ := input.HeaderRowOf(opts.in.headerRow, kind) // checked above
		return n
	}
	return retention.ScanOptions{Policy: pol, AsOf: asOf, Aliases: g.cfg.aliases, ExcelSerial: g.cfg.Dates.ExcelSerial,
		EncodingOf: encOf, HeaderRow: headerRow, IsPseudonym: redact.IsToken, Watch: opts.watch}, nil
}

// watch shows a progress bar for each read of a data file, on a terminal
// and without -q; a purge reads each file once to plan and once more to
// rewrite it.
func (opts *purgeOptions) watch(doing, path string, size int64, r io.Reader) (io.Reader, func()) {
	bar := opts.global.startBar(opts.streams, doing+" "+path, size)
	return bar.Reader(r), bar.Done
}

// configName names the config file in messages.
func configName(g *globalOptions) string {
	if g.cfg.file == "" {
		return "the configuration (no config file found)"
	}
	return g.cfg.file
}

// runner is the retention runner wired to shred and the export manifest.
func (opts *purgeOptions) runner(dir string) (*retention.Runner, error) {
	g := opts.global
	path, err := g.manifestPath(opts.streams)
	if err != nil {
		return nil, usererr.WithHint(fmt.Errorf("export manifest: %w", err), "set XDG_STATE_HOME, or exports: {manifest: <file>} in the config file")
	}
	return &retention.Runner{
		Dir:             dir,
		Shred:           func(p string) error { return shred.File(p, shred.Options{}) },
		ExportsShredded: func(paths []string) error { return manifest.Untrack(path, paths) },
		AfterOp:         g.afterFileOp,
	}, nil
}

// finishInterrupted finishes a run that was killed, before anything else,
// and records it; a dry run only says that one is pending.
func (opts *purgeOptions) finishInterrupted(ctx context.Context, r *retention.Runner, files retention.Files) error {
	s := opts.streams
	if opts.dryRun {
		j, err := r.Pending()
		if err == nil && j != nil {
			fmt.Fprintf(s.err, "custkit: purge: a purge started %s was interrupted; the next purge finishes it first, and the plan below may change then\n", j.Started().Format(time.RFC3339))
		}
		return stuckHint(err)
	}
	rec, err := r.FinishPending(ctx, files, func(res *retention.Result) error { return opts.logNow(res, true, true) })
	if errors.Is(err, context.Canceled) {
		return &statusError{r.Interrupted(), exitFailure}
	}
	started := rec.Started.Format(time.RFC3339)
	switch {
	case err != nil:
		return stuckHint(err)
	case rec.Abandoned:
		fmt.Fprintf(s.err, "custkit: purge: the purge started %s was interrupted, and every file is back to the version it read; it is abandoned and this purge starts afresh\n", started)
	case rec.Result != nil:
		fmt.Fprintf(s.err, "custkit: purge: finished the purge started %s, which was interrupted\n", started)
		if opts.verbose && !opts.global.quiet {
			if err := retention.WriteResult(s.out, rec.Result, "finished interrupted purge"); err != nil {
				return err
			}
		}
		// An export it could not shred is still expired: this run's own
		// plan tries it again, and fails if it fails again.
		printExportFailures(s, rec.Result)
	}
	return nil
}

// stuckHint gives an interrupted run that cannot be finished its hint.
func stuckHint(err error) error {
	if se := (*retention.StuckError)(nil); errors.As(err, &se) {
		return usererr.WithHint(err, "%s", se.Hint())
	}
	return err
}

// expiredExports are the shop's own tracked exports past their expiry,
// by the real clock: --as-of never makes an export expire early.
func (opts *purgeOptions) expiredExports() ([]string, error) {
	g := opts.global
	path, err := g.manifestPath(opts.streams)
	if err != nil {
		return nil, err
	}
	entries, err := manifest.Read(path)
	if err != nil {
		return nil, err
	}
	at := manifest.ShredTime(g.clock()(), time.Now())
	return manifest.Paths(manifest.Expired(manifest.ForShop(entries, g.shop()), at)), nil
}

// dryRunReport prints the plan, warns about what would stop a real run,
// and records the reading in the access log.
func (opts *purgeOptions) dryRunReport(ctx context.Context, p *retention.Plan, exports []string) error {
	s := opts.streams
	if err := retention.WritePlan(s.out, p, exports, "purge plan", " (dry run: nothing is changed)"); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "would purge %s\n", retention.Share(p.Purged, p.Customers))
	if opts.overLimit(p) {
		fmt.Fprintf(s.err, "custkit: purge: a real run would refuse: %s (use --force)\n", overLimitText(p))
	}
	if p.NeedsKey() {
		if _, err := opts.pseudonym(ctx); err != nil {
			fmt.Fprintf(s.err, "custkit: purge: a real run would fail: %s\n", oneLine(err.Error()))
		}
	}
	return nil
}

// apply checks the limit and the key, applies the plan and records it.
func (opts *purgeOptions) apply(ctx context.Context, r *retention.Runner, p *retention.Plan, exports []string) error {
	s, g := opts.streams, opts.global
	if opts.overLimit(p) {
		return usererr.WithHint(fmt.Errorf("refusing to purge %s; nothing was changed", overLimitText(p)),
			"check the retention policy and --as-of with --dry-run; if the plan is right, run once with --force")
	}
	if !p.Changed() && len(exports) == 0 {
		if opts.verbose && !g.quiet {
			fmt.Fprintf(s.out, "nothing to purge as of %s\n", parse.FormatDate(p.AsOf))
		}
		return nil
	}
	ao := retention.ApplyOptions{Exports: exports}
	if p.NeedsKey() {
		var err error
		if ao.Pseudonym, err = opts.pseudonym(ctx); err != nil {
			return err
		}
	}
	res, err := r.Apply(ctx, p, ao)
	if errors.Is(err, context.Canceled) {
		return &statusError{r.Interrupted(), exitFailure}
	}
	if err != nil {
		return err
	}
	runErr := exportFailures(res)
	if err := opts.logNow(res, false, runErr == nil); err != nil {
		return err
	}
	if err := r.Finish(); err != nil {
		opts.record(p.Planned(), false)
		return err
	}
	if opts.verbose && !g.quiet {
		if err := retention.WritePlan(s.out, p, exports, "purge", ""); err != nil {
			return err
		}
		if err := retention.WriteDone(s.out, p, res); err != nil {
			return err
		}
	}
	noteDropped(s, g, p)
	if runErr != nil {
		printExportFailures(s, res)
	}
	return runErr
}

// noteDropped prints, even without -v, one line per rewritten file whose
// empty rows or repeated headers were left out, so that whoever reads
// cron's mail learns why the file shrank. -q prints nothing.
func noteDropped(s *streams, g *globalOptions, p *retention.Plan) {
	if g.quiet {
		return
	}
	for _, fp := range p.Files {
		if fp.Rewrites() {
			if note := fp.SkipNote(); note != "" {
				fmt.Fprintf(s.err, "custkit: purge: %s: %s\n", fp.Path, note)
			}
		}
	}
}

// pseudonym reads the key and returns the pseudonym function of a purge.
func (opts *purgeOptions) pseudonym(ctx context.Context) (func(string) string, error) {
	key, err := hashKey(ctx, opts.streams, opts.keyFile, retention.ErrNoKey)
	if err != nil {
		return nil, err
	}
	return func(id string) string { return redact.Token(key, id) }, nil
}

// logNow records an applied or resumed run in the access log at once:
// its journal goes only once the run is recorded.
func (opts *purgeOptions) logNow(res *retention.Result, resumed, ok bool) error {
	opts.record(res, resumed)
	return opts.global.logNow(opts.streams, ok)
}

// record sets what the run's access-log entry says the purge did: the
// files as read, the counts and the purged customers' pseudonyms.
func (opts *purgeOptions) record(res *retention.Result, resumed bool) {
	opts.global.access.SetPurge(res.Record(opts.dryRun, resumed))
}

// exportFailures is the error of a run that purged the data files but
// could not shred every expired export: it fails (exit 1) so that cron
// says so.
func exportFailures(res *retention.Result) error {
	if n := len(res.ExportFailures); n > 0 {
		return usererr.WithHint(fmt.Errorf("the data files are purged, but %s could not be shredded", english.Count(n, "expired export")),
			"see custkit exports list; custkit exports shred --expired tries again")
	}
	return nil
}

// printExportFailures prints one line per export not shredded.
func printExportFailures(s *streams, res *retention.Result) {
	for _, f := range res.ExportFailures {
		fmt.Fprintf(s.err, "custkit: purge: expired export not shredded: %s\n", oneLine(f))
	}
}

// checkConfigLimit refuses a retention.max_delete that raises the limit
// above the documented default (10%): a config file may only lower it.
// --max-delete or --force on the command line decide for themselves.
func (opts *purgeOptions) checkConfigLimit(p *retention.Plan) error {
	raw := opts.global.cfg.Retention.MaxDelete
	if raw == "" || opts.maxSet || opts.force || !p.RaisesLimit() {
		return nil
	}
	return usererr.WithHint(fmt.Errorf("%s: retention.max_delete: %q is more than the default %s of %d customers; a config file may lower the limit, never raise it; nothing was changed",
		configName(opts.global), raw, retention.DefaultLimit, p.Customers),
		"give --max-delete or --force on the command line for a run that must purge more")
}

// overLimit reports whether the plan purges more customers than
// --max-delete allows, without --force.
func (opts *purgeOptions) overLimit(p *retention.Plan) bool { return !opts.force && p.OverLimit() }

// overLimitText says how a plan exceeds --max-delete.
func overLimitText(p *retention.Plan) string {
	return fmt.Sprintf("%s, more than --max-delete %s", retention.Share(p.Purged, p.Customers), p.Policy.MaxDelete)
}
