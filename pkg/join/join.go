// Package join matches sales lines to their customers: every sales line with
// its customer's columns (inner and left joins), the lines whose customer is
// unknown (anti), the lines that have one (semi), and the customers who
// bought nothing.
//
// The customers file is loaded into an [Index] (memory in proportion to
// customers); the sales file is streamed block by block and joined on all
// cores by [Run], with rows written in file order.
package join

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"

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

// Sink receives output rows; see [sink.Rows].
type Sink = sink.Rows

// Encoder is the fast path of a Sink; see [sink.Encoder].
type Encoder = sink.Encoder

// Options configure Run.
type Options struct {
	Type         Type
	KeyNormalize bool
	Workers      int // 0: one per CPU
	// Unmatched, if set, receives the sales lines whose customer id is not
	// in the customers file (sales columns only).
	Unmatched Sink
	// Encoder and UnmatchedEncoder, when both outputs have one, select the
	// fast path: rows are encoded on all cores, and the index's payloads
	// must have been made by PayloadFor with the same Encoder. Otherwise
	// rows go one by one through the Sinks, and payloads must be made by
	// PlainPayload.
	Encoder, UnmatchedEncoder Encoder
}

// Stats counts what happened to the sales lines.
type Stats struct {
	Lines       int // sales lines read
	Matched     int // lines whose customer is known
	WalkIn      int // lines with an empty customer id
	Unknown     int // lines whose customer id is not in the customers file
	Written     int // rows written
	KeysChanged int // sales ids changed by key normalisation
}

