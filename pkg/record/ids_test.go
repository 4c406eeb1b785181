package record

import (
	"encoding/binary"
	"fmt"
	"testing"
)

func TestIDs(t *testing.T) {
	x := NewIDs(0)
	const n = 50_000 // many doublings of the table
	for i := 0; i < n; i++ {
		id := []byte(fmt.Sprintf("C%06d", i))
		if got := x.Number(id); got != i {
			t.Fatalf("Number(%s) = %d, want %d", id, got, i)
		}
		id[1] = 'X' // the caller may reuse its bytes
	}
	for i := n - 1; i >= 0; i -= 7 {
		id := fmt.Sprintf("C%06d", i)
		if got := x.Number([]byte(id)); got != i {
			t.Fatalf("second Number(%s) = %d, want %d", id, got, i)
		}
		if got := x.Find([]byte(id)); got != i {
			t.Fatalf("Find(%s) = %d, want %d", id, got, i)
		}
		if x.ID(i) != id {
			t.Fatalf("ID(%d) = %s", i, x.ID(i))
		}
	}
	if x.Len() != n || x.Find([]byte("C")) != -1 || x.Find(nil) != -1 {
		t.Fatalf("Len %d, or Find of an unseen id", x.Len())
	}
	if got := x.NumberHash([]byte("P1"), x.Hash([]byte("P1"))); got != n {
		t.Fatalf("NumberHash of a new id = %d, want %d", got, n)
	}
	// Ids that pack alike unless lengths count, and ids too long to pack.
	tricky := []string{"A", "A\x00", "A\x00\x00", "", "123456789012345", "1234567890123456",
		"12345678901234567890-a", "12345678901234567890-b", "4901234567894-00000000001",
		"12345678", "123456789", "ABCDEFGH-0000000000000000000000000000-1", "ABCDEFGH-0000000000000000000000000000-2"}
	for round := 0; round < 2; round++ {
		for k, id := range tricky {
			if got := x.Number([]byte(id)); got != n+1+k {
				t.Fatalf("round %d: Number(%q) = %d, want %d", round, id, got, n+1+k)
			}
			if x.ID(n+1+k) != id || string(x.IDBytes(n+1+k)) != id {
				t.Fatalf("ID(%d) = %q, want %q", n+1+k, x.ID(n+1+k), id)
			}
		}
	}
}

func TestIDsReset(t *testing.T) {
	x := NewIDs(4)
	for i := 0; i < 100; i++ {
		x.Number([]byte(fmt.Sprint(i)))
	}
	x.Reset()
	if x.Len() != 0 || x.Find([]byte("5")) != -1 || x.Number([]byte("b")) != 0 || x.Number([]byte("a")) != 1 || x.ID(0) != "b" {
		t.Fatalf("after Reset: len %d", x.Len())
	}
}

func TestIDsSibling(t *testing.T) {
	x := NewIDs(4)
	s := x.Sibling(4)
	id := []byte("C0001")
	if x.Hash(id) != s.Hash(id) {
		t.Fatal("a sibling hashes differently")
	}
	x.Number([]byte("other"))
	if s.NumberHash(id, x.Hash(id)) != 0 || s.Find(id) != 0 || x.Find(id) != -1 || s.Len() != 1 {
		t.Fatalf("sibling: Find %d, Len %d; the original: Find %d", s.Find(id), s.Len(), x.Find(id))
	}
}

// inline reads a short id as one word when it has room: whatever lies
// after the id, the word is the id zero-padded, as for an id without room.
func TestInline(t *testing.T) {
	want := func(id []byte) uint64 {
		var b [maxInline]byte
		copy(b[:], id)
		return binary.LittleEndian.Uint64(b[:])
	}
	for _, id := range []string{"", "1", "P04876", "C086359", "C0863597", "C08635970123", "会員"} {
		for _, after := range []string{"", "x", ",C0863597,2024", "\xff\xff\xff\xff\xff\xff\xff\xff"} {
			data := []byte(id + after)
			for _, b := range [][]byte{data[:len(id)], data[:len(id):len(id)]} {
				if got := inline(b); got != want(b) {
					t.Errorf("inline(%q) with %q after (cap %d) = %#x, want %#x", id, after, cap(b), got, want(b))
				}
			}
		}
	}
}

// TestHashSpread checks that ids as shops number them, alike but for a
// few digits, spread evenly over a table's slots (the low bits) and over
// the shards a pass splits them into (the top bits): a poor hash of short
// ids would make long probes, and one shard would take most customers.
func TestHashSpread(t *testing.T) {
	x := NewIDs(0)
	for _, form := range []string{"C%07d", "P%05d", "%d", "%08d", "M%04d"} {
		const n, buckets = 1 << 16, 1 << 10
		var low, top [buckets]int
		for i := range n {
			h := x.Hash(fmt.Appendf(nil, form, i))
			low[h%buckets]++
			top[h>>54]++
		}
		for name, counts := range map[string]*[buckets]int{"low bits": &low, "top bits": &top} {
			// 64 a bucket on average. Chi-square over its degrees of
			// freedom is about 1 ± 0.05 for a random spread, as this
			// hash's is (a single multiplication gave up to 15 under
			// some seeds); no bucket may hold twice its share. Either
			// limit is some six standard deviations away.
			chi := 0.0
			for b, k := range counts {
				if k > 128 {
					t.Fatalf("%s: bucket %d of the %s holds %d of %d ids (keys %#x)", form, b, name, k, n, x.key)
				}
				chi += float64((k-64)*(k-64)) / 64
			}
			if chi /= buckets - 1; chi > 1.3 {
				t.Errorf("%s: the %s spread with chi-square %.2f per degree of freedom (keys %#x)", form, name, chi, x.key)
			}
		}
	}
	if s := x.Sibling(0); s.Hash([]byte("C0000001")) != x.Hash([]byte("C0000001")) || s.Hash([]byte("long-id-of-many-bytes")) != x.Hash([]byte("long-id-of-many-bytes")) {
		t.Fatal("a sibling hashes differently")
	}
}
