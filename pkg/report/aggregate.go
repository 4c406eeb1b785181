package report

import (
	"cmp"
	"context"
	"hash/maphash"
	"io"
	"slices"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
)

// Period is a range of days, both ends included.
type Period struct{ Since, Until time.Time }

// Days is the number of days in p.
func (p Period) Days() int { return int(p.Until.Sub(p.Since).Hours()/24) + 1 }

// Has reports whether day d (midnight UTC) is in p.
func (p Period) Has(d time.Time) bool { return !d.Before(p.Since) && !d.After(p.Until) }

// Periods are the report's period and those it is compared with.
type Periods struct {
	Current, Previous, LastYear Period
	// Months are the first days of the months of the sales chart.
	Months []time.Time
}

// NewPeriods returns the period [since, asOf] (since zero: the first day of
// asOf's month), the period of as many days just before it, the same days
// a year earlier, and the months of the chart: the twelve months up to
// asOf's, or from since's month when that is earlier.
func NewPeriods(since, asOf time.Time) Periods {
	if since.IsZero() {
		since = time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	cur := Period{since, asOf}
	n := cur.Days()
	p := Periods{Current: cur,
		Previous: Period{since.AddDate(0, 0, -n), since.AddDate(0, 0, -1)},
		LastYear: Period{since.AddDate(-1, 0, 0), asOf.AddDate(-1, 0, 0)}}
	last := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
	first := last.AddDate(0, -11, 0)
	if m := time.Date(since.Year(), since.Month(), 1, 0, 0, 0, 0, time.UTC); m.Before(first) {
		first = m
	}
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		p.Months = append(p.Months, m)
	}
	return p
}

// earliest is the first day any figure of p needs.
func (p Periods) earliest() time.Time {
	e := p.Months[0]
	for _, t := range []time.Time{p.Current.Since, p.Previous.Since, p.LastYear.Since} {
		if t.Before(e) {
			e = t
		}
	}
	return e
}

// Figures are the sales of a period, of the whole shop or one store.
type Figures struct {
	Sales    parse.Decimal // net amount, walk-ins included
	Receipts int           // receipts with a purchase (a receipt of returns only is none)
	Lines    int
	// Customers are the member customers with a receipt in the period,
	// and how many receipts each had.
	customers map[string]int
	receipts  map[uint64]bool
}

func newFigures() *Figures {
	return &Figures{customers: map[string]int{}, receipts: map[uint64]bool{}}
}

// Customers is the number of distinct member customers with a receipt.
func (f *Figures) Customers() int { return len(f.customers) }

// Repeaters is the number of those with two receipts or more.
func (f *Figures) Repeaters() int {
	n := 0
	for _, k := range f.customers {
		if k >= 2 {
			n++
		}
	}
	return n
}

// add counts one line: its receipt h (a purchase unless ret), its customer
// id (empty: a walk-in) and its net amount.
func (f *Figures) add(h uint64, id []byte, amount parse.Decimal, ret bool) {
	f.Sales += amount
	f.Lines++
	if ret || f.receipts[h] {
		return
	}
	f.receipts[h] = true
	f.Receipts++
	if len(id) > 0 {
		f.customers[string(id)]++
	}
}

// Product is one product's sales in the period.
type Product struct {
	ID, Name string
	Quantity parse.Decimal
	Sales    parse.Decimal
}

// Pair is two products bought on the same receipt.
type Pair struct {
	A, B     Product // their IDs and names
	Receipts int     // receipts with both
	Lift     float64 // how much likelier together than apart
}

// Sales is what one pass over the sales file gathers for the report.
type Sales struct {
	Periods  Periods
	Current  *Figures
	Previous *Figures
	LastYear *Figures
	Months   []*Figures          // by Periods.Months
	Stores   map[string]*Figures // in the current period
	Before   map[string]*Figures // per store, in the previous period
	HasStore bool                // the file has a store column
	Products []Product           // of the current period, by sales, highest first
	Pairs    []Pair              // of the chart's months, strongest first
	HasItems bool                // the file has a product column
	Counts   record.SaleCounts
}

