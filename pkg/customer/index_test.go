package customer

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// collision finds two ids whose hashes share the tag the table compares
// before the ids themselves, so that the tests reach the paths where a
// tag matches and the id does not.
func collision(t *testing.T, seed maphash.Seed) (a, b string) {
	t.Helper()
	tb := newTable(seed)
	seen := map[uint64]string{}
	for i := 0; i < 1<<22; i++ {
		id := fmt.Sprintf("C%d", i)
		tag := tb.hash([]byte(id)).tag()
		if prev, ok := seen[tag]; ok {
			return prev, id
		}
		seen[tag] = id
	}
	t.Fatal("no two ids share a tag")
	return "", ""
}

func TestTagCollision(t *testing.T) {
	seed := maphash.MakeSeed()
	a, b := collision(t, seed)
	customers := fmt.Sprintf("customer_id,name\n%s,first\n%s,second\nD,third\n", a, b)
	bind := func(name, data string, kind schema.Kind) (*rows.Reader, *schema.Binding) {
		r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		sb, err := kind.Bind(r.Header(), nil)
		if err != nil {
			t.Fatal(err)
		}
		return r, sb
	}
	cr, cb := bind("customers.csv", customers, schema.Customers)
	x, err := load(context.Background(), cr, cb, LoadOptions{Payload: PlainPayload([]int{1})}, newTable(seed))
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range []string{a, b, "D"} {
		if got := x.Lookup([]byte(id)); got != i {
			t.Errorf("Lookup(%s) = %d, want %d", id, got, i)
		}
	}

	// The second id's first tag match is the first id's entry: FindAll
	// must compare the ids and go on probing.
	var batch Batch
	for _, id := range []string{b, a, "E", ""} {
		batch.Add([]byte(id))
	}
	x.FindAll(&batch)
	var got []string
	for _, p := range batch.Probes {
		got = append(got, fmt.Sprintf("%v %q", p.Found, SplitCells(p.Payload)))
	}
	if want := `true ["second"]|true ["first"]|false []|false []`; strings.Join(got, "|") != want {
		t.Errorf("FindAll: got %s, want %s", strings.Join(got, "|"), want)
	}

	// A second copy of the first id is still a duplicate.
	cr, cb = bind("customers.csv", customers+a+",again\n", schema.Customers)
	if _, err := load(context.Background(), cr, cb, LoadOptions{}, newTable(seed)); err == nil || !strings.Contains(err.Error(), "first on line 2") {
		t.Errorf("duplicate of a colliding id: %v", err)
	}
}

func TestTableGrows(t *testing.T) {
	x := &Index{table: newTable(maphash.MakeSeed())}
	var chunk []byte
	var ents []loadedEntry
	for i := 0; i < 5000; i++ {
		id := []byte(fmt.Sprintf("K%d", i))
		ents = append(ents, loadedEntry{off: int32(len(chunk)), line: int32(i + 2), hash: x.table.hash(id), rawLen: -1})
		chunk = appendEntry(chunk, id, nil, nil)
	}
	if err := x.add(&loaded{chunk: chunk, ents: ents}); err != nil {
		t.Fatal(err)
	}
	if len(x.table.slots) < 5000*4/3 || x.table.n != 5000 {
		t.Fatalf("%d slots for %d ids", len(x.table.slots), x.table.n)
	}
	for i := 0; i < 5000; i++ {
		if got := x.Lookup([]byte(fmt.Sprintf("K%d", i))); got != i {
			t.Fatalf("Lookup(K%d) = %d", i, got)
		}
	}
}

func loadBlocks(t *testing.T, customers string, blockSize, workers int) (*Index, error) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(customers), rows.Options{Name: "customers.csv", BlockSize: blockSize})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Customers.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return Load(r, b, LoadOptions{Workers: workers, Payload: PlainPayload([]int{1})})
}

func TestLoadAcrossBlocks(t *testing.T) {
	var c strings.Builder
	c.WriteString("customer_id,name\n")
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&c, "C%d,name %d\n", i, i)
		if i%50 == 0 {
			c.WriteString("\n") // blank lines shift line numbers
		}
	}
	for _, workers := range []int{1, 2, 3} {
		for _, bs := range []int{0, 100} {
			x, err := loadBlocks(t, c.String(), bs, workers)
			if err != nil {
				t.Fatal(err)
			}
			if x.Len() != 500 {
				t.Fatalf("Len %d, want 500", x.Len())
			}
			for _, i := range []int{0, 1, 49, 50, 51, 499} {
				n := x.Lookup([]byte(fmt.Sprintf("C%d", i)))
				if n != i {
					t.Fatalf("workers %d block %d: Lookup(C%d) = %d", workers, bs, i, n)
				}
				if got := SplitCells(x.Payload(n)); len(got) != 1 || got[0] != fmt.Sprintf("name %d", i) {
					t.Errorf("Payload(%d) = %q", n, got)
				}
				want := 2 + i // a blank line follows C0, C50, C100...
				if i > 0 {
					want += (i-1)/50 + 1
				}
				if x.Line(n) != want {
					t.Errorf("Line(%d) = %d, want %d", n, x.Line(n), want)
				}
			}
			if x.Lookup([]byte("C500")) != -1 || x.Lookup([]byte("")) != -1 {
				t.Error("Lookup found an id that is not there")
			}
		}
	}
}

