package audit

import (
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/english"
)

// Filter picks entries out of the log.
type Filter struct {
	// Since keeps the runs on or after this day (on the entry's own
	// calendar day); zero keeps all.
	Since time.Time
	// Command keeps the runs of this command or of its subcommands
	// ("exports" keeps "exports shred"); "" keeps all.
	Command string
}

// Keep reports whether e passes the filter.
func (f Filter) Keep(e Entry) bool {
	if !f.Since.IsZero() {
		y, m, d := e.Time.Date()
		if time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Before(f.Since) {
			return false
		}
	}
	c := f.Command
	return c == "" || e.Command == c || strings.HasPrefix(e.Command, c+" ")
}

// Header is the header of a listing of entries (see Row): the essentials
// for a table, every field with full.
func Header(full bool) []string {
	if !full {
		return []string{"time", "user", "command", "inputs", "outputs", "rows", "purpose", "reveal", "ok"}
	}
	return []string{"seq", "time", "user", "host", "command", "args", "inputs", "input_sha256", "outputs", "rows", "columns", "shredded", "purpose", "reveal", "ok", "hash", "config", "settings"}
}

// Fields are the keys of a log line, in the order the line has them: the
// columns of a listing in json or jsonl, which writes each entry as the
// log holds it (json.Marshal of the Entry), every field with its type.
var Fields = []string{"seq", "time", "user", "host", "command", "args", "inputs", "outputs", "shredded",
	"purpose", "reveal", "ok", "purge", "config", "settings", "prev", "hash"}

// Row lists e with the columns of Header(full). Without full, the files
// destroyed are listed among the outputs.
func Row(e Entry, full bool) []string {
	var ins, sums, outs, cols []string
	var rows int64
	for _, in := range e.Inputs {
		ins, sums = append(ins, in.Path), append(sums, in.SHA256)
	}
	for _, o := range e.Outputs {
		outs, rows = append(outs, o.Path), rows+o.Rows
		cols = append(cols, strings.Join(o.Columns, " "))
	}
	t := e.Time.Format(time.RFC3339)
	yes := english.YesNo
	if !full {
		for _, p := range e.Shredded {
			outs = append(outs, "shredded "+p)
		}
		return []string{t, e.User, e.Command, strings.Join(ins, " "), strings.Join(outs, " "), strconv.FormatInt(rows, 10), e.Purpose, yes(e.Reveal), yes(e.OK)}
	}
	return []string{strconv.FormatInt(e.Seq, 10), t, e.User, e.Host, e.Command, strings.Join(e.Args, " "),
		strings.Join(ins, " "), strings.Join(sums, " "), strings.Join(outs, " "), strconv.FormatInt(rows, 10),
		strings.Join(cols, " | "), strings.Join(e.Shredded, " "), e.Purpose, yes(e.Reveal), yes(e.OK), e.Hash,
		e.Config, settingsText(e.Settings)}
}

// settingsText writes a run's settings as name=value (source), separated
// by "; ".
func settingsText(ss []Setting) string {
	parts := make([]string, len(ss))
	for i, st := range ss {
		parts[i] = st.Name + "=" + st.Value + " (" + st.Source + ")"
	}
	return strings.Join(parts, "; ")
}
