package join

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
)

const customersCSV = `customer_id,name,phone,store_id
C1,山田太郎,090-1111-2222,S1
C2,"Sato, Hanako",03-1234-5678,S2
C3,鈴木一郎,,S1
`

const salesCSV = `顧客番号,receipt_id,store_id,memo
C1,R1,S1,1200
,R2,S1,500
C9,R3,S2,300
C2,R4,S2,"say ""hi"""
C1,R5,S2,"multi
line"
`

func open(t *testing.T, name, data string, kind schema.Kind) (*rows.Reader, *schema.Binding) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: name, BlockSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	b, err := kind.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r, b
}

type joinResult struct {
	out, unmatched string
	stats          Stats
	keysChanged    int
	err            error
}

// rowsOnly hides the fast path of a writer, as a printed format has none.
type rowsOnly struct{ sink.Rows }

// join runs a whole join the way the command does, on the fast path (rows
// encoded on the workers) or the slow one (rows through the Sink).
func join(t *testing.T, typ Type, customers, sales string, fast, keyNormalize bool, workers int) joinResult {
	t.Helper()
	var ob, ub bytes.Buffer
	ow, _ := output.New(&ob, output.Options{Format: output.CSV})
	uw, _ := output.New(&ub, output.Options{Format: output.CSV})
	opts := Options{Type: typ, KeyNormalize: keyNormalize, Workers: workers, Out: ow, Unmatched: uw}
	if !fast {
		opts.Out, opts.Unmatched = rowsOnly{ow}, rowsOnly{uw}
	}
	st, err := Run(context.Background(), input(t, customers, sales), opts)
	if cerr := ow.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	uw.Close()
	return joinResult{ob.String(), ub.String(), st, st.CustomerKeysChanged, err}
}

// input opens the customers and sales of a test.
func input(t *testing.T, customers, sales string) Input {
	t.Helper()
	cr, cb := open(t, "c.csv", customers, schema.Customers)
	sr, sb := open(t, "s.csv", sales, schema.Sales)
	return Input{Customers: cr, CustomersBinding: cb, Sales: sr, SalesBinding: sb}
}

func TestNewLayout(t *testing.T) {
	_, cb := open(t, "c.csv", "customer_id,name,phone,Store ID,memo\n", schema.Customers)
	_, sb := open(t, "s.csv", "顧客番号,receipt_id,店舗,name,MEMO\n", schema.Sales)
	l := NewLayout(Inner, sb, cb)
	want := []string{"顧客番号", "receipt_id", "店舗", "name", "MEMO", "customer_name", "phone", "customer_Store ID", "customer_memo"}
	if !reflect.DeepEqual(l.Header, want) || !reflect.DeepEqual(l.CustomerCol, []int{1, 2, 3, 4}) {
		t.Errorf("inner layout: %q %v", l.Header, l.CustomerCol)
	}
	if l2 := NewLayout(Left, sb, cb); !reflect.DeepEqual(l2, l) {
		t.Errorf("left layout differs from inner: %q", l2.Header)
	}
	for _, typ := range []Type{Anti, Semi} {
		l := NewLayout(typ, sb, cb)
		if !reflect.DeepEqual(l.Header, sb.Header) || len(l.CustomerCol) != 0 {
			t.Errorf("%s layout: %q %v", typ, l.Header, l.CustomerCol)
		}
	}
	// A prefixed name that is taken too is prefixed again.
	_, cb = open(t, "c.csv", "customer_id,store_id\n", schema.Customers)
	_, sb = open(t, "s.csv", "customer_id,store_id,customer_store_id\n", schema.Sales)
	if l := NewLayout(Inner, sb, cb); !reflect.DeepEqual(l.Header[3:], []string{"customer_customer_store_id"}) {
		t.Errorf("double prefix: %q", l.Header)
	}
}

func TestJoinTypes(t *testing.T) {
	const head = "顧客番号,receipt_id,store_id,memo"
	const joinedHead = head + ",name,phone,customer_store_id\n"
	r1 := "C1,R1,S1,1200"
	r2 := ",R2,S1,500"
	r3 := "C9,R3,S2,300"
	r4 := `C2,R4,S2,"say ""hi"""`
	r5 := "C1,R5,S2,\"multi\nline\""
	c1 := ",山田太郎,090-1111-2222,S1"
	c2 := `,"Sato, Hanako",03-1234-5678,S2`
	tests := []struct {
		typ   Type
		want  string
		stats Stats
	}{
		{Inner, joinedHead + r1 + c1 + "\n" + r4 + c2 + "\n" + r5 + c1 + "\n", Stats{Lines: 5, Matched: 3, WalkIn: 1, Unknown: 1, Written: 3}},
		{Left, joinedHead + r1 + c1 + "\n" + r2 + ",,,\n" + r3 + ",,,\n" + r4 + c2 + "\n" + r5 + c1 + "\n", Stats{Lines: 5, Matched: 3, WalkIn: 1, Unknown: 1, Written: 5}},
		{Anti, head + "\n" + r3 + "\n", Stats{Lines: 5, Matched: 3, WalkIn: 1, Unknown: 1, Written: 1}},
		{Semi, head + "\n" + r1 + "\n" + r4 + "\n" + r5 + "\n", Stats{Lines: 5, Matched: 3, WalkIn: 1, Unknown: 1, Written: 3}},
	}
	for _, tt := range tests {
		for _, fast := range []bool{false, true} {
			for _, workers := range []int{1, 3} {
				got := join(t, tt.typ, customersCSV, salesCSV, fast, false, workers)
				if got.err != nil {
					t.Errorf("%s fast=%v: %v", tt.typ, fast, got.err)
					continue
				}
				if got.out != tt.want || got.stats != tt.stats {
					t.Errorf("%s fast=%v workers=%d:\n got %q %+v\nwant %q %+v", tt.typ, fast, workers, got.out, got.stats, tt.want, tt.stats)
				}
				if want := head + "\n" + r3 + "\n"; got.unmatched != want {
					t.Errorf("%s fast=%v: unmatched %q, want %q", tt.typ, fast, got.unmatched, want)
				}
			}
		}
	}
}

