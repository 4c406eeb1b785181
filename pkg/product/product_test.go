package product

import (
	"sync"
	"testing"
)

func TestGlob(t *testing.T) {
	cases := []struct {
		pattern, text string
		want          bool
	}{
		{"P00*", "P0042", true},
		{"P00*", "P00", true},
		{"P00*", "P01", false},
		{"*42", "P0042", true},
		{"*42", "P0043", false},
		{"P?042", "P0042", true},
		{"P?042", "P00042", false},
		{"P*4*", "P0042", true},
		{"P*4*2", "P0042", true},
		{"P*4*3", "P0042", false},
		{"*", "", true},
		{"?", "", false},
		{"九谷*", "九谷焼 湯呑み", true},
		{"?谷焼", "九谷焼", true}, // ? is one character, not one byte
		{"??谷焼", "九谷焼", false},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false},
		{"p0042", "P0042", false}, // ids are text: case counts
	}
	for _, c := range cases {
		if got := Glob([]byte(c.pattern), []byte(c.text)); got != c.want {
			t.Errorf("Glob(%q, %q) = %v, want %v", c.pattern, c.text, got, c.want)
		}
	}
}

func TestMatchTerms(t *testing.T) {
	m, err := New(Selection{
		Products:     []string{"P0042", "P01*"},
		Categories:   []string{"茶器"},
		NameContains: []string{"ｸﾀﾆ", "mug"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.Terms() != 5 || m.All() != 0b11111 {
		t.Fatalf("Terms %d All %b", m.Terms(), m.All())
	}
	cases := []struct {
		id, name, cat string
		want          Set
	}{
		{"P0042", "九谷焼 湯呑み", "茶器", 0b00101},
		{"P0105", "", "", 0b00010},
		{"P0200", "クタニ 小皿", "皿", 0b01000},
		{"P0201", "Kutani MUG", "カップ", 0b10000},
		{"P0202", "ｸﾀﾆ ﾏｸﾞ", "ＣＵＰ", 0b01000},
		{"P0203", "有田焼", "茶 器", 0b00100}, // spaces are ignored like in header names
		{"P0204", "有田焼", "皿", 0},
	}
	for i := 0; i < 2; i++ { // the second round answers from the memo
		for _, c := range cases {
			if got := m.Match([]byte(c.id), []byte(c.name), []byte(c.cat)); got != c.want {
				t.Errorf("Match(%q, %q, %q) = %05b, want %05b", c.id, c.name, c.cat, got, c.want)
			}
		}
	}
}

func TestSingleAndEmpty(t *testing.T) {
	m, _ := New(Selection{Products: []string{" P0042 "}})
	if m.Match([]byte("P0042"), nil, nil) != 1 || m.Match([]byte("P00421"), nil, nil) != 0 {
		t.Error("single id")
	}
	if !m.NeedsID() || m.NeedsName() || m.NeedsCategory() {
		t.Error("needs")
	}
	e, _ := New(Selection{})
	if !e.Empty() || e.Match([]byte("x"), nil, nil) == 0 {
		t.Error("an empty selection matches every line")
	}
	for _, bad := range []Selection{{Products: []string{""}}, {Categories: []string{" "}}, {NameContains: []string{"・"}}} {
		if _, err := New(bad); err == nil {
			t.Errorf("New(%+v) succeeded", bad)
		}
	}
}

func TestManyTermsShareTheLastBit(t *testing.T) {
	var ids []string
	for i := 0; i < MaxTerms+3; i++ {
		ids = append(ids, string(rune('A'+i%26))+string(rune('a'+i/26)))
	}
	m, _ := New(Selection{Products: ids})
	if m.All() != ^Set(0) {
		t.Errorf("All = %b", m.All())
	}
	if m.Match([]byte(ids[len(ids)-1]), nil, nil) != Set(1)<<(MaxTerms-1) {
		t.Error("a term past MaxTerms should match on the last bit")
	}
}

func TestConcurrentMemo(t *testing.T) {
	m, _ := New(Selection{NameContains: []string{"九谷"}})
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				name := []byte("九谷焼 " + string(rune('a'+i%20)))
				if m.Match(nil, name, nil) != 1 {
					t.Error("no match")
					return
				}
			}
		}()
	}
	wg.Wait()
}
