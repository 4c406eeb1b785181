package main

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/internal/cmdutil"
)

var mailingBenchRows = flag.Int("mailing.rows", 1_000_000, "customers generated for BenchmarkMailingPost")

// BenchmarkMailingPost is the mailing figure of the project's benchmark:
// mailing --channel post with duplicate merging on a generated customers
// file (1M rows unless -mailing.rows says otherwise; about 5% of them are
// re-registrations of an earlier customer, written differently:
// benchdata.WriteRepeatedCustomers). It reports
// the process's peak resident memory as maxrss-MiB where the system tells
// it (Linux). Run it alone:
//
//	go test ./cmd/custkit -run '^$' -bench MailingPost -benchtime 1x
func BenchmarkMailingPost(b *testing.B) {
	dir := b.TempDir()
	in := filepath.Join(dir, "customers.csv")
	f, err := os.Create(in)
	if err != nil {
		b.Fatal(err)
	}
	if err := benchdata.WriteRepeatedCustomers(f, *mailingBenchRows); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "list.csv")
	report := filepath.Join(dir, "groups.csv")
	state := filepath.Join(dir, "state") // mailing keeps an access log
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		s, _, errb := cmdutil.BufferStreams("")
		inState(s, state)
		if code := run([]string{"mailing", "--channel", "post", "--customers", in, "--dedupe-report", report, "-o", out}, s); code != 0 {
			b.Fatalf("exit %d: %s", code, errb)
		}
		b.Logf("%s", strings.TrimSpace(errb.String()))
	}
	b.StopTimer()
	if kb, ok := peakRSS(); ok {
		b.ReportMetric(float64(kb)/1024, "maxrss-MiB")
	}
}

// peakRSS reads the process's peak resident set (VmHWM) in KiB on Linux.
func peakRSS() (int, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb, err == nil
		}
	}
	return 0, false
}
