package join

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
)

// shop returns an in-memory customers file of nc customers and a sales file
// of ns lines, shaped like the benchmark's generated shop: Japanese text, a
// quoted address on every fifth customer, quoted product names, 5 % walk-in
// lines and 1 % lines whose customer is unknown.
func shop(nc, ns int) (customers, sales []byte) {
	var c, s bytes.Buffer
	c.WriteString("customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in\n")
	for i := 1; i <= nc; i++ {
		addr := fmt.Sprintf("東京都中野区本郷%d丁目%d番%d号", i%8+1, i%25+1, i%15+1)
		if i%5 == 0 {
			addr = `"` + addr + `, ヴィラ若松 505号室"`
		}
		fmt.Fprintf(&c, "C%07d,平野　哲也,ヒラノ　テツヤ,M,19%02d-07-26,090-%04d-4515,tetsuya.hirano%d@example.net,703-1491,%s,S0%d,2020-04-19,,true\n",
			i, i%90+10, i%10000, i%100, addr, i%3+1)
	}
	s.WriteString("receipt_id,line_no,customer_id,sold_at,store_id,product_id,product_name,category,quantity,unit_price,amount\n")
	for i := 0; i < ns; i++ {
		cust := fmt.Sprintf("C%07d", i*7919%nc+1)
		switch i % 100 {
		case 7, 27, 47, 67, 87:
			cust = ""
		case 50:
			cust = fmt.Sprintf("C%07d", nc+1+i%1000)
		}
		name := "定番かりんとう 中"
		if i%10 == 3 {
			name = `"老舗の最中, 5個入"`
		}
		fmt.Fprintf(&s, "R%09d,%d,%s,2024-05-%02dT%02d:%02d:00,S0%d,P%05d,%s,菓子,%d,420,%d\n",
			i/2+1, i%2+1, cust, i%28+1, 10+i%10, i%60, i%3+1, i%5000+1, name, i%3+1, 420*(i%3+1))
	}
	return c.Bytes(), s.Bytes()
}

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
		customers, sales := shop(nc, 200_000)
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
