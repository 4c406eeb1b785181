package report

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/segment"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func file(t *testing.T, kind schema.Kind, name, data string) record.File {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(data), rows.Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	b, err := kind.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return record.File{Reader: r, Binding: b}
}

// The figures of the periods, worked out by hand: 2026-11-01..22 has R1
// (C1, 4,000), R2 (C1, 1,000), R3 (walk-in, 1,500), R4 (C2, 2,500) and
// R7, a receipt of returns only (C2, -500): 8,500 in 4 receipts, C1
// twice. The previous 22 days (10-10..10-31) have R5; last year's
// 2025-11-01..22 has R6.
const sales = `receipt_id,customer_id,sold_at,store_id,product_id,product_name,quantity,amount
R1,C1,2026-11-02 10:00,S1,P1,Cup,1,1000
R1,C1,2026-11-02 10:00,S1,P2,Plate,2,3000
R2,C1,2026-11-10 11:00,S1,P1,Cup,1,1000
R3,,2026-11-11 12:00,S2,P2,Plate,1,1500
R4,C2,2026-11-12 13:00,S2,P1,Cup,1,1000
R4,C2,2026-11-12 13:00,S2,P2,Plate,1,1500
R7,C2,2026-11-13 13:00,S2,P1,Cup,-1,-500
R5,C2,2026-10-20 10:00,S2,P1,Cup,1,1000
R6,C1,2025-11-05 10:00,S1,P3,Bowl,1,2000
`

func TestNewPeriods(t *testing.T) {
	p := NewPeriods(time.Time{}, day("2026-11-22"))
	if p.Current != (Period{day("2026-11-01"), day("2026-11-22")}) || p.Previous != (Period{day("2026-10-10"), day("2026-10-31")}) ||
		p.LastYear != (Period{day("2025-11-01"), day("2025-11-22")}) {
		t.Errorf("periods %+v", p)
	}
	if len(p.Months) != 12 || !p.Months[0].Equal(day("2025-12-01")) || !p.Months[11].Equal(day("2026-11-01")) {
		t.Errorf("months %v", p.Months)
	}
	// an earlier --since widens the chart
	if p := NewPeriods(day("2025-06-15"), day("2026-11-22")); len(p.Months) != 18 || !p.Months[0].Equal(day("2025-06-01")) {
		t.Errorf("months from since: %v", p.Months)
	}
}

