package ledger

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// BenchmarkBuild measures the ledger pass of T3 (ledger --top 100 --by
// spend): 1M generated lines over 100k customers (the shape of size M),
// and 2M lines over 1M customers (the number of customers of size L, where
// the per-customer tables no longer fit a cache). It reports MB/s.
func BenchmarkBuild(b *testing.B) {
	for _, size := range []struct {
		name             string
		lines, customers int
	}{{"1M-lines-100k-customers", 1_000_000, 100_000}, {"2M-lines-1M-customers", 2_000_000, 1_000_000}} {
		data := benchdata.Sales(size.lines, size.customers, 5000)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: "s.csv"})
				if err != nil {
					b.Fatal(err)
				}
				bind, _ := schema.Sales.Bind(r.Header(), nil)
				l, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := l.Order(BySpend, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMemory measures the ledger's memory at the size L of the peer
// benchmark without reading a file: 4.1M visits (10M lines in receipts of
// 2.3 lines, 5% walk-ins) over 1M customers, activity skewed as in the
// peer benchmark's data, in date order, with one customer in 50 coming
// twice on a day. It reports the heap the ledger holds, in MB.
func BenchmarkMemory(b *testing.B) {
	const visits, customers = 4_100_000, 1_000_000
	ids := make([][]byte, customers)
	for i := range ids {
		ids[i] = fmt.Appendf(nil, "C%07d", i+1)
	}
	for b.Loop() {
		rng := rand.New(rand.NewPCG(1, 2))
		seed := maphash.MakeSeed()
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		l := &Ledger{ids: record.NewIDs(1 << 16)}
		ch := &chunk{}
		add := func(c int, r run) {
			ch.ids = append(ch.ids, ids[c]...)
			r.idEnd, r.hash = uint32(len(ch.ids)), l.ids.Hash(ids[c])
			ch.runs = append(ch.runs, r)
		}
		for v := 0; v < visits; v++ {
			c := rng.IntN(customers)
			if rng.IntN(100) < 50 {
				c = rng.IntN(customers / 20) // the frequent few
			}
			r := run{day: int32(19358 + v*1095/visits), visit: maphash.Comparable(seed, v), lines: 2, qty: 2, spend: 100}
			add(c, r)
			if rng.IntN(50) == 0 { // a second receipt the same day
				r.visit++
				add(c, r)
			}
			if len(ch.runs) >= 1<<14 {
				l.addRuns(ch)
				ch.runs, ch.ids = ch.runs[:0], ch.ids[:0]
			}
		}
		l.addRuns(ch)
		l.recount()
		var after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), "allocated-MiB")
		b.ReportMetric(float64(l.Len()), "customers")
		runtime.KeepAlive(l)
	}
}
