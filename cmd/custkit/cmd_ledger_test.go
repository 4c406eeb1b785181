package main

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/parse"
)

// TestNewLedgerCmd maps argv to options through runF, for ledger and the
// commands that share its flags.
func TestNewLedgerCmd(t *testing.T) {
	s, _, _ := testStreams("")
	var got *ledgerOptions
	cmd := newLedgerCmd(s, &globalOptions{cfg: &settings{}}, func(_ context.Context, o *ledgerOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--sales", "s.csv", "--customers", "c.csv", "--top", "5", "--by", "recent",
		"--store", "S1,S2", "--store", "S3", "--within", "30d", "--as-of", "2026-11-22", "--key-normalize"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	src := got.src
	if got.top != 5 || got.by != "recent" || src.in.sales != "s.csv" || src.in.customers != "c.csv" || !src.keyNormalize {
		t.Errorf("options %+v", got)
	}
	if want := []string{"S1", "S2", "S3"}; !reflect.DeepEqual(src.stores, want) {
		t.Errorf("stores %q, want %q", src.stores, want)
	}
	win, asOf, err := src.win.window(func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) })
	if err != nil || parse.FormatDate(win.Since) != "2026-10-24" || parse.FormatDate(asOf) != "2026-11-22" {
		t.Errorf("window %v as of %v: %v", win, asOf, err)
	}
}
