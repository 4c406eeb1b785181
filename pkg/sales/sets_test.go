package sales

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/maphash"
	"maps"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

// TestSets checks the merge's sets against Go maps: the same numbers and
// hashes added in the same order say new at the same steps and end with
// the same counts, through many doublings of their tables, with 0 and the
// largest values among them; a reset hashSet is empty and still works.
func TestSets(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var ns numSet
	var nb numBits
	var hs hashSet
	nums, hashes := map[uint32]bool{}, map[uint64]bool{}
	for i := range 200_000 {
		x := uint32(rng.IntN(50_000))
		switch i {
		case 10:
			x = 0
		case 11:
			x = 1<<32 - 2 // the largest a set holds: it keeps x+1
		}
		if got, want := ns.add(x), !nums[x]; got != want {
			t.Fatalf("numSet.add(%d) = %v at step %d, want %v", x, got, i, want)
		}
		if x < 1<<20 {
			nb.add(x)
		}
		nums[x] = true
		h := rng.Uint64()
		if i%3 == 0 {
			h = uint64(rng.IntN(1000)) // repeats, and 0 and 1 among them
		}
		if h == 0 {
			h = 1 // 0 is kept as 1
		}
		if got, want := hs.add(h), !hashes[h]; got != want {
			t.Fatalf("hashSet.add(%d) = %v at step %d, want %v", h, got, i, want)
		}
		hashes[h] = true
	}
	if int(ns.n) != len(nums) {
		t.Errorf("numSet holds %d, want %d", ns.n, len(nums))
	}
	if want := len(nums) - 1; nb.n != want {
		t.Errorf("numBits holds %d, want %d", nb.n, want)
	}
	if hs.n != len(hashes) {
		t.Errorf("hashSet holds %d, want %d", hs.n, len(hashes))
	}
	hs.reset()
	if hs.n != 0 || !hs.add(5) || hs.add(5) || hs.n != 1 {
		t.Errorf("after reset: %d held, want 1", hs.n)
	}
}

// TestGroupCodes checks the grouping against keys made in the test from
// examples/sales.csv with encoding/csv and time.Parse: for every pair of
// dimensions (and each alone), the lines of each group. A group's codes
// that two keys shared would put their lines together; codes that one key
// had twice would split it.
func TestGroupCodes(t *testing.T) {
	data, err := os.ReadFile("../../examples/sales.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	value := func(d Dim, rec []string) string {
		at, err := time.Parse("2006-01-02 15:04:05", rec[2])
		if err != nil {
			t.Fatal(err)
		}
		switch d {
		case Day:
			return at.Format("2006-01-02")
		case Week:
			y, w := at.ISOWeek()
			return fmt.Sprintf("%d-W%02d", y, w)
		case Month:
			return at.Format("2006-01")
		case Weekday:
			return at.Weekday().String()[:3]
		case Hour:
			return at.Format("15")
		case Store:
			return rec[3]
		case Product:
			return rec[4]
		}
		return rec[6] // category
	}
	for i, a := range Dims {
		for _, b := range append([]Dim{""}, Dims[i+1:]...) {
			by := []Dim{a}
			if b != "" {
				by = append(by, b)
			}
			want := map[string]int{}
			for _, rec := range recs[1:] {
				var key []string
				for _, d := range by {
					key = append(key, value(d, rec))
				}
				want[strings.Join(key, "|")]++
			}
			got := map[string]int{}
			for _, g := range run(t, "s.csv", data, Options{By: by, Workers: 1}).Groups {
				got[strings.Join(g.Key, "|")] = g.Figures.Lines
			}
			if !maps.Equal(got, want) {
				t.Errorf("--by %v: lines by group\n%v\nwant\n%v", by, got, want)
			}
		}
	}
}

// TestGroupSets checks the groups' customer sets against Go maps: many
// groups in both periods, each with its own number of customers (none,
// one, a few, the most a set holds in place and one more, thousands),
// added in a shuffled order with repeats, so that sets move out of place
// while others are still small; each group's count and figures must be
// its own, whatever its neighbours' sets do.
func TestGroupSets(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	gs := groups{seed: maphash.MakeSeed()}
	const n = 3000 // groups: more than a page
	type add struct {
		g   int
		per period
		c   uint32
	}
	var adds []add
	want := [2][]map[uint32]bool{make([]map[uint32]bool, n), make([]map[uint32]bool, n)}
	for g := range n {
		key := fmt.Sprintf("2026-11-%02d\x00P%05d", g%30+1, g)
		if got := gs.number(key, true); got != g {
			t.Fatalf("group %q numbered %d, want %d", key, got, g)
		}
		gs.fig(g, current).Lines = g
		gs.fig(g, compared).Lines = -g
		for per := range 2 {
			want[per][g] = map[uint32]bool{}
			size := []int{0, 1, 2, inPlace, inPlace + 1, 17}[(g+per)%6]
			if g%500 == 7 {
				size = 5000
			}
			for range 2 * size {
				c := uint32(rng.IntN(max(size, 1)))
				if g%3 == 0 {
					c += 1 << 26 // large numbers too
				}
				adds = append(adds, add{g, current + period(per), c})
				want[per][g][c] = true
			}
		}
	}
	rng.Shuffle(len(adds), func(i, j int) { adds[i], adds[j] = adds[j], adds[i] })
	for _, a := range adds {
		gs.addCustomer(a.g, a.per, a.c)
	}
	for g := range n {
		key := fmt.Sprintf("2026-11-%02d\x00P%05d", g%30+1, g)
		if got := gs.number(key, true); got != g || *gs.keys.at(g) != key {
			t.Fatalf("group %q found as %d (%q), want %d", key, got, *gs.keys.at(got), g)
		}
	}
	gs.countCustomers()
	for g := range n {
		for per := range 2 {
			f := gs.fig(g, current+period(per))
			if f.Customers != len(want[per][g]) {
				t.Errorf("group %d period %d: %d customers, want %d", g, per, f.Customers, len(want[per][g]))
			}
			if wantLines := g * (1 - 2*per); f.Lines != wantLines {
				t.Errorf("group %d period %d: %d lines, want %d", g, per, f.Lines, wantLines)
			}
		}
	}
	if gs.n != n {
		t.Errorf("%d groups, want %d", gs.n, n)
	}
}
