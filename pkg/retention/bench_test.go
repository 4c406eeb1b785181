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

	"github.com/custkit/custkit/pkg/parse"
)

// benchShop writes a shop of n customers and 10n sales lines, shaped like
// cmd/custkit-gendata's (a customers row of about 190 bytes, a sales line
// of about 95), with purchases over 2019-2025.
func benchShop(b *testing.B, dir string, n int) Files {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	f := Files{Customers: filepath.Join(dir, "customers.csv"), Sales: filepath.Join(dir, "sales.csv")}
	write := func(path, header string, rows int, row func(w *bufio.Writer, i int)) {
		out, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(out, 1<<20)
		w.WriteString(header)
		for i := 1; i <= rows; i++ {
			row(w, i)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		out.Close()
	}
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	write(f.Customers, "customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,store_id,registered_at,mail_opt_in\n", n, func(w *bufio.Writer, i int) {
		fmt.Fprintf(w, "C%07d,平野　哲也,ヒラノ　テツヤ,M,1980-07-26,090-3460-%04d,c%d@example.net,703-1491,\"沖縄県那覇市梅ヶ丘5丁目23番2号, ヴィラ若松 505号室\",S0%d,%s,true\n",
			i, i%10000, i, 1+i%3, start.AddDate(0, 0, rng.IntN(2000)).Format("2006-01-02"))
	})
	write(f.Sales, "receipt_id,line_no,customer_id,sold_at,store_id,product_id,product_name,category,quantity,unit_price,amount\n", 10*n, func(w *bufio.Writer, i int) {
		id := "C" + strconv.Itoa(1e7 + 1 + rng.IntN(n))[1:]
		if i%20 == 0 {
			id = ""
		}
		fmt.Fprintf(w, "R%09d,1,%s,%sT10:00:00,S02,P02822,新作絵本 5個入,書籍,1,1360,1360\n", i, id, start.AddDate(0, 0, rng.IntN(2500)).Format("2006-01-02"))
	})
	return f
}

// BenchmarkPurge scans and applies a purge that deletes old sales lines,
// deletes inactive customers and pseudonymises their newer lines. Set
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
		Customers: CustomerRule{InactiveAfter: period(b, "2y"), Action: Delete},
		Sales:     SalesRule{AgeRule: AgeRule{Keep: period(b, "5y"), Set: true}},
		MaxDelete: Limit{Percent: 100, IsPercent: true},
	}
	st, _ := os.Stat(files.Sales)
	b.SetBytes(st.Size())
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		copyFile(b, files.Customers, filepath.Join(dir, "customers.csv"))
		copyFile(b, files.Sales, filepath.Join(dir, "sales.csv"))
		opts := ScanOptions{Files: Files{Customers: filepath.Join(dir, "customers.csv"), Sales: filepath.Join(dir, "sales.csv")},
			Policy: pol, AsOf: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
		b.StartTimer()
		p, err := Scan(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
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
