package config

import (
	"fmt"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/segment"
	"github.com/custkit/custkit/pkg/usererr"
)

// Thresholds are the default segment thresholds with the section's
// settings applied; an error names the setting (segment.new_within: ...).
func (c Segment) Thresholds() (segment.Thresholds, error) {
	t := segment.DefaultThresholds()
	for _, p := range []struct {
		key, val string
		dst      *parse.Period
	}{{"new_within", c.NewWithin, &t.NewWithin}, {"lapse_after", c.LapseAfter, &t.LapseAfter}} {
		if p.val == "" {
			continue
		}
		v, err := parse.ParsePeriod(p.val)
		if err != nil {
			return t, fmt.Errorf("segment.%s: %v", p.key, err)
		}
		*p.dst = v
	}
	for _, s := range []struct {
		val int
		dst *int
	}{{c.LoyalMinFrequency, &t.LoyalMinF}, {c.LoyalMinMonetary, &t.LoyalMinM},
		{c.AtRiskMinFrequency, &t.AtRiskMinF}, {c.AtRiskMaxRecency, &t.AtRiskMaxR}} {
		if s.val != 0 {
			*s.dst = s.val
		}
	}
	return t, t.Check()
}

// ThresholdsIn is Thresholds with an error that names the config file
// and says where the section is described.
func (c Segment) ThresholdsIn(file string) (segment.Thresholds, error) {
	t, err := c.Thresholds()
	if err != nil {
		return t, usererr.WithHint(fmt.Errorf("%s: %v", file, err), "see the segment: section in custkit segment --help")
	}
	return t, nil
}
