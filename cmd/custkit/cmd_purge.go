package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/filelock"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/retention"
	"github.com/custkit/custkit/pkg/shred"
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
	args      []string // the flags given, for the access log
}

// purgeLockName is the lock a purge holds, beside the customers file, for
// the whole run. The operating system releases it when the process ends.
const purgeLockName = ".custkit-purge.lock"

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

Nothing is printed unless something goes wrong, or with -v.

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
			opts.args = flagArgs(cmd)
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
	fl.Var(&limitValue{&opts.maxDelete, &opts.maxSet}, "max-delete", "refuse to purge more than this `share` of the customers, 10% or a number (default retention.max_delete, else 10%)")
	fl.BoolVar(&opts.force, "force", false, "purge even more customers than --max-delete allows")
	fl.BoolVarP(&opts.verbose, "verbose", "v", false, "print the plan and what was done")
	fl.StringVar(&opts.keyFile, "key-file", "", "read the pseudonym key from `file` (mode 0600; default: CUSTKIT_HASH_KEY)")
	commandLineOnly(cmd, "force", "max-delete", "as-of")
	// Nothing is printed unless -v or --dry-run, the config line included.
	cmd.Annotations = map[string]string{quietConfigLine: "true"}
	return cmd
}

// limitValue is --max-delete, checked when parsed.
type limitValue struct {
	l   *retention.Limit
	set *bool
}

func (v *limitValue) String() string {
	if v.set == nil || !*v.set {
		return ""
	}
	return v.l.String()
}
func (v *limitValue) Type() string { return "share" }
func (v *limitValue) Set(s string) error {
	l, err := retention.ParseLimit(s)
	if err != nil {
		return err
	}
	*v.l, *v.set = l, true
	return nil
}

func runPurge(ctx context.Context, opts *purgeOptions) error {
	if err := opts.global.openLog(opts.streams); err != nil {
		return err
	}
	if opts.verbose || opts.dryRun {
		printConfigLine(opts.streams, opts.global)
	}
	files, err := opts.files()
	if err != nil {
		return err
	}
	scan, err := opts.scanOptions(files)
	if err != nil {
		return err
	}
	dir := filepath.Dir(files.Customers)
	lock, err := lockPurge(dir)
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
	plan, err := retention.Scan(ctx, scan)
	if err != nil {
		return opts.recordFailure(nil, err)
	}
	if err := opts.checkConfigLimit(plan); err != nil {
		return opts.recordFailure(plan, err)
	}
	// Exports expire by the real clock: --as-of never makes one expire
	// earlier than it does today.
	exports, err := opts.expiredExports(opts.global.clock()())
	if err != nil {
		return opts.recordFailure(plan, err)
	}
	if opts.dryRun {
		return opts.dryRunReport(plan, exports)
	}
	if err := opts.apply(ctx, runner, plan, exports); err != nil {
		return opts.recordFailure(plan, err)
	}
	return nil
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
	var named []struct{ flag, path string }
	byFlag := map[string][]string{}
	for _, f := range []struct{ flag, list string }{{"customers", in.customers}, {"sales", in.sales}, {"contacts", in.contacts}, {"complaints", in.complaints}} {
		if f.list == "" {
			continue
		}
		paths, err := expandFiles(f.list, f.flag)
		if err != nil {
			return retention.Files{}, err
		}
		if f.flag == "customers" && len(paths) > 1 {
			return retention.Files{}, usageErrorf("--customers: purge reads one customers file, not %d; purge them one at a time", len(paths))
		}
		byFlag[f.flag] = paths
		for _, p := range paths {
			named = append(named, struct{ flag, path string }{f.flag, p})
		}
	}
	for _, f := range named {
		if f.path == "-" {
			return retention.Files{}, usageErrorf("purge rewrites files in place; standard input (\"-\") cannot be purged")
		}
	}
	for _, f := range named {
		st, err := os.Stat(f.path)
		if err == nil && !st.Mode().IsRegular() {
			// A purge reads a file twice and replaces it: a pipe, a
			// directory or a device cannot be purged.
			err = fmt.Errorf("%s is not a regular file; purge rewrites files in place", f.path)
		}
		if err != nil {
			return retention.Files{}, withHint(err, "check the path given to --%s (or %s: in the config file)", f.flag, f.flag)
		}
	}
	first := func(flag string) (string, []string) {
		switch p := byFlag[flag]; len(p) {
		case 0:
		case 1:
			return p[0], nil
		default:
			return p[0], p[1:]
		}
		return "", nil
	}
	var files retention.Files
	files.Customers, _ = first("customers")
	files.Sales, files.MoreSales = first("sales")
	files.Contacts, files.MoreContacts = first("contacts")
	files.Complaints, files.MoreComplaints = first("complaints")
	return files, nil
}

