package recommend

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Baskets, checked by hand (N = 5 customers with a customer id):
//
//	A {P1 P2}   B {P2 P1 P3} (P1 after P2)   C {P3 P4}
//	D {P1 P4 P2} (P1 twice on one receipt)    E {P2}
//
// P1's buyers are A, B, D (3). With P1:
//
//	P2: A B D = 3; support 3/5 = 0.6; confidence 3/3 = 1;
//	    P2's buyers A B D E = 4, lift 1 / (4/5) = 1.25
//	P3: B = 1; support 0.2; confidence 1/3; P3's buyers B C = 2, lift (1/3)/(2/5) = 0.8333
//	P4: D = 1; the same figures as P3, after it by product id
const sales = `receipt_id,customer_id,sold_at,product_id,product_name,category,amount
r1,A,2026-01-01,P1,Cup,tea,1
r1,A,2026-01-01,P2,Pot,tea,1
r2,B,2026-01-02,P2,Pot,tea,1
r3,B,2026-01-03,P1,Cup,tea,1
r3,B,2026-01-03,P3,Plate,dish,1
r4,C,2026-01-03,P3,Plate,dish,1
r4,C,2026-01-03,P4,Bowl,dish,1
r5,,2026-01-04,P1,Cup,tea,1
r6,D,2026-01-04,P1,Cup,tea,1
r6,D,2026-01-04,P1,Cup,tea,1
r7,E,2026-01-05,P2,Pot,tea,1
r8,D,2026-01-06,P4,Bowl,dish,1
r8,D,2026-01-06,P2,Pot,tea,1
`

