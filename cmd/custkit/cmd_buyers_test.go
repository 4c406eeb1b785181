package main

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// TestNewBuyersCmd maps argv to options through runF: lists and repeats,
// and the selection and window they turn into.
func TestNewBuyersCmd(t *testing.T) {
	s, _, _ := testStreams("")
	var got *buyersOptions
	cmd := newBuyersCmd(s, &globalOptions{cfg: &settings{}}, func(_ context.Context, o *buyersOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--sales", "s.csv", "--product", "P1, P2", "--product", "P0*", "--category", "皿, 鉢",
		"--name-contains", "ｸﾀﾆ", "--store", "S1,S2", "--exclude-product", "P9", "--within", "1mo", "--as-of", "2024-03-31",
		"--min-count", "2", "--count-by", "lines", "--min-amount", "¥1,000", "--sort", "amount", "--all"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"P1", " P2", "P0*"}; !reflect.DeepEqual(got.products, want) {
		t.Errorf("products %q, want %q", got.products, want)
	}
	if want := []string{"皿, 鉢"}; !reflect.DeepEqual(got.categories, want) {
		t.Errorf("a category is one value, commas and all: %q", got.categories)
	}
	got.now = func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }
	bo, err := got.spec()
	if err != nil {
		t.Fatal(err)
	}
	if bo.Match.Terms() != 5 || !bo.All || bo.Exclude.Terms() != 1 || !reflect.DeepEqual(bo.Stores, []string{"S1", "S2"}) {
		t.Errorf("selection: %d terms, all %v, stores %q", bo.Match.Terms(), bo.All, bo.Stores)
	}
	if bo.Window.Since.Format("2006-01-02") != "2024-03-01" || bo.Window.Until.Format("2006-01-02") != "2024-03-31" {
		t.Errorf("window %v..%v", bo.Window.Since, bo.Window.Until)
	}
	if bo.MinCount != 2 || bo.CountBy != "lines" || !bo.HasMinAmount || bo.MinAmount.String() != "1000" || got.sortBy != "amount" {
		t.Errorf("thresholds %+v sort %s", bo, got.sortBy)
	}
}
