package redact

import (
	"context"
	"io"
	"sync"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/sink"
)

// Stats says what Run did.
type Stats struct {
	Rows int64 // rows written
	// Unrecognised counts values a generalisation could not read (an
	// address without a prefecture, a postal code without three digits);
	// they are written empty rather than passed through.
	Unrecognised int64
}

// Run streams every row of r through the plan to out, header first. When
// out has a fast path (sink.EncoderOf), blocks of rows are redacted on
// workers goroutines at once (0: one per CPU) and written in order; memory
// stays bounded by a few blocks per worker whatever the size of the file.
// The first bad value stops the run with a *rows.Error naming its file,
// line and column.
func Run(ctx context.Context, r *rows.Reader, p *Plan, out sink.Rows, workers int) (Stats, error) {
	if err := out.WriteHeader(p.Header()); err != nil {
		return Stats{}, err
	}
	enc := sink.EncoderOf(out)
	if enc == nil {
		return runRows(ctx, r, p, out)
	}
	if workers < 1 {
		workers = rows.Workers()
	}
	var st Stats
	// Output buffers go back to the pool once written, so that a long
	// file does not allocate a new one per block.
	var bufs sync.Pool
	err := rows.EachBlock(ctx, r, workers, func(b *rows.Block) (blockResult, error) {
		buf, _ := bufs.Get().([]byte)
		return p.block(b, enc, buf)
	}, func(res blockResult) error {
		st.Rows += res.rows
		st.Unrecognised += res.unrecognised
		err := enc.WriteEncoded(res.out)
		bufs.Put(res.out[:0]) //nolint:staticcheck // a slice header is fine here
		return err
	})
	return st, err
}

type blockResult struct {
	out          []byte
	rows         int64
	unrecognised int64
}

// block redacts one block of rows; it runs on several goroutines.
func (p *Plan) block(b *rows.Block, enc sink.Encoder, buf []byte) (blockResult, error) {
	w := p.newWorker()
	if want := b.Bytes() + b.Bytes()/8; cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	res := blockResult{out: buf[:0]}
	err := b.Each(func(rec *rows.Record) error {
		cells, err := w.row(rec)
		if err != nil {
			return err
		}
		res.out = enc.AppendRowEnd(enc.AppendCells(res.out, cells, 0))
		res.rows++
		return nil
	})
	b.Release()
	res.unrecognised = w.unrecognised
	return res, err
}

// runRows is the one-row-at-a-time path, for printed formats.
func runRows(ctx context.Context, r *rows.Reader, p *Plan, out sink.Rows) (Stats, error) {
	var st Stats
	w := p.newWorker()
	row := make([]string, len(p.cols))
	for {
		if st.Rows%4096 == 0 && ctx.Err() != nil {
			return st, ctx.Err()
		}
		rec, err := r.Next()
		if err != nil {
			st.Unrecognised = w.unrecognised
			if err == io.EOF {
				return st, nil
			}
			return st, err
		}
		cells, err := w.row(rec)
		if err != nil {
			return st, err
		}
		for i, c := range cells {
			row[i] = string(c)
		}
		if err := out.Write(row); err != nil {
			return st, err
		}
		st.Rows++
	}
}
