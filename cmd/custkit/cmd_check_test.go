package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewCheckCmd(t *testing.T) {
	tests := []struct {
		args   []string
		sales  string
		format string
		limit  int
	}{
		{[]string{"--sales", "s.csv"}, "s.csv", "", 20},
		{[]string{"--sales", "s.csv", "--format", "json", "--limit", "0"}, "s.csv", "json", 0},
	}
	for _, tt := range tests {
		s, _, _ := testStreams("")
		var got *checkOptions
		cmd := newCheckCmd(s, &globalOptions{cfg: &settings{}}, func(_ context.Context, o *checkOptions) error {
			got = o
			return nil
		})
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if got.in.sales != tt.sales || got.format != tt.format || got.limit != tt.limit {
			t.Errorf("%v: sales %q, format %q, limit %d", tt.args, got.in.sales, got.format, got.limit)
		}
	}
}

func TestRunCheckFormats(t *testing.T) {
	dir := t.TempDir()
	sales := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(sales, []byte("customer_id,amount\nC1,abc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tty := range []bool{true, false} {
		s, out, errb := testStreams("")
		s.stdoutTTY = tty
		opts := &checkOptions{streams: s, global: &globalOptions{cfg: &settings{}}, limit: 20}
		opts.in.sales, opts.in.encoding = sales, "auto"
		err := runCheck(context.Background(), opts)
		var silent *silentError
		firstLine, _, _ := strings.Cut(out.String(), "\n")
		if tty {
			// On a terminal: the text report, ending in its summary; the
			// failure is silent because the report already says it.
			if !errors.As(err, &silent) || firstLine != sales+": sales file, utf-8, comma-separated, 1 row" ||
				!strings.HasSuffix(out.String(), "\n1 error, 0 warnings in 1 file\n") || errb.Len() != 0 {
				t.Errorf("terminal: err %v, stdout %q, stderr %q", err, out, errb)
			}
			continue
		}
		if err == nil || errors.As(err, &silent) || err.Error() != "check: 1 error, 0 warnings in 1 file" ||
			firstLine != "file,line,column,value,severity,code,problem" {
			t.Errorf("pipe: err %v, stdout %q", err, out)
		}
	}
}
