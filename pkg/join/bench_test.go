package join

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
)

func openBytes(tb testing.TB, name string, data []byte, kind schema.Kind) (*rows.Reader, *schema.Binding) {
	tb.Helper()
	r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: name})
	if err != nil {
		tb.Fatal(err)
	}
	b, err := kind.Bind(r.Header(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	return r, b
}

// csvJoin is an inner join to CSV set up the way Run does it: the
// customers' columns encoded once at load, the sales streamed on all cores.
type csvJoin struct {
	idx    *customer.Index
	layout Layout
}

func loadCSVJoin(tb testing.TB, customers, sales []byte) *csvJoin {
	tb.Helper()
	cr, cb := openBytes(tb, "customers.csv", customers, schema.Customers)
	_, sb := openBytes(tb, "sales.csv", sales, schema.Sales)
	out, enc := csvOut(tb, io.Discard)
	layout := NewLayout(Inner, sb, cb)
	if err := out.WriteHeader(layout.Header); err != nil {
		tb.Fatal(err)
	}
	idx, err := customer.Load(cr, cb, customer.LoadOptions{Payload: payloadFor(enc, layout, len(sb.Header))})
	if err != nil {
		tb.Fatal(err)
	}
	return &csvJoin{idx: idx, layout: layout}
}

func csvOut(tb testing.TB, w io.Writer) (output.Writer, sink.Encoder) {
	out, err := output.New(w, output.Options{Format: output.CSV})
	if err != nil {
		tb.Fatal(err)
	}
	return out, out.(sink.Encoder)
}

// run joins sales against the loaded customers and writes CSV to w.
func (c *csvJoin) run(tb testing.TB, sales []byte, w io.Writer) Stats {
	sr, sb := openBytes(tb, "sales.csv", sales, schema.Sales)
	out, enc := csvOut(tb, w)
	if err := out.WriteHeader(c.layout.Header); err != nil {
		tb.Fatal(err)
	}
	j, err := newJoiner(Input{Sales: sr, SalesBinding: sb}, c.idx, Options{Type: Inner, Out: out})
	if err != nil {
		tb.Fatal(err)
	}
	j.layout = c.layout
	st, err := j.fast(context.Background(), sr, enc, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
	return st
}

// BenchmarkJoin measures the two halves of an inner join to CSV: streaming
// the sales against customers already loaded (b.SetBytes: MB/s is of the
// sales), with few customers (the index in the processor's cache) and with
// many (most lookups miss it, as at the benchmark's large size); and
// loading the customers (MB/s of the customers file).
func BenchmarkJoin(b *testing.B) {
	for _, nc := range []int{20_000, 500_000} {
		customers, sales := benchdata.Shop(nc, 200_000)
		c := loadCSVJoin(b, customers, sales)
		b.Run(fmt.Sprintf("Sales/customers=%d", nc), func(b *testing.B) {
			b.SetBytes(int64(len(sales)))
			for b.Loop() {
				if st := c.run(b, sales, io.Discard); st.Matched == 0 {
					b.Fatal("nothing matched")
				}
			}
		})
		b.Run(fmt.Sprintf("Load/customers=%d", nc), func(b *testing.B) {
			b.SetBytes(int64(len(customers)))
			for b.Loop() {
				if c := loadCSVJoin(b, customers, sales); c.idx.Len() != nc {
					b.Fatalf("%d customers loaded, want %d", c.idx.Len(), nc)
				}
			}
		})
	}
}