func TestScanSales(t *testing.T) {
	p := NewPeriods(time.Time{}, day("2026-11-22"))
	s, err := ScanSales(context.Background(), file(t, schema.Sales, "s.csv", sales), p, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Current
	if c.Sales.String() != "8500" || c.Receipts != 4 || c.Customers() != 2 || c.Repeaters() != 1 || c.Lines != 7 {
		t.Errorf("current: sales %s receipts %d customers %d repeaters %d lines %d", c.Sales, c.Receipts, c.Customers(), c.Repeaters(), c.Lines)
	}
	if s.Previous.Sales.String() != "1000" || s.LastYear.Sales.String() != "2000" {
		t.Errorf("previous %s, last year %s", s.Previous.Sales, s.LastYear.Sales)
	}
	if st := s.Stores["S2"]; st.Sales.String() != "3500" || st.Receipts != 2 || st.Customers() != 1 || s.Before["S2"].Sales.String() != "1000" {
		t.Errorf("S2: %+v", st)
	}
	if len(s.Products) != 2 || s.Products[0].ID != "P2" || s.Products[0].Quantity.String() != "4" || s.Products[1].Sales.String() != "2500" {
		t.Errorf("products %+v", s.Products)
	}
	// R1 and R4 hold both; 5 receipts with products (R7 only returns);
	// P1 on 4 of them, P2 on 3: lift 2×5/(4×3)
	if len(s.Pairs) != 1 || s.Pairs[0].Receipts != 2 || s.Pairs[0].A.ID != "P1" || s.Pairs[0].Lift < 0.833 || s.Pairs[0].Lift > 0.834 {
		t.Errorf("pairs %+v", s.Pairs)
	}
	// the pairs do not depend on the order of the lines within a day, nor
	// on a file whose lines go back in date order from the start: R1's
	// lines apart, another receipt of the day between them (P3, alone:
	// 6 receipts now, lift 2×6/(4×3) = 1), and the file from its end to
	// its start
	lines := strings.Split(strings.TrimSpace(sales), "\n")
	apart := []string{lines[0], lines[1], "R9,C3,2026-11-02 11:00,S1,P3,Bowl,1,100", lines[2], lines[3], lines[4], lines[5], lines[6], lines[7], lines[8], lines[9]}
	reversed := []string{lines[0]}
	for i := len(lines) - 1; i > 0; i-- {
		reversed = append(reversed, lines[i])
	}
	for name, order := range map[string][]string{"apart": apart, "reversed": reversed} {
		o, err := ScanSales(context.Background(), file(t, schema.Sales, "s.csv", strings.Join(order, "\n")+"\n"), p, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(o.Pairs) != 1 || o.Pairs[0].Receipts != 2 || o.Pairs[0].A.ID != "P1" || o.Pairs[0].B.ID != "P2" ||
			(name == "reversed" && o.Pairs[0] != s.Pairs[0]) || (name == "apart" && o.Pairs[0].Lift != 1) {
			t.Errorf("%s: pairs %+v, want %+v", name, o.Pairs, s.Pairs)
		}
	}
	if s.Months[11].Sales.String() != "8500" || s.Months[10].Receipts != 1 {
		t.Errorf("months %v %v", s.Months[11].Sales, s.Months[10].Receipts)
	}
}

func TestLangOf(t *testing.T) {
	for env, want := range map[string]Lang{"": English, "LANG=ja_JP.UTF-8": Japanese, "LANG=C.UTF-8": English,
		"LC_ALL=en_US.UTF-8 LANG=ja_JP.UTF-8": English, "LC_MESSAGES=ja_JP LANG=C": Japanese} {
		vars := map[string]string{}
		for _, kv := range strings.Fields(env) {
			k, v, _ := strings.Cut(kv, "=")
			vars[k] = v
		}
		if got := LangOf(func(k string) string { return vars[k] }); got != want {
			t.Errorf("%q: %s, want %s", env, got, want)
		}
	}
	if _, err := ParseLang("fr"); err == nil {
		t.Error("fr accepted")
	}
}

func TestOpen(t *testing.T) {
	for s, want := range map[string]bool{"完了": false, " Resolved ": false, "対応中": true, "": true, "保留": true} {
		if Open(s) != want {
			t.Errorf("Open(%q) = %v", s, !want)
		}
	}
}

func TestFormat(t *testing.T) {
	if got := thousands(-1234567); got != "-1,234,567" {
		t.Error(got)
	}
	if got := thousands(999); got != "999" {
		t.Error(got)
	}
	if got := change(150, 100); got != "+50.0%" {
		t.Error(got)
	}
	if got := change(5, 0); got != "—" {
		t.Error(got)
	}
}

func TestCharts(t *testing.T) {
	c := Columns("m", []Bar{{Value: 100}, {Value: 0}, {Value: 0.001}, {Value: -5}})
	if c.Bars[0].H != colHeight || c.Bars[1].H != 0 || c.Bars[2].H != minVisible || c.Bars[3].H != 0 {
		t.Errorf("heights %v %v %v %v", c.Bars[0].H, c.Bars[1].H, c.Bars[2].H, c.Bars[3].H)
	}
	if c.Bars[0].Y+c.Bars[0].H != c.Base || c.Bars[1].X <= c.Bars[0].X+c.Bars[0].W {
		t.Errorf("layout %+v", c.Bars[:2])
	}
	r := Rows("s", []Bar{{Value: 2}, {Value: 4}})
	if r.Bars[1].W != rowBars || r.Bars[0].W != rowBars/2 || r.Height != 2*rowHeight {
		t.Errorf("rows %+v", r)
	}
}

// doc is a Document that masks names as the printed formats do.
type doc struct {
	bytes.Buffer
	mask bool
	held []string
}

func (d *doc) WriteDocument(p []byte) error { _, err := d.Write(p); return err }
func (d *doc) Holds(cols []string)          { d.held = append(d.held, cols...) }
func (d *doc) Mask(col, v string) string {
	if d.mask && (col == "name" || col == "birthday" || col == "summary") && v != "" {
		return v[:1] + "***"
	}
	return v
}

func TestWrite(t *testing.T) {
	customers := "customer_id,name,birthday\nC1,Aoki Taro,1980-11-30\nC2,Baba Hana,\n"
	complaints := "customer_id,received_at,product_id,summary,status\nC1,2026-11-01,P1,Chipped cup,open\nC2,2026-10-01,P2,Late,完了\n"
	in := Input{
		Sales:      func() (record.File, error) { return file(t, schema.Sales, "s.csv", sales), nil },
		Customers:  func() (*record.File, error) { f := file(t, schema.Customers, "c.csv", customers); return &f, nil },
		Complaints: func() (*record.File, error) { f := file(t, schema.Complaints, "q.csv", complaints); return &f, nil },
	}
	opts := Options{AsOf: day("2026-11-22"), Lang: English, Thresholds: segment.DefaultThresholds()}
	for _, mask := range []bool{true, false} {
		d := &doc{mask: mask}
		if _, err := Write(context.Background(), in, opts, d); err != nil {
			t.Fatal(err)
		}
		html := d.String()
		named := strings.Contains(html, "Aoki Taro")
		if named == mask {
			t.Errorf("mask %v: the name shown: %v", mask, named)
		}
		if !strings.Contains(html, "<td>2026-11-01</td><td>C1</td><td>P1</td>") || strings.Contains(html, "Late") {
			t.Errorf("mask %v: the open complaints are not the one open", mask)
		}
		if strings.Contains(html, "Chipped cup") == mask {
			t.Errorf("mask %v: the complaint's summary", mask)
		}
		if !strings.Contains(strings.Join(d.held, ","), "name") {
			t.Errorf("held %v: no name", d.held)
		}
	}
	bad := opts
	bad.Since = day("2026-12-01")
	if _, err := Write(context.Background(), in, bad, &doc{}); err == nil {
		t.Error("--since after --as-of accepted")
	}
}

// TestProductsWithoutID: the lines without a product id (a file without
// the column, read after one with it, or a line sold by department) are
// one row of the products, named as such, not after the first of them.
func TestProductsWithoutID(t *testing.T) {
	noID := sales + "R8,C1,2026-11-14 10:00,S1,,Teapot,1,5000\nR8,C1,2026-11-14 10:00,S1,,Tray,3,900\n"
	in := Input{
		Sales:      func() (record.File, error) { return file(t, schema.Sales, "s.csv", noID), nil },
		Customers:  func() (*record.File, error) { return nil, nil },
		Complaints: func() (*record.File, error) { return nil, nil },
	}
	opts := Options{AsOf: day("2026-11-22"), Lang: English, Thresholds: segment.DefaultThresholds()}
	d := &doc{mask: true}
	if _, err := Write(context.Background(), in, opts, d); err != nil {
		t.Fatal(err)
	}
	html := d.String()
	if strings.Contains(html, "Teapot") || !strings.Contains(html, `<td>(no product id) <small></small></td><td class="n">4</td><td class="n">5,900</td>`) {
		t.Errorf("the lines without a product id are not one row named as such:\n%s", html)
	}
}
