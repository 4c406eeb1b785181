package overlap

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// day is 2024-09-15, as days since 1970-01-01.
const day = 19981

// add adds the receipts ids of store and d to f, as their first lines
// (line i+2) tell them.
func add(f *File, store string, d int32, ids ...string) {
	s := f.Sketch([]byte(store), d)
	for i, id := range ids {
		if h := HashID([]byte(id), d); s.Wants(h) {
			s.Add(h, i+2, []byte(id), []byte("2024/09/15 10:00"))
		}
	}
}

// ids returns n receipt ids from first on, zero-padded as registers
// write them.
func ids(first, n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("%06d", first+i))
	}
	return out
}

// TestPairs finds a day that two files both hold, whole or in part, and
// none where the files hold other stores, other days or other receipts of
// the same store and day.
func TestPairs(t *testing.T) {
	tests := []struct {
		name string
		a, b func(*File)
		want bool
	}{
		{"the same day twice", func(f *File) { add(f, "1", day, ids(100, 40)...) }, func(f *File) { add(f, "1", day, ids(100, 40)...) }, true},
		{"a day of few receipts", func(f *File) { add(f, "1", day, "000123") }, func(f *File) { add(f, "1", day, "000123") }, true},
		{"the morning, then the whole day", func(f *File) { add(f, "1", day, ids(100, 600)...) }, func(f *File) { add(f, "1", day, ids(100, 900)...) }, true},
		{"one file per store", func(f *File) { add(f, "1", day, ids(100, 40)...) }, func(f *File) { add(f, "2", day, ids(100, 40)...) }, false},
		{"one file per month", func(f *File) { add(f, "1", day, ids(100, 40)...) }, func(f *File) { add(f, "1", day+1, ids(100, 40)...) }, false},
		{"two registers of a store", func(f *File) { add(f, "1", day, ids(100, 400)...) }, func(f *File) { add(f, "1", day, ids(500, 400)...) }, false},
		{"no store column", func(f *File) { add(f, "", day, ids(1, 3)...) }, func(f *File) { add(f, "", day, ids(1, 3)...) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSet()
			tt.a(s.File("a.csv"))
			tt.b(s.File("b.csv"))
			pairs := s.Pairs()
			if got := len(pairs) == 1; got != tt.want || len(pairs) > 1 {
				t.Fatalf("pairs %+v, want %v", pairs, tt.want)
			}
			if tt.want && (pairs[0].A.File != "a.csv" || pairs[0].B.File != "b.csv" || pairs[0].A.ID != pairs[0].B.ID) {
				t.Errorf("pair %+v", pairs[0])
			}
		})
	}
}

// TestWarning names the files in the order they were added, the receipt
// as the earlier file writes it, and of two days in common the first.
func TestWarning(t *testing.T) {
	s := NewSet()
	a, b := s.File("2024-09.csv"), s.File("2024-09b.csv")
	add(b, "1", day+1, "000200")
	add(a, "1", day+1, "000200")
	sa := a.Sketch([]byte("1"), day)
	sa.Add(HashID([]byte("000123"), day), 7, []byte("000123"), []byte("2024-09-15"))
	b.Sketch([]byte("1"), day).Add(HashID([]byte("000123"), day), 3, []byte("000123"), []byte("2024/09/15 10:15"))
	pairs := s.Pairs()
	if len(pairs) != 1 {
		t.Fatalf("pairs %+v", pairs)
	}
	want := "warning: 2024-09.csv and 2024-09b.csv both hold receipt 000123 of 2024-09-15 (store 1): the same sales exported twice are counted twice; read one of them, or export periods that do not overlap"
	if got := pairs[0].Warning(); got != want {
		t.Errorf("warning\n%s\nwant\n%s", got, want)
	}
	if got, want := pairs[0].B, (Receipt{File: "2024-09b.csv", Line: 3, ID: "000123", At: "2024/09/15 10:15", Store: "1"}); got != want {
		t.Errorf("later file's receipt %+v, want %+v", got, want)
	}
	if got := (Receipt{At: "2024-09-15 10:15:30"}).What(); got != "the receipt of 2024-09-15 10:15:30" {
		t.Errorf("without an id or a store: %s", got)
	}
	stdin := Pair{A: Receipt{File: "-", ID: "1", At: "2024-09-15"}, B: Receipt{File: "b.csv"}}
	if got := stdin.Warning(); !strings.HasPrefix(got, `warning: standard input ("-") and b.csv both hold receipt 1 of 2024-09-15: `) {
		t.Errorf("standard input: %s", got)
	}
}

