package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/segment"
	"github.com/custkit/custkit/pkg/usererr"
)

// TestSegmentThresholds applies the segment: section over the defaults.
func TestSegmentThresholds(t *testing.T) {
	r, err := Segment{NewWithin: "2mo", AtRiskMaxRecency: 1}.Thresholds()
	want := segment.DefaultThresholds()
	want.NewWithin, want.AtRiskMaxR = parse.Period{Months: 2}, 1
	if err != nil || r != want {
		t.Errorf("got %+v %v, want %+v", r, err, want)
	}
	if _, err := (Segment{LoyalMinMonetary: 7}).Thresholds(); err == nil || err.Error() != "segment.loyal_min_monetary: 7 is not a score from 1 to 5" {
		t.Errorf("a score of 7: %v", err)
	}
	if _, err := (Segment{LapseAfter: "a while"}).Thresholds(); err == nil {
		t.Error("a period of \"a while\" was accepted")
	}
}

// TestSegmentThresholdsIn names the config file and gives a hint.
func TestSegmentThresholdsIn(t *testing.T) {
	_, err := Segment{NewWithin: "soon"}.ThresholdsIn("shop.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "shop.yaml: segment.new_within: ") {
		t.Fatalf("ThresholdsIn: %v", err)
	}
	var he *usererr.HintError
	if !errors.As(err, &he) || he.Hint != "see the segment: section in custkit segment --help" {
		t.Errorf("hint of %v", err)
	}
	if got, err := (Segment{}).ThresholdsIn("shop.yaml"); err != nil || got != segment.DefaultThresholds() {
		t.Errorf("defaults: %+v, %v", got, err)
	}
}
