package sales

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/product"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// open reads data as a sales file named name.
func open(t testing.TB, name string, data []byte) record.File {
	t.Helper()
	r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return record.File{Reader: r, Binding: b}
}

func run(t *testing.T, name string, data []byte, opts Options) *Report {
	t.Helper()
	rep, err := Run(context.Background(), open(t, name, data), opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// table writes the report as CSV-like lines: the header, then one line a
// group.
func table(r *Report) string {
	out := []string{strings.Join(r.Columns(), ",")}
	for _, g := range r.Groups {
		out = append(out, strings.Join(r.Cells(g), ","))
	}
	return strings.Join(out, "\n")
}

// day is the window a..b of dates.
func day(t *testing.T, s string) parse.Window {
	t.Helper()
	a, b, _ := strings.Cut(s, "..")
	w, err := parse.NewWindow(a, b, nil, parse.Today(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestExamples checks the figures of examples/sales.csv. They were counted
// once by hand from the file: a receipt is a receipt_id with the date part
// of sold_at and the store_id; customers are the distinct non-empty
// customer_id values; walk-in receipts those with an empty customer_id;
// lines, quantity and amount the rows and the sums of their columns (the
// file has no returns and no voids). E.g. 2025-01 at S01: receipts
// S01-20250117-001 and S01-20250129-001, both walk-ins, 5 lines, 7 items,
// 1980+... = 32230, 16115 a receipt. Averages are net ÷ receipts rounded
// to whole yen (4047670 ÷ 173 = 23396.9 → 23397).
func TestExamples(t *testing.T) {
	data, err := os.ReadFile("../../examples/sales.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts func(*testing.T) Options
		want string
	}{
		{"whole file", func(*testing.T) Options { return Options{} }, `receipts,customers,walk_in_pct,lines,quantity,net_amount,average_receipt,returns,returned_amount,voided_receipts,voided_lines
173,34,27.7,389,1063,4047670,23397,0,0,0,0`},
		{"month and store, first quarter of 2025", func(t *testing.T) Options {
			return Options{By: []Dim{Month, Store}, Window: day(t, "2025-01-01..2025-03-31")}
		}, `month,store,receipts,customers,walk_in_pct,lines,quantity,net_amount,average_receipt,returns,returned_amount,voided_receipts,voided_lines
2025-01,S01,2,0,100.0,5,7,32230,16115,0,0,0,0
2025-01,S03,1,1,0.0,3,4,28380,28380,0,0,0,0
2025-02,S01,2,2,0.0,3,4,10010,5005,0,0,0,0
2025-02,S02,2,1,50.0,6,11,43010,21505,0,0,0,0
2025-03,S01,2,2,0.0,5,17,47630,23815,0,0,0,0
2025-03,S02,4,3,25.0,10,13,65340,16335,0,0,0,0
2025-03,S03,4,4,0.0,11,19,59620,14905,0,0,0,0`},
		// 2026 Q1 against 2025 Q1, per store, counted the same way:
		// S01 10 receipts (2 walk-in), 6 customers, 23 lines, 133 items,
		// 445390 against 6 (2), 4, 13, 28, 89870; S02 6 (1), 5, 11, 25,
		// 90530 against 6 (2), 4, 16, 24, 108350; S03 10 (3), 5, 23, 126,
		// 470250 against 5 (0), 5, 14, 23, 88000.
		{"store, last year", func(t *testing.T) Options {
			return Options{By: []Dim{Store}, Window: day(t, "2026-01-01..2026-03-31"), Compare: LastYear}
		}, `store,receipts,customers,walk_in_pct,lines,quantity,net_amount,average_receipt,returns,returned_amount,voided_receipts,voided_lines,last_year_receipts,last_year_customers,last_year_walk_in_pct,last_year_lines,last_year_quantity,last_year_net_amount,last_year_average_receipt,last_year_returns,last_year_returned_amount,last_year_voided_receipts,last_year_voided_lines,receipts_change,receipts_change_pct,customers_change,customers_change_pct,lines_change,lines_change_pct,quantity_change,quantity_change_pct,net_amount_change,net_amount_change_pct,average_receipt_change,average_receipt_change_pct
S01,10,6,20.0,23,133,445390,44539,0,0,0,0,6,4,33.3,13,28,89870,14978,0,0,0,0,4,66.7,2,50.0,10,76.9,105,375.0,355520,395.6,29561,197.4
S02,6,5,16.7,11,25,90530,15088,0,0,0,0,6,4,33.3,16,24,108350,18058,0,0,0,0,0,0.0,1,25.0,-5,-31.2,1,4.2,-17820,-16.4,-2970,-16.4
S03,10,5,30.0,23,126,470250,47025,0,0,0,0,5,5,0.0,14,23,88000,17600,0,0,0,0,5,100.0,0,0.0,9,64.3,103,447.8,382250,434.4,29425,167.2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := table(run(t, "sales.csv", data, tc.opts(t))); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// voidsReturns, checked by hand:
//
//	R1 C1 11-02 S1: 2 lines, 3 items, 2500: a purchase.
//	R2 walk-in 11-02 S1: 1000.
//	R3 C2 11-02 S2: voided (void 1): left out, counted as a void.
//	R4 C1 11-03 S1: a return only (kind return, 1000 written positive):
//	   −1 item, −1000, no receipt, no customer.
//	R5 C2 11-03 S2: an exchange, P2 +500 and P1 −1 for −1000 (negative
//	   cells): a receipt, one return.
//
// Total: receipts R1, R2, R5 = 3, one walk-in (33.3%); customers C1, C2;
// 6 lines; quantity 2+1+1−1+1−1 = 3; net 2500+1000−1000+500−1000 = 2000;
// 2000 ÷ 3 = 666.7 → 667; 2 returns for 2000; 1 voided receipt, 1 line.
const voidsReturns = `receipt_id,customer_id,sold_at,store_id,product_id,category,quantity,amount,void,kind
R1,C1,2026-11-02 10:15,S1,P1,皿,2,2000,0,sale
R1,C1,2026-11-02 10:15,S1,P2,碗,1,500,0,sale
R2,,2026-11-02 11:00,S1,P1,皿,1,1000,0,sale
R3,C2,2026-11-02 11:30,S2,P1,皿,1,1000,1,sale
R4,C1,2026-11-03 09:00,S1,P1,皿,1,1000,0,return
R5,C2,2026-11-03 17:45,S2,P2,碗,1,500,0,sale
R5,C2,2026-11-03 17:45,S2,P1,皿,-1,-1000,0,sale
`

func TestVoidsReturns(t *testing.T) {
	const head = "receipts,customers,walk_in_pct,lines,quantity,net_amount,average_receipt,returns,returned_amount,voided_receipts,voided_lines"
	match, err := product.New(product.Selection{Categories: []string{"皿"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"total", Options{}, head + "\n3,2,33.3,6,3,2000,667,2,2000,1,1"},
		// 11-02: R1, R2 (walk-in), 3 lines, 4 items, 3500, R3 voided;
		// 11-03: R5 only (R4 is a return), 3 lines, −1, −1500.
		{"day", Options{By: []Dim{Day}}, "day," + head + "\n2026-11-02,2,1,50.0,3,4,3500,1750,0,0,1,1\n2026-11-03,1,1,0.0,3,-1,-1500,-1500,2,2000,0,0"},
		// P1: R1 and R2 bought it (C1 and a walk-in); R4 and R5 returned
		// it; R3's voided line. P2: R1 and R5.
		{"product", Options{By: []Dim{Product}}, "product," + head + "\nP1,2,1,50.0,4,1,1000,500,2,2000,1,1\nP2,2,2,0.0,2,2,1000,500,0,0,0,0"},
		// Weekdays Monday first: 11-02 is a Monday, 11-03 a Tuesday.
		{"weekday, hour", Options{By: []Dim{Weekday, Hour}}, "weekday,hour," + head +
			"\nMon,10,1,1,0.0,2,3,2500,2500,0,0,0,0\nMon,11,1,0,100.0,1,1,1000,1000,0,0,1,1\nTue,09,0,0,,1,-1,-1000,,1,1000,0,0\nTue,17,1,1,0.0,2,0,-500,-500,1,1000,0,0"},
		{"store S2, category 皿", Options{Stores: []string{"S2"}, Match: match}, head + "\n0,0,,1,-1,-1000,,1,1000,1,1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := table(run(t, "vr.csv", []byte(voidsReturns), tc.opts)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestSummary: the summary names walk-ins only when there are some; at
// S2 of voidsReturns there are none (R3 voided, R5 C2's).
func TestSummary(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"total", Options{}, "7 sales lines read; 3 receipts (1 of them walk-in), 2 member customers, net 2000 in 1 group; left out: 1 voided receipt (1 line)"},
		{"store S2", Options{Stores: []string{"S2"}}, "7 sales lines read; 1 receipt, 1 member customer, net -500 in 1 group; left out: 4 of other stores, 1 voided receipt (1 line)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(t, "vr.csv", []byte(voidsReturns), tc.opts).Summary("vr.csv"); len(got) == 0 || got[0] != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// TestOrder: lines out of date order count their receipts once, as in
// date order.
func TestOrder(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(voidsReturns), "\n")
	shuffled := []string{lines[0], lines[6], lines[1], lines[5], lines[3], lines[2], lines[4], lines[7]}
	a := table(run(t, "a.csv", []byte(voidsReturns), Options{By: []Dim{Store}}))
	b := table(run(t, "b.csv", []byte(strings.Join(shuffled, "\n")+"\n"), Options{By: []Dim{Store}}))
	if a != b {
		t.Errorf("in date order\n%s\nshuffled\n%s", a, b)
	}
}

// TestWeeks: ISO weeks start on Monday and belong to the year of their
// Thursday.
func TestWeeks(t *testing.T) {
	data := "receipt_id,customer_id,sold_at,amount\nA,C1,2025-12-28,1\nB,C1,2025-12-29,1\nC,C1,2026-01-04,1\nD,C1,2026-01-05,1\n"
	got := table(run(t, "w.csv", []byte(data), Options{By: []Dim{Week}}))
	want := "week,receipts,customers,walk_in_pct,lines,quantity,net_amount,average_receipt,returns,returned_amount,voided_receipts,voided_lines\n" +
		"2025-W52,1,1,0.0,1,1,1,1,0,0,0,0\n2026-W01,2,1,0.0,2,2,2,1,0,0,0,0\n2026-W02,1,1,0.0,1,1,1,1,0,0,0,0"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestPrevious: the previous period has the period's length and ends the
// day before it; its days are shown in the rows of the days they move to.
func TestPrevious(t *testing.T) {
	w := day(t, "2026-11-03..2026-11-04")
	got, err := CompareWindow(w, Previous)
	if err != nil {
		t.Fatal(err)
	}
	if parse.FormatDate(got.Since) != "2026-11-01" || parse.FormatDate(got.Until) != "2026-11-02" {
		t.Errorf("previous of %v = %v", w, got)
	}
	data := "receipt_id,customer_id,sold_at,amount\nA,C1,2026-11-01,100\nB,,2026-11-02,50\nC,C1,2026-11-04,300\n"
	rep := run(t, "p.csv", []byte(data), Options{By: []Dim{Day}, Window: w, Compare: Previous})
	var rowsOut []string
	for _, g := range rep.Groups {
		c := rep.Cells(g)
		rowsOut = append(rowsOut, strings.Join([]string{c[0], c[6], c[17], c[len(c)-4], c[len(c)-3]}, ","))
	}
	// 11-01 moves to 11-03 (100 before, none now: −100, −100%); 11-02
	// moves to 11-04 (50 before, 300 now: +250, +500%).
	if want := "2026-11-03,0,100,-100,-100.0 2026-11-04,300,50,250,500.0"; strings.Join(rowsOut, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(rowsOut, " "), want)
	}
	if _, err := CompareWindow(parse.Window{}, Previous); err == nil {
		t.Error("a comparison without a period was taken")
	}
}

// TestErrors: a missing column names itself; a date without a time stops
// --by hour at its line.
func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		opts       Options
		want       string
	}{
		{"no time", "receipt_id,customer_id,sold_at,amount\nA,C1,2026-11-01 10:00,1\nB,C1,2026-11-02,1\n", Options{By: []Dim{Hour}},
			`e.csv:3: column "sold_at": "2026-11-02" has no time of day, and the file has no sold_time column`},
		{"no store", "receipt_id,customer_id,sold_at,amount\nA,C1,2026-11-01,1\n", Options{By: []Dim{Store}}, "store_id (needed for --by store)"},
		{"no category", "receipt_id,customer_id,sold_at,amount\nA,C1,2026-11-01,1\n", Options{By: []Dim{Category}}, "category (needed for --by category)"},
		{"no date", "receipt_id,customer_id,amount\nA,C1,1\n", Options{}, "sold_at (needed for sales by date)"},
		{"no amount", "receipt_id,customer_id,sold_at\nA,C1,2026-11-01\n", Options{}, "amount or unit_price"},
		{"bad amount", "receipt_id,customer_id,sold_at,amount\nA,C1,2026-11-01,abc\n", Options{}, `e.csv:2: column "amount": "abc"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(context.Background(), open(t, "e.csv", []byte(tc.data)), tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestScientificProduct: a product id in scientific notation stops the
// pass where a dimension or the selection reads product ids, naming its
// first line whatever the blocks; a report that reads none is made.
func TestScientificProduct(t *testing.T) {
	var data strings.Builder
	data.WriteString("receipt_id,customer_id,sold_at,商品コード,amount\n")
	for i := range 40 {
		fmt.Fprintf(&data, "R%d,C%d,2026-11-01,4901234567917,100\n", i, i%3)
	}
	data.WriteString("R40,C1,2026-11-02,4.90123E+12,100\nR41,C2,2026-11-02,4901234567917,100\nR42,C1,2026-11-03,4.9E+12,100\n")
	sel, _ := product.New(product.Selection{Products: []string{"4901234567917"}})
	want := `s.csv:42: column "商品コード": "4.90123E+12" ` + record.ErrScientific.Error()
	for _, opts := range []Options{{By: []Dim{Product}}, {By: []Dim{Day, Product}}, {By: []Dim{Month}, Match: sel}} {
		for _, size := range []int{0, 64, 256} {
			r, err := rows.NewReader(strings.NewReader(data.String()), rows.Options{Name: "s.csv", BlockSize: size})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := schema.Sales.Bind(r.Header(), nil)
			opts.Workers = 2
			if _, err := Run(context.Background(), record.File{Reader: r, Binding: b}, opts); err == nil || err.Error() != want {
				t.Errorf("%v, %d-byte blocks: error %v, want %s", opts.By, size, err, want)
			}
		}
	}
	if rep := run(t, "s.csv", []byte(data.String()), Options{By: []Dim{Month}}); rep.Total.Lines != 43 {
		t.Errorf("by month: %d lines, want 43", rep.Total.Lines)
	}
}

func TestParseDims(t *testing.T) {
	got, err := ParseDims([]string{"month", " Store "})
	if err != nil || len(got) != 2 || got[0] != Month || got[1] != Store {
		t.Errorf("ParseDims = %v, %v", got, err)
	}
	for _, bad := range [][]string{{"year"}, {"day", "day"}} {
		if _, err := ParseDims(bad); err == nil {
			t.Errorf("ParseDims(%q) took it", bad)
		}
	}
}

// FuzzParseDims: any list is taken or refused, never a panic, and what is
// taken names known dimensions once each.
func FuzzParseDims(f *testing.F) {
	for _, s := range []string{"day", "month,store", "hour,weekday,category", "year", "day,day", " Week ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dims, err := ParseDims(strings.Split(s, ","))
		if err != nil {
			return
		}
		seen := map[Dim]bool{}
		for _, d := range dims {
			if seen[d] {
				t.Fatalf("%q: %s twice", s, d)
			}
			seen[d] = true
		}
	})
}

// TestCancel: a cancelled context stops the pass.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, open(t, "c.csv", []byte(voidsReturns)), Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// BenchmarkRun totals 200k generated lines over 20k customers by month and
// store, and reports MB/s; "ledger" reads the same lines into a ledger,
// the time sales --by month,store is held to. cpu-ns/op is the process's
// CPU time (user and system, every core) per run: on a shared machine it
// compares better than the time on the clock.
func BenchmarkRun(b *testing.B) {
	data := benchdata.Sales(200_000, 20_000, 500)
	b.Run("sales", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		start := cpuTime(b)
		for b.Loop() {
			if _, err := Run(context.Background(), open(b, "s.csv", data), Options{By: []Dim{Month, Store}}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
	})
	b.Run("ledger", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		start := cpuTime(b)
		for b.Loop() {
			if _, err := ledger.Run(context.Background(), open(b, "s.csv", data), ledger.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
	})
}

// cpuTime is the CPU time the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestBlocks checks that the figures do not depend on how the file is cut
// into blocks nor on how many are read at once: a receipt or customer
// whose lines fall in two blocks counts once. examples/sales.csv, in
// blocks of 256 bytes (a receipt's lines often split) on 1 and 4 workers,
// against the file in one block on one worker; and the same with the
// lines in reverse order, where receipts must be told apart across days.
func TestBlocks(t *testing.T) {
	data, err := os.ReadFile("../../examples/sales.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n")+"\n", "\n")
	head, body := lines[0], lines[1:len(lines)-1]
	reversed := slices.Clone(body)
	slices.Reverse(reversed)
	for _, file := range []struct{ name, data string }{
		{"in order", string(data)},
		{"reversed", head + strings.Join(reversed, "")},
		{"voids and returns", voidsReturns},
	} {
		for _, opts := range []Options{
			{},
			{By: []Dim{Month, Store}},
			{By: []Dim{Day, Product}},
			{By: []Dim{Weekday, Category}, Window: day(t, "2026-01-01..2026-03-31"), Compare: LastYear},
			{By: []Dim{Store}, Window: day(t, "2026-01-01..2026-06-30"), Compare: Previous},
		} {
			read := func(size, workers int) string {
				r, err := rows.NewReader(strings.NewReader(file.data), rows.Options{Name: "s.csv", BlockSize: size})
				if err != nil {
					t.Fatal(err)
				}
				b, err := schema.Sales.Bind(r.Header(), nil)
				if err != nil {
					t.Fatal(err)
				}
				opts.Workers = workers
				rep, err := Run(context.Background(), record.File{Reader: r, Binding: b}, opts)
				if err != nil {
					t.Fatal(err)
				}
				return table(rep) + fmt.Sprintf("\ntotal %+v\ncompared %+v", rep.Total, rep.ComparedTotal)
			}
			want := read(1<<20, 1)
			for _, workers := range []int{1, 4} {
				if got := read(256, workers); got != want {
					t.Errorf("%s, %v, 256-byte blocks on %d workers:\n%s\nwant\n%s", file.name, opts.By, workers, got, want)
				}
			}
		}
	}
}

// TestReceiptRuns: a block lists a receipt once a run of its lines, and
// the merge counts it once. R1 comes back after R2 within the day, and R2
// has lines in more groups than a run looks through (P01 … P40, then P01
// again): every product has its receipts counted once, and the total two.
func TestReceiptRuns(t *testing.T) {
	var b strings.Builder
	b.WriteString("receipt_id,customer_id,sold_at,product_id,amount\nR1,C1,2026-11-01,P01,10\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "R2,C2,2026-11-01,P%02d,1\n", i)
	}
	b.WriteString("R2,C2,2026-11-01,P01,1\nR1,C1,2026-11-01,P02,10\n")
	rep := run(t, "s.csv", []byte(b.String()), Options{By: []Dim{Product}, Workers: 1})
	for _, g := range rep.Groups {
		want := 1
		if g.Key[0] == "P01" || g.Key[0] == "P02" {
			want = 2
		}
		if g.Figures.Receipts != want || g.Figures.Customers != want {
			t.Errorf("%s: %d receipts, %d customers, want %d", g.Key[0], g.Figures.Receipts, g.Figures.Customers, want)
		}
	}
	if len(rep.Groups) != 40 || rep.Total.Receipts != 2 || rep.Total.Lines != 43 {
		t.Errorf("%d groups, total %d receipts and %d lines, want 40, 2 and 43", len(rep.Groups), rep.Total.Receipts, rep.Total.Lines)
	}
}

// BenchmarkGroups totals 200k generated lines by day and product: about
// 100k groups of a few lines and one or two customers each, the report
// whose memory follows its groups. pass-B/group is the live heap the
// pass holds once the file is read, a group; report-B/group is what the
// Report holds, a group.
func BenchmarkGroups(b *testing.B) {
	data := benchdata.Sales(200_000, 20_000, 5_000)
	opts := Options{By: []Dim{Day, Product}}
	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC() // and the pool of chunks, which the first one keeps
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var passBytes, reportBytes, groups float64
	cpu := cpuTime(b)
	for b.Loop() {
		b.StopTimer()
		base := heap()
		b.StartTimer()
		f := open(b, "s.csv", data)
		p, err := start(f, opts)
		if err != nil {
			b.Fatal(err)
		}
		if err := rows.EachBlock(context.Background(), f.Reader, p.workers, p.block, p.merge); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		passBytes += float64(heap() - base)
		b.StartTimer()
		rep := p.report()
		p = nil
		b.StopTimer()
		reportBytes += float64(heap() - base)
		groups += float64(len(rep.Groups))
		runtime.KeepAlive(rep)
		b.StartTimer()
	}
	b.ReportMetric(float64(cpuTime(b)-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(passBytes/groups, "pass-B/group")
	b.ReportMetric(reportBytes/groups, "report-B/group")
	b.ReportMetric(groups/float64(b.N), "groups")
}

// TestGrowingSets: a group whose customers outgrow the few a group holds
// in place keeps its figures, and so do the groups beside it, whose sets
// stay small, in either period, however the file is cut into blocks. On
// 2026-11-02 (and, compared, 2026-11-01) P01 has 100 customers (50 the
// day before), one receipt each of 100 yen; between its lines, C0001
// buys P02 on every second one (10 yen); then C0001 … C0004 buy P03 (one
// more than a group holds in place, 5 yen each) and a walk-in P04 (7
// yen); then C0001 buys P01 and P03 again, on two more receipts. Counted
// by hand: P01 101 receipts, 100 customers, 10100 yen; P02 50, 1, 500;
// P03 5, 4, 25; P04 1 (a walk-in), 0, 7; the total 157 receipts of 100
// customers, 10632 yen. The day before: 51, 50, 5100; 25, 1, 250; 5, 4,
// 25; 1, 0, 7; the total 82 receipts of 50 customers, 5382 yen.
func TestGrowingSets(t *testing.T) {
	var b strings.Builder
	b.WriteString("receipt_id,customer_id,sold_at,product_id,amount\n")
	for _, d := range []struct {
		day string
		n   int
	}{{"2026-11-01", 50}, {"2026-11-02", 100}} {
		for i := 1; i <= d.n; i++ {
			fmt.Fprintf(&b, "R%d,C%04d,%s 10:00,P01,100\n", i, i, d.day)
			if i%2 == 0 {
				fmt.Fprintf(&b, "B%d,C0001,%s 11:00,P02,10\n", i, d.day)
			}
		}
		for k := 1; k <= inPlace+1; k++ {
			fmt.Fprintf(&b, "C%d,C%04d,%s 12:00,P03,5\n", k, k, d.day)
		}
		fmt.Fprintf(&b, "W1,,%s 13:00,P04,7\n", d.day)
		// The first customers come back: no new customers.
		fmt.Fprintf(&b, "X1,C0001,%s 14:00,P01,100\nX2,C0001,%s 14:00,P03,5\n", d.day, d.day)
	}
	type fig struct{ receipts, walkIns, customers, lines, net int }
	want := map[string][2]fig{
		"P01": {{101, 0, 100, 101, 10100}, {51, 0, 50, 51, 5100}},
		"P02": {{50, 0, 1, 50, 500}, {25, 0, 1, 25, 250}},
		"P03": {{5, 0, 4, 5, 25}, {5, 0, 4, 5, 25}},
		"P04": {{1, 1, 0, 1, 7}, {1, 1, 0, 1, 7}},
		"":    {{157, 1, 100, 157, 10632}, {82, 1, 50, 82, 5382}},
	}
	got := func(f Figures) fig {
		return fig{f.Receipts, f.WalkIns, f.Customers, f.Lines, int(f.Net / parse.DecimalScale)}
	}
	for _, size := range []int{128, 1 << 20} {
		for _, workers := range []int{1, 4} {
			r, err := rows.NewReader(strings.NewReader(b.String()), rows.Options{Name: "s.csv", BlockSize: size})
			if err != nil {
				t.Fatal(err)
			}
			bind, err := schema.Sales.Bind(r.Header(), nil)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Run(context.Background(), record.File{Reader: r, Binding: bind}, Options{By: []Dim{Product},
				Window: day(t, "2026-11-02..2026-11-02"), Compare: Previous, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			check := func(name string, now, then Figures) {
				if g := [2]fig{got(now), got(then)}; g != want[name] {
					t.Errorf("%d-byte blocks on %d workers, %q: got %+v, want %+v", size, workers, name, g, want[name])
				}
			}
			if len(rep.Groups) != 4 {
				t.Errorf("%d-byte blocks on %d workers: %d groups, want 4", size, workers, len(rep.Groups))
			}
			for _, g := range rep.Groups {
				check(g.Key[0], g.Figures, g.Compared)
			}
			check("", rep.Total, rep.ComparedTotal)
		}
	}
}
