package recommend

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// BenchmarkAlsoBought measures the pass of T4 (recommend --product P --top
// 20): 1M generated lines over 100k customers, and 2M lines over 1M
// customers (the number of customers of size L). It reports MB/s.
func BenchmarkAlsoBought(b *testing.B) {
	for _, size := range []struct {
		name             string
		lines, customers int
		returns          bool
	}{{"1M-lines-100k-customers", 1_000_000, 100_000, false}, {"2M-lines-1M-customers", 2_000_000, 1_000_000, false},
		{"1M-lines-100k-customers-returns", 1_000_000, 100_000, true}} {
		data := benchdata.Sales(size.lines, size.customers, 5000)
		if size.returns {
			data = withReturns(data, 50)
		}
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: "s.csv"})
				if err != nil {
					b.Fatal(err)
				}
				bind, _ := schema.Sales.Bind(r.Header(), nil)
				bk, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, Options{By: ByProduct, Product: "P00042"})
				if err != nil {
					b.Fatal(err)
				}
				if n, pairs := bk.AlsoBought(1, 20); n == 0 || len(pairs) != 20 {
					b.Fatalf("%d buyers, %d pairs", n, len(pairs))
				}
			}
		})
	}
}

// withReturns makes every nth line of generated sales a return of what
// it bought: its quantity and amount negative.
func withReturns(data []byte, nth int) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	out := make([]byte, 0, len(data)+2*len(lines)/nth)
	for i, line := range lines {
		if i > 0 && i%nth == 0 && len(line) > 0 {
			f := bytes.Split(line, []byte(","))
			f[6] = append([]byte("-"), f[6]...)
			f[7] = append([]byte("-"), f[7]...)
			line = bytes.Join(f, []byte(","))
		}
		out = append(out, line...)
	}
	return out
}

// BenchmarkMemory measures the baskets' memory at the size L of the peer
// benchmark without reading a file: 9.5M lines with a customer, in
// receipts of 1-5 lines, over 1M customers with skewed activity and 5,000
// products of Zipf-like popularity. It reports the heap the baskets hold,
// in MB, and the distinct (customer, product) pairs, with every customer
// in one shard (the shards split the same memory).
func BenchmarkMemory(b *testing.B) {
	const lines, customers, products = 9_500_000, 1_000_000, 5000
	ids := make([][]byte, customers)
	for i := range ids {
		ids[i] = fmt.Appendf(nil, "C%07d", i+1)
	}
	for _, returns := range []bool{false, true} {
		name := "clean"
		if returns {
			name = "returns"
		}
		b.Run(name, func(b *testing.B) { benchMemory(b, ids, returns) })
	}
}

// benchMemory is BenchmarkMemory on clean lines, or with one line in 50
// a return of one unit.
func benchMemory(b *testing.B, ids [][]byte, returns bool) {
	const lines, customers, products = 9_500_000, 1_000_000, 5000
	for b.Loop() {
		rng := rand.New(rand.NewPCG(1, 2))
		zipf := rand.NewZipf(rng, 1.05, 1, products-1)
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		sh := &shard{customers: record.NewIDs(1 << 16)}
		ch := &chunk{global: make([]int32, products)}
		for p := range ch.global {
			ch.global[p] = int32(p)
		}
		add := func() {
			ch.order = ch.order[:0]
			for i := range ch.runs {
				ch.order = append(ch.order, int32(i))
			}
			sh.addRuns(ch, ch.order)
			ch.runs, ch.items, ch.qty, ch.ids = ch.runs[:0], ch.items[:0], ch.qty[:0], ch.ids[:0]
			ch.seq++
		}
		for n := 0; n < lines; {
			c := rng.IntN(customers)
			if rng.IntN(100) < 50 {
				c = rng.IntN(customers / 20) // the frequent few
			}
			for k := 1 + rng.IntN(5); k > 0; k-- {
				ch.items = append(ch.items, int32(zipf.Uint64()))
				q := netOf(parse.DecimalScale)
				if returns && n%50 == 0 {
					q = -q
				}
				ch.qty = append(ch.qty, q)
				n++
			}
			ch.ids = append(ch.ids, ids[c]...)
			ch.runs = append(ch.runs, crun{idEnd: uint32(len(ch.ids)), hash: sh.customers.Hash(ids[c]), end: int32(len(ch.items))})
			if len(ch.items) > 1<<16 {
				add()
			}
		}
		add()
		var after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), "allocated-MiB")
		b.ReportMetric(float64(sh.sets.pairs()), "pairs")
		runtime.KeepAlive(sh)
	}
}
