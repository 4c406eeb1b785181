package record

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The values of the void and kind columns, in one place. A value is
// compared after trimming, NFKC (full-width digits and letters) and case
// folding. A value in neither list is an error naming what is allowed:
// counting a void or a return as a sale would be a silently wrong answer.
//
// Numeric codes mean different things in different registers, so the bare
// codes are read only under the headers whose codes are documented
// (docs/layouts.md): Smaregi's 取引明細区分 (1 通常, 2 返品, 3 部門売り) and
// 打消区分 (0 通常, 1 打消元レコード, 2 打消レコード: both records of a
// cancellation are left out). Under other headers a void flag may be 0 or
// 1, and a kind must be a word.
var (
	voidYes   = []string{"1", "true", "yes", "y", "void", "voided", "cancelled", "canceled", "取消", "取消し", "取消済", "取消済み", "取り消し", "キャンセル"}
	voidNo    = []string{"", "0", "false", "no", "n", "通常", "有効"}
	kindSale  = []string{"", "sale", "sales", "payment", "通常", "販売", "売上", "支払い", "支払", "部門売り"}
	kindRetrn = []string{"return", "returned", "refund", "返品", "払い戻し", "払戻", "払戻し", "返金"}
	// Codes by header (normalised as schema.Normalize does).
	voidCodes = map[string][2][]string{
		schema.Normalize("打消区分"): {{"1", "2"}, {"0"}},
		// MakeShop's 処理状況: 注文キャンセル is a cancelled order; 返送 (the
		// parcel came back) is neither, and stays an error.
		schema.Normalize("処理状況"): {{"注文キャンセル"}, {"未処理", "配送"}},
		// Shopify's Financial Status, on an order's first row: voided is
		// a void, and so is refunded (the whole payment went back: the
		// order and its refund net to nothing); partially_refunded is an
		// amount of the order that no line says, and stays an error
		// (voidNotes says what to do).
		schema.Normalize("Financial Status"): {{"voided", "refunded"}, {"paid", "pending", "authorized", "partially_paid"}},
	}
	// What to do about a value of a void column that is neither, by
	// header, where the column's own statuses need more than the list of
	// the values allowed.
	voidNotes = map[string]string{
		schema.Normalize("Financial Status"): "Shopify's orders export gives a partial refund as the order's Refunded Amount, " +
			"and no line says which items came back, so custkit cannot net it; " +
			"write voided in the order's Financial Status to leave the order out, or paid to count it in full",
	}
	kindCodes = map[string][2][]string{
		schema.Normalize("取引明細区分"): {{"2"}, {"1", "3"}},
	}
)

const kindWhat = "transaction kind"

// ErrFlag is what an unknown void flag or transaction kind unwraps to.
var ErrFlag = errors.New("unknown void flag or transaction kind")

// flagError is an unknown value and what is allowed.
type flagError struct{ msg string }

func (e flagError) Error() string   { return e.msg }
func (e flagError) Is(t error) bool { return t == ErrFlag }

// Vocab is what the values of a void or kind column mean: Lookup reports
// whether a value is a void (of a void column) or a return (of a kind
// column).
type Vocab struct {
	what   string          // "void flag", "transaction kind"
	say    [2]string       // what yes and no mean, for messages
	values map[string]bool // value as written or normalised → yes
	yes    []string        // the values that say yes, for messages
	no     []string
	note   string // what to do about another value, instead of the lists (voidNotes)
}

var fold = cases.Fold()

func normValue(s string) string {
	return fold.String(norm.NFKC.String(strings.TrimSpace(s)))
}

func newVocab(what string, yes, no []string) *Vocab {
	v := &Vocab{what: what, values: map[string]bool{}, yes: yes, no: no, say: [2]string{"a voided line", "a valid one"}}
	if what == kindWhat {
		v.say = [2]string{"a return", "a sale"}
	}
	for _, s := range yes {
		v.values[normValue(s)] = true
	}
	for _, s := range no {
		v.values[normValue(s)] = false
	}
	return v
}

// codesFor returns the codes of header in table, if its normalised name
// starts with one of the table's names (Smaregi writes the codes into the
// header: 取引明細区分 （1：通常、2：返品、3：部門売り）).
func codesFor(table map[string][2][]string, header string) (yes, no []string) {
	h := schema.Normalize(header)
	for name, c := range table {
		if strings.HasPrefix(h, name) {
			return c[0], c[1]
		}
	}
	return nil, nil
}

// VoidVocab returns the values of a void column headed header.
func VoidVocab(header string) *Vocab {
	yes, no := codesFor(voidCodes, header)
	if yes == nil {
		return newVocab("void flag", voidYes, voidNo)
	}
	// The codes replace 0 and 1.
	v := newVocab("void flag", unique(slices.Concat(yes, voidYes[1:])), unique(slices.Concat(no, voidNo[2:], []string{""})))
	v.note = voidNotes[schema.Normalize(header)]
	return v
}

