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
	return newVocab("void flag", slices.Concat(yes, voidYes[1:]), slices.Concat(no, voidNo[2:], []string{""}))
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
	no := slices.DeleteFunc(slices.Clone(v.no), func(s string) bool { return s == "" })
	return flagError{fmt.Sprintf("is not a %s: write %s for %s, %s or an empty cell for %s (or map another column with the config's aliases.sales)",
		v.what, strings.Join(v.yes, ", "), v.say[0], strings.Join(no, ", "), v.say[1])}
}

// Flag is a void or kind column with its vocabulary, resolved once.
type Flag struct {
	Column
	vocab *Vocab
}

// VoidFlag returns the void column of d's file (absent if it has none).
func (d *Decoder) VoidFlag() Flag { return d.flag(schema.Void, VoidVocab) }

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
	b := f.Bytes(rec)
	if len(b) == 0 {
		return false, nil
	}
	yes, ok := f.vocab.Lookup(b)
	if !ok {
		return false, f.Error(rec, f.vocab.err())
	}
	return yes, nil
}
