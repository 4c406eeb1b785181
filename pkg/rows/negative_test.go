package rows

import (
	"bytes"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/charset"
)

func TestMayHoldNegative(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"R1,C1,2024-11-22 10:15,090-1234-5678,P1,1,3300", false},
		{"R1,C1,2024/11/22,P1,1,\"3,300\"", false},
		{"R1,C1,2024-11-22,P1,-1,3300", true},
		{"R1,C1,2024-11-22,P1,1,\"¥-3,300\"", true},
		{"R1,C1,2024-11-22,P1,1,\\-3300", true},
		{"R1,C1,2024-11-22,P1,1,\"3,300-\"", true},
		{"R1,C1,2024-11-22,P1,1,3300-", true},
		{"R1,C1,2024-11-22,P1,1,(3300)", true},
		{"R1,C1,2024-11-22,P1,1,△3300", true},
		{"R1,C1,2024-11-22,P1,1,▲3300", true},
		{"R1,C1,2024-11-22,P1,1,−3300", true},
		{"R1,C1,2024-11-22,P1,1,－3300", true},
		{"R1,C1,2024-11-22,P1,1,（3300）", true},
		{"R1,C1,2024-11-22,P1,1,3300,-", true},
	} {
		r, err := NewReader(strings.NewReader("a,b,c,d,e,f,g\n"+c.line+"\n"), Options{Name: "s.csv", Encoding: charset.UTF8})
		if err != nil {
			t.Fatal(err)
		}
		b, err := r.NextBlock()
		if err != nil {
			t.Fatal(err)
		}
		if got := b.MayHoldNegative(); got != c.want {
			t.Errorf("%s: MayHoldNegative = %v, want %v", c.line, got, c.want)
		}
	}
}

// BenchmarkMayHoldNegative measures the look for negative numbers over the
// blocks of a sales file without any, beside parsing the same blocks (the
// least a pass over them costs): MB/s is of the input.
func BenchmarkMayHoldNegative(b *testing.B) {
	data := benchdata.Sales(200_000, 20_000, 500)
	blocks := func() []*Block {
		r, err := NewReader(bytes.NewReader(data), Options{Name: "s.csv"})
		if err != nil {
			b.Fatal(err)
		}
		var out []*Block
		for {
			blk, err := r.NextBlock()
			if err != nil {
				return out
			}
			out = append(out, blk)
		}
	}()
	b.Run("look", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			for _, blk := range blocks {
				if blk.MayHoldNegative() {
					b.Fatal("a negative number found")
				}
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			for _, blk := range blocks {
				c := *blk
				if err := c.EachPrefix(5, func(*Record) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// TestMayHoldNegativeEveryPlace puts each mark at every offset of texts of
// many lengths, so that the words the look reads eight bytes at a time
// meet it at each of their bytes and at their edges.
func TestMayHoldNegativeEveryPlace(t *testing.T) {
	for _, mark := range []string{",-1", "1-,", "-", "(", "△", "▲", "−", "－", "（"} {
		for n := len(mark); n < 40; n++ {
			for at := 0; at+len(mark) <= n; at++ {
				filler := "x" // a lone dash is a minus beside letters
				if mark != "-" {
					filler = "7"
				}
				d := []byte(strings.Repeat(filler, at) + mark + strings.Repeat(filler, n-at-len(mark)))
				b := &Block{data: d}
				want := false
				for j := range d {
					want = want || negativeAt(d, j)
				}
				if !want {
					t.Fatalf("bad case %q", d)
				}
				if !b.MayHoldNegative() {
					t.Errorf("%q: not found", d)
				}
			}
		}
	}
	for n := range 40 {
		d := []byte(strings.Repeat("2024-11-22,", n/11+1)[:n])
		if (&Block{data: d}).MayHoldNegative() != (n > 0 && d[n-1] == '-') {
			t.Errorf("%q: dashes between digits taken for a minus", d)
		}
	}
}

// FuzzMayHoldNegative checks the word-at-a-time look against reading
// every byte of the text with negativeAt.
func FuzzMayHoldNegative(f *testing.F) {
	for _, s := range []string{"", "-", "2024-11-22,", "R1,C1,2024-11-22,P1,1,(3300)\n", "1,△3300,", "a,－3", "x-y", "090-1234-5678,7-"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, d []byte) {
		want := false
		for j := range d {
			want = want || negativeAt(d, j)
		}
		if got := (&Block{data: d}).MayHoldNegative(); got != want {
			t.Errorf("%q: MayHoldNegative = %v, want %v", d, got, want)
		}
	})
}
