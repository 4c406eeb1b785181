package join

import (
	"context"
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

	// The second id's first tag match is the first id's entry: the join
	// must compare the ids and go on probing.
	sales := fmt.Sprintf("customer_id,receipt_id\n%s,R1\n%s,R2\nE,R3\n", b, a)
	sr, sb := bind("sales.csv", sales, schema.Sales)
	var out strings.Builder
	enc := &testEncoder{w: &out}
	layout := NewLayout(Inner, sb, cb)
	st, err := Run(context.Background(), x, sr, sb, layout, enc, Options{Type: Inner, Encoder: enc})
	if err != nil {
		t.Fatal(err)
	}
	// x's payloads are PlainPayload's; the test encoder shows them raw.
	want := fmt.Sprintf("%s|R1\x06second\n%s|R2\x05first\n", b, a)
	if out.String() != want || st.Matched != 2 || st.Unknown != 1 {
		t.Errorf("got %q %+v, want %q", out.String(), st, want)
	}

	// A second copy of the first id is still a duplicate.
	cr, cb = bind("customers.csv", customers+a+",again\n", schema.Customers)
	if _, err := load(context.Background(), cr, cb, LoadOptions{}, newTable(seed)); err == nil || !strings.Contains(err.Error(), "first on line 2") {
		t.Errorf("duplicate of a colliding id: %v", err)
	}
}

// testEncoder joins cells with "|" and appends payloads as they are.
type testEncoder struct{ w *strings.Builder }

func (e *testEncoder) WriteHeader([]string) error { return nil }
func (e *testEncoder) Write([]string) error       { return nil }
func (e *testEncoder) AppendCells(dst []byte, cells [][]byte, start int) []byte {
	for i, c := range cells {
		if start+i > 0 {
			dst = append(dst, '|')
		}
		dst = append(dst, c...)
	}
	return dst
}
func (e *testEncoder) AppendRowEnd(dst []byte) []byte { return append(dst, '\n') }
func (e *testEncoder) WriteEncoded(p []byte) error {
	e.w.Write(p)
	return nil
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
