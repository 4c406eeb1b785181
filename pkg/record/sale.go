package record

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/custkit/custkit/pkg/lineset"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/swar"
)

// LineTotals returns a sales line's quantity and amount. A line without a
// quantity (no column, or an empty cell) counts as one item; a line without
// an amount (no column, or an empty cell) is worth quantity × unit price,
// or nothing without a price. Both are net: a return (see [Totals.Net]) is
// negative, whatever sign its cells have. A line whose quantity or amount
// cell is empty is added to the binding's Blanks (schema.Blanks), by the
// kind of default it took, so that the commands say so once per file and
// check warns of it: an empty cell is more often an export's mistake than
// the shop's meaning.
// Every command that sums sales lines uses it (or [Totals], the same rule
// for passes over many lines), so they all add up alike.
func (d *Decoder) LineTotals(rec *rows.Record) (qty, amount parse.Decimal, err error) {
	t := d.Totals()
	return t.Line(rec)
}

// Totals applies LineTotals' rule with the columns resolved once.
type Totals struct {
	qty, amount, price Column
	kind               Flag           // the transaction kind: a return, or not
	blanks             *schema.Blanks // where lines with an empty cell are told; nil tells none
}

// Totals returns the rule of LineTotals for the lines of d's file. The
// amount is the one of the binding's basis (schema.Binding.SpendField);
// when the file has none, the binding's Priced is set so that commands
// can say that spend is quantity × unit price.
func (d *Decoder) Totals() Totals {
	if d.SpendFromPrice() && d.binding.Priced != nil && !d.binding.Priced.Load() {
		d.binding.Priced.Store(true)
	}
	return Totals{d.Column(schema.Quantity), d.Column(d.binding.SpendField()), d.Column(schema.UnitPrice), d.ReturnFlag(), d.binding.Blanks}
}

// Line returns rec's quantity and amount, as LineTotals does.
func (t *Totals) Line(rec *rows.Record) (qty, amount parse.Decimal, err error) {
	qty, amount, _, err = t.Net(rec)
	return qty, amount, err
}

// Net returns rec's quantity and amount, net, and whether the line is a
// return: a line whose kind column says so (返品, 払い戻し, refund, ...),
// or a line with a negative quantity or amount. A return counts negative
// in both, whatever signs its cells have, as registers differ: -1 at
// ¥1,200 written with the amount 1200 takes ¥1,200 off, and 1 written
// with ▲1,200 takes the item off, as a return printed with the sign on
// its amount only is. So a customer who bought an item and returned it
// has a net quantity of zero in every command. A receipt of returns only
// is no visit and a return is no purchase, but its amount is taken off
// the customer's spend.
func (t *Totals) Net(rec *rows.Record) (qty, amount parse.Decimal, ret bool, err error) {
	if qty, amount, err = t.line(rec); err != nil {
		return 0, 0, false, err
	}
	if t.kind.vocab != nil {
		if ret, err = t.kind.Is(rec); err != nil {
			return 0, 0, false, err
		}
	}
	if ret = ret || qty < 0 || amount < 0; ret {
		qty, amount = -abs(qty), -abs(amount)
	}
	return qty, amount, ret, nil
}

func abs(d parse.Decimal) parse.Decimal { return max(d, -d) }

// Prefix returns how many leading fields of a record Net reads.
func (t *Totals) Prefix() int {
	return max(t.qty.Prefix(), t.amount.Prefix(), t.price.Prefix(), t.kind.Prefix())
}

// Unsigned reports whether Net would read rec as no return whatever its
// quantity: the file has no kind column, and rec's amount and unit price
// cells hold no byte that can make a number negative (a minus, a bracket
// or a multi-byte character such as △ or a full-width minus). Then Net's
// quantity is the quantity cell's, and a pass can read that cell alone. It
// looks at the bytes, parsing nothing; rec must hold Prefix() fields.
func (t *Totals) Unsigned(rec *rows.Record) bool {
	return t.kind.vocab == nil && unsigned(t.amount.Bytes(rec)) && unsigned(t.price.Bytes(rec))
}

// minus and bracket are '-' and '(' in every byte of a word.
var minus, bracket = swar.Repeat('-'), swar.Repeat('(')

// unsigned reports whether b holds none of the bytes a negative number
// is written with (see parse.Amount). A cell of up to 8 bytes with 8
// bytes of room (a cell of a block's data, as most are) is looked at as
// one word.
func unsigned(b []byte) bool {
	if len(b) <= 8 && cap(b) >= 8 {
		w := binary.LittleEndian.Uint64(b[:8]) & (^uint64(0) >> (64 - 8*len(b)))
		return w&^swar.Repeat(0x7f) == 0 && swar.Match(w, minus) == 0 && swar.Match(w, bracket) == 0
	}
	for _, c := range b {
		if c == '-' || c == '(' || c >= 0x80 {
			return false
		}
	}
	return true
}

