package mailing

import (
	"fmt"
	"strconv"

	"github.com/custkit/custkit/pkg/schema"
)

// RejectHeader is the header of the rejects file: the input's columns
// and the reason, named reject_reason when the input has a reason column
// of its own.
func RejectHeader(header []string) []string {
	reason := "reason"
	for _, h := range header {
		if schema.Normalize(h) == reason {
			reason = "reject_reason"
		}
	}
	return append(append([]string(nil), header...), reason)
}

// Cells are the rejected row's cells in RejectHeader order.
func (r Reject) Cells() []string { return append(r.Fields, r.Reason.String()) }

// GroupColumns are the columns of the dedupe report.
var GroupColumns = []string{"group", "customer_id", "line", "kept", "rule", "matched_with"}

// Rows are the group's rows of the dedupe report, one per member.
func (g Group) Rows() [][]string {
	out := make([][]string, len(g.Members))
	for i, m := range g.Members {
		kept := "no"
		if m.Kept {
			kept = "yes"
		}
		out[i] = []string{strconv.Itoa(g.N), m.ID, strconv.Itoa(m.Line), kept, m.Rule.String(), m.With}
	}
	return out
}

// LargeGroup is the size of a group of duplicates above which it is more
// likely a placeholder value than one person registered many times.
const LargeGroup = 10

// Outcome is what a run tells about its rows on standard error.
type Outcome struct {
	Stats *Stats
	// Explain says how duplicates were merged (see Dedupe.Explain);
	// printed with the dedupe report.
	Explain string
	// DedupeReport and Rejects are the files of --dedupe-report and
	// --rejects, "" if not asked for.
	DedupeReport, Rejects string
}

// Lines are the lines of the report, without a prefix: the summary, how
// duplicates were merged when they are reported, the rejects by reason,
// and a warning about a group too large to be one person.
func (o Outcome) Lines() []string {
	st := o.Stats
	lines := []string{st.Summary()}
	if o.DedupeReport != "" {
		lines = append(lines, fmt.Sprintf("%s; groups in %s", o.Explain, o.DedupeReport))
	}
	if st.RejectedTotal() > 0 {
		where := "list them with --rejects <file>"
		if o.Rejects != "" {
			where = "see " + o.Rejects
		}
		lines = append(lines, fmt.Sprintf("rejected: %s (%s)", st.RejectSummary(), where))
	}
	if st.Largest > LargeGroup {
		lines = append(lines, fmt.Sprintf("warning: one group merges %d rows; a placeholder value (a shop's own phone number or address) may be shared by many rows: check --dedupe-report", st.Largest))
	}
	return lines
}
