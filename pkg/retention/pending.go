package retention

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Recovery is what FinishPending found and did about a run that was
// killed.
type Recovery struct {
	// Started is when the interrupted run started; zero when there was
	// none.
	Started time.Time
	// Result is what the finished run did; nil when there was none, or it
	// was abandoned.
	Result *Result
	// Abandoned is set when nothing of the run was in place any more (see
	// ErrAbandoned): it was given up, and a new run starts afresh.
	Abandoned bool
}

// FinishPending finishes a run that was killed, before anything else: it
// resumes its journal, gives the result to record and, once record
// succeeds, removes the journal. Then, with no journal left, it destroys
// the temporary files a killed run left behind (Clean). Call it with the
// purge lock held.
func (r *Runner) FinishPending(ctx context.Context, files Files, record func(*Result) error) (Recovery, error) {
	j, err := r.Pending()
	if err != nil || j == nil {
		if err == nil {
			err = r.Clean(files)
		}
		return Recovery{}, err
	}
	rec := Recovery{Started: j.Started()}
	res, err := r.Resume(ctx, j)
	switch {
	case errors.Is(err, ErrAbandoned):
		rec.Abandoned = true
	case errors.Is(err, context.Canceled):
		return rec, err
	case err != nil:
		return rec, fmt.Errorf("finishing the purge started %s: %w", rec.Started.Format(time.RFC3339), err)
	default:
		if err := record(res); err != nil {
			return rec, err
		}
		if err := r.Finish(); err != nil {
			return rec, err
		}
		rec.Result = res
	}
	return rec, r.Clean(files)
}