// scanOptions gathers the policy, the date and the reading settings.
func (opts *purgeOptions) scanOptions(files retention.Files) (retention.ScanOptions, error) {
	g := opts.global
	var so retention.ScanOptions
	pol, err := g.cfg.Retention.Policy(g.cfg.file)
	if err != nil {
		return so, fmt.Errorf("%s: %v", configName(g), err)
	}
	if pol.Empty() {
		return so, withHint(fmt.Errorf("%s has no retention policy", configName(g)),
			"add a retention: block to the config file (see examples/custkit.yaml and docs/privacy.md)")
	}
	if opts.maxSet {
		pol.MaxDelete = opts.maxDelete
	}
	enc, err := charset.Parse(opts.in.encoding)
	if err != nil {
		return so, &usageError{fmt.Errorf("--encoding: %v", err)}
	}
	asOf, err := opts.when.date(g.clock())
	if err != nil {
		return so, err
	}
	if today := parse.Today(g.clock()()); asOf.After(today) && !opts.dryRun {
		return so, withHint(usageErrorf("--as-of %s is after today (%s): a purge deletes only what is due today; nothing was changed",
			parse.FormatDate(asOf), parse.FormatDate(today)), "add --dry-run to see the plan for %s", parse.FormatDate(asOf))
	}
	if _, err := headerRowOf(opts.in.headerRow, ""); err != nil {
		return so, err
	}
	headerRow := func(kind string) int {
		n, _ := headerRowOf(opts.in.headerRow, kind) // checked above
		return n
	}
	return retention.ScanOptions{Files: files, Policy: pol, AsOf: asOf, Aliases: g.cfg.aliases,
		Encoding: enc, HeaderRow: headerRow, IsPseudonym: redact.IsToken, Watch: opts.watch}, nil
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

// lockPurge takes the purge lock of dir, or fails at once with exit
// status 3 when another purge holds it.
func lockPurge(dir string) (*filelock.Lock, error) {
	path := filepath.Join(dir, purgeLockName)
	lock, err := filelock.TryAcquire(path, 0o600)
	if errors.Is(err, filelock.ErrBusy) {
		return nil, &statusError{fmt.Errorf("another purge is running on these files (it holds %s); nothing was changed", path), exitLocked}
	}
	if err != nil {
		return nil, fmt.Errorf("purge lock: %w", err)
	}
	return lock, nil
}

// runner is the retention runner wired to shred and the export manifest.
func (opts *purgeOptions) runner(dir string) (*retention.Runner, error) {
	s, g := opts.streams, opts.global
	path, err := g.manifestPath(s)
	if err != nil {
		return nil, withHint(fmt.Errorf("export manifest: %w", err), "set XDG_STATE_HOME, or exports: {manifest: <file>} in the config file")
	}
	return &retention.Runner{
		Dir:   dir,
		Shred: func(p string) error { return shred.File(p, shred.Options{}) },
		ExportsShredded: func(paths []string) error {
			return manifest.Update(path, func(entries []manifest.Entry) ([]manifest.Entry, error) {
				for _, p := range paths {
					entries = manifest.Remove(entries, p)
				}
				return entries, nil
			})
		},
		AfterOp: g.afterFileOp,
	}, nil
}

// finishInterrupted finishes a run that was killed, before anything else,
// and records it; a dry run only says that one is pending. Then, with no
// journal left, it destroys the temporary files a killed run left behind.
func (opts *purgeOptions) finishInterrupted(ctx context.Context, r *retention.Runner, files retention.Files) error {
	s := opts.streams
	j, err := r.Pending()
	if err != nil {
		return stuckHint(err)
	}
	if j == nil {
		if opts.dryRun {
			return nil
		}
		return r.Clean(files)
	}
	started := j.Started().Format(time.RFC3339)
	if opts.dryRun {
		fmt.Fprintf(s.err, "custkit: purge: a purge started %s was interrupted; the next purge finishes it first, and the plan below may change then\n", started)
		return nil
	}
	res, err := r.Resume(ctx, j)
	if errors.Is(err, context.Canceled) {
		return interrupted(r)
	}
	if errors.Is(err, retention.ErrAbandoned) {
		fmt.Fprintf(s.err, "custkit: purge: the purge started %s was interrupted, and every file is back to the version it read; it is abandoned and this purge starts afresh\n", started)
		return r.Clean(files)
	}
	if err != nil {
		return stuckHint(fmt.Errorf("finishing the purge started %s: %w", started, err))
	}
	if err := opts.record(res, true, nil); err != nil {
		return err
	}
	if err := r.Finish(); err != nil {
		return err
	}
	fmt.Fprintf(s.err, "custkit: purge: finished the purge started %s, which was interrupted\n", started)
	if opts.verbose && !opts.global.quiet {
		if err := opts.printResult(res, "finished interrupted purge"); err != nil {
			return err
		}
	}
	// An export it could not shred is still expired: this run's own plan
	// tries it again, and fails if it fails again.
	printExportFailures(s, res)
	return r.Clean(files)
}

// stuckHint gives an interrupted run that cannot be finished its hint.
func stuckHint(err error) error {
	if se := (*retention.StuckError)(nil); errors.As(err, &se) {
		return withHint(err, "%s", se.Hint())
	}
	return err
}

// expiredExports are the shop's own tracked exports past their expiry at
// asOf and today both: --as-of never makes an export expire early.
func (opts *purgeOptions) expiredExports(asOf time.Time) ([]string, error) {
	path, err := opts.global.manifestPath(opts.streams)
	if err != nil {
		return nil, err
	}
	entries, err := manifest.Read(path)
	if err != nil {
		return nil, err
	}
	at, shop := shredTime(asOf), opts.global.shop()
	var out []string
	for _, e := range entries {
		if e.Shop == shop && e.Expired(at) {
			out = append(out, e.Path)
		}
	}
	return out, nil
}

// dryRunReport prints the plan, warns about what would stop a real run,
// and records the reading in the access log.
func (opts *purgeOptions) dryRunReport(p *retention.Plan, exports []string) error {
	s := opts.streams
	if err := opts.printPlan(p, exports, "purge plan", " (dry run: nothing is changed)"); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "would purge %s\n", retention.Share(p.Purged, p.Customers))
	if over := opts.overLimit(p); over != "" {
		fmt.Fprintf(s.err, "custkit: purge: a real run would refuse: %s (use --force)\n", over)
	}
	if p.NeedsKey() {
		if _, err := hashKey(opts.global.runContext(), s, opts.keyFile, retention.ErrNoKey); err != nil {
			fmt.Fprintf(s.err, "custkit: purge: a real run would fail: %s\n", oneLine(err.Error()))
		}
	}
	return opts.record(&retention.Result{AsOf: p.AsOf, Files: p.Results()}, false, nil)
}