func build(t testing.TB, opts Options) *Baskets {
	t.Helper()
	var b *Baskets
	for _, size := range []int{0, 64} { // one block, and many
		r, err := rows.NewReader(strings.NewReader(sales), rows.Options{Name: "s.csv", BlockSize: size})
		if err != nil {
			t.Fatal(err)
		}
		bind, _ := schema.Sales.Bind(r.Header(), nil)
		if b, err = Run(context.Background(), record.File{Reader: r, Binding: bind}, opts); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func show(pairs []Pair) []string {
	var out []string
	for _, p := range pairs {
		out = append(out, fmt.Sprintf("%s %s/%s %d %.4f %.4f %.4f", p.Item, p.Name, p.Category, p.Customers, p.Support, p.Confidence, p.Lift))
	}
	return out
}

func TestAlsoBought(t *testing.T) {
	b := build(t, Options{By: ByProduct, Product: "P1"})
	if b.Customers() != 5 || b.Stats.WalkIn != 1 {
		t.Fatalf("%d customers, %d walk-in", b.Customers(), b.Stats.WalkIn)
	}
	buyers, pairs := b.AlsoBought(1, 0)
	want := []string{"P2 Pot/tea 3 0.6000 1.0000 1.2500", "P3 Plate/dish 1 0.2000 0.3333 0.8333", "P4 Bowl/dish 1 0.2000 0.3333 0.8333"}
	if buyers != 3 || !reflect.DeepEqual(show(pairs), want) {
		t.Errorf("buyers %d\n got %q\nwant %q", buyers, show(pairs), want)
	}
	if _, pairs := b.AlsoBought(2, 0); len(pairs) != 1 {
		t.Errorf("--min-customers 2 kept %q", show(pairs))
	}
	if _, pairs := b.AlsoBought(1, 2); len(pairs) != 2 || pairs[1].Item != "P3" {
		t.Errorf("--top 2 kept %q", show(pairs))
	}
	if buyers, pairs := build(t, Options{By: ByProduct, Product: "P9"}).AlsoBought(1, 0); buyers != 0 || pairs != nil {
		t.Errorf("a product nobody bought: %d buyers, %q", buyers, show(pairs))
	}
}

// TestByCategory counts categories of the other products P1's buyers
// bought: A {tea} B {tea dish} C {dish} D {dish tea} E {tea}.
//
//	tea:  A B D = 3; support 0.6; confidence 1; tea's buyers 4, lift 1.25
//	dish: B D = 2; support 0.4; confidence 2/3; dish's buyers B C D = 3, lift (2/3)/(3/5) = 1.1111
func TestByCategory(t *testing.T) {
	buyers, pairs := build(t, Options{By: ByCategory, Product: "P1"}).AlsoBought(1, 0)
	want := []string{"tea / 3 0.6000 1.0000 1.2500", "dish / 2 0.4000 0.6667 1.1111"}
	if buyers != 3 || !reflect.DeepEqual(show(pairs), want) {
		t.Errorf("buyers %d\n got %q\nwant %q", buyers, show(pairs), want)
	}
}

// TestForCustomer: A {P1 P2} shares 2 products with B (similarity 2/3) and
// with D (2/3); B adds P3 and D adds P4, a tie broken by product id. E
// {P2} shares 1 product with A (1/2), B (1/3) and D (1/3): P1 scores
// 1/2 + 1/3 + 1/3.
func TestForCustomer(t *testing.T) {
	b := build(t, Options{By: ByProduct})
	show := func(s []Suggestion) string {
		var out []string
		for _, x := range s {
			out = append(out, fmt.Sprintf("%s %.4f %d", x.Item, x.Score, x.Customers))
		}
		return strings.Join(out, ", ")
	}
	tests := []struct {
		id   string
		want string
		nb   Neighbours
	}{
		{"A", "P3 0.6667 1, P4 0.6667 1", Neighbours{Count: 2, Shared: 2}},
		{"E", "P1 1.1667 3, P3 0.3333 1, P4 0.3333 1", Neighbours{Count: 3, Shared: 1}},
	}
	for _, tt := range tests {
		got, nb, err := b.ForCustomer(tt.id, 0, 1, 0)
		if err != nil || show(got) != tt.want || nb != tt.nb {
			t.Errorf("%s: %s %+v %v, want %s %+v", tt.id, show(got), nb, err, tt.want, tt.nb)
		}
	}
	if _, _, err := b.ForCustomer("Z", 0, 1, 0); !errors.Is(err, ErrNoPurchases) {
		t.Errorf("unknown customer: %v", err)
	}
}

func TestItemSets(t *testing.T) {
	var s itemSets
	s.grow(2)
	one := netOf(parse.DecimalScale)
	for i := int32(0); i < 100; i++ {
		for c := 0; c < 3; c++ {
			s.add(c, i*int32(c+1), one)
			s.add(c, i*int32(c+1), one)
			if i%10 == 0 { // bought twice, both returned
				s.add(c, i*int32(c+1), -2*one)
			}
		}
	}
	for c := 0; c < 3; c++ {
		items := s.items(c, nil)
		if len(items) != 100 || items[99] != 99*int32(c+1) {
			t.Fatalf("customer %d: %d items", c, len(items))
		}
		if bought := s.bought(c, nil); len(bought) != 90 || bought[0] != int32(c+1) {
			t.Fatalf("customer %d: %d items bought, first %d", c, len(bought), bought[0])
		}
	}
	if s.pairs() != 300 || s.customers() != 3 {
		t.Fatalf("%d pairs, %d customers", s.pairs(), s.customers())
	}
	if addNet(math.MaxInt32-1, 5) != math.MaxInt32 || addNet(math.MinInt32+1, -5) != math.MinInt32 {
		t.Error("addNet wraps")
	}
}

// TestMergeOrder checks that the baskets do not depend on how the file is
// cut into blocks or on how many workers merge them: the rankings and
// scores, floating-point sums included, come out the same.
func TestMergeOrder(t *testing.T) {
	data := benchdata.Sales(20_000, 2_000, 300)
	type result struct {
		Buyers int
		Pairs  []Pair
		Cats   []Pair
		Sugg   [][]Suggestion
	}
	run := func(workers, blockSize int) result {
		var res result
		// By product and by category for a product; for customers, the
		// baskets of no product in particular.
		for _, opts := range []Options{{By: ByProduct, Product: "P00003"}, {By: ByCategory, Product: "P00003"}, {By: ByProduct}} {
			r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: "s.csv", BlockSize: blockSize})
			if err != nil {
				t.Fatal(err)
			}
			bind, _ := schema.Sales.Bind(r.Header(), nil)
			opts.Workers = workers
			b, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, opts)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case opts.By == ByCategory:
				_, res.Cats = b.AlsoBought(1, 0)
				continue
			case opts.Product != "":
				res.Buyers, res.Pairs = b.AlsoBought(1, 0)
				if _, _, err := b.ForCustomer("C0000001", 0, 1, 0); err == nil {
					t.Error("ForCustomer on baskets built for a product: no error")
				}
				continue
			}
			for _, id := range []string{"C0000001", "C0000150", "C0001999"} {
				s, _, err := b.ForCustomer(id, 0, 1, 0)
				if err != nil {
					t.Fatal(err)
				}
				res.Sugg = append(res.Sugg, s)
			}
		}
		return res
	}
	want := run(1, 0)
	if want.Buyers == 0 || len(want.Pairs) < 100 || len(want.Sugg[0]) == 0 {
		t.Fatalf("too little to compare: %d buyers, %d pairs", want.Buyers, len(want.Pairs))
	}
	for _, w := range []int{2, 4} {
		if got := run(w, 512); !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers, small blocks: the results differ from one block on one worker", w)
		}
	}
}

