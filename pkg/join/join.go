// Package join matches sales lines to their customers: every sales line with
// its customer's columns (inner and left joins), the lines whose customer is
// unknown (anti), the lines that have one (semi), and the customers who
// bought nothing.
//
// [Run] is the one entry point: it loads the customers file into a
// customer.Index (memory in proportion to customers), streams the sales
// file block by block, on all cores, with rows written in file order, and
// picks the path itself: encoded on the workers when the outputs have a
// fast path (sink.Encoder), row by row otherwise. Sales lines go through
// record.SaleScanner, the filter every sales pass shares.
package join

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
)

// Type is the kind of join.
type Type string

// The join types.
const (
	Inner Type = "inner" // sales lines with a known customer, with the customer's columns
	Left  Type = "left"  // every sales line; customer columns empty where there is none
	Anti  Type = "anti"  // sales lines whose customer id is not in the customers file
	Semi  Type = "semi"  // sales lines whose customer is known, sales columns only
)

// Types lists the join types, for flag help and completion.
var Types = []string{"inner", "left", "anti", "semi"}

// Options configure Run.
type Options struct {
	Type Type
	// WithoutSales lists the customers who have no line in the sales file
	// instead, with every column of the customers file; Type is not used.
	WithoutSales bool
	// KeyNormalize matches ids of both files after customer.NormalizeKey.
	KeyNormalize bool
	Workers      int // 0: one per CPU
	// Out receives the joined rows. When it has a fast path
	// (sink.EncoderOf), and Unmatched too if set, rows are encoded on all
	// cores and each customer's columns only once; otherwise rows go one
	// by one, as a printed format needs.
	Out sink.Rows
	// Unmatched, if set, receives the sales lines whose customer id is not
	// in the customers file (sales columns only).
	Unmatched sink.Rows
}

// Input is what a join reads: the customers file, which is held in
// memory, and the sales file, which is streamed; each with the binding of
// its header to the fields.
type Input struct {
	Customers        *rows.Reader
	CustomersBinding *schema.Binding
	Sales            *rows.Reader
	SalesBinding     *schema.Binding
}

// Stats counts what happened to the sales lines.
type Stats struct {
	Lines       int // sales lines read
	Matched     int // lines whose customer is known
	WalkIn      int // lines with an empty customer id
	Unknown     int // lines whose customer id is not in the customers file
	Written     int // rows written
	KeysChanged int // sales ids changed by key normalisation
	// CustomerKeysChanged counts the customer ids of the customers file
	// that key normalisation changed.
	CustomerKeysChanged int
	// Near counts the lines of Unknown whose id the customers file has
	// after customer.NormalizeKey, in the customers file customersFile
	// (set only when there are some).
	Near          customer.NearMiss
	customersFile string
}

func (s *Stats) add(o Stats) {
	s.Lines += o.Lines
	s.Matched += o.Matched
	s.WalkIn += o.WalkIn
	s.Unknown += o.Unknown
	s.Written += o.Written
	s.KeysChanged += o.KeysChanged
	s.Near.Merge(o.Near)
}

// scanned adds what the sale filter counted: every line, the walk-ins and
// the ids key normalisation changed.
func (s *Stats) scanned(c record.SaleCounts) {
	s.Lines += c.Lines
	s.WalkIn += c.WalkIn
	s.KeysChanged += c.KeysChanged
}

// count counts a line by kind.
func (s *Stats) count(k lineKind) {
	switch k {
	case known:
		s.Matched++
	case unknown:
		s.Unknown++
	}
}

// Layout is the shape of joined rows: the sales columns, then the
// customer's columns except its id. A customer column whose name or field
// the sales file also has is prefixed "customer_" (store_id becomes
// customer_store_id), so that no column is silently dropped.
type Layout struct {
	Header      []string // the output header
	CustomerCol []int    // the customers-file columns appended, in order
}

// NewLayout computes the joined header for a join type.
func NewLayout(t Type, sales *schema.Binding, cust *schema.Binding) Layout {
	l := Layout{Header: append([]string(nil), sales.Header...)}
	if t != Inner && t != Left {
		return l
	}
	taken := make(map[string]bool, len(sales.Header)+len(cust.Header))
	for _, h := range sales.Header {
		taken[schema.Normalize(h)] = true
	}
	next := map[string]int{} // the next number to try for a name's copies
	idCol := cust.Col(schema.CustomerID)
	for i, h := range cust.Header {
		if i == idCol {
			continue
		}
		name, key := h, schema.Normalize(h)
		if f := cust.FieldOf(i); taken[key] || f != "" && sales.Col(f) >= 0 {
			name, key = copyName(h, key, taken, next)
		}
		taken[key] = true
		l.Header = append(l.Header, name)
		l.CustomerCol = append(l.CustomerCol, i)
	}
	return l
}

