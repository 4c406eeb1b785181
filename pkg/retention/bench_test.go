package retention

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/parse"
)

// benchShop writes a shop of n customers (rows shaped like
// cmd/custkit-gendata's, registered over 2019-2024) and the benchmarks'
// shared sales file of 10n lines over 2025-2027.
func benchShop(b *testing.B, dir string, n int) Files {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	f := Files{Customers: filepath.Join(dir, "customers.csv"), Sales: filepath.Join(dir, "sales.csv")}
	out, err := os.Create(f.Customers)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(out, 1<<20)
	w.WriteString("customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,store_id,registered_at,mail_opt_in\n")
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(w, "C%07d,平野　哲也,ヒラノ　テツヤ,M,1980-07-26,090-3460-%04d,c%d@example.net,703-1491,\"沖縄県那覇市梅ヶ丘5丁目23番2号, ヴィラ若松 505号室\",S0%d,%s,true\n",
			i, i%10000, i, 1+i%3, start.AddDate(0, 0, rng.IntN(2000)).Format("2006-01-02"))
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	out.Close()
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
