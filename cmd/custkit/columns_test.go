package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// wideFiles writes a customers and a sales file of one row each with n
// extra columns besides the ones join needs, and returns their paths. Half
// the customers' extra columns share the name memo, which the sales file
// has too, so that join names every one of them anew.
func wideFiles(tb testing.TB, n int) (customers, sales string) {
	tb.Helper()
	dir := tb.TempDir()
	var c, s bytes.Buffer
	c.WriteString("customer_id,name")
	s.WriteString("customer_id,receipt_id,memo")
	for i := range n {
		if i%2 == 0 {
			c.WriteString(",c" + strconv.Itoa(i))
		} else {
			c.WriteString(",memo")
		}
		s.WriteString(",s" + strconv.Itoa(i))
	}
	c.WriteString("\nC1,Taro" + strings.Repeat(",x", n) + "\n")
	s.WriteString("\nC1,R1,100" + strings.Repeat(",y", n) + "\n")
	customers, sales = filepath.Join(dir, "c.csv"), filepath.Join(dir, "s.csv")
	if err := os.WriteFile(customers, c.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(sales, s.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
	return customers, sales
}

// runWide runs join and redact on files with n extra columns and checks
// that every column comes out: n+3 sales columns and n+1 customer columns
// joined, n+1 customer columns redacted (name dropped).
func runWide(tb testing.TB, n int) {
	tb.Helper()
	customers, sales := wideFiles(tb, n)
	for _, tt := range []struct {
		args []string
		cols int
	}{
		{[]string{"join", "-q", "--customers", customers, "--sales", sales}, 2*n + 4},
		{[]string{"redact", "-q", customers, "--drop", "name", "--mask", "c0"}, n + 1},
	} {
		s, out, errb := cmdutil.BufferStreams("")
		state := tb.TempDir()
		s.Getenv = func(k string) string { return map[string]string{"XDG_STATE_HOME": state}[k] }
		if code := run(tt.args, s); code != cmdutil.ExitOK {
			tb.Fatalf("%s: exit status %d: %s", tt.args[0], code, errb)
		}
		header, _, _ := strings.Cut(out.String(), "\n")
		if got := strings.Count(header, ",") + 1; got != tt.cols {
			tb.Fatalf("%s: %d columns in the header, want %d", tt.args[0], got, tt.cols)
		}
	}
}

// TestWideHeader: join and redact do work linear in the number of columns.
// A 200,000-column header takes well under a second each; work quadratic
// in the columns (a column looked up by a scan of the header) took minutes
// and ran into the test timeout.
func TestWideHeader(t *testing.T) {
	if testing.Short() {
		t.Skip("writes two files of 200,000 columns")
	}
	runWide(t, 200_000)
}

// BenchmarkWideHeader times join and redact on a header of 100,000
// columns, per run of both.
func BenchmarkWideHeader(b *testing.B) {
	for b.Loop() {
		runWide(b, 100_000)
	}
}
