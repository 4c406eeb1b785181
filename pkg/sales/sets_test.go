package sales

import (
	"bytes"
	"encoding/csv"
	"fmt"
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
