package main

import (
	"testing"

	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/segment"
)

// TestSegmentRules applies the config's segment: section over the defaults.
func TestSegmentRules(t *testing.T) {
	r, err := segmentRules(config.Segment{NewWithin: "2mo", AtRiskMaxRecency: 1})
	want := segment.DefaultRules()
	want.NewWithin, want.AtRiskMaxR = parse.Period{Months: 2}, 1
	if err != nil || r != want {
		t.Errorf("got %+v %v, want %+v", r, err, want)
	}
	if _, err := segmentRules(config.Segment{LoyalMinMonetary: 7}); err == nil {
		t.Error("a score of 7 was accepted")
	}
	if _, err := segmentRules(config.Segment{LapseAfter: "a while"}); err == nil {
		t.Error("a period of \"a while\" was accepted")
	}
}
