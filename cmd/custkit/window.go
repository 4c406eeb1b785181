package main

import (
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/spf13/cobra"
)

// windowFlags select a range of days: --since, --until, --within counted
// back from --as-of (default today). Commands that filter sales by date or
// compute "days since" share them.
type windowFlags struct {
	since, until, asOf string
	within             parse.Period
	withinSet          bool
}

func (w *windowFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&w.since, "since", "", "only sales on or after `date` (2026-01-01 or 2026/01/01)")
	fl.StringVar(&w.until, "until", "", "only sales on or before `date`")
	windowFlag(cmd, &w.within, &w.withinSet, "within", "only sales in the `period` up to --as-of (or --until)")
	w.registerAsOf(cmd)
}

// registerAsOf adds only --as-of, for commands without a window.
func (w *windowFlags) registerAsOf(cmd *cobra.Command) {
	cmd.Flags().StringVar(&w.asOf, "as-of", "", "the `date` counted from (default today), for reproducible runs")
}

// date returns --as-of, or today.
func (w *windowFlags) date(now func() time.Time) (time.Time, error) { return parse.AsOf(w.asOf, now) }

// window returns the selected window and the --as-of date.
func (w *windowFlags) window(now func() time.Time) (parse.Window, time.Time, error) {
	var within *parse.Period
	if w.withinSet {
		within = &w.within
	}
	return parse.SelectWindow(w.since, w.until, within, w.asOf, now)
}