// TestFirstName: an item keeps the name and category of its first line in
// the file, even when a later block is merged first.
func TestFirstName(t *testing.T) {
	b := newBaskets(Options{By: ByProduct}, shardBits(2))
	block := func(seq int, name string) *chunk {
		ch := &chunk{keys: record.NewIDs(4), seq: seq, names: []string{name}, cats: []string{"cat-" + name}, named: []int{seq}}
		ch.keys.Number([]byte("P2"))
		return ch
	}
	for _, ch := range []*chunk{block(5, "later"), block(2, "first"), block(7, "last")} {
		b.merge(ch, func(any) {})
	}
	if len(b.names) != 1 || b.names[0] != "first" || b.cats[0] != "cat-first" {
		t.Errorf("names %q, categories %q", b.names, b.cats)
	}
}

// TestFirstNameReused: a worker whose chunk already knows an item from a
// later block takes its name again from an earlier one.
func TestFirstNameReused(t *testing.T) {
	const header = "customer_id,product_id,product_name,category\n"
	var p *pass
	var b *Baskets
	ch := &chunk{keys: record.NewIDs(16)} // one chunk for every block
	for _, blk := range []struct {
		seq  int
		line string
	}{{5, "C1,P2,later,c5\n"}, {2, "C2,P2,first,c2\n"}, {7, "C3,P2,last,c7\n"}} {
		r, err := rows.NewReader(strings.NewReader(header+blk.line), rows.Options{Name: "s.csv"})
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			bind, _ := schema.Sales.Bind(r.Header(), nil)
			b = newBaskets(Options{By: ByProduct}, shardBits(2))
			if p, err = newPass(record.NewDecoder("s.csv", bind), b.opts); err != nil {
				t.Fatal(err)
			}
			p.customers, p.shardBits = b.shards[0].customers, b.shardBits
		}
		block, err := r.NextBlock()
		if err != nil {
			t.Fatal(err)
		}
		block.Seq = blk.seq
		ch.reuse()
		if _, err := p.read(ch, block); err != nil {
			t.Fatal(err)
		}
		b.merge(ch, func(any) {})
	}
	if len(b.names) != 1 || b.names[0] != "first" || b.cats[0] != "c2" || b.Customers() != 3 {
		t.Errorf("names %q, categories %q, %d customers", b.names, b.cats, b.Customers())
	}
}

// TestScientificProduct: a product id in scientific notation is an error
// naming its first line, where items are products (checked as new to a
// chunk, one reused from block to block too) or a product's buyers are
// marked (checked on every line).
func TestScientificProduct(t *testing.T) {
	data := sales + "r9,E,2026-01-07,P1,Cup,tea,1\nr9,E,2026-01-07,4.90123E+12,Cup,tea,1\nr10,A,2026-01-08,4.9E+12,Cup,tea,1\n"
	want := `s.csv:16: column "product_id": "4.90123E+12" ` + record.ErrScientific.Error()
	for _, opts := range []Options{{By: ByProduct}, {By: ByProduct, Product: "P1"}, {By: ByCategory, Product: "P1"}} {
		for _, size := range []int{0, 64} {
			r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv", BlockSize: size})
			if err != nil {
				t.Fatal(err)
			}
			bind, _ := schema.Sales.Bind(r.Header(), nil)
			opts.Workers = 1
			if _, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, opts); err == nil || err.Error() != want {
				t.Errorf("%+v, %d-byte blocks: error %v, want %s", opts, size, err, want)
			}
		}
	}
}

