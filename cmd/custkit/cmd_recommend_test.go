package main

import (
	"context"
	"testing"
)

// TestNewRecommendCmd maps argv to options, and the defaults.
func TestNewRecommendCmd(t *testing.T) {
	s, _, _ := testStreams("")
	var got *recommendOptions
	cmd := newRecommendCmd(s, &globalOptions{cfg: &settings{}}, func(_ context.Context, o *recommendOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--sales", "s.csv", "--product", "P1", "--by", "category", "--top", "3", "--min-customers", "2"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.product != "P1" || got.by != "category" || got.top != 3 || got.minCustomers != 2 || got.minShared != 0 {
		t.Errorf("options %+v", got)
	}
	cmd = newRecommendCmd(s, &globalOptions{cfg: &settings{}}, func(_ context.Context, o *recommendOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--sales", "s.csv", "--customer", "C1"})
	if err := cmd.Execute(); err != nil || got.customer != "C1" || got.top != 10 || got.by != "product" {
		t.Errorf("defaults: %+v %v", got, err)
	}
}
