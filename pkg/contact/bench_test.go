package contact

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// BenchmarkListAmong100k lists one member of staff's phone calls (one in
// twelve) among 100,000 contacts, newest first: one pass, then a sort of
// the ones kept.
func BenchmarkListAmong100k(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("customer_id,contacted_at,staff,channel,summary\n")
	staff := []string{"村田", "大野", "佐々木"}
	channels := []string{"電話", "来店", "メール", "LINE"}
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&buf, "%07d,2026-%02d-%02d %02d:%02d,%s,%s,\"入荷の連絡, 週末に来店予定 %d\"\n",
			i%50_000, 1+i%12, 1+i%28, 9+i%9, i%60, staff[i%3], channels[i%4], i)
	}
	data := buf.Bytes()
	opts := Options{Vocab: contactlog.DefaultChannels, Staff: []string{"村田"}, Channels: []string{"phone"}}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: "contacts.csv"})
		if err != nil {
			b.Fatal(err)
		}
		bind, err := schema.Contacts.Bind(r.Header(), nil)
		if err != nil {
			b.Fatal(err)
		}
		got, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != 8334 {
			b.Fatalf("%d contacts, want 8334", len(got))
		}
	}
}