// apply checks the limit and the key, applies the plan and records it.
func (opts *purgeOptions) apply(ctx context.Context, r *retention.Runner, p *retention.Plan, exports []string) error {
	s, g := opts.streams, opts.global
	if err := opts.checkLimit(p); err != nil {
		return err
	}
	if !p.Changed() && len(exports) == 0 {
		if opts.verbose && !g.quiet {
			fmt.Fprintf(s.out, "nothing to purge as of %s\n", parse.FormatDate(p.AsOf))
		}
		return opts.record(&retention.Result{AsOf: p.AsOf, Files: p.Results()}, false, nil)
	}
	ao := retention.ApplyOptions{Exports: exports}
	if p.NeedsKey() {
		key, err := hashKey(opts.global.runContext(), s, opts.keyFile, retention.ErrNoKey)
		if err != nil {
			return err
		}
		ao.Pseudonym = func(id string) string { return redact.Token(key, id) }
	}
	res, err := r.Apply(ctx, p, ao)
	if errors.Is(err, context.Canceled) {
		return interrupted(r)
	}
	if err != nil {
		return err
	}
	runErr := exportFailures(res)
	if err := opts.record(res, false, runErr); err != nil {
		return err
	}
	if err := r.Finish(); err != nil {
		return err
	}
	if opts.verbose && !g.quiet {
		if err := opts.printPlan(p, exports, "purge", ""); err != nil {
			return err
		}
		opts.printDone(p, res)
	}
	if runErr != nil {
		printExportFailures(s, res)
		return &recordedError{runErr}
	}
	return nil
}

