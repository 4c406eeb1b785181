package redact

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzApply runs every operation on arbitrary values: no panic, and valid
// UTF-8 in gives valid UTF-8 out.
func FuzzApply(f *testing.F) {
	for _, s := range []string{"東京都渋谷区神宮前1-2-3", "〒150-0001 北海道虻田郡", "三重県四日市市", "taro@example.jp", "090-1234-5678", "1980/04/01", "", "市", "郡市町"} {
		f.Add(s, 1, 2)
	}
	p := &Plan{key: testKey, asOf: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, v string, first, last int) {
		if first < 0 || last < 0 || first > 64 || last > 64 {
			return
		}
		w := p.newWorker()
		cols := []column{
			{op: Mask, first: first, last: last, char: '*'},
			{op: Mask, first: first, last: last, char: '●', email: true},
			{op: Hash}, {op: Replace, value: []byte("-")},
			{op: Generalise, to: Year}, {op: Generalise, to: AgeBand}, {op: Generalise, to: Postal3},
			{op: Generalise, to: Prefecture}, {op: Generalise, to: PrefectureCity},
		}
		for i := range cols {
			w.buf = w.buf[:0]
			out, err := w.apply(&cols[i], []byte(v))
			if err == nil && utf8.ValidString(v) && !utf8.Valid(out) {
				t.Errorf("op %d on %q gave invalid UTF-8 %q", i, v, out)
			}
		}
	})
}