// Two shards a worker, at least four, at most the 64 merge's mask holds.
func TestShardBits(t *testing.T) {
	for workers, want := range map[int]int{1: 2, 2: 2, 3: 3, 4: 3, 8: 4, 16: 5, 32: 6, 64: 6, 1000: 6} {
		if got := shardBits(workers); got != want {
			t.Errorf("shardBits(%d) = %d, want %d", workers, got, want)
		}
	}
}

func TestIndex(t *testing.T) {
	unit := netOf(parse.DecimalScale)
	for n := 1; n <= 11; n++ {
		var s itemSets
		s.grow(0)
		for i := range n {
			s.add(0, int32(10*i), int32(i+1)*unit)
		}
		r := s.ref(0)
		g := s.chunks[r.chunk][r.off : r.off+r.cap]
		for i := range n {
			at := index(g, r.len(), uint32(10*i)<<codeBits)
			if at < 0 || g[at]>>codeBits != uint32(10*i) || s.net(0, g[at]) != int32(i+1)*unit {
				t.Errorf("len %d: %d found at %d", n, 10*i, at)
			}
		}
		for _, x := range []uint32{5, 1, uint32(10 * n)} {
			if index(g, r.len(), x<<codeBits) >= 0 {
				t.Errorf("len %d: found %d, which is not there", n, x) // 1 is a quantity, not an item
			}
		}
	}
}

// TestNetQuantities follows one item's net quantity through the codes and
// the side table: whole units in the entry, anything else (a return, a
// fraction, more than a code holds) in nets, and back.
func TestNetQuantities(t *testing.T) {
	unit := netOf(parse.DecimalScale)
	var s itemSets
	s.grow(1)
	steps := []struct {
		q, net int32
		side   bool
	}{
		{unit, unit, false},
		{2 * unit, 3 * unit, false},
		{250 * unit, 253 * unit, false},
		{3 * unit, 256 * unit, true}, // more than a code holds
		{-255 * unit, unit, true},    // a return
		{-unit, 0, true},             // returned in full: not bought
		{unit / 2, unit / 2, true},   // half a unit
		{unit / 2, unit, true},
	}
	for i, st := range steps {
		s.add(1, MaxItems-1, st.q)
		r := s.ref(1)
		e := s.chunks[r.chunk][r.off]
		if r.len() != 1 || e>>codeBits != MaxItems-1 || s.net(1, e) != st.net || (e&codeMask == inSide) != st.side {
			t.Fatalf("step %d: %d items, entry %#x, net %d; want net %d, side %v", i, r.len(), e, s.net(1, e), st.net, st.side)
		}
		if got, want := len(s.bought(1, nil)) == 1, st.net > 0; got != want || s.boughtAny(1) != want {
			t.Errorf("step %d: bought %v, want %v", i, got, want)
		}
	}
	// A first line that is a return goes to the side table at once; the
	// other customer's items are their own.
	s.add(0, 7, -unit)
	if s.boughtAny(0) || len(s.items(0, nil)) != 1 || s.net(1, s.chunks[s.ref(1).chunk][s.ref(1).off]) != unit {
		t.Errorf("a return alone: bought %v, items %v", s.boughtAny(0), s.items(0, nil))
	}
}

