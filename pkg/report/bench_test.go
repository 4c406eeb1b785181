package report

import (
	"bytes"
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/segment"
)

// BenchmarkBuild makes the report of 200k generated lines over 20k
// customers (benchdata.Shop, May 2024) with its customers file; "ledger"
// builds the ledger of the same files, what report is held to (issue:
// 1.5× its time). cpu-ns/op is the process's CPU time (user and system,
// every core) per run: on a shared machine it compares better than the
// time on the clock.
func BenchmarkBuild(b *testing.B) {
	custs, sales := benchdata.Shop(20_000, 200_000)
	open := func(name string, kind schema.Kind, data []byte) *record.File {
		r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: name})
		if err != nil {
			b.Fatal(err)
		}
		bind, err := kind.Bind(r.Header(), nil)
		if err != nil {
			b.Fatal(err)
		}
		return &record.File{Reader: r, Binding: bind}
	}
	asOf := time.Date(2024, 5, 31, 0, 0, 0, 0, time.UTC)
	b.Run("report", func(b *testing.B) {
		b.SetBytes(int64(len(sales)))
		b.ReportAllocs()
		in := Input{
			Sales:      func() (record.File, error) { return *open("s.csv", schema.Sales, sales), nil },
			Customers:  func() (*record.File, error) { return open("c.csv", schema.Customers, custs), nil },
			Complaints: func() (*record.File, error) { return nil, nil },
		}
		opts := Options{AsOf: asOf, Lang: English, Thresholds: segment.DefaultThresholds()}
		start := cpuTime(b)
		for b.Loop() {
			if _, err := Build(context.Background(), in, opts, &doc{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
	})
	b.Run("ledger", func(b *testing.B) {
		b.SetBytes(int64(len(sales)))
		b.ReportAllocs()
		start := cpuTime(b)
		for b.Loop() {
			in := ledger.Input{Sales: *open("s.csv", schema.Sales, sales), Customers: open("c.csv", schema.Customers, custs)}
			if _, err := ledger.Build(context.Background(), in, ledger.Settings{AsOf: asOf}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
	})
}

// cpuTime is the CPU time the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
