package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
)

// BenchmarkContactAdd appends one contact to a contacts file of a million
// rows, checking the customer against a customers file of a million:
// the time follows the customers file (one streamed pass for the id),
// not the contacts file, of which only the header and last bytes are read.
func BenchmarkContactAdd(b *testing.B) {
	dir := b.TempDir()
	const n = 1_000_000
	write := func(name, header string, row func(i int) string) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		w.WriteString(header)
		for i := 0; i < n; i++ {
			w.WriteString(row(i))
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
		return path
	}
	customers := write("customers.csv", "customer_id,name,phone,email\n", func(i int) string {
		return fmt.Sprintf("%07d,山田 花子%d,090-%04d-%04d,c%d@example.jp\n", i, i%97, i%10000, i/10000, i)
	})
	contacts := write("contacts.csv", "customer_id,contacted_at,staff,channel,summary\n", func(i int) string {
		return fmt.Sprintf("%07d,2026-11-22 10:15,村田,電話,入荷の連絡 %d\n", i, i)
	})
	s, _, _ := cmdutil.BufferStreams("")
	opts := &contactAddOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}, Quiet: true}}, in: defaultIn(), rec: recordFlags{wait: time.Second}}
	// The last customer: the whole file is read to find it.
	opts.in.Customers, opts.in.Contacts, opts.rec.customer = customers, contacts, fmt.Sprintf("%07d", n-1)
	opts.rec.staff, opts.channel, opts.summary = "村田", "電話", "入荷の連絡"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := runContactAdd(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
}
