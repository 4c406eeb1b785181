package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/retention"
	"github.com/spf13/cobra"
)

// TestNewPurgeCmd maps argv to options through runF, and the options to
// what the scan is given.
func TestNewPurgeCmd(t *testing.T) {
	s, _, _ := testStreams("")
	g := &globalOptions{cfg: &settings{file: "shop/custkit.yaml", Config: config.Config{Retention: config.Retention{
		Customers: config.CustomerRetention{InactiveAfter: "5y", Action: "delete"},
		LegalHold: "holds.csv", MaxDelete: "20%"}}}}
	var got *purgeOptions
	cmd := newPurgeCmd(s, g, func(_ context.Context, o *purgeOptions) error {
		got = o
		return nil
	})
	dir := t.TempDir()
	c, sales := filepath.Join(dir, "c.csv"), filepath.Join(dir, "s.csv")
	for _, p := range []string{c, sales} {
		if err := os.WriteFile(p, []byte("customer_id\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd.SetArgs([]string{"--customers", c, "--sales", sales, "--as-of", "2031-06-01", "--max-delete", "25", "--dry-run", "-v", "--key-file", "k"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !got.dryRun || !got.verbose || got.force || got.keyFile != "k" || !reflect.DeepEqual(got.args[:2], []string{"--as-of=2031-06-01", "--customers=" + c}) {
		t.Errorf("options %+v", got)
	}
	files, err := got.files()
	if err != nil || files != (retention.Files{Customers: c, Sales: sales}) {
		t.Fatalf("files %+v, %v", files, err)
	}
	so, err := got.scanOptions(files)
	if err != nil {
		t.Fatal(err)
	}
	if so.AsOf.Format("2006-01-02") != "2031-06-01" || so.Policy.MaxDelete != (retention.Limit{Count: 25}) ||
		so.Policy.LegalHold != "shop/holds.csv" || so.Policy.Customers.Action != retention.Delete || so.IsPseudonym == nil {
		t.Errorf("scan options %+v", so)
	}
	got.maxSet = false
	if so, _ := got.scanOptions(files); so.Policy.MaxDelete != (retention.Limit{Percent: 20, IsPercent: true}) {
		t.Errorf("max_delete from the config: %v", so.Policy.MaxDelete)
	}
}

func TestPurgeUsage(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--sales", "s.csv"}, "--customers is required"},
		{[]string{"--customers", "c.csv"}, "--sales is required"},
		{[]string{"--customers", "c.csv", "--sales", "-"}, `standard input ("-") cannot be purged`},
		{[]string{"--customers", "c.csv", "--sales", "s.csv", "--max-delete", "half"}, `"half" is not a share of customers`},
		{[]string{"--customers", "c.csv", "--sales", "s.csv", "stray"}, `purge takes no arguments, but was given "stray"`},
	}
	for _, tt := range cases {
		s, _, _ := testStreams("")
		opts := &purgeOptions{streams: s, global: &globalOptions{cfg: &settings{}}}
		cmd := newPurgeCmd(s, opts.global, func(_ context.Context, o *purgeOptions) error {
			_, err := o.files()
			return err
		})
		wrapArgs(cmd)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
		cmd.SetArgs(tt.args)
		err := cmd.Execute()
		if err == nil || !strings.Contains(err.Error(), tt.want) || exitCode(s, err) != exitUsage {
			t.Errorf("%q: got %v, want a usage error with %q", tt.args, err, tt.want)
		}
	}
}
