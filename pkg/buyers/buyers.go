// Package buyers finds the distinct customers who bought matching products:
// "who bought the Kutani teacup in the last 12 months", "who bought X but
// never Y".
//
// [Scan] is one pass over the sales file, on every core: for each line it
// reads the product fields first and only for a matching line the date,
// store, customer, quantity and amount, so that the many lines of other
// products cost little more than being split into fields. It keeps one
// [Purchases] per matching customer (memory follows the customers who
// match, never the sales lines) and returns them as [Buyer]s. Walk-ins,
// stores, the window and key normalisation are the sale filter every sales
// pass shares (record.SaleScanner). [List] looks the buyers up in the
// customers file and lays out their rows; [Lines] goes over the file again
// for the lines of chosen customers, for reports.
package buyers

import (
	"context"
	"fmt"
	"hash/maphash"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/product"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// CountBy says what --min-count counts.
type CountBy string

// What a minimum count counts.
const (
	ByReceipts CountBy = "receipts"
	ByLines    CountBy = "lines"
)

// Options select the purchases that count.
type Options struct {
	// Match selects the products; nil matches every line.
	Match *product.Matcher
	// All asks for customers who bought every term of Match (in any
	// receipts), instead of any of them.
	All bool
	// Exclude drops every customer who ever bought a product it matches,
	// on any day and in any store: the window and Stores do not apply.
	Exclude *product.Matcher
	// Stores keeps only lines of these store ids; empty keeps all.
	Stores []string
	// Window keeps only lines sold on its days.
	Window parse.Window
	// MinCount and CountBy drop customers with fewer receipts (or lines);
	// MinAmount, if HasMinAmount, those who spent less.
	MinCount     int
	CountBy      CountBy
	MinAmount    parse.Decimal
	HasMinAmount bool
	// KeyNormalize groups lines by [customer.NormalizeKey] of the customer id.
	KeyNormalize bool
	// Workers is the number of blocks worked on at once; 0: one per CPU.
	Workers int
}

// Purchases sums up one customer's matching lines.
type Purchases struct {
	First, Last time.Time // first and last matching purchase; zero without a date column
	Receipts    int       // distinct receipts: a receipt id on one day in one store
	Lines       int
	Quantity    parse.Decimal // a line without a quantity counts as 1
	Amount      parse.Decimal // amount, or quantity × unit price when there is no amount
}

// Columns are the names of the cells [Purchases.Cells] returns.
var Columns = []string{"first_purchase", "last_purchase", "receipts", "lines", "quantity", "amount"}

// Cells returns p as output cells, in the order of Columns.
func (p Purchases) Cells() []string {
	return []string{parse.FormatDate(p.First), parse.FormatDate(p.Last), strconv.Itoa(p.Receipts),
		strconv.Itoa(p.Lines), p.Quantity.String(), p.Amount.String()}
}

// Buyer is a customer who bought.
type Buyer struct {
	// Key is the customer id as grouped (normalised with KeyNormalize).
	Key string
	// ID is the id as printed; Scan sets it to Key, a caller that looks
	// the customer up may set the customers file's spelling before Sort.
	ID string
	Purchases
}

// Stats counts what the scan saw.
type Stats struct {
	Lines     int // sales lines read
	Matching  int // lines of matching products in the window and stores
	WalkIn    int // of those, lines without a customer id (skipped)
	Customers int // distinct customers on the other matching lines
	Excluded  int // of those, customers dropped by Options.Exclude
	Partial   int // of those, customers who lacked a term with Options.All
	BelowMin  int // of those, customers under MinCount or MinAmount
	Returned  int // of those, customers whose matching lines net to no purchase
	// Sales is what the sale filter left out (voided receipts among
	// them), of the lines of matching products.
	Sales record.SaleCounts
}

// Result is what Scan found.
type Result struct {
	Buyers []Buyer // sorted by Key
	Stats  Stats
}

// Check reports a column the options need that the sales file (bound as b)
// lacks, as an error naming the file.
func Check(file string, b *schema.Binding, opts Options) error {
	need := func(f schema.Field, why string) error {
		if b.Col(f) < 0 {
			return record.HeaderError(file, b, fmt.Errorf("no column maps to %s, needed to select by %s", f, why))
		}
		return nil
	}
	for _, m := range []*product.Matcher{opts.Match, opts.Exclude} {
		if m == nil {
			continue
		}
		if m.NeedsID() {
			if err := need(schema.ProductID, "product id"); err != nil {
				return err
			}
		}
		if m.NeedsCategory() {
			if err := need(schema.Category, "category"); err != nil {
				return err
			}
		}
		if m.NeedsName() {
			if err := need(schema.ProductName, "product name"); err != nil {
				return err
			}
		}
	}
	if len(opts.Stores) > 0 {
		if err := need(schema.StoreID, "store"); err != nil {
			return err
		}
	}
	if !opts.Window.IsZero() {
		return need(schema.SoldAt, "date")
	}
	return nil
}

// Scan reads the sales file (bound as b) and returns the customers whose
// matching purchases pass the options, with their sums.
func Scan(ctx context.Context, sales *rows.Reader, b *schema.Binding, opts Options) (*Result, error) {
	files, f, err := filters(sales, b, opts)
	if err != nil {
		return nil, err
	}
	total := map[string]*acc{}
	excluded := map[string]bool{}
	var st Stats
	work := func(blk *rows.Block) (*blockResult, error) {
		g, err := files.Of(blk)
		if err != nil {
			return nil, err
		}
		return g.block(blk)
	}
	err = rows.EachBlock(ctx, sales, workers(opts), work, func(r *blockResult) error {
		st.Lines += r.lines
		st.Matching += r.matching
		st.WalkIn += r.walkIn
		st.Sales.Add(r.counts)
		for _, k := range r.excluded {
			excluded[k] = true
		}
		for k, a := range r.accs {
			if t := total[k]; t != nil {
				t.merge(a)
			} else {
				total[k] = a
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Result{Buyers: f.finish(total, excluded, &st), Stats: st}, nil
}

// Lines goes over the sales file again and calls fn, in file order, with
// every line that Scan counted for a customer whose key keep accepts, in
// the columns of the first file's header (a later sales file's columns
// that the first file lacks are left out).
func Lines(ctx context.Context, sales *rows.Reader, b *schema.Binding, opts Options, keep func(key []byte) bool, fn func(fields []string) error) error {
	files, _, err := filters(sales, b, opts)
	if err != nil {
		return err
	}
	width := len(b.Header)
	return rows.EachBlock(ctx, sales, workers(opts), func(blk *rows.Block) ([][]string, error) {
		f, err := files.Of(blk)
		if err != nil {
			return nil, err
		}
		var out [][]string
		scan := f.scan.Clone()
		err = blk.Each(func(rec *rows.Record) error {
			_, key, _, ok, err := f.line(rec, scan, nil)
			if err != nil || !ok || len(key) == 0 || !keep(key) {
				return err
			}
			row := make([]string, min(len(rec.Fields), width))
			for i, v := range rec.Fields[:len(row)] {
				row[i] = string(v)
			}
			out = append(out, row)
			return nil
		})
		blk.Release()
		return out, err
	}, func(out [][]string) error {
		for _, row := range out {
			if err := fn(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// filters makes the filter of each sales file (record.PerFile): a later
// file of another layout is read by its own columns, and a column the
// options need that it lacks is an error naming it.
func filters(sales *rows.Reader, b *schema.Binding, opts Options) (*record.PerFile[*filter], *filter, error) {
	return record.NewPerFile(record.File{Reader: sales, Binding: b}, func(dec *record.Decoder) (*filter, error) {
		if err := Check(dec.File(), dec.Binding(), opts); err != nil {
			return nil, err
		}
		return newFilter(dec.File(), dec.Binding(), opts)
	})
}

func workers(opts Options) int {
	if opts.Workers > 0 {
		return opts.Workers
	}
	return rows.Workers()
}

// filter decides, line by line, what counts: the products here, the
// rest (walk-ins, stores, window, key normalisation) by the sale filter
// every sales pass shares. It is shared by the workers and only read; each
// block clones the scanner.
type filter struct {
	opts                       Options
	dec                        *record.Decoder
	totals                     record.Totals
	scan                       *record.SaleScanner
	normalize                  func([]byte) ([]byte, bool)
	idCol, productCol, nameCol int
	catCol                     int
	seed                       maphash.Seed
	dated                      bool
	productID                  bool // Options.Match or Exclude reads product ids
	// prefix is how many leading fields deciding whether a line matches
	// needs; the rest of a line is split only when it matches.
	prefix, width int
}

func newFilter(file string, b *schema.Binding, opts Options) (*filter, error) {
	dec := record.NewDecoder(file, b)
	f := &filter{opts: opts, dec: dec, totals: dec.Totals(), seed: maphash.MakeSeed(), normalize: customer.Normalizer(opts.KeyNormalize),
		idCol: b.Col(schema.CustomerID), productCol: b.Col(schema.ProductID), nameCol: b.Col(schema.ProductName),
		catCol: b.Col(schema.Category), dated: b.Col(schema.SoldAt) >= 0}
	sf := record.SaleFilter{Window: opts.Window, Stores: opts.Stores, Normalize: f.normalize, KeepWalkIns: true}
	var err error
	if f.scan, err = record.NewSaleScanner(f.dec, sf, f.dated); err != nil {
		return nil, err
	}
	f.prefix, f.width = f.leadingFields(), len(b.Header)
	for _, m := range []*product.Matcher{opts.Match, opts.Exclude} {
		f.productID = f.productID || m != nil && m.NeedsID()
	}
	return f, nil
}

// leadingFields is the number of leading fields that line reads: the
// product, the name and category where the selection uses them, and what
// the sale filter reads.
func (f *filter) leadingFields() int {
	cols := []int{f.idCol, f.productCol, f.scan.Prefix() - 1}
	needs := func(m *product.Matcher, name bool) bool {
		if m == nil {
			return false
		}
		if name {
			return m.NeedsName()
		}
		return m.NeedsCategory()
	}
	if needs(f.opts.Match, true) || needs(f.opts.Exclude, true) {
		cols = append(cols, f.nameCol)
	}
	if needs(f.opts.Match, false) || needs(f.opts.Exclude, false) {
		cols = append(cols, f.catCol)
	}
	return slices.Max(cols) + 1
}

// field returns column c of rec, or nil when the file has no such column.
// Under EachPrefix a column past the split prefix is nil too: line reads
// only the columns leadingFields counted, and Match ignores the rest.
func field(rec *rows.Record, c int) []byte {
	if c < 0 || c >= len(rec.Fields) {
		return nil
	}
	return rec.Fields[c]
}

// line classifies one sales line. ok reports a line that counts (a
// walk-in line counts with an empty key); terms are the Match terms it
// matched. A line of an excluded product is reported through excluded
// (with its key) and does not count.
func (f *filter) line(rec *rows.Record, scan *record.SaleScanner, excluded func(key []byte)) (terms product.Set, key []byte, at time.Time, ok bool, err error) {
	id := field(rec, f.productCol)
	if f.productID && record.Scientific(id) {
		// Its lost digits may be a selected product's or an excluded one's.
		return 0, nil, at, false, f.dec.Error(rec, schema.ProductID, record.ErrScientific)
	}
	if f.opts.Exclude != nil && f.opts.Exclude.Match(id, field(rec, f.nameCol), field(rec, f.catCol)) != 0 {
		void, err := scan.Void(rec)
		if err != nil {
			return 0, nil, at, false, err
		}
		if k := f.key(rec); excluded != nil && len(k) > 0 && !void {
			excluded(k) // a voided receipt bought nothing
		}
		return 0, nil, at, false, nil
	}
	terms = 1
	if f.opts.Match != nil {
		if terms = f.opts.Match.Match(id, field(rec, f.nameCol), field(rec, f.catCol)); terms == 0 {
			scan.Pass(rec) // the void state of its receipt's next line may be its
			return 0, nil, at, false, nil
		}
	}
	sale, ok, err := scan.Scan(rec)
	if err != nil || !ok {
		return 0, nil, at, false, err
	}
	return terms, sale.Customer, sale.SoldAt, true, nil
}

// key returns the line's customer id as grouped.
func (f *filter) key(rec *rows.Record) []byte {
	k := rec.Fields[f.idCol]
	if f.normalize != nil {
		k, _ = f.normalize(k)
	}
	return k
}

// acc is a customer's running sums within one block, then overall.
type acc struct {
	first, last time.Time // of purchases, not returns
	lines       int
	quantity    parse.Decimal
	amount      parse.Decimal
	termQty     []parse.Decimal // net quantity per term of Options.Match
	purchased   bool            // a line was no return: first and last are set
	receipts    []uint64        // hashes of receipt keys (record.Decoder.AppendReceiptKey) of purchases
	compacted   int             // len(receipts) after the last compact
}

type blockResult struct {
	lines, matching, walkIn int
	counts                  record.SaleCounts
	accs                    map[string]*acc
	excluded                []string
}

// terms is how many terms of Options.Match a customer's net quantities
// are kept for.
func (f *filter) terms() int {
	if m := f.opts.Match; m != nil && m.Terms() > 1 {
		return min(m.Terms(), product.MaxTerms)
	}
	return 1
}

// block sums up one block of sales lines; it runs on several goroutines.
func (f *filter) block(blk *rows.Block) (*blockResult, error) {
	res := &blockResult{accs: map[string]*acc{}}
	noteExcluded := func(k []byte) { res.excluded = append(res.excluded, string(k)) }
	var scratch []byte
	scan := f.scan.Clone()
	err := blk.EachPrefix(f.prefix, func(rec *rows.Record) error {
		res.lines++
		terms, key, at, ok, err := f.line(rec, scan, noteExcluded)
		if err != nil || !ok {
			return err
		}
		res.matching++
		if len(key) == 0 {
			res.walkIn++
			return nil
		}
		a := res.accs[string(key)]
		if a == nil {
			a = &acc{termQty: make([]parse.Decimal, f.terms())}
			res.accs[string(key)] = a
		}
		rec.Extend(f.width) // add reads the quantity, amount and receipt
		return f.add(a, rec, terms, at, &scratch)
	})
	blk.Release()
	res.counts = scan.Counts
	return res, err
}

// add counts one matching line for a customer: every line into the net
// quantity and amount, a purchase (no return) into the dates and receipts.
func (f *filter) add(a *acc, rec *rows.Record, terms product.Set, at time.Time, scratch *[]byte) error {
	qty, amount, ret, err := f.totals.Net(rec)
	if err != nil {
		return err
	}
	a.lines++
	a.quantity += qty
	a.amount += amount
	if len(a.termQty) == 1 {
		a.termQty[0] += qty
	} else {
		for i := range a.termQty {
			if terms&(1<<i) != 0 {
				a.termQty[i] += qty
			}
		}
	}
	if ret {
		return nil
	}
	if f.dated {
		if !a.purchased || at.Before(a.first) {
			a.first = at
		}
		if !a.purchased || at.After(a.last) {
			a.last = at
		}
	}
	a.purchased = true
	*scratch = f.dec.AppendReceiptKey((*scratch)[:0], rec, at)
	if h := maphash.Bytes(f.seed, *scratch); len(a.receipts) == 0 || a.receipts[len(a.receipts)-1] != h {
		a.receipts = append(a.receipts, h)
	}
	return nil
}

// merge adds a later block's sums for the same customer.
func (a *acc) merge(o *acc) {
	if o.purchased && (!a.purchased || o.first.Before(a.first)) {
		a.first = o.first
	}
	if o.purchased && (!a.purchased || o.last.After(a.last)) {
		a.last = o.last
	}
	a.purchased = a.purchased || o.purchased
	a.lines += o.lines
	a.quantity += o.quantity
	a.amount += o.amount
	for i, q := range o.termQty {
		a.termQty[i] += q
	}
	a.receipts = append(a.receipts, o.receipts...)
	if len(a.receipts) >= 2*a.compacted+64 {
		a.compact()
	}
}

// compact drops repeated receipt hashes, so a customer's list holds each
// receipt about once.
func (a *acc) compact() {
	slices.Sort(a.receipts)
	a.receipts = slices.Compact(a.receipts)
	a.compacted = len(a.receipts)
}

// finish applies exclusion, --all and the minimums, and returns the
// buyers sorted by key.
func (f *filter) finish(total map[string]*acc, excluded map[string]bool, st *Stats) []Buyer {
	st.Customers = len(total)
	var all product.Set = 1
	if f.opts.Match != nil {
		all = f.opts.Match.All()
	}
	out := make([]Buyer, 0, len(total))
	for k, a := range total {
		if excluded[k] {
			st.Excluded++
			continue
		}
		var bought product.Set // the terms whose net quantity is above zero
		for i, q := range a.termQty {
			if q > 0 {
				bought |= 1 << i
			}
		}
		if bought == 0 {
			st.Returned++
			continue
		}
		if f.opts.All && bought != all {
			st.Partial++
			continue
		}
		a.compact()
		p := Purchases{First: a.first, Last: a.last, Receipts: len(a.receipts), Lines: a.lines, Quantity: a.quantity, Amount: a.amount}
		if !f.enough(p) {
			st.BelowMin++
			continue
		}
		out = append(out, Buyer{Key: k, ID: k, Purchases: p})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// enough applies MinCount and MinAmount.
func (f *filter) enough(p Purchases) bool {
	n := p.Receipts
	if f.opts.CountBy == ByLines {
		n = p.Lines
	}
	if n < f.opts.MinCount {
		return false
	}
	return !f.opts.HasMinAmount || p.Amount >= f.opts.MinAmount
}

// SortKey is an order for Sort.
type SortKey string

// The orders Sort knows. Figures sort largest first, last_purchase most
// recent first, first_purchase earliest first, dates by day; ties by
// customer id.
const (
	SortID       SortKey = "customer_id"
	SortFirst    SortKey = "first_purchase"
	SortLast     SortKey = "last_purchase"
	SortReceipts SortKey = "receipts"
	SortLines    SortKey = "lines"
	SortQuantity SortKey = "quantity"
	SortAmount   SortKey = "amount"
)

// SortKeys lists the orders, for flag help and completion.
var SortKeys = []string{"customer_id", "first_purchase", "last_purchase", "receipts", "lines", "quantity", "amount"}

// Sort orders buyers by key, then by ID (byte by byte, as a database orders
// text).
func Sort(bs []Buyer, key SortKey) {
	sort.SliceStable(bs, func(i, j int) bool {
		a, b := &bs[i], &bs[j]
		if c := compare(a, b, key); c != 0 {
			return c < 0
		}
		return a.ID < b.ID
	})
}

// compare returns <0 when a comes before b under key, >0 after, 0 on a tie.
func compare(a, b *Buyer, key SortKey) int {
	switch key {
	case SortFirst:
		return day(a.First).Compare(day(b.First))
	case SortLast:
		return day(b.Last).Compare(day(a.Last))
	case SortReceipts:
		return b.Receipts - a.Receipts
	case SortLines:
		return b.Lines - a.Lines
	case SortQuantity:
		return cmpDecimal(b.Quantity, a.Quantity)
	case SortAmount:
		return cmpDecimal(b.Amount, a.Amount)
	}
	return 0
}

// day is t's date: dates sort as they are printed, so that two purchases
// on one day tie and go by customer id.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func cmpDecimal(a, b parse.Decimal) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
