package record

import (
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// LineTotals returns a sales line's quantity and amount. A line without a
// quantity (no column, or an empty cell) counts as one item; a line without
// an amount is worth quantity × unit price, or nothing without a price.
// Every command that sums sales lines uses it, so they all add up alike.
func (d *Decoder) LineTotals(rec *rows.Record) (qty, amount parse.Decimal, err error) {
	qty = parse.DecimalScale
	q, ok, err := d.Decimal(rec, schema.Quantity)
	if err != nil {
		return 0, 0, err
	}
	if ok {
		qty = q
	}
	a, ok, err := d.Decimal(rec, schema.Amount)
	if err != nil || ok {
		return qty, a, err
	}
	p, ok, err := d.Decimal(rec, schema.UnitPrice)
	if err != nil || !ok {
		return qty, 0, err
	}
	return qty, qty * p / parse.DecimalScale, nil
}

// AppendReceiptKey appends what identifies the receipt of a sales line
// sold at at: its receipt id, day and store, because registers restart
// their receipt numbers every day and each store has its own. Without a
// receipt id column the time of sale as written stands for it. Commands
// that count receipts (visits) count distinct keys.
func (d *Decoder) AppendReceiptKey(dst []byte, rec *rows.Record, at time.Time) []byte {
	if d.Has(schema.ReceiptID) {
		dst = append(dst, d.Bytes(rec, schema.ReceiptID)...)
		dst = append(dst, 0)
		if !at.IsZero() {
			dst = at.AppendFormat(dst, "20060102")
		}
	} else {
		dst = append(dst, d.Bytes(rec, schema.SoldAt)...)
	}
	dst = append(dst, 0)
	return append(dst, d.Bytes(rec, schema.StoreID)...)
}
