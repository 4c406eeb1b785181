package rows

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/bytemask"
)

// BenchmarkReader measures the reader's throughput over a sales-like file
// (b.SetBytes: MB/s is of the input), one record at a time with Next and in
// parallel blocks with EachBlock, beside encoding/csv reading the same
// bytes (with ReuseRecord, its fastest setting): the figures in the
// package comment.
func BenchmarkReader(b *testing.B) {
	data := benchdata.ShopSales(200_000)
	b.Run("encoding/csv", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			r := csv.NewReader(bytes.NewReader(data))
			r.ReuseRecord, r.FieldsPerRecord = true, 11
			n := 0
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				n += len(rec[2])
			}
			if n == 0 {
				b.Fatal("no fields read")
			}
		}
	})
	b.Run("Next", func(b *testing.B) {
		benchNext(b, data)
	})
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes(data)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Next/shift_jis", func(b *testing.B) {
		benchNext(b, sjis)
	})
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("EachBlock/workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				r, err := NewReader(bytes.NewReader(data), Options{Name: "bench.csv"})
				if err != nil {
					b.Fatal(err)
				}
				total := 0
				err = EachBlock(context.Background(), r, workers, func(blk *Block) (int, error) {
					n := 0
					err := blk.Each(func(rec *Record) error {
						n += len(rec.Fields[2])
						return nil
					})
					blk.Release()
					return n, err
				}, func(n int) error {
					total += n
					return nil
				})
				if err != nil || total == 0 {
					b.Fatal(err, total)
				}
			}
		})
	}
}

// BenchmarkEachPrefix compares splitting whole records with splitting the
// first n fields of a sales-like file on one goroutine, the blocks read
// beforehand; n = 3 reaches customer_id, 6 product_id, 8 category. With
// totals, the reader skips totals rows as it does for the commands
// (SkipTotals): by the date, or with n = 3 by the customer id, every 20th
// of which is empty.
//
// marks=false splits a word at a time where bytemask is fast too, to
// compare the two splitters.
func BenchmarkEachPrefix(b *testing.B) {
	data := benchdata.ShopSales(200_000)
	for _, marked := range markModes() {
		for _, totals := range []bool{false, true} {
			for _, n := range []int{0, 3, 6, 8} {
				name := fmt.Sprintf("marks=%v/fields=%d", marked, n)
				if totals {
					name += "/totals"
				}
				b.Run(name, func(b *testing.B) {
					defer func(fast bool) { bytemask.Fast = fast }(bytemask.Fast)
					bytemask.Fast = marked
					benchPrefix(b, data, n, totals)
				})
			}
		}
	}
}

// benchPrefix reads data's blocks, then times splitting their records'
// first n fields (0: all).
func benchPrefix(b *testing.B, data []byte, n int, totals bool) {
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		b.StopTimer()
		r, err := NewReader(bytes.NewReader(data), Options{Name: "bench.csv"})
		if err != nil {
			b.Fatal(err)
		}
		if totals {
			r.SkipTotals(2, 3) // customer_id, sold_at
		}
		var blocks []*Block
		for {
			blk, err := r.NextBlock()
			if err == io.EOF {
				break
			}
			blocks = append(blocks, blk)
		}
		b.StartTimer()
		seen := 0
		for _, blk := range blocks {
			each := blk.Each
			if n > 0 {
				each = func(fn func(*Record) error) error { return blk.EachPrefix(n, fn) }
			}
			if err := each(func(rec *Record) error { seen += len(rec.Fields[2]); return nil }); err != nil {
				b.Fatal(err)
			}
		}
		if seen == 0 {
			b.Fatal("no fields read")
		}
	}
}

// benchNext reads data record by record with Next, as the commands that
// read a file a record at a time do.
func benchNext(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), Options{Name: "bench.csv"})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n += len(rec.Fields[2])
		}
		if n == 0 {
			b.Fatal("no fields read")
		}
	}
}