// recordedError is a failure already in the access log.
type recordedError struct{ err error }

func (e *recordedError) Error() string { return e.err.Error() }
func (e *recordedError) Unwrap() error { return e.err }

// exportFailures is the error of a run that purged the data files but
// could not shred every expired export: it fails (exit 1) so that cron
// says so.
func exportFailures(res *retention.Result) error {
	if n := len(res.ExportFailures); n > 0 {
		return withHint(fmt.Errorf("the data files are purged, but %s could not be shredded", english.Count(n, "expired export")),
			"see custkit exports list; custkit exports shred --expired tries again")
	}
	return nil
}

// printExportFailures prints one line per export not shredded.
func printExportFailures(s *streams, res *retention.Result) int {
	for _, f := range res.ExportFailures {
		fmt.Fprintf(s.err, "custkit: purge: expired export not shredded: %s\n", oneLine(f))
	}
	return len(res.ExportFailures)
}

// interrupted is the error of a purge stopped by a signal: before its
// journal nothing changed; after it, the next purge finishes the run.
func interrupted(r *retention.Runner) error {
	if j, err := r.Pending(); err == nil && j != nil {
		return &statusError{errors.New("purge interrupted; the files already replaced stay so, and the next purge finishes the run"), exitFailure}
	}
	return &statusError{errors.New("purge interrupted; nothing was changed"), exitFailure}
}

// checkLimit refuses a plan that purges more customers than --max-delete,
// unless --force.
func (opts *purgeOptions) checkLimit(p *retention.Plan) error {
	over := opts.overLimit(p)
	if over == "" {
		return nil
	}
	return withHint(fmt.Errorf("refusing to purge %s; nothing was changed", over),
		"check the retention policy and --as-of with --dry-run; if the plan is right, run once with --force")
}

// checkConfigLimit refuses a retention.max_delete that raises the limit
// above the documented default (10%): a config file may only lower it.
// --max-delete or --force on the command line decide for themselves.
func (opts *purgeOptions) checkConfigLimit(p *retention.Plan) error {
	raw := opts.global.cfg.Retention.MaxDelete
	if raw == "" || opts.maxSet || opts.force {
		return nil
	}
	l := p.Policy.MaxDelete
	def := retention.DefaultLimit
	higher := l.IsPercent && l.Percent > def.Percent
	if !l.IsPercent {
		higher = !def.Allows(l.Count, p.Customers)
	}
	if !higher {
		return nil
	}
	return withHint(fmt.Errorf("%s: retention.max_delete: %q is more than the default %s of %d customers; a config file may lower the limit, never raise it; nothing was changed",
		configName(opts.global), raw, def, p.Customers),
		"give --max-delete or --force on the command line for a run that must purge more")
}

// overLimit says how the plan exceeds --max-delete; "" if it does not, or
// with --force.
func (opts *purgeOptions) overLimit(p *retention.Plan) string {
	limit := p.Policy.MaxDelete
	if opts.force || limit.Allows(p.Purged, p.Customers) {
		return ""
	}
	return fmt.Sprintf("%s, more than --max-delete %s", retention.Share(p.Purged, p.Customers), limit)
}