// ScanSales reads the sales file once and sums it by period, month, store
// and product, walk-ins included (customers counted are members). Pairs
// are counted per receipt, whatever the order of its lines (baskets).
func ScanSales(ctx context.Context, sales record.File, p Periods, stores []string, keyNormalize bool) (*Sales, error) {
	dec := sales.Decoder()
	if err := dec.RequireSpend(); err != nil {
		return nil, err
	}
	sc, err := record.NewSaleScanner(dec, record.SaleFilter{Window: parse.Window{Since: p.earliest(), Until: p.Current.Until},
		Stores: stores, KeepWalkIns: true, Normalize: customer.Normalizer(keyNormalize)}, true)
	if err != nil {
		return nil, err
	}
	totals, keys := dec.Totals(), dec.ReceiptKeys()
	storeCol, prodCol, nameCol := dec.Column(schema.StoreID), dec.Column(schema.ProductID), dec.Column(schema.ProductName)
	s := &Sales{Periods: p, Current: newFigures(), Previous: newFigures(), LastYear: newFigures(),
		Stores: map[string]*Figures{}, Before: map[string]*Figures{}, HasStore: storeCol.Present(), HasItems: prodCol.Present()}
	for range p.Months {
		s.Months = append(s.Months, newFigures())
	}
	products := map[string]*Product{}
	b := newBaskets()
	seed := maphash.MakeSeed()
	var key []byte
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rec, err := sales.Reader.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		sale, ok, err := sc.Scan(rec)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		qty, amount, ret, err := totals.Net(rec)
		if err != nil {
			return nil, err
		}
		day := time.Date(sale.SoldAt.Year(), sale.SoldAt.Month(), sale.SoldAt.Day(), 0, 0, 0, 0, time.UTC)
		key = keys.Append(key[:0], rec, sale.SoldAt)
		h := maphash.Bytes(seed, key)
		store := string(storeCol.Bytes(rec))
		if p.Current.Has(day) {
			s.Current.add(h, sale.Customer, amount, ret)
			if s.HasStore {
				figuresOf(s.Stores, store).add(h, sale.Customer, amount, ret)
			}
			if s.HasItems {
				id := string(prodCol.Bytes(rec))
				pr := products[id]
				if pr == nil {
					pr = &Product{ID: id, Name: string(nameCol.Bytes(rec))}
					products[id] = pr
				}
				pr.Quantity += qty
				pr.Sales += amount
			}
		}
		if p.Previous.Has(day) {
			s.Previous.add(h, sale.Customer, amount, ret)
			if s.HasStore {
				figuresOf(s.Before, store).add(h, sale.Customer, amount, ret)
			}
		}
		if p.LastYear.Has(day) {
			s.LastYear.add(h, sale.Customer, amount, ret)
		}
		if i := monthIndex(p.Months, day); i >= 0 {
			s.Months[i].add(h, sale.Customer, amount, ret)
			if s.HasItems && !ret {
				b.line(h, day.Unix()/86400, string(prodCol.Bytes(rec)), string(nameCol.Bytes(rec)))
			}
		}
	}
	b.flush()
	s.Counts = sc.Counts
	for _, pr := range products {
		s.Products = append(s.Products, *pr)
	}
	slices.SortFunc(s.Products, func(x, y Product) int {
		if c := cmp.Compare(y.Sales, x.Sales); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	s.Pairs = b.pairs()
	return s, nil
}

func figuresOf(m map[string]*Figures, k string) *Figures {
	f := m[k]
	if f == nil {
		f = newFigures()
		m[k] = f
	}
	return f
}

// monthIndex is the index of d's month in months, -1 if not there.
func monthIndex(months []time.Time, d time.Time) int {
	if len(months) == 0 || d.Before(months[0]) {
		return -1
	}
	i := (d.Year()-months[0].Year())*12 + int(d.Month()) - int(months[0].Month())
	if i >= len(months) {
		return -1
	}
	return i
}

// baskets counts the products of receipts and the pairs bought together,
// whatever the order of a receipt's lines. The receipts of the day being
// read are held open (a receipt's key includes its day) and counted when a
// later day starts; once the lines go back in date order, every receipt is
// held until the end.
type baskets struct {
	day        int64
	disordered bool
	open       map[uint64][]string // each open receipt's distinct products
	names      map[string]string
	receipts   map[string]int // receipts per product
	together   map[[2]string]int
	total      int
}

func newBaskets() *baskets {
	return &baskets{day: -1 << 62, open: map[uint64][]string{}, names: map[string]string{}, receipts: map[string]int{}, together: map[[2]string]int{}}
}

// line adds a product line of receipt h, sold on day (days since 1970).
func (b *baskets) line(h uint64, day int64, id, name string) {
	if id == "" {
		return
	}
	if day != b.day && !b.disordered {
		if day < b.day {
			b.disordered = true
		} else {
			b.flush()
			b.day = day
		}
	}
	if _, ok := b.names[id]; !ok {
		b.names[id] = name
	}
	if items := b.open[h]; !slices.Contains(items, id) {
		b.open[h] = append(items, id)
	}
}

// flush counts the receipts held open.
func (b *baskets) flush() {
	for _, items := range b.open {
		b.total++
		slices.Sort(items)
		for i, x := range items {
			b.receipts[x]++
			for _, y := range items[i+1:] {
				b.together[[2]string{x, y}]++
			}
		}
	}
	clear(b.open)
}

// pairs are the pairs bought together on two receipts or more, most
// receipts first, then by lift, then by products.
func (b *baskets) pairs() []Pair {
	var out []Pair
	for k, n := range b.together {
		if n < 2 {
			continue
		}
		ra, rb := b.receipts[k[0]], b.receipts[k[1]]
		lift := float64(n) * float64(b.total) / (float64(ra) * float64(rb))
		out = append(out, Pair{A: Product{ID: k[0], Name: b.names[k[0]]}, B: Product{ID: k[1], Name: b.names[k[1]]},
			Receipts: n, Lift: lift})
	}
	slices.SortFunc(out, func(x, y Pair) int {
		if c := cmp.Compare(y.Receipts, x.Receipts); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Lift, x.Lift); c != 0 {
			return c
		}
		if c := cmp.Compare(x.A.ID, y.A.ID); c != 0 {
			return c
		}
		return cmp.Compare(x.B.ID, y.B.ID)
	})
	return out
}
