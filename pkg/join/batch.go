package join

import (
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/sink"
)

// batch holds sales lines of one block between parsing and lookup, so that
// their customers are looked up together (customer.Index.FindAll). Their
// bytes stay in the block, which is released only after the last flush.
type batch struct {
	scan   *record.SaleScanner // this block's sale filter
	lines  []pending
	finds  customer.Batch // the lines' customer ids, in the same order
	fields [][]byte       // the cells of lines that must be encoded cell by cell
}

type pending struct {
	raw    []byte // the sales columns already encoded, or nil
	cells  int    // where the line's cells are in batch.fields, if kept
	ncells int
	kind   lineKind // walkIn or leftOut; else known or unknown, after the lookup
}

func newBatch(scan *record.SaleScanner) *batch {
	return &batch{scan: scan, lines: make([]pending, 0, customer.BatchSize),
		finds: customer.Batch{Probes: make([]customer.Probe, 0, customer.BatchSize)}}
}

// add checks a sales line's values, passes it through the sale filter and
// queues it.
func (j *joiner) add(bt *batch, rec *rows.Record) error {
	if err := j.dec.Validate(rec); err != nil {
		return err
	}
	sale, ok, err := bt.scan.Scan(rec)
	if err != nil {
		return err
	}
	p := pending{kind: unknown}
	switch {
	case !ok:
		p.kind = leftOut
	case len(sale.Customer) == 0:
		p.kind = walkIn
	}
	if j.verbatim {
		p.raw = rec.Raw()
	}
	if p.raw == nil || (j.uenc != nil && !j.uverbatim) {
		p.cells, p.ncells = len(bt.fields), len(rec.Fields)
		bt.fields = append(bt.fields, rec.Fields...)
	}
	bt.lines = append(bt.lines, p)
	bt.finds.Add(sale.Customer)
	return nil
}

// flush looks up the queued lines and writes them to res, in order.
func (j *joiner) flush(bt *batch, res *blockResult) {
	j.idx.FindAll(&bt.finds)
	for i := range bt.lines {
		j.write(bt, &bt.lines[i], &bt.finds.Probes[i], res)
	}
	bt.lines, bt.fields = bt.lines[:0], bt.fields[:0]
	bt.finds.Reset()
}

// write writes one looked-up line.
func (j *joiner) write(bt *batch, p *pending, found *customer.Probe, res *blockResult) {
	if found.Found {
		p.kind = known
	}
	res.stats.count(p.kind)
	if p.kind == unknown {
		j.near(&res.stats, found.ID)
	}
	if p.kind == unknown && j.uenc != nil {
		res.unmatched = j.uenc.AppendRowEnd(j.appendSales(res.unmatched, bt, p, j.uenc, j.uverbatim))
	}
	if !j.keep(p.kind) {
		return
	}
	res.stats.Written++
	res.out = j.appendSales(res.out, bt, p, j.enc, j.verbatim)
	switch {
	case j.opts.Type == Inner || (j.opts.Type == Left && p.kind == known):
		res.out = append(res.out, found.Payload...)
	case j.opts.Type == Left:
		res.out = append(res.out, j.empty...)
	}
	res.out = j.enc.AppendRowEnd(res.out)
}

// appendSales encodes a sales line's columns: a copy of its raw bytes when
// they are already encoded, or cell by cell.
func (j *joiner) appendSales(dst []byte, bt *batch, p *pending, enc sink.Encoder, verbatim bool) []byte {
	if verbatim && p.raw != nil {
		return append(dst, p.raw...)
	}
	return enc.AppendCells(dst, bt.fields[p.cells:p.cells+p.ncells], 0)
}
