package ledger

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/overlap"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// BenchmarkBuildFiles measures the ledger pass of BenchmarkBuild's M-sized
// file (1M lines over 100k customers) read as one file, and as two (its
// first and second halves, each with the header) chained as pkg/input
// chains them, whose receipts are told to the run's overlap.Set: what
// looking for receipts two files both hold costs a pass that counts.
func BenchmarkBuildFiles(b *testing.B) {
	data := benchdata.Sales(1_000_000, 100_000, 5000)
	header := data[:bytes.IndexByte(data, '\n')+1]
	mid := len(data) / 2
	mid += bytes.IndexByte(data[mid:], '\n') + 1
	first, second := data[:mid], append(append([]byte(nil), header...), data[mid:]...)
	for _, files := range []int{1, 2} {
		b.Run(fmt.Sprintf("files=%d", files), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				in, name := data, "s.csv"
				if files == 2 {
					in, name = first, "a.csv"
				}
				r, err := rows.NewReader(bytes.NewReader(in), rows.Options{Name: name})
				if err != nil {
					b.Fatal(err)
				}
				bind, _ := schema.Sales.Bind(r.Header(), nil)
				if files == 2 {
					bind.Receipts = overlap.NewSet()
					bind.Receipts.File(name)
					later := second
					r.Chain(func() (*rows.Reader, error) {
						if later == nil {
							return nil, nil
						}
						bind.Receipts.File("b.csv")
						next, err := rows.NewReader(bytes.NewReader(later), rows.Options{Name: "b.csv"})
						later = nil
						return next, err
					}, nil)
				}
				if _, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
