package complaint

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// BenchmarkOpenAmong100k lists the open complaints (one in ten) among
// 100,000: one pass over the file, keeping only the open ones.
func BenchmarkOpenAmong100k(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("complaint_id,customer_id,received_at,product_id,summary,status,resolution,staff,closed_at\n")
	for i := 0; i < 100_000; i++ {
		status, closed, resolution := "完了", fmt.Sprintf("2026-%02d-%02d", 1+(i+1)%12, 1+i%28), "交換品を送付"
		if i%10 == 0 {
			status, closed, resolution = "対応中", "", ""
		}
		fmt.Fprintf(&buf, "C%07d,%07d,2026-%02d-%02d 10:15,P%04d,\"湯呑みの欠け, 交換の相談\",%s,%s,村田,%s\n",
			i, i%50_000, 1+i%12, 1+i%28, i%500, status, resolution, closed)
	}
	data := buf.Bytes()
	opts := Options{Statuses: contactlog.DefaultStatuses, OpenOnly: true, AsOf: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: "complaints.csv"})
		if err != nil {
			b.Fatal(err)
		}
		bind, err := schema.Complaints.Bind(r.Header(), nil)
		if err != nil {
			b.Fatal(err)
		}
		got, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != 10_000 {
			b.Fatalf("%d open, want 10000", len(got))
		}
	}
}
