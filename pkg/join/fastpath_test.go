package join_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/join"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
)

// files are the inputs of the join tests: the customers' id column in the
// middle (so that their appended columns are two runs), quoted cells with
// delimiters, quotes and line breaks, a CR inside a cell, CRLF lines, a
// formula-looking cell, walk-in and unknown lines.
func files(comma string, crlf bool) (customers, sales string) {
	c := []string{
		"name,customer_id,phone,store_id,note",
		`山田太郎,C1,090-1111-2222,S1,`,
		`"Sato, Hanako",C2,03-1234-5678,S2,"says ""hi"""`,
		`鈴木一郎,C3,,S1,"two` + "\n" + `lines"`,
		"Ito,C4,=1+2,S3,cr\rinside",
	}
	for i := 5; i <= 60; i++ {
		c = append(c, fmt.Sprintf("客%d,C%d,090-%04d,S%d,", i, i, i, i%3))
	}
	s := []string{"receipt_id,customer_id,sold_at,store_id,product_name,amount"}
	for i := 0; i < 200; i++ {
		id := fmt.Sprintf("C%d", i%70) // C0 and C61..C69 are unknown
		name := "茶碗"
		switch i % 9 {
		case 1:
			id = ""
		case 2:
			name = `"湯呑み, 5客"`
		case 3:
			name = `"""九谷"" 皿"`
		case 4:
			name = "=HYPERLINK(1)"
		}
		s = append(s, fmt.Sprintf("R%d,%s,2026-11-%02d,S%d,%s,%d", i, id, i%28+1, i%3, name, 100*i))
	}
	join := func(lines []string) string {
		t := strings.Join(lines, "\n") + "\n"
		if comma == "\t" {
			t = strings.ReplaceAll(t, ",", "\t")
		}
		if crlf {
			t = strings.ReplaceAll(t, "\n", "\r\n")
		}
		return t
	}
	return join(c), join(s)
}

func reader(t *testing.T, name, data string, blockSize int, kind schema.Kind) (*rows.Reader, *schema.Binding) {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: name, BlockSize: blockSize})
	if err != nil {
		t.Fatal(err)
	}
	b, err := kind.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r, b
}

type joinCase struct {
	typ       join.Type
	format    output.Format
	guard     bool
	unmatched bool
	fast      bool
	workers   int
	blockSize int
}

// rowsOnly hides the fast path of a writer, as a printed format has none.
type rowsOnly struct{ sink.Rows }

// runJoin joins the files as the join command does, on the fast path
// (rows encoded on the workers) or the slow one (row by row through the
// writers), and returns the output, the unmatched lines and the summary.
func runJoin(t *testing.T, customers, sales string, c joinCase) (string, string, string) {
	t.Helper()
	cr, cb := reader(t, "customers.csv", customers, c.blockSize, schema.Customers)
	sr, sb := reader(t, "sales.csv", sales, c.blockSize, schema.Sales)
	var out, un bytes.Buffer
	w, err := output.New(&out, output.Options{Format: c.format, FormulaGuard: c.guard})
	if err != nil {
		t.Fatal(err)
	}
	jopts := join.Options{Type: c.typ, Workers: c.workers, Out: w}
	var uw output.Writer
	if c.unmatched {
		if uw, err = output.New(&un, output.Options{Format: output.CSV, FormulaGuard: c.guard}); err != nil {
			t.Fatal(err)
		}
		jopts.Unmatched = uw
	}
	if !c.fast {
		jopts.Out = rowsOnly{w}
		if uw != nil {
			jopts.Unmatched = rowsOnly{uw}
		}
	}
	st, err := join.Run(context.Background(), join.Input{Customers: cr, CustomersBinding: cb, Sales: sr, SalesBinding: sb}, jopts)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if uw != nil {
		if err := uw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out.String(), un.String(), st.Summary()
}

// TestFastPathMatchesSlowPath checks that the parallel, pre-encoded path
// (raw lines copied, customers' columns copied in runs, lookups batched)
// writes exactly what encoding every row cell by cell writes.
func TestFastPathMatchesSlowPath(t *testing.T) {
	for _, comma := range []string{",", "\t"} {
		for _, crlf := range []bool{false, true} {
			customers, sales := files(comma, crlf)
			for _, typ := range []join.Type{join.Inner, join.Left, join.Anti, join.Semi} {
				for _, format := range []output.Format{output.CSV, output.TSV, output.JSONL} {
					for _, guard := range []bool{false, true} {
						c := joinCase{typ: typ, format: format, guard: guard, unmatched: true, workers: 1}
						want, wantUn, wantSum := runJoin(t, customers, sales, c)
						for _, workers := range []int{1, 3} {
							for _, bs := range []int{0, 64} {
								c.fast, c.workers, c.blockSize = true, workers, bs
								got, gotUn, gotSum := runJoin(t, customers, sales, c)
								name := fmt.Sprintf("comma %q crlf %v %s %s guard %v workers %d block %d", comma, crlf, typ, format, guard, workers, bs)
								if got != want || gotUn != wantUn || gotSum != wantSum {
									t.Fatalf("%s: fast path differs\n got %q\n%q\n%s\nwant %q\n%q\n%s", name, got, gotUn, gotSum, want, wantUn, wantSum)
								}
							}
						}
					}
				}
			}
		}
	}
}

func TestInnerJoinOutput(t *testing.T) {
	customers := "customer_id,name,store_id\nC1,山田,S1\nC2,\"Sato, H\",S2\n"
	sales := "receipt_id,customer_id,store_id,amount\nR1,C1,S1,100\nR2,,S1,200\nR3,C9,S2,300\nR4,C2,S2,400\n"
	got, un, sum := runJoin(t, customers, sales, joinCase{typ: join.Inner, format: output.CSV, unmatched: true, fast: true})
	want := "receipt_id,customer_id,store_id,amount,name,customer_store_id\nR1,C1,S1,100,山田,S1\nR4,C2,S2,400,\"Sato, H\",S2\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if wantUn := "receipt_id,customer_id,store_id,amount\nR3,C9,S2,300\n"; un != wantUn {
		t.Errorf("unmatched: got %q, want %q", un, wantUn)
	}
	if wantSum := "4 sales lines: 2 matched, 1 walk-in (no customer id), 1 with an unknown customer id; 2 rows written"; sum != wantSum {
		t.Errorf("summary: got %q, want %q", sum, wantSum)
	}
}