// Returns, checked by hand. Net quantities:
//
//	A  P1 2−2 = 0 (bought, all returned)   P2 1
//	B  P1 1   P2 1−1 = 0
//	C  P1 −1 (a return only)   P3 1
//	D  P1 1   P3 1−1 = 0 (a negative amount is a return)   P4 1
//	E  P1 1   P2 1
//
// So P1's buyers are B, D, E (3) of N = 5 customers who bought anything.
// B's and D's other items are returned but P4; E bought P2:
//
//	P2: E = 1; support 0.2; confidence 1/3; P2's buyers A E = 2, lift (1/3)/(2/5) = 0.8333
//	P4: D = 1; support 0.2; confidence 1/3; P4's buyers D = 1, lift (1/3)/(1/5) = 1.6667
//
// For A, who bought P2 only: E shares it (similarity 1/2), and B's P2 is
// returned, so P1 (which A returned) is suggested, from E. For C, who
// bought P3: D returned its P3, so C has no neighbour.
const returns = `receipt_id,customer_id,sold_at,product_id,product_name,quantity,amount%s
r1,A,2026-01-01,P1,Cup,2,200%s
r1,A,2026-01-01,P2,Pot,1,300%s
r2,B,2026-01-02,P1,Cup,1,100%s
r2,B,2026-01-02,P2,Pot,1,300%s
r3,C,2026-01-02,P3,Plate,1,50%s
r4,D,2026-01-03,P1,Cup,1,100%s
r4,D,2026-01-03,P3,Plate,1,50%s
r4,D,2026-01-03,P4,Bowl,1,70%s
r5,E,2026-01-04,P1,Cup,1,100%s
r5,E,2026-01-04,P2,Pot,1,300%s
r6,A,2026-01-05,P1,Cup,%s,%s%s
r7,B,2026-01-05,P2,Pot,%s,%s%s
r8,C,2026-01-06,P1,Cup,%s,%s%s
r9,D,2026-01-06,P3,Plate,1,%s%s
`

func TestReturnsAreNoPurchase(t *testing.T) {
	sale := []any{"", "", "", "", "", "", "", "", "", "", ""}
	files := map[string]string{
		// negative numbers, no kind column: the ways parse.Amount reads one
		"signs": fmt.Sprintf(returns, append(sale, "-2", "-200", "", "(1)", "△300", "", "-1", "¥-100", "", "\"¥-50\"", "")...),
		// a kind column, the quantities written positive
		"kind": fmt.Sprintf(returns, ",kind", ",", ",", ",", ",", ",", ",", ",", ",", ",", ",",
			"2", "200", ",返品", "1", "300", ",返品", "1", "100", ",返品", "-50", ","),
	}
	for name, data := range files {
		for _, size := range []int{0, 64, 200} { // one block; blocks with returns and without
			open := func(opts Options) *Baskets {
				t.Helper()
				r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv", BlockSize: size})
				if err != nil {
					t.Fatal(err)
				}
				bind, err := schema.Sales.Bind(r.Header(), nil)
				if err != nil {
					t.Fatal(err)
				}
				b, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, opts)
				if err != nil {
					t.Fatalf("%s, blocks of %d: %v", name, size, err)
				}
				return b
			}
			b := open(Options{By: ByProduct, Product: "P1"})
			buyers, pairs := b.AlsoBought(1, 0)
			want := []string{"P2 Pot/ 1 0.2000 0.3333 0.8333", "P4 Bowl/ 1 0.2000 0.3333 1.6667"}
			if b.Customers() != 5 || buyers != 3 || !reflect.DeepEqual(show(pairs), want) {
				t.Errorf("%s, blocks of %d: %d customers, %d buyers\n got %q\nwant %q", name, size, b.Customers(), buyers, show(pairs), want)
			}
			b = open(Options{By: ByProduct})
			sugg, nb, err := b.ForCustomer("A", 0, 1, 0)
			if err != nil || len(sugg) != 1 || sugg[0].Item != "P1" || sugg[0].Score != 0.5 || nb.Count != 1 {
				t.Errorf("%s, blocks of %d: for A %+v, %+v, %v; want P1 from E", name, size, sugg, nb, err)
			}
			if sugg, nb, err := b.ForCustomer("C", 0, 1, 0); err != nil || len(sugg) != 0 || nb.Count != 0 {
				t.Errorf("%s, blocks of %d: for C %+v, %+v, %v; want no neighbour", name, size, sugg, nb, err)
			}
		}
	}
}

