package join

import (
	"fmt"

	"github.com/custkit/custkit/pkg/usererr"
)

// Check refuses options that contradict each other, before any file is
// read: the customers without sales are a listing of customers, not a
// join of another type.
func (o Options) Check() error {
	if o.WithoutSales && o.Type != Inner {
		return usererr.Usagef("--customers-without-sales lists customers; it cannot be combined with --type")
	}
	return nil
}

// Report is the report of a join for standard error: the summary and,
// with keyNormalize, how many ids the normalisation changed.
func (s Stats) Report(keyNormalize bool) []string {
	lines := []string{s.Summary()}
	if n := s.Near.Note(s.customersFile); n != "" {
		lines = append(lines, n)
	}
	if keyNormalize {
		lines = append(lines, fmt.Sprintf("--key-normalize changed %d customer ids and %d sales ids", s.CustomerKeysChanged, s.KeysChanged))
	}
	return lines
}
