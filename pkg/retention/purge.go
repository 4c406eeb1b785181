package retention

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/custkit/custkit/pkg/usererr"
)

// PurgeOptions are a purge as the command line and the config file ask
// for it; Purge turns them into a scan and a run.
type PurgeOptions struct {
	// Customers, Sales, Contacts and Complaints name the data files as
	// the flags of that name do: a comma list or a quoted glob each. One
	// customers file, and the sales, are required.
	Customers, Sales, Contacts, Complaints string
	// Encoding and HeaderRow are --encoding and --header-row: one value
	// for every file, or one per kind (see input.EncodingOf).
	Encoding, HeaderRow string
	// Files are the settings of single files (the config's {path: …,
	// encoding: …, header_row: …} entries), which win over Encoding and
	// HeaderRow for the files they name (see input.FileSpec).
	Files map[string]input.FileSettings
	// Config names the config file in messages; "" when there is none.
	Config string
	// Policy converts the config's retention block.
	Policy func() (Policy, error)
	// ConfigMaxDelete is retention.max_delete as the config writes it
	// ("" when unset): a config file may lower the limit, never raise it.
	ConfigMaxDelete string
	// MaxDelete is --max-delete; nil when it was not given.
	MaxDelete *Limit
	// AsOf returns the --as-of day (today without it), or its error.
	AsOf func() (time.Time, error)
	// Now is the clock that says what day it is today: an --as-of after
	// today is refused without DryRun, and exports expire by it.
	Now func() time.Time
	// Scan holds the reading settings (Aliases, ExcelSerial, Workers,
	// Watch); Purge fills in the rest.
	Scan ScanOptions
	// DryRun prints the plan and changes nothing; Force purges more than
	// the limit allows; Verbose prints the plan and what was done, unless
	// Quiet, which also leaves out the notes about dropped rows.
	DryRun, Force, Verbose, Quiet bool
	// KeyFile and KeyEnv are where the pseudonym key comes from: the file
	// --key-file names, else the value of CUSTKIT_HASH_KEY.
	KeyFile, KeyEnv string
	// Manifest returns the path of the export manifest; Shop is the shop
	// whose expired exports the purge shreds.
	Manifest func() (string, error)
	Shop     string
	// Record sets what the run's access-log entry says the purge did, and
	// LogNow appends that entry at once (ok: whether the run succeeded).
	// Either may be nil.
	Record func(audit.Entry)
	LogNow func(ok bool) error
	// AfterOp is Runner.AfterOp: the crash tests' hook.
	AfterOp func(op string)
	// Out receives the plan and the report; Note is given each line for
	// standard error, without the command's prefix.
	Out  io.Writer
	Note func(line string)
}