func (s *Stats) add(o Stats) {
	s.Lines += o.Lines
	s.Matched += o.Matched
	s.WalkIn += o.WalkIn
	s.Unknown += o.Unknown
	s.Written += o.Written
	s.KeysChanged += o.KeysChanged
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

// Run streams the sales file against the index and writes joined rows to
// out. The customer-id column of the sales file is found through its
// binding. The caller writes layout.Header to out before loading the index,
// so that an Encoder knows its columns when PayloadFor runs.
func Run(ctx context.Context, idx *Index, sales *rows.Reader, sb *schema.Binding, layout Layout, out Sink, opts Options) (Stats, error) {
	if opts.Unmatched != nil {
		if err := opts.Unmatched.WriteHeader(sb.Header); err != nil {
			return Stats{}, err
		}
	}
	j := &joiner{dec: record.NewDecoder(sales.Name(), sb), idx: idx, idCol: sb.Col(schema.CustomerID), opts: opts, layout: layout}
	enc, uenc := opts.Encoder, opts.UnmatchedEncoder
	if enc == nil || (opts.Unmatched != nil && uenc == nil) {
		return j.slow(ctx, sales, out)
	}
	j.enc, j.uenc = enc, uenc
	j.verbatim = isVerbatim(enc, sales.Comma())
	j.uverbatim = uenc != nil && isVerbatim(uenc, sales.Comma())
	j.empty = enc.AppendCells(nil, make([][]byte, len(layout.CustomerCol)), len(sb.Header))
	workers := opts.Workers
	if workers == 0 {
		workers = rows.Workers()
	}
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

// verbatimEncoder is an Encoder that can say when a record's raw bytes
// ([rows.Record.Raw]) are already its encoding; output's CSV and TSV writers
// are, when the delimiters match and no cell may be altered.
type verbatimEncoder interface {
	Verbatim(comma byte) bool
}

func isVerbatim(enc Encoder, comma byte) bool {
	v, ok := enc.(verbatimEncoder)
	return ok && v.Verbatim(comma)
}

// PayloadFor returns the LoadOptions.Payload that pre-encodes each
// customer's appended columns once, so that the join only copies bytes.
// Where a customer's line is already in the output's form, its runs of
// consecutive columns are copied whole.
func PayloadFor(enc Encoder, layout Layout, salesWidth int) func([]byte, *rows.Record) []byte {
	cols := layout.CustomerCol
	v, _ := enc.(verbatimEncoder)
	return func(dst []byte, rec *rows.Record) []byte {
		if raw := rec.Raw(); raw != nil && v != nil && salesWidth > 0 && len(rec.Fields) > 1 && len(rec.Fields) <= maxRunFields {
			if comma := raw[len(rec.Fields[0])]; v.Verbatim(comma) {
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
	dec       *record.Decoder // validates the typed fields of sales lines
	idx       *Index
	idCol     int
	opts      Options
	layout    Layout
	enc, uenc Encoder
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
	bt := &batch{lines: make([]pending, 0, batchSize)}
	err := b.Each(func(rec *rows.Record) error {
		if err := j.add(bt, rec, &res.stats); err != nil {
			return err
		}
		if len(bt.lines) == batchSize {
			j.flush(bt, res)
		}
		return nil
	})
	if err == nil {
		j.flush(bt, res)
	}
	b.Release()
	return res, err
}

type lineKind int

const (
	known lineKind = iota
	walkIn
	unknown
)

// classify checks a sales line's values, finds its customer and its
// payload, and counts the line.
func (j *joiner) classify(rec *rows.Record, st *Stats) (int, []byte, lineKind, error) {
	if err := j.dec.Validate(rec); err != nil {
		return -1, nil, unknown, err
	}
	st.Lines++
	id := rec.Fields[j.idCol]
	if j.opts.KeyNormalize {
		var changed bool
		if id, changed = NormalizeKey(id); changed {
			st.KeysChanged++
		}
	}
	if len(id) == 0 {
		st.WalkIn++
		return -1, nil, walkIn, nil
	}
	if c, payload := j.idx.find(id); c >= 0 {
		st.Matched++
		return c, payload, known, nil
	}
	st.Unknown++
	return -1, nil, unknown, nil
}

// keep says whether a line of this kind is written, by join type.
func (j *joiner) keep(k lineKind) bool {
	switch j.opts.Type {
	case Inner, Semi:
		return k == known
	case Left:
		return true
	case Anti:
		return k == unknown
	}
	return false
}

// slow is the one-row-at-a-time path, for table and markdown output. Like
// the fast path, it stops when ctx is cancelled.
func (j *joiner) slow(ctx context.Context, sales *rows.Reader, out Sink) (Stats, error) {
	var st Stats
	for {
		if st.Lines%4096 == 0 && ctx.Err() != nil {
			return st, ctx.Err()
		}
		rec, err := sales.Next()
		if err == io.EOF {
			return st, nil
		}
		if err != nil {
			return st, err
		}
		cust, _, kind, err := j.classify(rec, &st)
		if err != nil {
			return st, err
		}
		if kind == unknown && j.opts.Unmatched != nil {
			if err := j.opts.Unmatched.Write(strs(rec.Fields)); err != nil {
				return st, err
			}
		}
		if !j.keep(kind) {
			continue
		}
		row := strs(rec.Fields)
		if j.opts.Type == Inner || j.opts.Type == Left {
			row = append(row, j.customerCells(cust)...)
		}
		st.Written++
		if err := out.Write(row); err != nil {
			return st, err
		}
	}
}

// customerCells returns customer c's appended columns (empty for -1).
func (j *joiner) customerCells(c int) []string {
	if c < 0 {
		return make([]string, len(j.layout.CustomerCol))
	}
	return SplitCells(j.idx.Payload(c))
}

// PlainPayload is the LoadOptions.Payload for the slow path and for listing
// customers: the chosen columns, each as a varint length and its bytes.
func PlainPayload(cols []int) func([]byte, *rows.Record) []byte {
	return func(dst []byte, rec *rows.Record) []byte {
		for _, c := range cols {
			dst = binary.AppendUvarint(dst, uint64(len(rec.Fields[c])))
			dst = append(dst, rec.Fields[c]...)
		}
		return dst
	}
}

// SplitCells takes apart a payload made by PlainPayload.
func SplitCells(p []byte) []string {
	var out []string
	for len(p) > 0 {
		n, k := binary.Uvarint(p)
		out = append(out, string(p[k:k+int(n)]))
		p = p[k+int(n):]
	}
	return out
}

// WithoutSales writes the customers who have no line in the sales file, in
// customers-file order. The index must have been loaded with
// PlainPayload of every column. As in Run, opts.Unmatched, if set, receives
// the sales lines whose customer id is unknown.
func WithoutSales(ctx context.Context, idx *Index, sales *rows.Reader, sb *schema.Binding, out Sink, opts Options) (Stats, error) {
	if opts.Unmatched != nil {
		if err := opts.Unmatched.WriteHeader(sb.Header); err != nil {
			return Stats{}, err
		}
	}
	j := &joiner{dec: record.NewDecoder(sales.Name(), sb), idx: idx, idCol: sb.Col(schema.CustomerID), opts: opts}
	seen := make([]bool, idx.Len())
	var total Stats
	workers := opts.Workers
	if workers == 0 {
		workers = rows.Workers()
	}
	err := rows.EachBlock(ctx, sales, workers, func(b *rows.Block) (*seenResult, error) {
		res := &seenResult{}
		err := b.Each(func(rec *rows.Record) error {
			c, _, kind, err := j.classify(rec, &res.stats)
			if err != nil {
				return err
			}
			if kind == known {
				res.custs = append(res.custs, int32(c))
			} else if kind == unknown && opts.Unmatched != nil {
				res.unmatched = append(res.unmatched, strs(rec.Fields))
			}
			return nil
		})
		b.Release()
		return res, err
	}, func(r *seenResult) error {
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
	if err := out.WriteHeader(idx.Header); err != nil {
		return total, err
	}
	for c, ok := range seen {
		if ok {
			continue
		}
		total.Written++
		if err := out.Write(SplitCells(idx.Payload(c))); err != nil {
			return total, err
		}
	}
	return total, nil
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