// TestAlsoBoughtPerStore ranks within each store, checked by hand. A
// customer's basket at a store is what they bought there (the store id
// trimmed, so " S2 " is S2):
//
//	S1: A {P1 P2}  B {P1 P3}  C {P2}           N = 3, P1's buyers A B
//	S2: A {P1 P3}  D {P1 P3 P2}  E {P3}        N = 3, P1's buyers A D
//	S3: F {P2}                                 no buyer of P1: left out
//
//	S1 P2: A; support 1/3, confidence 1/2, lift 0.5/(2/3) = 0.75
//	S1 P3: B; support 1/3, confidence 1/2, lift 0.5/(1/3) = 1.5
//	S2 P3: A D; support 2/3, confidence 1, lift 1/(3/3) = 1
//	S2 P2: D; support 1/3, confidence 1/2, lift 0.5/(1/3) = 1.5
func TestAlsoBoughtPerStore(t *testing.T) {
	const data = `receipt_id,customer_id,sold_at,store_id,product_id,amount
r1,A,2026-01-01,S1,P1,100
r1,A,2026-01-01,S1,P2,100
r2,B,2026-01-01,S1,P1,100
r2,B,2026-01-01,S1,P3,100
r3,C,2026-01-02,S1,P2,100
r4,A,2026-01-02, S2 ,P1,100
r4,A,2026-01-02,S2,P3,100
r5,D,2026-01-03,S2,P3,100
r5,D,2026-01-03,S2,P1,100
r6,D,2026-01-04,S2,P2,100
r7,E,2026-01-04,S2,P3,100
r8,F,2026-01-05,S3,P2,100
`
	want := []string{"S1 2/3", "P2 / 1 0.3333 0.5000 0.7500", "P3 / 1 0.3333 0.5000 1.5000",
		"S2 2/3", "P3 / 2 0.6667 1.0000 1.0000", "P2 / 1 0.3333 0.5000 1.5000"}
	for _, size := range []int{0, 64} { // one block, and many
		r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: "s.csv", BlockSize: size})
		if err != nil {
			t.Fatal(err)
		}
		bind, _ := schema.Sales.Bind(r.Header(), nil)
		b, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, Options{Product: "P1", PerStore: true})
		if err != nil {
			t.Fatal(err)
		}
		if b.Customers() != 7 {
			t.Errorf("block size %d: %d customers of the stores, want 7", size, b.Customers())
		}
		stores, err := b.AlsoBoughtPerStore(1, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range stores {
			got = append(got, fmt.Sprintf("%s %d/%d", s.Store, s.Buyers, s.Customers))
			got = append(got, show(s.Pairs)...)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("block size %d:\n got %q\nwant %q", size, got, want)
		}
	}
	if _, err := build(t, Options{Product: "P1"}).AlsoBoughtPerStore(1, 0); err == nil {
		t.Error("baskets built without PerStore ranked per store")
	}
}

