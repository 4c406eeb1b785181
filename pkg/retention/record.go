package retention

import (
	"path/filepath"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/parse"
)

// Record is what the access-log entry of a run says it did, in the
// fields of audit.Entry that a purge fills: Inputs (each data file as the
// run read it, with its SHA-256), Shredded (the expired exports
// destroyed) and Purge (the counts per file, the purged customers'
// pseudonyms, whether it was a dry run or finished an interrupted run).
// Paths are absolute.
func (r *Result) Record(dryRun, resumed bool) audit.Entry {
	var e audit.Entry
	for _, p := range r.Exports {
		e.Shredded = append(e.Shredded, absolute(p))
	}
	pr := &audit.Purge{DryRun: dryRun, Resumed: resumed, Subjects: r.Subjects}
	if !r.AsOf.IsZero() {
		pr.AsOf = parse.FormatDate(r.AsOf)
	}
	for _, f := range r.Files {
		c, path := f.Counts, absolute(f.Path)
		e.Inputs = append(e.Inputs, audit.Input{Path: path, SHA256: f.SHA256, Bytes: f.Size})
		pr.Files = append(pr.Files, audit.PurgeFile{Path: path, Rows: c.Rows, Kept: c.Kept, Deleted: c.Deleted,
			Anonymised: c.Anonymised, Pseudonymised: c.Pseudonymised, Held: c.Held})
	}
	e.Purge = pr
	return e
}

// Planned returns what applying the plan would do, as a Result: the
// counts per file, for a dry run's record and a failed run's.
func (p *Plan) Planned() *Result {
	return &Result{AsOf: p.AsOf, Files: p.Results()}
}

func absolute(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
