package record

import (
	"bytes"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"golang.org/x/text/unicode/norm"
)

// Marks reads the void and kind columns of sales lines (schema.Void,
// schema.TxKind): whether a line was cancelled at the register or is a
// return. It also records each such line in the binding's
// [schema.Marked], so that a command can say how many it read.
type Marks struct {
	void, kind, receipt Column
	returns             [][]byte // extra values of the kind column that mean a return
	marked              *schema.Marked
}

// Marks returns the void and kind columns of d's file.
func (d *Decoder) Marks() Marks {
	m := Marks{void: d.Column(schema.Void), kind: d.Column(schema.TxKind), receipt: d.Column(schema.ReceiptID), marked: d.binding.Marked}
	if l := d.binding.Layout; l != nil {
		for _, v := range l.ReturnValues {
			m.returns = append(m.returns, []byte(v))
		}
	}
	return m
}

// Present reports whether the file has a void or a kind column.
func (m Marks) Present() bool { return m.void.Present() || m.kind.Present() }

// Prefix returns how many leading fields of a record Line reads.
func (m Marks) Prefix() int {
	if !m.Present() {
		return 0
	}
	return max(m.void.Prefix(), m.kind.Prefix(), m.receipt.Prefix())
}

// Line reports whether rec is voided (the void column holds a value other
// than 0, false, no or 通常) and whether it is a return (the kind column
// says 返品, 払い戻し, refund or return, or a value the file's layout
// gives that meaning), and records it.
func (m Marks) Line(rec *rows.Record) (voided, returned bool) {
	if !m.Present() {
		return false, false
	}
	voided = IsVoid(m.void.Bytes(rec))
	if !voided {
		k := trim(m.kind.Bytes(rec))
		returned = IsReturn(k)
		for _, v := range m.returns {
			returned = returned || bytes.Equal(k, v)
		}
	}
	if voided || returned {
		m.marked.Mark(rec.Line, m.receipt.Bytes(rec), voided)
	}
	return voided, returned
}

// IsVoid reports whether a void column's value marks a cancelled line:
// anything but empty, 0, false, no, off, 通常 or なし.
func IsVoid(v []byte) bool {
	v = trim(v)
	if len(v) == 0 {
		return false
	}
	switch string(bytes.ToLower(norm.NFKC.Bytes(v))) {
	case "0", "false", "no", "off", "n", "通常", "なし", "無", "-":
		return false
	}
	return true
}

// IsReturn reports whether a kind column's value is a return or refund.
func IsReturn(v []byte) bool {
	switch string(bytes.ToLower(norm.NFKC.Bytes(trim(v)))) {
	case "返品", "払い戻し", "払戻", "払戻し", "返金", "refund", "return", "returned", "refunded":
		return true
	}
	return false
}