// line is Net without the kind. An empty cell is told to t.blanks on the
// way, which costs a line with both cells nothing.
func (t *Totals) line(rec *rows.Record) (qty, amount parse.Decimal, err error) {
	qty = parse.DecimalScale
	q, ok, err := t.qty.Decimal(rec)
	if err != nil {
		return 0, 0, err
	}
	if ok {
		qty = q
	} else if t.qty.Present() {
		t.blank(rec, func(b *schema.Blanks) *lineset.Set { return &b.Quantity })
	}
	a, ok, err := t.amount.Decimal(rec)
	if err != nil || ok {
		return qty, a, err
	}
	p, ok, err := t.price.Decimal(rec)
	switch {
	case err != nil:
		return qty, 0, err
	case !ok:
		if t.amount.Present() || t.price.Present() {
			t.blank(rec, func(b *schema.Blanks) *lineset.Set { return &b.Amount })
		}
		return qty, 0, nil
	case t.amount.Present():
		t.blank(rec, func(b *schema.Blanks) *lineset.Set { return &b.Priced })
	}
	return qty, qty * p / parse.DecimalScale, nil
}

// blank adds rec's line to the set of t.blanks that set picks.
func (t *Totals) blank(rec *rows.Record, set func(*schema.Blanks) *lineset.Set) {
	if t.blanks != nil {
		set(t.blanks).Add(rec.Line)
	}
}

// AppendReceiptKey appends what identifies the receipt of a sales line
// sold at at: its receipt id, day and store, because registers restart
// their receipt numbers every day and each store has its own. Without a
// receipt id column the time of sale as written stands for it. Commands
// that count receipts (visits) count distinct keys; [ReceiptKeys] makes
// the same keys for passes over many lines.
func (d *Decoder) AppendReceiptKey(dst []byte, rec *rows.Record, at time.Time) []byte {
	k := d.ReceiptKeys()
	return k.Append(dst, rec, at)
}

// ReceiptKeys makes the keys of AppendReceiptKey with the columns resolved
// once.
type ReceiptKeys struct{ receipt, soldAt, store Column }

// ReceiptKeys returns the receipt keys of the lines of d's file.
func (d *Decoder) ReceiptKeys() ReceiptKeys {
	return ReceiptKeys{d.Column(schema.ReceiptID), d.Column(schema.SoldAt), d.Column(schema.StoreID)}
}

// prefix is how many leading fields Append reads.
func (k *ReceiptKeys) prefix() int {
	return max(k.receipt.Prefix(), k.soldAt.Prefix(), k.store.Prefix())
}

// Append appends rec's receipt key, as AppendReceiptKey does.
func (k *ReceiptKeys) Append(dst []byte, rec *rows.Record, at time.Time) []byte {
	if k.receipt.Present() {
		dst = append(dst, k.receipt.Bytes(rec)...)
		dst = append(dst, 0)
		if !at.IsZero() {
			dst = appendDay(dst, at)
		}
	} else {
		dst = append(dst, k.soldAt.Bytes(rec)...)
		if k.soldAt.clock >= 0 && k.soldAt.clock < len(rec.Fields) {
			dst = append(append(dst, ' '), rec.Fields[k.soldAt.clock]...)
		}
	}
	dst = append(dst, 0)
	return append(dst, k.store.Bytes(rec)...)
}

// appendDay appends t's day as four bytes (days since 1970-01-01): keys
// are compared, never shown, and this costs no calendar arithmetic.
func appendDay(dst []byte, t time.Time) []byte {
	return binary.LittleEndian.AppendUint32(dst, uint32(DayOf(t)))
}

// DayOf numbers t's day as ReceiptKeys does: days since 1970-01-01 in
// t's own clock (a time read from a file is UTC), for per-day state in
// slices and keys that need no calendar.
func DayOf(t time.Time) int32 {
	sec := t.Unix()
	day := sec / 86400
	if sec%86400 < 0 {
		day--
	}
	return int32(day)
}

// RequireSpend checks that spend can be computed from the file: it has an
// amount column of the binding's basis, or a unit price. A command whose
// answer depends on spend calls it before reading any line.
func (d *Decoder) RequireSpend() error {
	b := d.binding
	if d.Has(b.SpendField()) {
		return nil
	}
	if b.Basis == schema.TaxExcluded && d.Has(schema.Amount) {
		return d.HeaderError(fmt.Errorf("the config's amount is %s, but the only amount column, %q, is tax included; set amount: %s, or export the tax-excluded amount",
			schema.TaxExcluded, b.Header[b.Col(schema.Amount)], schema.TaxIncluded))
	}
	if d.Has(schema.UnitPrice) {
		return nil
	}
	return d.HeaderError(fmt.Errorf("%w amount or unit_price (needed for spend); export the line amount (金額, 税込金額) or the unit price with the sales", rows.ErrNoSuchField))
}

// SpendFromPrice reports whether spend is quantity × unit price: the file
// has no amount column of the binding's basis.
func (d *Decoder) SpendFromPrice() bool { return !d.Has(d.binding.SpendField()) }
