package cmdutil

import (
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/spf13/cobra"
)

// Window is the flags that select a range of days: --since, --until,
// --within counted back from --as-of (default today). Commands that filter
// sales by date or compute "days since" share them.
type Window struct {
	Since, Until, AsOf string
	Within             parse.Period
	WithinSet          bool
}

// Register adds --since, --until, --within and --as-of to cmd.
func (w *Window) Register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&w.Since, "since", "", "only sales on or after `date` (2026-01-01 or 2026/01/01)")
	fl.StringVar(&w.Until, "until", "", "only sales on or before `date`")
	WindowFlag(cmd, &w.Within, &w.WithinSet, "within", "only sales in the `period` up to --as-of (or --until)")
	w.RegisterAsOf(cmd)
}

// RegisterAsOf adds only --as-of, for commands without a window.
func (w *Window) RegisterAsOf(cmd *cobra.Command) {
	cmd.Flags().StringVar(&w.AsOf, "as-of", "", "the `date` counted from (default today), for reproducible runs")
}

// Date returns --as-of, or today.
func (w *Window) Date(now func() time.Time) (time.Time, error) { return parse.AsOf(w.AsOf, now) }

// Window returns the selected window and the --as-of date.
func (w *Window) Window(now func() time.Time) (parse.Window, time.Time, error) {
	var within *parse.Period
	if w.WithinSet {
		within = &w.Within
	}
	return parse.SelectWindow(w.Since, w.Until, within, w.AsOf, now)
}