// copyName names a customer column whose name is taken: customer_<name>,
// else customer_customer_<name>, else customer_<name>_2, _3 and so on.
// Numbering, rather than one more prefix per copy, keeps the header linear
// in the number of columns however many share a name; next remembers, per
// name, the number to try first, so that no number is tried twice.
func copyName(h, key string, taken map[string]bool, next map[string]int) (string, string) {
	for _, name := range []string{"customer_" + h, "customer_customer_" + h} {
		if k := schema.Normalize(name); !taken[k] {
			return name, k
		}
	}
	n := max(next[key], 2)
	for {
		name := "customer_" + h + "_" + strconv.Itoa(n)
		n++
		if k := schema.Normalize(name); !taken[k] {
			next[key] = n
			return name, k
		}
	}
}

// Run joins the sales file to the customers file and writes the rows to
// opts.Out, header first. It loads the customers into a customer.Index
// (memory in proportion to customers), then streams the sales lines, on all
// cores, writing rows in file order; on the fast path each customer's
// appended columns are encoded once, when the customers file is loaded.
func Run(ctx context.Context, in Input, opts Options) (Stats, error) {
	if opts.WithoutSales {
		return withoutSales(ctx, in, opts)
	}
	layout := NewLayout(opts.Type, in.SalesBinding, in.CustomersBinding)
	if err := opts.Out.WriteHeader(layout.Header); err != nil {
		return Stats{}, err
	}
	enc, uenc := sink.EncoderOf(opts.Out), sink.EncoderOf(opts.Unmatched)
	fast := enc != nil && (opts.Unmatched == nil || uenc != nil)
	lopts := customer.LoadOptions{KeyNormalize: opts.KeyNormalize, Workers: opts.Workers, Payload: customer.PlainPayload(layout.CustomerCol)}
	if fast {
		lopts.Payload = payloadFor(enc, layout, len(in.SalesBinding.Header))
	}
	idx, err := customer.LoadContext(ctx, in.Customers, in.CustomersBinding, lopts)
	if err != nil {
		return Stats{}, err
	}
	j, err := newJoiner(in, idx, opts)
	if err != nil {
		return Stats{}, err
	}
	j.layout = layout
	var st Stats
	if fast {
		st, err = j.fast(ctx, in.Sales, enc, uenc)
	} else {
		st, err = j.slow(ctx, in.Sales)
	}
	st.CustomerKeysChanged = idx.KeysChanged
	if st.Near.Lines > 0 {
		st.customersFile = idx.File
	}
	return st, err
}

// newJoiner prepares the join of in's sales lines to idx, and writes the
// header of the unmatched lines.
func newJoiner(in Input, idx *customer.Index, opts Options) (*joiner, error) {
	dec := record.NewDecoder(in.Sales.Name(), in.SalesBinding)
	scan, err := record.NewSaleScanner(dec, record.SaleFilter{Normalize: customer.Normalizer(opts.KeyNormalize), KeepWalkIns: true, KeepVoids: true}, false)
	if err != nil {
		return nil, err
	}
	if opts.Unmatched != nil {
		if err := opts.Unmatched.WriteHeader(in.SalesBinding.Header); err != nil {
			return nil, err
		}
	}
	return &joiner{dec: dec, scan: scan, idx: idx, opts: opts}, nil
}

// fast is the path of streaming formats: blocks of sales lines are joined
// and encoded on all cores, and written in file order.
func (j *joiner) fast(ctx context.Context, sales *rows.Reader, enc, uenc sink.Encoder) (Stats, error) {
	j.enc, j.uenc = enc, uenc
	j.verbatim = enc.Verbatim(sales.Comma())
	j.uverbatim = uenc != nil && uenc.Verbatim(sales.Comma())
	j.empty = enc.AppendCells(nil, make([][]byte, len(j.layout.CustomerCol)), len(j.dec.Binding().Header))
	workers := workers(j.opts)
	j.free = make(chan []byte, 4*workers+4)
	var total Stats
	err := rows.EachBlock(ctx, sales, workers, j.block, func(r *blockResult) error {
		total.add(r.stats)
		if err := enc.WriteEncoded(r.out); err != nil {
			return err
		}
		if len(r.unmatched) > 0 {
			if err := uenc.WriteEncoded(r.unmatched); err != nil {
				return err
			}
		}
		j.recycle(r.out)
		j.recycle(r.unmatched)
		return nil
	})
	return total, err
}

// workers is the number of blocks joined at once.
func workers(opts Options) int {
	if opts.Workers > 0 {
		return opts.Workers
	}
	return rows.Workers()
}