// unique drops the later copies of a value, keeping the order.
func unique(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// KindVocab returns the values of a kind column headed header.
func KindVocab(header string) *Vocab {
	yes, no := codesFor(kindCodes, header)
	return newVocab(kindWhat, slices.Concat(yes, kindRetrn), slices.Concat(no, kindSale))
}

// Lookup reports whether b says yes (voided, or a return); known is false
// for a value the vocabulary does not hold.
func (v *Vocab) Lookup(b []byte) (yes, known bool) {
	if yes, ok := v.values[string(b)]; ok {
		return yes, true
	}
	yes, known = v.values[normValue(string(b))]
	return yes, known
}

// err says that a value is none of the vocabulary's and what is allowed.
func (v *Vocab) err() error {
	if v.note != "" {
		return flagError{fmt.Sprintf("is not a %s: %s", v.what, v.note)}
	}
	no := slices.DeleteFunc(slices.Clone(v.no), func(s string) bool { return s == "" })
	return flagError{fmt.Sprintf("is not a %s: write %s for %s, %s or an empty cell for %s (or map another column with the config's aliases.sales)",
		v.what, strings.Join(v.yes, ", "), v.say[0], strings.Join(no, ", "), v.say[1])}
}

// Flag is a void or kind column with its vocabulary, resolved once.
type Flag struct {
	Column
	vocab *Vocab
	// or is a second column that says yes too: the cancelling entries
	// (打消区分) beside the void column (取消区分).
	or *Flag
}

// VoidFlag returns the void column of d's file (absent if it has none):
// the void field, or the cancelling field, or both (a line is void when
// either says so).
func (d *Decoder) VoidFlag() Flag {
	v, c := d.flag(schema.Void, VoidVocab), d.flag(schema.Cancelling, VoidVocab)
	switch {
	case !c.Present():
		return v
	case !v.Present():
		return c
	}
	v.or = &c
	return v
}

// Prefix returns how many leading fields of a record Is reads.
func (f Flag) Prefix() int {
	if f.or != nil {
		return max(f.Column.Prefix(), f.or.Prefix())
	}
	return f.Column.Prefix()
}

// ReturnFlag returns the kind column of d's file (absent if it has none):
// Is reports a return.
func (d *Decoder) ReturnFlag() Flag { return d.flag(schema.SaleKind, KindVocab) }

func (d *Decoder) flag(f schema.Field, vocab func(string) *Vocab) Flag {
	c := d.Column(f)
	if !c.Present() {
		return Flag{Column: c}
	}
	return Flag{Column: c, vocab: vocab(d.binding.Header[c.col])}
}

// Is reports whether rec's value says yes; false when the column is
// absent or the cell empty. A value the vocabulary does not hold is an
// error naming the file, line, column and value.
func (f Flag) Is(rec *rows.Record) (bool, error) {
	if f.vocab == nil {
		return false, nil
	}
	yes := false
	if b := f.Bytes(rec); len(b) > 0 {
		var ok bool
		if yes, ok = f.vocab.Lookup(b); !ok {
			return false, f.Error(rec, f.vocab.err())
		}
	}
	if f.or != nil && !yes {
		return f.or.Is(rec)
	}
	return yes, nil
}

// The classes of transaction of Smaregi's 取引区分 (docs/layouts.md): only
// 1 (通常, a sale) is a sale; the others move cash, points or tips, or
// issue a receipt. A class is written as its code or its name.
var otherClasses = []struct{ code, name string }{
	{"1", "通常"}, {"2", "入金"}, {"3", "出金"}, {"4", "預かり金"}, {"5", "預かり金返金"},
	{"6", "ポイント加算"}, {"7", "ポイント減算"}, {"8", "ポイント失効"}, {"9", "回数券"},
	{"10", "取置き"}, {"11", "チップ"}, {"13", "マイル加算"}, {"14", "マイル減算"},
	{"15", "バリューカード入金"}, {"16", "領収証発行"},
}

// otherValues maps each class's code and name (normalised) to its index
// in otherClasses; the sale's names come with it.
var otherValues = func() map[string]int {
	m := map[string]int{}
	for i, c := range otherClasses {
		m[normValue(c.code)], m[normValue(c.name)] = i, i
	}
	for _, s := range []string{"販売", "売上", "sale"} {
		m[normValue(s)] = 0
	}
	return m
}()

// OtherKinds is a set of classes of transaction that are not sales, by
// their index in the 取引区分 table: what a scanner met, for messages.
type OtherKinds uint32

// Names returns the names of the classes in k, in the table's order.
func (k OtherKinds) Names() []string {
	var names []string
	for i, c := range otherClasses {
		if k&(1<<i) != 0 {
			names = append(names, c.name)
		}
	}
	return names
}

// ClassFlag is a transaction class column (取引区分), resolved once.
type ClassFlag struct{ Column }

// ClassFlag returns the transaction class column of d's file (absent if
// it has none).
func (d *Decoder) ClassFlag() ClassFlag { return ClassFlag{d.Column(schema.TxClass)} }

// Other reports whether rec is a transaction other than a sale, and its
// class; an empty cell is a sale. A value that is no class is an error
// naming the file, line, column and value.
func (f ClassFlag) Other(rec *rows.Record) (OtherKinds, bool, error) {
	if !f.Present() {
		return 0, false, nil
	}
	b := f.Bytes(rec)
	if len(b) == 0 || len(b) == 1 && b[0] == '1' {
		return 0, false, nil
	}
	i, ok := otherValues[string(b)]
	if !ok {
		if i, ok = otherValues[normValue(string(b))]; !ok {
			return 0, false, f.Error(rec, flagError{"is not a transaction class: write 1 or 通常 for a sale, or one of 2 to 16 " +
				"(入金, 出金, ポイント加算 …, docs/layouts.md) for a transaction that is not one (or map another column with the config's aliases.sales)"})
		}
	}
	if i == 0 {
		return 0, false, nil
	}
	return OtherKinds(1) << i, true, nil
}