// TestPairsOf gives the pairs a file makes with the files before it,
// once per pair, and none with a file after it or unknown.
func TestPairsOf(t *testing.T) {
	s := NewSet()
	for _, name := range []string{"a.csv", "b.csv", "c.csv"} {
		add(s.File(name), "1", day, "000001", "000002")
	}
	add(s.File("d.csv"), "1", day, "000003")
	name := func(ps []Pair) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.A.File+"+"+p.B.File)
		}
		return out
	}
	if got := name(s.PairsOf("c.csv")); !slices.Equal(got, []string{"a.csv+c.csv", "b.csv+c.csv"}) {
		t.Errorf("of c.csv: %v", got)
	}
	if got := name(s.PairsOf("a.csv")); got != nil {
		t.Errorf("of a.csv: %v", got)
	}
	if got := s.PairsOf("e.csv"); got != nil {
		t.Errorf("of a file not read: %v", got)
	}
	if got := name(s.Pairs()); !slices.Equal(got, []string{"a.csv+b.csv", "a.csv+c.csv", "b.csv+c.csv"}) {
		t.Errorf("all: %v", got)
	}
}

// TestSketch keeps the K smallest hashes of a day however often and in
// whatever order they come, a hash once with its first line, and a text
// longer than an entry holds inline whole.
func TestSketch(t *testing.T) {
	f := NewSet().File("a.csv")
	s := f.Sketch([]byte("1"), day)
	var all []uint64
	for i := range 500 {
		id := fmt.Appendf(nil, "%06d", (i*7919)%500)
		h := HashID(id, day)
		all = append(all, h)
		s.Add(h, 1000-i, id, []byte("2024-09-15"))
		s.Add(h, 2000, id, []byte("2024-09-15")) // again, a later line
	}
	slices.Sort(all)
	all = slices.Compact(all)
	if got := s.h[:s.n]; !slices.Equal(got, all[:K]) {
		t.Errorf("kept %x, want %x", got, all[:K])
	}
	if s.limit.Load() != all[K-1] || s.Wants(all[K-1]) || !s.Wants(all[K-2]) {
		t.Errorf("limit %x, want %x", s.limit.Load(), all[K-1])
	}
	for i := range s.n {
		if e := s.e[s.slot[i]]; e.line < 500 || e.line > 1000 {
			t.Errorf("entry %d: line %d", i, e.line)
		}
	}
	long := NewSet().File("b.csv").Sketch([]byte("1"), day)
	id, at := []byte("#1001-0001-0001-0001-0001"), []byte("2024-11-03 10:15:00 +0900")
	long.Add(1, 2, id, at)
	if r := long.e[long.slot[0]].receipt(long); r.ID != string(id) || r.At != string(at) {
		t.Errorf("long text: %+v", r)
	}
}

// TestConcurrent adds the receipts of one day on several goroutines, as
// the workers of a pass do, and keeps what one goroutine keeps.
func TestConcurrent(t *testing.T) {
	all := ids(1, 2000)
	one := NewSet().File("a.csv")
	add(one, "1", day, all...)
	many := NewSet().File("a.csv")
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < len(all); i += 8 {
				add(many, "1", day, all[i])
				many.Sketch([]byte("2"), day) // another store, made at once
			}
		})
	}
	wg.Wait()
	a, b := one.Sketch([]byte("1"), day), many.Sketch([]byte("1"), day)
	if a.h != b.h || a.n != b.n {
		t.Errorf("kept %x, want %x", b.h, a.h)
	}
}

// TestHash tells receipts apart by id and day, and times by the second,
// the same way in every run.
func TestHash(t *testing.T) {
	if HashID([]byte("000123"), day) == HashID([]byte("000123"), day+1) || HashID([]byte("000123"), day) == HashID([]byte("000124"), day) {
		t.Error("receipts of other ids or days hash alike")
	}
	if HashTime(1726395300) == HashTime(1726395301) {
		t.Error("times a second apart hash alike")
	}
	if got := HashID([]byte("000123"), day); got != 0x290f20dfa9a3daa8 {
		t.Errorf("HashID changed: %#x; the receipt a warning names changes with it", got)
	}
}

// A sampling Set looks at about one receipt in SampleEvery, by the id
// alone, and one that does not sample looks at every one.
func TestSample(t *testing.T) {
	var all, sampled Set
	sampled.Sample()
	looked := 0
	for i := range 8000 {
		id := []byte(fmt.Sprintf("R%07d", i))
		if all.Skips(id) {
			t.Fatalf("a Set that does not sample skips %s", id)
		}
		if !sampled.Skips(id) {
			looked++
		}
	}
	if want := 8000 / SampleEvery; looked < want*8/10 || looked > want*12/10 {
		t.Errorf("looked at %d of 8000 receipts, want about %d", looked, want)
	}
}