func TestLoadErrorsInFileOrder(t *testing.T) {
	withRows := func(lines ...string) string {
		var b strings.Builder
		b.WriteString("customer_id,name\n")
		for i := 0; i < 40; i++ {
			fmt.Fprintf(&b, "C%d,n\n", i)
		}
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		return b.String()
	}
	tests := []struct {
		name, input string
		is          error
		msg         string
	}{
		{"duplicate", withRows("X,a", "C7,b"), nil, `customers.csv:43: column "customer_id": "C7" appears again (first on line 9); customer ids must be unique`},
		{"duplicate before empty id", withRows("C3,a", ",b"), nil, `customers.csv:42: column "customer_id": "C3" appears again (first on line 5); customer ids must be unique`},
		{"empty id before duplicate", withRows(" ,a", "C3,b"), ErrEmptyID, `customers.csv:42: column "customer_id": " " is empty; every customer needs an id`},
		{"duplicate before ragged row", withRows("C3,a", "C99"), nil, `customers.csv:42: column "customer_id": "C3" appears again (first on line 5); customer ids must be unique`},
		{"ragged row", withRows("C99"), rows.ErrRagged, "customers.csv:42: row has 1 field, the header has 2"},
	}
	for _, tt := range tests {
		for _, workers := range []int{1, 2} {
			for _, bs := range []int{0, 32, 200} {
				_, err := loadBlocks(t, tt.input, bs, workers)
				if err == nil || err.Error() != tt.msg {
					t.Errorf("%s (workers %d, block %d):\n got %v\nwant %s", tt.name, workers, bs, err, tt.msg)
					continue
				}
				var dup *DuplicateIDError
				if tt.is == nil && !errors.As(err, &dup) {
					t.Errorf("%s: %v is not a DuplicateIDError", tt.name, err)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("%s: %v is not %v", tt.name, err, tt.is)
				}
			}
		}
	}
}

func TestNormalizeKey(t *testing.T) {
	tests := []struct {
		in, want string
		changed  bool
	}{
		{"123", "123", false},
		{"000123", "123", true},
		{" 123 ", "123", true},
		{"１２３", "123", true},
		{"０００１２３", "123", true},
		{"0", "0", false},
		{"000", "0", true},
		{"C0012", "C0012", false},
		{"Ｃ００１２", "C0012", true},
		{"\u3000123\u3000", "123", true},
		{"", "", false},
	}
	for _, tt := range tests {
		got, changed := NormalizeKey([]byte(tt.in))
		if string(got) != tt.want || changed != tt.changed {
			t.Errorf("NormalizeKey(%q) = %q %v, want %q %v", tt.in, got, changed, tt.want, tt.changed)
		}
	}
}

func TestLoadCancelled(t *testing.T) {
	r, b := open(t, customers)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := LoadContext(ctx, r, b, LoadOptions{Payload: PlainPayload([]int{1})}); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestNear finds, for an id the index lacks, the one it has after
// NormalizeKey, and nothing for an index whose ids were normalised.
func TestNear(t *testing.T) {
	x, err := loadBlocks(t, "customer_id,name\n101,A\nＫ7,B\n0042,C\n", 1<<20, 1)
	if err != nil {
		t.Fatal(err)
	}
	if x.near != nil {
		t.Fatal("the normalised ids were made before Near was called")
	}
	for id, want := range map[string]string{"000101": "101", "K7": "Ｋ7", "42": "0042", "102": ""} {
		got, ok := x.Near([]byte(id))
		if got != want || ok != (want != "") {
			t.Errorf("Near(%q) = %q, %v; want %q", id, got, ok, want)
		}
	}
	// ids alike after NormalizeKey: the first in the file is the one
	alike, err := loadBlocks(t, "customer_id,name\n0101,A\n101,B\n00101,C\n", 1<<20, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := alike.Near([]byte("000101")); got != "0101" || !ok {
		t.Errorf("Near(000101) among 0101, 101, 00101 = %q, %v; want the first, 0101", got, ok)
	}
	var m NearMiss
	if m.Note("c.csv") != "" {
		t.Error("a note without lines")
	}
	m.Add([]byte("000101"), "101")
	if got, want := m.Note("c.csv"), `1 line has an id that is in c.csv only after --key-normalize (e.g. "000101" ~ "101"); give --key-normalize if they are the same customers`; got != want {
		t.Errorf("Note = %q\nwant %q", got, want)
	}
	m.Merge(NearMiss{Lines: 2, Sales: "0042", Customer: "42"})
	if m.Lines != 3 || m.Sales != "000101" {
		t.Errorf("after Merge: %+v", m)
	}

	r, err := rows.NewReader(strings.NewReader("customer_id\n0101\n"), rows.Options{Name: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Customers.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Load(r, b, LoadOptions{KeyNormalize: true})
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := n.Near([]byte("00101")); ok {
		t.Errorf("Near on a normalised index = %q", k)
	}
}
