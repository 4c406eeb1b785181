package retention

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/parse"
)

// benchShop writes a shop of n customers (benchdata.RegisteredCustomers:
// rows shaped like cmd/custkit-gendata's, registered over 2019-2024) and
// the benchmarks' shared sales file of 10n lines over 2025-2027.
func benchShop(b *testing.B, dir string, n int) Files {
	b.Helper()
	f := Files{Customers: filepath.Join(dir, "customers.csv"), Sales: filepath.Join(dir, "sales.csv")}
	if err := os.WriteFile(f.Customers, benchdata.RegisteredCustomers(n), 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(f.Sales, benchdata.Sales(10*n, n, 5000), 0o600); err != nil {
		b.Fatal(err)
	}
	return f
}

// BenchmarkPurge scans and applies a purge that, as of 2028-06-01,
// deletes the sales lines before 2026-06-01, deletes the customers who
// bought nothing since 2027-06-01 and pseudonymises their newer lines. Set
// PURGE_BENCH_CUSTOMERS for another size (the sales lines are ten times
// as many); the default, 20000, keeps a run short.
func BenchmarkPurge(b *testing.B) {
	n := 20000
	if s := os.Getenv("PURGE_BENCH_CUSTOMERS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	pristine := b.TempDir()
	files := benchShop(b, pristine, n)
	pol := Policy{
		Customers: CustomerRule{InactiveAfter: period(b, "1y"), Action: Delete},
		Sales:     SalesRule{AgeRule: AgeRule{Keep: period(b, "2y"), Set: true}},
		MaxDelete: Limit{Percent: 100, IsPercent: true},
	}
	st, _ := os.Stat(files.Sales)
	b.SetBytes(st.Size())
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		copyFile(b, files.Customers, filepath.Join(dir, "customers.csv"))
		copyFile(b, files.Sales, filepath.Join(dir, "sales.csv"))
		in := Files{Customers: filepath.Join(dir, "customers.csv"), Sales: filepath.Join(dir, "sales.csv")}
		opts := ScanOptions{Policy: pol, AsOf: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)}
		b.StartTimer()
		p, err := Scan(context.Background(), in, opts)
		if err != nil {
			b.Fatal(err)
		}
		if c := p.Files[1].Counts; p.Purged == 0 || c.Deleted == 0 || c.Pseudonymised == 0 {
			b.Fatalf("the plan does not exercise the purge: %d customers purged, sales %+v", p.Purged, c)
		}
		r := &Runner{Dir: dir, Shred: os.Remove}
		if _, err := r.Apply(context.Background(), p, ApplyOptions{Pseudonym: pseudonym}); err != nil {
			b.Fatal(err)
		}
		if err := r.Finish(); err != nil {
			b.Fatal(err)
		}
	}
}

func period(tb testing.TB, s string) parse.Period {
	p, err := parse.ParsePeriod(s)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		b.Fatal(err)
	}
}
