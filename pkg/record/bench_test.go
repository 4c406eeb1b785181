package record

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/overlap"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// BenchmarkSalePass measures what every sales pass does to a line on one
// goroutine, the blocks read beforehand: split the fields it needs, scan
// the line (walk-ins, the date) and read its net quantity and amount. It
// is the ordinary path that the rare cases (an empty date, quantity or
// amount; a totals row) must not slow down. Every 20th line is a walk-in:
// "walk-ins" keeps them (sales, report, buyers), "members" leaves them out
// (ledger).
func BenchmarkSalePass(b *testing.B) {
	data := benchdata.ShopSales(200_000)
	for _, walkIns := range []bool{false, true} {
		name := "members"
		if walkIns {
			name = "walk-ins"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				b.StopTimer()
				r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: "bench.csv"})
				if err != nil {
					b.Fatal(err)
				}
				bind, err := schema.Sales.Bind(r.Header(), nil)
				if err != nil {
					b.Fatal(err)
				}
				r.SkipTotals(bind.TotalsRow()) // as pkg/input opens a sales file
				dec := NewDecoder("bench.csv", bind)
				scan, err := NewSaleScanner(dec, SaleFilter{KeepWalkIns: walkIns}, true)
				if err != nil {
					b.Fatal(err)
				}
				totals := dec.Totals()
				prefix := max(scan.Prefix(), totals.Prefix())
				var blocks []*rows.Block
				for {
					blk, err := r.NextBlock()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					blocks = append(blocks, blk)
				}
				b.StartTimer()
				var sum parse.Decimal
				for _, blk := range blocks {
					err := blk.EachPrefix(prefix, func(rec *rows.Record) error {
						if _, ok, err := scan.Scan(rec); err != nil || !ok {
							return err
						}
						_, amount, _, err := totals.Net(rec)
						sum += amount
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				if sum == 0 {
					b.Fatal("nothing summed")
				}
			}
		})
	}
}

// BenchmarkSalePassFiles measures what telling each receipt to the run's
// sales files (Overlap) costs a sales pass: the lines of one file, where
// it costs nothing, against the same lines as two files read together,
// each block scanned by a clone of its file's scanner as the passes do,
// on one goroutine and on two (whose receipts of one day meet in one
// sketch). "export" is a register's export (time-sorted receipts of one
// to four lines, three stores taking turns); "shuffled" has a new store,
// day and receipt on every line, the most a pass can be asked to tell.
func BenchmarkSalePassFiles(b *testing.B) {
	for _, shape := range []struct {
		name string
		data []byte
	}{{"export", benchdata.Sales(200_000, 20_000, 500)}, {"shuffled", benchdata.ShopSales(200_000)}} {
		for _, files := range []int{1, 2} {
			for _, workers := range []int{1, 2} {
				b.Run(fmt.Sprintf("%s/files=%d/workers=%d", shape.name, files, workers), func(b *testing.B) {
					b.SetBytes(int64(len(shape.data)))
					b.ReportAllocs()
					var cpu time.Duration
					for b.Loop() {
						b.StopTimer()
						blocks, scans := filesBlocks(b, shape.data, files)
						runtime.GC() // not the setup's garbage in the time
						start := cpuTime(b)
						b.StartTimer()
						scanFiles(b, blocks, scans, workers)
						b.StopTimer()
						cpu += cpuTime(b) - start
						b.StartTimer()
					}
					b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
				})
			}
		}
	}
}

// filesBlocks cuts data into files files (its lines split between them,
// each with the header), reads them into blocks and returns the blocks
// with the scanner of each block's file. Two or more files share an
// overlap.Set, as pkg/input makes one for them.
func filesBlocks(b *testing.B, data []byte, files int) ([]*rows.Block, []*SaleScanner) {
	nl := bytes.IndexByte(data, '\n') + 1
	header, lines := data[:nl], data[nl:]
	var set *overlap.Set
	if files > 1 {
		set = overlap.NewSet()
	}
	cuts := []int{0}
	for i := 1; i < files; i++ {
		at := len(lines) * i / files
		cuts = append(cuts, at+bytes.IndexByte(lines[at:], '\n')+1)
	}
	cuts = append(cuts, len(lines))
	var blocks []*rows.Block
	var scans []*SaleScanner
	for i := range files {
		part := lines[cuts[i]:cuts[i+1]]
		name := fmt.Sprintf("%c.csv", 'a'+i)
		r, err := rows.NewReader(bytes.NewReader(append(append([]byte(nil), header...), part...)), rows.Options{Name: name})
		if err != nil {
			b.Fatal(err)
		}
		bind, err := schema.Sales.Bind(r.Header(), nil)
		if err != nil {
			b.Fatal(err)
		}
		if bind.Receipts = set; set != nil {
			set.File(name)
		}
		scan, err := NewSaleScanner(NewDecoder(name, bind), SaleFilter{}, true)
		if err != nil {
			b.Fatal(err)
		}
		for {
			blk, err := r.NextBlock()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			blocks, scans = append(blocks, blk), append(scans, scan)
		}
	}
	return blocks, scans
}

// scanFiles scans every line of blocks on workers goroutines, each block
// with a clone of its scanner.
func scanFiles(b *testing.B, blocks []*rows.Block, scans []*SaleScanner, workers int) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(blocks); i = int(next.Add(1) - 1) {
				sc := scans[i].Clone()
				err := blocks[i].EachPrefix(sc.Prefix(), func(rec *rows.Record) error {
					_, _, err := sc.Scan(rec)
					return err
				})
				if err != nil {
					b.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

// cpuTime is the CPU time the process has used so far: on a machine
// shared with other work, a steadier figure than the time that passed.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