// printPlan writes the rules, the table and the expired exports.
func (opts *purgeOptions) printPlan(p *retention.Plan, exports []string, head, note string) error {
	w := opts.streams.out
	fmt.Fprintf(w, "%s as of %s%s\n", head, parse.FormatDate(p.AsOf), note)
	if err := p.WriteRules(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if err := retention.WriteTable(w, p.Results()); err != nil {
		return err
	}
	fmt.Fprintf(w, "expired exports to shred: %d\n", len(exports))
	for _, e := range exports {
		fmt.Fprintf(w, "  %s\n", e)
	}
	return nil
}

// printDone says what an applied run did beside the table.
func (opts *purgeOptions) printDone(p *retention.Plan, res *retention.Result) {
	w := opts.streams.out
	fmt.Fprintf(w, "purged %s; shredded the replaced versions and %d expired exports\n", retention.Share(p.Purged, p.Customers), len(res.Exports))
	for _, f := range res.Unshredded {
		fmt.Fprintf(w, "the old version of %s could not be shredded (no hard links on this file system); it was deleted\n", f)
	}
	for _, c := range shred.Inspect(filepath.Dir(p.Files[0].Path)).Caveats() {
		fmt.Fprintf(w, "caveat: %s\n", c)
	}
}

// printResult writes a finished run's table.
func (opts *purgeOptions) printResult(res *retention.Result, head string) error {
	w := opts.streams.out
	fmt.Fprintf(w, "%s as of %s\n", head, parse.FormatDate(res.AsOf))
	return retention.WriteTable(w, res.Files)
}

// recordFailure records a failed run in the access log, unless it is
// there already, and returns err.
func (opts *purgeOptions) recordFailure(p *retention.Plan, err error) error {
	if r := (*recordedError)(nil); errors.As(err, &r) {
		return r.err
	}
	res := &retention.Result{}
	if p != nil {
		res = &retention.Result{AsOf: p.AsOf, Files: p.Results()}
	}
	if lerr := opts.record(res, false, err); lerr != nil {
		fmt.Fprintf(opts.streams.err, "custkit: %s\n", oneLine(lerr.Error()))
	}
	return err
}

// record appends the run to the access log: the files read (with their
// SHA-256 as read), the counts, and the purged customers' pseudonyms.
func (opts *purgeOptions) record(res *retention.Result, resumed bool, runErr error) error {
	s, g := opts.streams, opts.global
	path, err := g.auditPath(s)
	if err != nil {
		return withHint(fmt.Errorf("access log: %w", err), "set XDG_STATE_HOME, or audit: {log: <file>} in the config file, to a writable place")
	}
	e := &audit.Entry{Time: time.Now().Truncate(time.Millisecond), User: osUser(s), Command: "purge", Args: opts.args,
		Shredded: absPaths(res.Exports), OK: runErr == nil}
	e.Host, _ = os.Hostname()
	pr := &audit.Purge{DryRun: opts.dryRun, Resumed: resumed, Subjects: res.Subjects}
	if !res.AsOf.IsZero() {
		pr.AsOf = parse.FormatDate(res.AsOf)
	}
	for _, f := range res.Files {
		c := f.Counts
		e.Inputs = append(e.Inputs, audit.Input{Path: absPath(f.Path), SHA256: f.SHA256, Bytes: f.Size})
		pr.Files = append(pr.Files, audit.PurgeFile{Path: absPath(f.Path), Rows: c.Rows, Kept: c.Kept, Deleted: c.Deleted,
			Anonymised: c.Anonymised, Pseudonymised: c.Pseudonymised, Held: c.Held})
	}
	e.Purge = pr
	g.cfg.stamp(e)
	if err := audit.Append(path, e); err != nil {
		return fmt.Errorf("access log: %w", err)
	}
	return nil
}

func absPaths(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = absPath(p)
	}
	return out
}