// payloadFor returns the customer.LoadOptions.Payload that pre-encodes
// each customer's appended columns once, so that the join only copies
// bytes. Where a customer's line is already in the output's form, its runs
// of consecutive columns are copied whole.
func payloadFor(enc sink.Encoder, layout Layout, salesWidth int) func([]byte, *rows.Record) []byte {
	cols := layout.CustomerCol
	return func(dst []byte, rec *rows.Record) []byte {
		if raw := rec.Raw(); raw != nil && salesWidth > 0 && len(rec.Fields) > 1 && len(rec.Fields) <= maxRunFields {
			if comma := raw[len(rec.Fields[0])]; enc.Verbatim(comma) {
				return appendRuns(dst, raw, rec.Fields, cols, comma)
			}
		}
		for i, c := range cols {
			dst = enc.AppendCells(dst, rec.Fields[c:c+1], salesWidth+i)
		}
		return dst
	}
}

const maxRunFields = 128

// appendRuns appends the columns cols of a record whose raw bytes are its
// encoding, each run of consecutive columns in one copy, every run after a
// delimiter (the payload follows the sales columns).
func appendRuns(dst, raw []byte, fields [][]byte, cols []int, comma byte) []byte {
	var at [maxRunFields]int // where each field starts in raw
	o := 0
	for i, f := range fields {
		at[i] = o
		o += len(f) + 1
	}
	for k := 0; k < len(cols); k++ {
		first, last := cols[k], cols[k]
		for k+1 < len(cols) && cols[k+1] == last+1 {
			k++
			last++
		}
		dst = append(dst, comma)
		dst = append(dst, raw[at[first]:at[last]+len(fields[last])]...)
	}
	return dst
}

type joiner struct {
	dec       *record.Decoder     // validates the typed fields of sales lines
	scan      *record.SaleScanner // the sale filter, cloned for each block
	idx       *customer.Index
	opts      Options
	layout    Layout
	enc, uenc sink.Encoder
	// verbatim and uverbatim say that enc and uenc take a record's raw
	// bytes as its encoded sales columns.
	verbatim, uverbatim bool
	empty               []byte      // encoded empty customer columns, for left joins
	free                chan []byte // output buffers written out, for reuse
}

// buffer returns an empty output buffer, reused if one is free.
func (j *joiner) buffer(size int) []byte {
	select {
	case b := <-j.free:
		return b
	default:
		return make([]byte, 0, size)
	}
}

// recycle keeps a written buffer for a later block. Reusing them keeps the
// garbage collector idle and memory flat however long the sales file is.
func (j *joiner) recycle(b []byte) {
	if cap(b) == 0 {
		return
	}
	select {
	case j.free <- b[:0]:
	default:
	}
}

type blockResult struct {
	out, unmatched []byte
	stats          Stats
}

// block joins one block of sales lines; it runs on several goroutines.
func (j *joiner) block(b *rows.Block) (*blockResult, error) {
	res := &blockResult{out: j.buffer(3 * b.Bytes())}
	if j.uenc != nil {
		res.unmatched = j.buffer(0)
	}
	bt := newBatch(j.scan.Clone())
	err := b.Each(func(rec *rows.Record) error {
		if err := j.add(bt, rec); err != nil {
			return err
		}
		if len(bt.lines) == customer.BatchSize {
			j.flush(bt, res)
		}
		return nil
	})
	if err == nil {
		j.flush(bt, res)
	}
	b.Release()
	res.stats.scanned(bt.scan.Counts)
	return res, err
}

type lineKind int

const (
	known lineKind = iota
	walkIn
	unknown
	leftOut // by the sale filter: neither joined nor unmatched
)

// classify checks a sales line's values, passes it through the sale
// filter and finds its customer.
func (j *joiner) classify(rec *rows.Record, scan *record.SaleScanner, st *Stats) (int, lineKind, error) {
	if err := j.dec.Validate(rec); err != nil {
		return -1, unknown, err
	}
	sale, ok, err := scan.Scan(rec)
	switch {
	case err != nil:
		return -1, unknown, err
	case !ok:
		return -1, leftOut, nil
	case len(sale.Customer) == 0:
		return -1, walkIn, nil
	}
	if c := j.idx.Lookup(sale.Customer); c >= 0 {
		return c, known, nil
	}
	j.near(st, sale.Customer)
	return -1, unknown, nil
}

// near counts an unknown id that the customers file has after
// customer.NormalizeKey.
func (j *joiner) near(st *Stats, id []byte) {
	if k, ok := j.idx.Near(id); ok {
		st.Near.Add(id, k)
	}
}

