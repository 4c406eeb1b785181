package retention

import (
	"context"

	"github.com/custkit/custkit/pkg/rows"
)

// chunk is one block's worth of decided rows: their counts and, when the
// file is being rewritten, the rows it keeps, encoded.
type chunk struct {
	counts Counts
	data   []byte
}

// pass reads fp's file, decides every row and counts the fates. With w set
// it also writes the rows that stay to the new version. The file must be
// the one scanned: the same SHA-256 when fp has one (fp.SHA256 is filled
// when it has not: the scan of a contacts or complaints file is its only
// pass), and the same counts.
func (st *state) pass(ctx context.Context, p *Plan, fp *FilePlan, w *writer) error {
	doing := "reading"
	if w != nil {
		doing = "rewriting"
	}
	src, err := st.open(ctx, fp.Path, fp.Kind, doing)
	if err != nil {
		return err
	}
	defer src.Close()
	rule, err := st.newRule(p, fp.Kind, src)
	if err != nil {
		return err
	}
	if w != nil {
		if err := w.start(src, st.opts.Aliases, st.opts.Seal); err != nil {
			return err
		}
	}
	var counts Counts
	err = rows.EachBlock(ctx, src.Reader, st.opts.Workers, func(b *rows.Block) (*chunk, error) {
		defer b.Release()
		return st.passBlock(rule, b, w)
	}, func(c *chunk) error {
		counts.merge(c.counts)
		if w == nil {
			return nil
		}
		return w.write(c.data)
	})
	if err != nil {
		return err
	}
	sum, size, info, err := src.finish()
	switch {
	case err != nil:
		return err
	case fp.SHA256 == "":
		fp.SHA256, fp.Size, fp.Counts, fp.Skipped = sum, size, counts, src.Skipped()
	case sum != fp.SHA256 || counts != fp.Counts:
		return changedError(fp.Path)
	}
	if w != nil {
		w.read = info
	}
	return nil
}

func (st *state) passBlock(rule *rowRule, b *rows.Block, w *writer) (*chunk, error) {
	c := &chunk{}
	if w != nil {
		// Rows that stay are about as long as they were: one allocation
		// per block instead of a slice grown row by row.
		c.data = make([]byte, 0, b.Bytes()+b.Bytes()/16)
	}
	void := rule.void
	err := b.Each(func(rec *rows.Record) error {
		f, err := rule.classify(st, rec, &void)
		if err != nil {
			return err
		}
		if rule.isCustomers() && f.idx < 0 {
			return changedError(rule.file) // a customer the scan did not see
		}
		fate := rule.fate(st, f)
		c.counts.add(fate)
		if w != nil && fate != Deleted {
			c.data = w.appendRow(c.data, rec.Fields, fate, f.idx)
		}
		return nil
	})
	return c, err
}