// The fast and slow paths must agree on a larger input too, where the sales
// file spans many blocks and workers finish out of order.
func TestJoinFastEqualsSlow(t *testing.T) {
	var c, s strings.Builder
	c.WriteString("customer_id,name,memo\n")
	for i := 0; i < 200; i++ {
		c.WriteString("C" + strconv.Itoa(i) + ",名前" + strconv.Itoa(i) + ",\"a,\"\"b\"\"\"\n")
	}
	s.WriteString("customer_id,receipt_id,amount,memo\n")
	for i := 0; i < 3000; i++ {
		id := "C" + strconv.Itoa(i%260) // some unknown
		if i%17 == 0 {
			id = ""
		}
		s.WriteString(id + ",R" + strconv.Itoa(i) + "," + strconv.Itoa(i*7) + ",\"x\ny\"\n")
	}
	for _, typ := range []Type{Inner, Left, Anti, Semi} {
		slow := join(t, typ, c.String(), s.String(), false, false, 1)
		fast := join(t, typ, c.String(), s.String(), true, false, 4)
		if slow.err != nil || fast.err != nil {
			t.Fatalf("%s: %v %v", typ, slow.err, fast.err)
		}
		if slow.out != fast.out || slow.unmatched != fast.unmatched || slow.stats != fast.stats {
			t.Errorf("%s: fast and slow paths differ (%d vs %d bytes, %+v vs %+v)", typ, len(fast.out), len(slow.out), fast.stats, slow.stats)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, customers string
		keyNormalize    bool
		msg             string
	}{
		{"duplicate", "customer_id,name\nC1,a\nC2,b\nC1,c\n", false,
			`c.csv:4: column "customer_id": "C1" appears again (first on line 2); customer ids must be unique`},
		{"duplicate after a multi-line row", "customer_id,name\nC1,\"a\nb\"\nC1,c\n", false,
			`c.csv:4: column "customer_id": "C1" appears again (first on line 2); customer ids must be unique`},
		{"empty", "customer_id,name\nC1,a\n,b\n", false,
			`c.csv:3: column "customer_id": "" is empty; every customer needs an id`},
		{"blank", "customer_id,name\nC1,a\n  ,b\n", false,
			`c.csv:3: column "customer_id": "  " is empty; every customer needs an id`},
		{"duplicate after normalising", "customer_id,name\n123,a\n000123,b\n", true,
			`c.csv:3: column "customer_id": "000123" appears again as "123" (first on line 2); customer ids must be unique`},
		{"ragged", "customer_id,name\nC1,a,x\n", false,
			`c.csv:2: row has 3 fields, the header has 2`},
	}
	for _, tt := range tests {
		for _, fast := range []bool{false, true} {
			got := join(t, Inner, tt.customers, salesCSV, fast, tt.keyNormalize, 2)
			if got.err == nil || got.err.Error() != tt.msg {
				t.Errorf("%s:\n got %v\nwant %s", tt.name, got.err, tt.msg)
			}
			var re *rows.Error
			if !errors.As(got.err, &re) {
				t.Errorf("%s: %T is not a *rows.Error", tt.name, got.err)
			}
		}
	}
}

func TestJoinSalesErrors(t *testing.T) {
	sales := "customer_id,receipt_id\nC1,R1\n" + strings.Repeat("C2,R2\n", 40) + "C1,R3,extra\nC2,R4\n"
	for _, fast := range []bool{false, true} {
		got := join(t, Inner, customersCSV, sales, fast, false, 3)
		if got.err == nil || got.err.Error() != "s.csv:43: row has 3 fields, the header has 2" {
			t.Errorf("fast=%v: %v", fast, got.err)
		}
	}
}

func TestKeyNormalize(t *testing.T) {
	customers := "customer_id,name\n123,Yamada\n0042,Sato\nC7,Suzuki\n"
	sales := "customer_id,receipt_id\n000123,R1\n 123 ,R2\n１２３,R3\n123,R4\n42,R5\nC7,R6\n0,R7\n   ,R8\n"
	for _, fast := range []bool{false, true} {
		got := join(t, Semi, customers, sales, fast, true, 2)
		want := "customer_id,receipt_id\n000123,R1\n 123 ,R2\n１２３,R3\n123,R4\n42,R5\nC7,R6\n"
		if got.err != nil || got.out != want {
			t.Errorf("fast=%v:\n got %q %v\nwant %q", fast, got.out, got.err, want)
		}
		// Changed: 000123, " 123 ", １２３ and "   " (now empty: a walk-in).
		if wantStats := (Stats{Lines: 8, Matched: 6, WalkIn: 1, Unknown: 1, Written: 6, KeysChanged: 4, CustomerKeysChanged: 1}); got.stats != wantStats {
			t.Errorf("fast=%v: stats %+v, want %+v", fast, got.stats, wantStats)
		}
		if got.keysChanged != 1 {
			t.Errorf("fast=%v: %d customer ids changed, want 1 (0042)", fast, got.keysChanged)
		}
		// Without the option ids match exactly.
		exact := join(t, Semi, customers, sales, fast, false, 2)
		if want := "customer_id,receipt_id\n123,R4\nC7,R6\n"; exact.out != want || exact.stats.KeysChanged != 0 || exact.keysChanged != 0 {
			t.Errorf("fast=%v exact: %q %+v", fast, exact.out, exact.stats)
		}
	}
}

func TestWithoutSales(t *testing.T) {
	for _, fast := range []bool{false, true} {
		var out, unknown bytes.Buffer
		w, _ := output.New(&out, output.Options{Format: output.CSV})
		u, _ := output.New(&unknown, output.Options{Format: output.CSV})
		opts := Options{WithoutSales: true, Workers: 2, Out: w, Unmatched: u}
		if !fast {
			opts.Out, opts.Unmatched = rowsOnly{w}, rowsOnly{u}
		}
		st, err := Run(context.Background(), input(t, customersCSV, salesCSV), opts)
		w.Close()
		u.Close()
		if want := "customer_id,name,phone,store_id\nC3,鈴木一郎,,S1\n"; err != nil || out.String() != want {
			t.Errorf("got %q %v, want %q", out.String(), err, want)
		}
		if want := "顧客番号,receipt_id,store_id,memo\nC9,R3,S2,300\n"; unknown.String() != want {
			t.Errorf("unmatched: got %q, want %q", unknown.String(), want)
		}
		if want := (Stats{Lines: 5, Matched: 3, WalkIn: 1, Unknown: 1, Written: 1}); st != want {
			t.Errorf("stats %+v, want %+v", st, want)
		}
	}
}

func TestRunCancelled(t *testing.T) {
	for _, fast := range []bool{false, true} {
		var out bytes.Buffer
		w, _ := output.New(&out, output.Options{Format: output.CSV})
		opts := Options{Type: Inner, Out: w}
		if !fast {
			opts.Out = rowsOnly{w}
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Run(ctx, input(t, customersCSV, salesCSV), opts); !errors.Is(err, context.Canceled) {
			t.Errorf("fast=%v: got %v, want context.Canceled", fast, err)
		}
	}
}

// An interrupt stops the row-by-row path (table and markdown output) as
// well as the fast one.
func TestSlowPathCancelled(t *testing.T) {
	in := input(t, customersCSV, salesCSV)
	layout := NewLayout(Inner, in.SalesBinding, in.CustomersBinding)
	idx, err := customer.Load(in.Customers, in.CustomersBinding, customer.LoadOptions{Payload: customer.PlainPayload(layout.CustomerCol)})
	if err != nil {
		t.Fatal(err)
	}
	w, _ := output.New(io.Discard, output.Options{Format: output.Markdown})
	j, err := newJoiner(in, idx, Options{Type: Inner, Out: w})
	if err != nil {
		t.Fatal(err)
	}
	j.layout = layout
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st, err := j.slow(ctx, in.Sales)
	if !errors.Is(err, context.Canceled) || st.Lines != 0 {
		t.Errorf("got %v after %d lines, want context.Canceled before the first", err, st.Lines)
	}
}

func TestSummary(t *testing.T) {
	s := Stats{Lines: 5, Matched: 3, WalkIn: 1, Unknown: 1, Written: 3}
	if got, want := s.Summary(), "5 sales lines: 3 matched, 1 walk-in (no customer id), 1 with an unknown customer id; 3 rows written"; got != want {
		t.Errorf("got %s", got)
	}
}

// Copies of a taken name are numbered after the second prefix, so that the
// header grows linearly however many columns share a name.
func TestLayoutManyCopies(t *testing.T) {
	_, cb := open(t, "c.csv", "customer_id,memo,memo,memo,memo,Memo,x\n", schema.Customers)
	_, sb := open(t, "s.csv", "customer_id,memo,customer_memo_3\n", schema.Sales)
	want := []string{"customer_id", "memo", "customer_memo_3",
		"customer_memo", "customer_customer_memo", "customer_memo_2", "customer_memo_4", "customer_Memo_5", "x"}
	if l := NewLayout(Inner, sb, cb); !reflect.DeepEqual(l.Header, want) {
		t.Errorf("copies:\n got %q\nwant %q", l.Header, want)
	}
}
