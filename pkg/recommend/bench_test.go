package recommend

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// BenchmarkAlsoBought measures the pass of T4 (recommend --product P --top
// 20): 1M generated lines over 100k customers, and 2M lines over 1M
// customers (the number of customers of size L); "shop" is 1M lines in
// the peer benchmark's columns (product_name and category between
// product_id and quantity, Japanese text, a quoted name on every tenth
// line). It reports MB/s, and cpu-ns/op: the process's CPU time (user and
// system, every core) per run, which compares better than the time on the
// clock on a shared machine.
func BenchmarkAlsoBought(b *testing.B) {
	for _, size := range []struct {
		name             string
		lines, customers int
		returns, shop    bool
	}{{"1M-lines-100k-customers", 1_000_000, 100_000, false, false}, {"2M-lines-1M-customers", 2_000_000, 1_000_000, false, false},
		{"1M-lines-100k-customers-returns", 1_000_000, 100_000, true, false}, {"1M-lines-shop", 1_000_000, 100_000, false, true}} {
		b.Run(size.name, func(b *testing.B) {
			var data []byte
			switch {
			case size.shop:
				data = shopColumns(benchdata.Sales(size.lines, size.customers, 5000))
			case size.returns:
				data = withReturns(benchdata.Sales(size.lines, size.customers, 5000), 50)
			default:
				data = benchdata.Sales(size.lines, size.customers, 5000)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			start := cpuTime(b)
			defer func() { b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op") }()
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

// shopColumns lays generated sales out in the peer benchmark's columns:
// receipt_id,line_no,customer_id,sold_at,store_id,product_id,product_name,
// category,quantity,unit_price,amount, with Japanese names and
// categories, and the name of every tenth product quoted with a comma in
// it, as in the peer benchmark's files.
func shopColumns(data []byte) []byte {
	names := []string{"無添加ハンドクリーム 200g", "プレミアム美容液 2L", "特選ほうじ茶 100g", "定番かりんとう 中"}
	cats := []string{"化粧品", "食品", "飲料", "文具", "ギフト"}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	out := make([]byte, 0, len(data)*2)
	out = append(out, "receipt_id,line_no,customer_id,sold_at,store_id,product_id,product_name,category,quantity,unit_price,amount\n"...)
	lineNo, receipt := 0, ""
	for _, line := range lines[1:] {
		f := bytes.Split(line, []byte(","))
		if string(f[0]) != receipt {
			receipt, lineNo = string(f[0]), 0
		}
		lineNo++
		var p int
		fmt.Sscanf(string(f[4]), "P%d", &p)
		name := names[p%4]
		if p%10 == 0 {
			name = `"京都オリーブオイル, 2L"`
		}
		q, _ := strconv.Atoi(string(f[6]))
		a, _ := strconv.Atoi(string(f[7]))
		out = fmt.Appendf(out, "%s,%d,%s,%s,%s,%s,%s,%s,%d,%d,%d\n", f[0], lineNo, f[1], f[2], f[3], f[4], name, cats[p%5], q, a/q, a)
	}
	return out
}

// cpuTime is the CPU time the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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