// keep says whether a line of this kind is written, by join type.
func (j *joiner) keep(k lineKind) bool {
	switch j.opts.Type {
	case Inner, Semi:
		return k == known
	case Left:
		return k != leftOut
	case Anti:
		return k == unknown
	}
	return false
}

// slow is the one-row-at-a-time path, for table and markdown output. Like
// the fast path, it stops when ctx is cancelled.
func (j *joiner) slow(ctx context.Context, sales *rows.Reader) (st Stats, err error) {
	scan := j.scan.Clone()
	defer func() { st.scanned(scan.Counts) }()
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return st, ctx.Err()
		}
		rec, err := sales.Next()
		if err == io.EOF {
			return st, nil
		}
		if err != nil {
			return st, err
		}
		cust, kind, err := j.classify(rec, scan, &st)
		if err != nil {
			return st, err
		}
		st.count(kind)
		if err := j.writeRow(rec, cust, kind, &st); err != nil {
			return st, err
		}
	}
}

// writeRow writes one classified sales line through the Sinks.
func (j *joiner) writeRow(rec *rows.Record, cust int, kind lineKind, st *Stats) error {
	if kind == unknown && j.opts.Unmatched != nil {
		if err := j.opts.Unmatched.Write(strs(rec.Fields)); err != nil {
			return err
		}
	}
	if !j.keep(kind) {
		return nil
	}
	row := strs(rec.Fields)
	if j.opts.Type == Inner || j.opts.Type == Left {
		row = append(row, j.customerCells(cust)...)
	}
	st.Written++
	return j.opts.Out.Write(row)
}

// customerCells returns customer c's appended columns (empty for -1).
func (j *joiner) customerCells(c int) []string {
	if c < 0 {
		return make([]string, len(j.layout.CustomerCol))
	}
	return customer.SplitCells(j.idx.Payload(c))
}

// withoutSales writes the customers who have no line in the sales file, in
// customers-file order, with every column. As in Run, opts.Unmatched, if
// set, receives the sales lines whose customer id is unknown.
func withoutSales(ctx context.Context, in Input, opts Options) (Stats, error) {
	idx, err := customer.LoadContext(ctx, in.Customers, in.CustomersBinding, customer.LoadOptions{
		KeyNormalize: opts.KeyNormalize, Workers: opts.Workers, Payload: customer.PlainPayload(customer.EveryColumn(in.Customers.Header()))})
	if err != nil {
		return Stats{}, err
	}
	j, err := newJoiner(in, idx, opts)
	if err != nil {
		return Stats{}, err
	}
	seen := make([]bool, idx.Len())
	total := Stats{CustomerKeysChanged: idx.KeysChanged}
	err = rows.EachBlock(ctx, in.Sales, workers(opts), j.seen, func(r *seenResult) error {
		total.add(r.stats)
		for _, c := range r.custs {
			seen[c] = true
		}
		for _, row := range r.unmatched {
			if err := opts.Unmatched.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return total, err
	}
	return total, j.writeUnseen(idx, seen, &total)
}

// seen finds the customers of one block of sales lines; it runs on several
// goroutines.
func (j *joiner) seen(b *rows.Block) (*seenResult, error) {
	res := &seenResult{}
	scan := j.scan.Clone()
	err := b.Each(func(rec *rows.Record) error {
		c, kind, err := j.classify(rec, scan, &res.stats)
		if err != nil {
			return err
		}
		res.stats.count(kind)
		if kind == known {
			res.custs = append(res.custs, int32(c))
		} else if kind == unknown && j.opts.Unmatched != nil {
			res.unmatched = append(res.unmatched, strs(rec.Fields))
		}
		return nil
	})
	b.Release()
	res.stats.scanned(scan.Counts)
	return res, err
}

// writeUnseen writes the header and the customers not seen.
func (j *joiner) writeUnseen(idx *customer.Index, seen []bool, st *Stats) error {
	if err := j.opts.Out.WriteHeader(idx.Header); err != nil {
		return err
	}
	for c, ok := range seen {
		if ok {
			continue
		}
		st.Written++
		if err := j.opts.Out.Write(customer.SplitCells(idx.Payload(c))); err != nil {
			return err
		}
	}
	return nil
}

type seenResult struct {
	custs     []int32
	unmatched [][]string
	stats     Stats
}

func strs(fields [][]byte) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = string(f)
	}
	return out
}

// Summary is the one-line report of a join for standard error.
func (s Stats) Summary() string {
	return fmt.Sprintf("%s: %d matched, %d walk-in (no customer id), %d with an unknown customer id; %s written",
		english.Count(s.Lines, "sales line"), s.Matched, s.WalkIn, s.Unknown, english.Count(s.Written, "row"))
}
