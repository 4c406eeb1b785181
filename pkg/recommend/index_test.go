package recommend

import (
	"math/rand/v2"
	"testing"
)

// index, with AVX2 where the machine has it, finds the first entry of an
// item whatever the codes below its bits and wherever it lies: in the
// rounds of sixteen, of eight or in the tail; never past n.
func TestIndexMatchesGo(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := uint32(0); n <= 70; n++ {
		g := make([]uint32, n+8)
		for i := range g {
			g[i] = uint32(r.IntN(40))<<codeBits | uint32(r.IntN(256))
		}
		for item := uint32(0); item < 45; item++ {
			key := item << codeBits
			if got, want := index(g, n, key), indexGo(g, n, key); got != want {
				t.Fatalf("n %d item %d: index %d, indexGo %d", n, item, got, want)
			}
		}
	}
}

// An item only past n is not found, and a high item bit is not lost.
func TestIndexBounds(t *testing.T) {
	for n := uint32(8); n <= 40; n++ {
		g := make([]uint32, n+16)
		for i := range g {
			g[i] = uint32(i+1)<<codeBits | maxUnits
		}
		g[n] = 0xffffff << codeBits // just past n
		if i := index(g, n, 0xffffff<<codeBits); i != -1 {
			t.Errorf("n %d: found the entry past n at %d", n, i)
		}
		g[n-1] = 0xfffffe<<codeBits | 1
		if i := index(g, n, 0xfffffe<<codeBits); i != int(n-1) {
			t.Errorf("n %d: last entry at %d, want %d", n, i, n-1)
		}
	}
}

// BenchmarkIndex scans sets of a best customer's size for an item that
// is in them (half way on average) and for one that is not.
func BenchmarkIndex(b *testing.B) {
	for _, n := range []uint32{16, 64, 256} {
		g := make([]uint32, n)
		for i := range g {
			g[i] = uint32(i*7+1)<<codeBits | 1
		}
		for _, vector := range []bool{false, true} {
			if vector && !hasAVX2 {
				continue
			}
			name := map[bool]string{false: "go", true: "avx2"}[vector]
			b.Run(name+"/"+map[uint32]string{16: "16", 64: "64", 256: "256"}[n], func(b *testing.B) {
				found := 0
				for i := 0; b.Loop(); i++ {
					key := uint32((i%int(n))*7+1) << codeBits
					if vector {
						found += index(g, n, key)
					} else {
						found += indexGo(g, n, key)
					}
				}
				if found < 0 {
					b.Fatal(found)
				}
			})
		}
	}
}
