package record

import (
	"bytes"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// VoidLines judges the void state of a file's lines in file order. A line
// is void by its own void column ([Flag.Is]), except in a layout that
// writes the flag on a receipt's first line only
// (schema.Layout.OrderOnFirstRow: Shopify's Financial Status): there a
// line whose void cell is empty and that continues the receipt of the line
// judged before it (the same receipt id, not empty, and store) takes that
// line's state, and its error (a value the vocabulary does not hold: a
// refunded order is refused on all its lines). The reader of such a file
// keeps a receipt's lines in one block (schema.Binding.KeepTogether), so
// that a VoidLines per block sees each receipt from its first line.
//
// A VoidLines keeps the line before: give each goroutine its own, made by
// [Decoder.VoidLines] or copied from one that has judged no line.
type VoidLines struct {
	Flag
	carry          bool // the layout writes the flag on the first line only
	receipt, store Column
	key, buf       []byte // the receipt of the line before, and a buffer
	has            bool   // key is a receipt's
	void           bool   // the line before's state
	err            error
}

// VoidLines returns the void column of d's file, judged line by line.
func (d *Decoder) VoidLines() VoidLines {
	v := VoidLines{Flag: d.VoidFlag()}
	if v.Present() && d.binding.KeepTogether() >= 0 {
		v.carry, v.receipt, v.store = true, d.Column(schema.ReceiptID), d.Column(schema.StoreID)
	}
	return v
}

// Carries reports whether a line's state may come from the line before:
// whether every line of the file must be judged, in order, for the state
// of the next one to be right.
func (v *VoidLines) Carries() bool { return v.carry }

// Prefix returns how many leading fields of a record Judge reads.
func (v *VoidLines) Prefix() int {
	if !v.carry {
		return v.Flag.Prefix()
	}
	return max(v.Flag.Prefix(), v.receipt.Prefix(), v.store.Prefix())
}

// Judge returns whether rec is void; continued says that its state is
// the line before's, taken because its own void cell is empty. Call it for
// the file's lines in order (under Carries, for every line: a line not
// judged is not the line before any other).
func (v *VoidLines) Judge(rec *rows.Record) (void, continued bool, err error) {
	void, err = v.Is(rec)
	if !v.carry {
		return void, false, err
	}
	id := v.receipt.Bytes(rec)
	v.buf = append(append(append(v.buf[:0], id...), 0), v.store.Bytes(rec)...)
	if v.has && len(id) > 0 && bytes.Equal(v.buf, v.key) && !void && err == nil && len(trim(v.Bytes(rec))) == 0 {
		void, err, continued = v.void, v.err, true
	}
	v.key, v.buf, v.has = v.buf, v.key, len(id) > 0
	v.void, v.err = void, err
	return void, continued, err
}

// Forget forgets the line before, as at the start of a file or block.
// It leaves the buffers to the VoidLines it was copied from, if any.
func (v *VoidLines) Forget() {
	v.key, v.buf, v.has, v.void, v.err = nil, nil, false, false, nil
}