// Purge applies the retention policy as opts ask: it takes the lock
// beside the customers file (failing with an error wrapping ErrLocked
// when another purge holds it), finishes an interrupted run, scans the
// files, checks the limits and the key, and then prints the plan (a dry
// run) or applies it and shreds the expired exports. From the first scan
// on, what it did is handed to Record whatever the outcome.
func Purge(ctx context.Context, opts PurgeOptions) error {
	files, err := opts.files()
	if err != nil {
		return err
	}
	scan, err := opts.scanOptions()
	if err != nil {
		return err
	}
	if err := files.checkSeal(scan.Seal != nil || opts.DryRun); err != nil {
		return err
	}
	dir := filepath.Dir(files.Customers)
	lock, err := Lock(dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	mpath, err := opts.Manifest()
	if err != nil {
		return usererr.WithHint(fmt.Errorf("export manifest: %w", err), "set XDG_STATE_HOME, or exports: {manifest: <file>} in the config file")
	}
	r := &Runner{
		Dir:             dir,
		Shred:           func(p string) error { return shred.File(p, shred.Options{}) },
		ExportsShredded: func(paths []string) error { return manifest.Untrack(mpath, paths) },
		AfterOp:         opts.AfterOp,
	}
	if err := opts.finishInterrupted(ctx, r, files); err != nil {
		return err
	}
	// From here on, the run is recorded whatever its outcome.
	opts.record(&Result{}, false)
	plan, err := Scan(ctx, files, scan)
	if err != nil {
		return err
	}
	opts.record(plan.Planned(), false)
	if err := opts.checkConfigLimit(plan); err != nil {
		return err
	}
	// The shop's expired exports, by the real clock: --as-of never makes
	// an export expire early.
	entries, err := manifest.Read(mpath)
	if err != nil {
		return err
	}
	at := manifest.ShredTime(opts.Now(), time.Now())
	exports := manifest.Paths(manifest.Expired(manifest.ForShop(entries, opts.Shop), at))
	if opts.DryRun {
		return opts.dryRunReport(ctx, plan, exports)
	}
	return opts.apply(ctx, r, plan, exports)
}

// files are the data files named by the options, each checked.
func (opts *PurgeOptions) files() (Files, error) {
	for _, f := range []struct{ list, flag string }{{opts.Customers, "customers"}, {opts.Sales, "sales"}} {
		if f.list == "" {
			return Files{}, usererr.Usagef("--%s is required (or set %s: in the config file)", f.flag, f.flag)
		}
	}
	var files Files
	for _, f := range []struct {
		flag, list string
		first      *string
		rest       *[]string // nil: one file only
	}{
		{"customers", opts.Customers, &files.Customers, nil},
		{"sales", opts.Sales, &files.Sales, &files.MoreSales},
		{"contacts", opts.Contacts, &files.Contacts, &files.MoreContacts},
		{"complaints", opts.Complaints, &files.Complaints, &files.MoreComplaints},
	} {
		if f.list == "" {
			continue
		}
		paths, err := input.ExpandFiles(f.list, f.flag)
		if err != nil {
			return Files{}, err
		}
		if f.rest == nil && len(paths) > 1 {
			return Files{}, usererr.Usagef("--customers: purge reads one customers file, not %d; purge them one at a time", len(paths))
		}
		if len(paths) > 0 {
			*f.first = paths[0]
		}
		if len(paths) > 1 {
			*f.rest = paths[1:]
		}
	}
	err := files.Check()
	if errors.Is(err, ErrStdin) {
		return files, usererr.Usage(err)
	}
	if fe := (*FileError)(nil); errors.As(err, &fe) {
		return files, usererr.WithHint(err, "check the path given to --%s (or %s: in the config file)", fe.Kind, fe.Kind)
	}
	return files, err
}

// scanOptions gathers the policy, the date and the reading settings.
func (opts *PurgeOptions) scanOptions() (ScanOptions, error) {
	so := opts.Scan
	pol, err := opts.Policy()
	if err != nil {
		return so, fmt.Errorf("%s: %v", opts.configName(), err)
	}
	if pol.Empty() {
		return so, usererr.WithHint(fmt.Errorf("%s has no retention policy", opts.configName()),
			"add a retention: block to the config file (see examples/custkit.yaml and docs/privacy.md)")
	}
	if opts.MaxDelete != nil {
		pol.MaxDelete = *opts.MaxDelete
	}
	if _, err := input.EncodingOf(opts.Encoding, ""); err != nil {
		return so, err
	}
	asOf, err := opts.AsOf()
	if err != nil {
		return so, err
	}
	if today := parse.Today(opts.Now()); asOf.After(today) && !opts.DryRun {
		return so, usererr.WithHint(usererr.Usagef("--as-of %s is after today (%s): a purge deletes only what is due today; nothing was changed",
			parse.FormatDate(asOf), parse.FormatDate(today)), "add --dry-run to see the plan for %s", parse.FormatDate(asOf))
	}
	if _, err := input.HeaderRowOf(opts.HeaderRow, ""); err != nil {
		return so, err
	}
	so.Policy, so.AsOf, so.IsPseudonym = pol, asOf, redact.IsToken
	so.EncodingOf = func(kind, path string) charset.Encoding {
		e, _, _ := input.FileSpec(opts.Encoding, opts.HeaderRow, opts.Files, path, kind) // checked above
		return e
	}
	so.HeaderRow = func(kind, path string) int {
		_, n, _ := input.FileSpec(opts.Encoding, opts.HeaderRow, opts.Files, path, kind) // checked above
		return n
	}
	return so, nil
}

// configName names the config file in messages.
func (opts *PurgeOptions) configName() string {
	if opts.Config == "" {
		return "the configuration (no config file found)"
	}
	return opts.Config
}

// finishInterrupted finishes a run that was killed, before anything else,
// and records it; a dry run only says that one is pending.
func (opts *PurgeOptions) finishInterrupted(ctx context.Context, r *Runner, files Files) error {
	if opts.DryRun {
		j, err := r.Pending()
		if err == nil && j != nil {
			opts.Note(fmt.Sprintf("a purge started %s was interrupted; the next purge finishes it first, and the plan below may change then", j.Started().Format(time.RFC3339)))
		}
		return stuckHint(err)
	}
	rec, err := r.FinishPending(ctx, files, func(res *Result) error { return opts.logNow(res, true, true) })
	if errors.Is(err, context.Canceled) {
		return r.Interrupted()
	}
	started := rec.Started.Format(time.RFC3339)
	switch {
	case err != nil:
		return stuckHint(err)
	case rec.Abandoned:
		opts.Note(fmt.Sprintf("the purge started %s was interrupted, and every file is back to the version it read; it is abandoned and this purge starts afresh", started))
	case rec.Result != nil:
		opts.Note(fmt.Sprintf("finished the purge started %s, which was interrupted", started))
		if opts.Verbose && !opts.Quiet {
			if err := WriteResult(opts.Out, rec.Result, "finished interrupted purge"); err != nil {
				return err
			}
		}
		// An export it could not shred is still expired: this run's own
		// plan tries it again, and fails if it fails again.
		opts.noteExportFailures(rec.Result)
	}
	return nil
}

// stuckHint gives an interrupted run that cannot be finished its hint.
func stuckHint(err error) error {
	if se := (*StuckError)(nil); errors.As(err, &se) {
		return usererr.WithHint(err, "%s", se.Hint())
	}
	return err
}

// dryRunReport prints the plan and warns about what would stop a real
// run.
func (opts *PurgeOptions) dryRunReport(ctx context.Context, p *Plan, exports []string) error {
	if err := WritePlan(opts.Out, p, exports, "purge plan", " (dry run: nothing is changed)"); err != nil {
		return err
	}
	fmt.Fprintf(opts.Out, "would purge %s\n", Share(p.Purged, p.Customers))
	if opts.overLimit(p) {
		opts.Note(fmt.Sprintf("a real run would refuse: %s (use --force)", overLimitText(p)))
	}
	if p.NeedsKey() {
		if _, err := opts.pseudonym(ctx); err != nil {
			opts.Note("a real run would fail: " + err.Error())
		}
	}
	return nil
}

// apply checks the limit and the key, applies the plan and records it.
func (opts *PurgeOptions) apply(ctx context.Context, r *Runner, p *Plan, exports []string) error {
	if opts.overLimit(p) {
		return usererr.WithHint(fmt.Errorf("refusing to purge %s; nothing was changed", overLimitText(p)),
			"check the retention policy and --as-of with --dry-run; if the plan is right, run once with --force")
	}
	verbose := opts.Verbose && !opts.Quiet
	if !p.Changed() && len(exports) == 0 {
		if verbose {
			fmt.Fprintf(opts.Out, "nothing to purge as of %s\n", parse.FormatDate(p.AsOf))
		}
		return nil
	}
	ao := ApplyOptions{Exports: exports}
	if p.NeedsKey() {
		var err error
		if ao.Pseudonym, err = opts.pseudonym(ctx); err != nil {
			return err
		}
	}
	res, err := r.Apply(ctx, p, ao)
	if errors.Is(err, context.Canceled) {
		return r.Interrupted()
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
	if verbose {
		if err := WritePlan(opts.Out, p, exports, "purge", ""); err != nil {
			return err
		}
		if err := WriteDone(opts.Out, p, res); err != nil {
			return err
		}
	}
	if !opts.Quiet {
		// One line per rewritten file whose empty rows or repeated
		// headers were left out, so that whoever reads cron's mail
		// learns why the file shrank.
		for _, fp := range p.Files {
			if note := fp.SkipNote(); note != "" && fp.Rewrites() {
				opts.Note(fp.Path + ": " + note)
			}
		}
	}
	if runErr != nil {
		opts.noteExportFailures(res)
	}
	return runErr
}

// pseudonym reads the key and returns the pseudonym function of a purge.
func (opts *PurgeOptions) pseudonym(ctx context.Context) (func(string) string, error) {
	key, err := redact.ReadKey(ctx, opts.KeyFile, opts.KeyEnv, ErrNoKey)
	if err != nil {
		return nil, err
	}
	return func(id string) string { return redact.Token(key, id) }, nil
}

// logNow records an applied or resumed run in the access log at once:
// its journal goes only once the run is recorded.
func (opts *PurgeOptions) logNow(res *Result, resumed, ok bool) error {
	opts.record(res, resumed)
	if opts.LogNow == nil {
		return nil
	}
	return opts.LogNow(ok)
}

// record sets what the run's access-log entry says the purge did: the
// files as read, the counts and the purged customers' pseudonyms.
func (opts *PurgeOptions) record(res *Result, resumed bool) {
	if opts.Record != nil {
		opts.Record(res.Record(opts.DryRun, resumed))
	}
}

// exportFailures is the error of a run that purged the data files but
// could not shred every expired export: it fails (exit 1) so that cron
// says so.
func exportFailures(res *Result) error {
	if n := len(res.ExportFailures); n > 0 {
		return usererr.WithHint(fmt.Errorf("the data files are purged, but %s could not be shredded", english.Count(n, "expired export")),
			"see custkit exports list; custkit exports shred --expired tries again")
	}
	return nil
}

// noteExportFailures says which exports were not shredded, one a line.
func (opts *PurgeOptions) noteExportFailures(res *Result) {
	for _, f := range res.ExportFailures {
		opts.Note("expired export not shredded: " + f)
	}
}

// checkConfigLimit refuses a retention.max_delete that raises the limit
// above the documented default (10%): a config file may only lower it.
// --max-delete or --force on the command line decide for themselves.
func (opts *PurgeOptions) checkConfigLimit(p *Plan) error {
	raw := opts.ConfigMaxDelete
	if raw == "" || opts.MaxDelete != nil || opts.Force || !p.RaisesLimit() {
		return nil
	}
	return usererr.WithHint(fmt.Errorf("%s: retention.max_delete: %q is more than the default %s of %d customers; a config file may lower the limit, never raise it; nothing was changed",
		opts.configName(), raw, DefaultLimit, p.Customers),
		"give --max-delete or --force on the command line for a run that must purge more")
}

// overLimit reports whether the plan purges more customers than
// --max-delete allows, without --force.
func (opts *PurgeOptions) overLimit(p *Plan) bool { return !opts.Force && p.OverLimit() }

// overLimitText says how a plan exceeds --max-delete.
func overLimitText(p *Plan) string {
	return fmt.Sprintf("%s, more than --max-delete %s", Share(p.Purged, p.Customers), p.Policy.MaxDelete)
}
