package redact

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/rows"
)

// BenchmarkRunPolicy redacts with the policy of bench/redact.sh (drop,
// hash, mask and generalise rules), as "redact --policy" does on the fast
// path; the figure to watch is MB/s with flat memory (B/op does not grow
// with the input). bench/redact.sh measures the whole command on the L file.
func BenchmarkRunPolicy(b *testing.B) {
	data := benchdata.Customers(50_000)
	p := Policy{
		{Column: "name_kana", Op: Drop, First: -1, Last: -1},
		{Column: "email", Op: Drop, First: -1, Last: -1},
		{Column: "customer_id", Op: Hash, First: -1, Last: -1},
		{Column: "name", Op: Mask, First: -1, Last: -1},
		{Column: "phone", Op: Mask, First: -1, Last: -1},
		{Column: "birthday", Op: Generalise, First: -1, Last: -1},
		{Column: "postal_code", Op: Generalise, First: -1, Last: -1},
		{Column: "address", Op: Generalise, First: -1, Last: -1, To: PrefectureCity},
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: "customers.csv"})
		if err != nil {
			b.Fatal(err)
		}
		plan, err := NewPlan(p, r, Options{Key: testKey, AsOf: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		w, _ := output.New(io.Discard, output.Options{Format: output.CSV})
		if _, err := Run(context.Background(), r, plan, w, 0); err != nil {
			b.Fatal(err)
		}
		w.Close()
	}
}
