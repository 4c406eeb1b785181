package retention

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/mattn/go-runewidth"
)

// WriteRules writes the policy as the plan applies it: each rule with the
// day it counts from.
//
//	customers   inactive since before 2021-11-30 (5y): delete
//	sales       dated before 2019-11-30 (7y): delete; of purged customers: pseudonymize
//	legal hold  holds.csv: 2 customers
func (p *Plan) WriteRules(w io.Writer) error {
	bw := bufio.NewWriter(w)
	rule := func(name, text string) { fmt.Fprintf(bw, "  %-11s %s\n", name, text) }
	if cut, ok := p.Cutoff(schema.Customers); ok {
		rule("customers", fmt.Sprintf("inactive since before %s (%s): %s", parse.FormatDate(cut), p.Policy.Customers.InactiveAfter, p.Policy.Customers.Action))
	} else {
		rule("customers", "no rule: kept")
	}
	sales := "no age rule"
	if cut, ok := p.Cutoff(schema.Sales); ok {
		sales = fmt.Sprintf("dated before %s (%s): delete", parse.FormatDate(cut), p.Policy.Sales.Keep)
	}
	rule("sales", sales+"; of purged customers: "+string(p.Policy.Sales.onPurge()))
	ruled := map[string]bool{schema.Customers.Name: true, schema.Sales.Name: true}
	for _, f := range p.Files {
		k := f.Kind
		if ruled[k.Name] {
			continue // several files of a kind have one rule
		}
		ruled[k.Name] = true
		text := "no age rule"
		if cut, ok := p.Cutoff(k); ok {
			period, _ := p.Policy.rule(k)
			text = fmt.Sprintf("dated before %s (%s): delete", parse.FormatDate(cut), period)
		}
		rule(k.Name, text+"; of purged customers: delete")
	}
	if p.Policy.LegalHold != "" {
		rule("legal hold", fmt.Sprintf("%s: %s", p.Policy.LegalHold, english.Count(p.OnHold, "customer")))
	}
	return bw.Flush()
}

// WriteTable writes the counts per file as an aligned table:
//
//	file            rows  kept  deleted  anonymised  pseudonymised  held
//	customers.csv     34    29        5           0              0     0
func WriteTable(w io.Writer, files []FileResult) error {
	header := []string{"file", "rows", "kept", "deleted", "anonymised", "pseudonymised", "held"}
	table := [][]string{header}
	for _, f := range files {
		c := f.Counts
		table = append(table, []string{f.Path, itoa(c.Rows), itoa(c.Kept), itoa(c.Deleted), itoa(c.Anonymised), itoa(c.Pseudonymised), itoa(c.Held)})
	}
	width := make([]int, len(header))
	for _, row := range table {
		for i, cell := range row {
			width[i] = max(width[i], runewidth.StringWidth(cell))
		}
	}
	bw := bufio.NewWriter(w)
	for _, row := range table {
		var line strings.Builder
		for i, cell := range row {
			if i == 0 {
				line.WriteString(cell + strings.Repeat(" ", width[0]-runewidth.StringWidth(cell)))
				continue
			}
			fmt.Fprintf(&line, "  %*s", width[i], cell)
		}
		bw.WriteString(line.String() + "\n")
	}
	return bw.Flush()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Share writes how many of the customers a run purges: "5 of 34 customers
// (14.7%)".
func Share(purged, total int) string {
	pct := 0.0
	if total > 0 {
		pct = float64(purged) * 100 / float64(total)
	}
	return fmt.Sprintf("%d of %s (%s%%)", purged, english.Count(total, "customer"), strconv.FormatFloat(pct, 'f', 1, 64))
}

// WritePlan writes what a run does: a head line with the date and note,
// the rules, the table of counts per file and the expired exports to
// shred.
//
//	purge plan as of 2031-06-01 (dry run: nothing is changed)
//	  customers   inactive since before 2026-06-01 (5y): delete
//	  ...
//	customers.csv: 2 empty rows are not written back
//	expired exports to shred: 1
//	  /home/shop/dm-list.csv
func WritePlan(w io.Writer, p *Plan, exports []string, head, note string) error {
	fmt.Fprintf(w, "%s as of %s%s\n", head, parse.FormatDate(p.AsOf), note)
	if err := p.WriteRules(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if err := WriteTable(w, p.Results()); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	for _, fp := range p.Files {
		if note := fp.SkipNote(); note != "" {
			fmt.Fprintf(bw, "%s: %s\n", fp.Path, note)
		}
	}
	fmt.Fprintf(bw, "expired exports to shred: %d\n", len(exports))
	for _, e := range exports {
		fmt.Fprintf(bw, "  %s\n", e)
	}
	return bw.Flush()
}

// Rewrites reports whether applying the plan writes the file anew: it
// does when it changes or removes any of its rows.
func (fp *FilePlan) Rewrites() bool { return fp.Counts.Changed() > 0 }

// SkipNote says what becomes of the rows without data that the file's
// reader skipped, as counted by the reader: a rewrite leaves them out, and
// a file the plan does not rewrite keeps them. "" when there are none.
//
//	3 empty rows and 1 repeated header (line 120) are not written back
//	1 empty row is skipped; the file is not rewritten
func (fp *FilePlan) SkipNote() string {
	sk := fp.Skipped
	var what []string
	if sk.Empty > 0 {
		what = append(what, english.Count(sk.Empty, "empty row"))
	}
	switch sk.Headers {
	case 0:
	case 1:
		what = append(what, fmt.Sprintf("1 repeated header (line %d)", sk.FirstHeader))
	default:
		what = append(what, fmt.Sprintf("%d repeated headers (first on line %d)", sk.Headers, sk.FirstHeader))
	}
	if len(what) == 0 {
		return ""
	}
	verb := "are"
	if sk.Empty+sk.Headers == 1 {
		verb = "is"
	}
	if fp.Rewrites() {
		return fmt.Sprintf("%s %s not written back", strings.Join(what, " and "), verb)
	}
	return fmt.Sprintf("%s %s skipped; the file is not rewritten", strings.Join(what, " and "), verb)
}

// WriteDone says what an applied run did beside the table: how many
// customers it purged and exports it shredded, the replaced versions it
// could only delete, and what shredding cannot guarantee where the files
// are (see shred.Medium.Caveats).
func WriteDone(w io.Writer, p *Plan, res *Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "purged %s; shredded the replaced versions and %d expired exports\n", Share(p.Purged, p.Customers), len(res.Exports))
	for _, f := range res.Unshredded {
		fmt.Fprintf(bw, "the old version of %s could not be shredded (no hard links on this file system); it was deleted\n", f)
	}
	for _, c := range shred.Inspect(filepath.Dir(p.Files[0].Path)).Caveats() {
		fmt.Fprintf(bw, "caveat: %s\n", c)
	}
	return bw.Flush()
}

// WriteResult writes a finished run's head line and table.
func WriteResult(w io.Writer, res *Result, head string) error {
	fmt.Fprintf(w, "%s as of %s\n", head, parse.FormatDate(res.AsOf))
	return WriteTable(w, res.Files)
}
