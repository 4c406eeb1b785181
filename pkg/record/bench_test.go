package record

import (
	"bytes"
	"io"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
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