// TestOneDigit checks the quantity fast path: one digit from 1 to 9 is
// read, anything else is left to Totals.Quantity.
func TestOneDigit(t *testing.T) {
	for in, want := range map[string]parse.Decimal{"1": parse.DecimalScale, "9": 9 * parse.DecimalScale} {
		if got, ok := oneDigit([]byte(in)); !ok || got != want {
			t.Errorf("oneDigit(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "0", "10", "-", "a", ":", "/", " 1", "１"} {
		if got, ok := oneDigit([]byte(in)); ok {
			t.Errorf("oneDigit(%q) = %d, true; want false", in, got)
		}
	}
}

// TestLargeSets follows sets that grow past filterFrom, and regions freed
// by one customer and reused by another, against a map: every item added
// is among the set's items, and it is bought when its net quantity is
// above zero. An item the filter wrongly called new would be there twice.
func TestLargeSets(t *testing.T) {
	unit := netOf(parse.DecimalScale)
	rng := rand.New(rand.NewPCG(3, 4))
	var s itemSets
	const customers = 6
	s.grow(customers - 1)
	want := make([]map[int32]int32, customers)
	for c := range want {
		want[c] = map[int32]int32{}
	}
	for range 40000 {
		c := rng.IntN(customers)
		it := int32(rng.IntN(100 << c)) // sets of 100 to 3,200 items
		q := unit * int32(1+rng.IntN(3))
		if rng.IntN(10) == 0 {
			q = -q
		}
		s.add(c, it, q)
		want[c][it] += q
	}
	for c := range customers {
		var items, bought []int32
		for it, net := range want[c] {
			items = append(items, it)
			if net > 0 {
				bought = append(bought, it)
			}
		}
		slices.Sort(items)
		slices.Sort(bought)
		gotItems, gotBought := s.items(c, nil), s.bought(c, nil)
		slices.Sort(gotItems)
		slices.Sort(gotBought)
		if !slices.Equal(gotItems, items) || !slices.Equal(gotBought, bought) {
			t.Errorf("customer %d: %d items, %d bought; want %d, %d", c, len(gotItems), len(gotBought), len(items), len(bought))
		}
		if c >= 1 && !s.ref(c).filtered() {
			t.Errorf("customer %d: %d items and no filter", c, len(items))
		}
	}
}

// TestMergeLeavesHeldShards: a merge adds the runs of the shards it can
// take and leaves those of a shard another worker holds for later,
// without waiting; the chunk is released once merged whole.
func TestMergeLeavesHeldShards(t *testing.T) {
	const header = "customer_id,product_id\n"
	var lines strings.Builder
	for c := range 40 {
		fmt.Fprintf(&lines, "C%d,P%d\n", c, c%3)
	}
	r, err := rows.NewReader(strings.NewReader(header+lines.String()), rows.Options{Name: "s.csv"})
	if err != nil {
		t.Fatal(err)
	}
	bind, _ := schema.Sales.Bind(r.Header(), nil)
	b := newBaskets(Options{By: ByProduct}, shardBits(2))
	p, err := newPass(record.NewDecoder("s.csv", bind), b.opts)
	if err != nil {
		t.Fatal(err)
	}
	p.customers, p.shardBits = b.shards[0].customers, b.shardBits
	block, err := r.NextBlock()
	if err != nil {
		t.Fatal(err)
	}
	ch, err := p.block(block)
	if err != nil {
		t.Fatal(err)
	}
	released := 0
	release := func(any) { released++ }
	b.shards[1].mu.Lock() // another worker's
	if err := b.merge(ch, release); err != nil {
		t.Fatal(err)
	}
	held := b.shards[1].customers.Len()
	if released != 0 || len(b.later) != 1 || b.later[0].pending != 1<<1 || held != 0 || b.Customers() == 0 {
		t.Fatalf("with shard 1 held: released %d, %d left for later, %d customers in it", released, len(b.later), held)
	}
	b.shards[1].mu.Unlock()
	b.mergeLater(release, false)
	if released != 1 || len(b.later) != 0 || b.Customers() != 40 {
		t.Errorf("once free: released %d, %d left for later, %d customers", released, len(b.later), b.Customers())
	}
}

// TestNoItems: customers whose lines give no item (the product's own
// category, an empty product id, an item bought and returned) leave
// their shards without a single set, which the read-out must take.
func TestNoItems(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		opts       Options
		buyers     int
	}{
		{"the product's own category", "customer_id,product_id,category\nC1,P1,cat\n", Options{By: ByCategory, Product: "P1"}, 1},
		{"no product id", "customer_id,product_id,quantity\nC1,,1\nC2,P1,1\n", Options{By: ByProduct, Product: "P1"}, 1},
		{"returned", "customer_id,product_id,quantity\nC1,P2,1\nC1,P2,-1\n", Options{By: ByProduct, Product: "P1"}, 0},
	} {
		r, err := rows.NewReader(strings.NewReader(tc.data), rows.Options{Name: "s.csv"})
		if err != nil {
			t.Fatal(err)
		}
		bind, _ := schema.Sales.Bind(r.Header(), nil)
		b, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if buyers, pairs := b.AlsoBought(1, 0); buyers != tc.buyers || len(pairs) != 0 {
			t.Errorf("%s: %d buyers, %d pairs", tc.name, buyers, len(pairs))
		}
	}
}
