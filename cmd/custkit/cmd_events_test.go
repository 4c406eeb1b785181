package main

import (
	"context"
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
)

// TestNewEventsCmd maps argv to options, and the defaults.
func TestNewEventsCmd(t *testing.T) {
	s, _, _ := testStreams("")
	var got *eventsOptions
	cmd := newEventsCmd(s, &globalOptions{cfg: &settings{}}, func(_ context.Context, o *eventsOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--customers", "c.csv"})
	if err := cmd.Execute(); err != nil || got.within != (parse.Period{Days: 30}) || got.strict {
		t.Errorf("defaults: %+v %v", got, err)
	}
	cmd = newEventsCmd(s, &globalOptions{cfg: &settings{}}, func(_ context.Context, o *eventsOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--customers", "c.csv", "--within", "2mo", "--event", "anniversary", "--strict"})
	if err := cmd.Execute(); err != nil || got.within != (parse.Period{Months: 2}) || !got.strict || !reflect.DeepEqual(got.kinds, []string{"anniversary"}) {
		t.Errorf("options: %+v %v", got, err)
	}
}
