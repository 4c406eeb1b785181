package rows

import (
	"encoding/binary"
	"math/bits"

	"github.com/custkit/custkit/pkg/swar"
)

// MayHoldNegative reports whether the block's text may hold a negative
// number in any of the ways parse.Amount reads one: a minus sign that is
// not between two digits (-3, ¥-3,300, \-3,300, 3,300-; the dashes of
// 2024-11-22 or 090-1234 are between digits), a bracket ((3,300), its
// full-width form), △, ▲, − (U+2212) or a full-width minus. False means
// no field of the block is negative, which lets a pass that needs only
// the signs of its lines skip reading their numbers. It looks at the
// block's bytes eight at a time.
func (b *Block) MayHoldNegative() bool {
	d := b.data
	// A word without a dash, a bracket or a multi-byte character, as
	// most are, costs two matches; the bytes that may start a mark are
	// then looked at one by one, their neighbours in d.
	i := 0
	for ; i+8 <= len(d); i += 8 {
		w := binary.LittleEndian.Uint64(d[i:])
		m := swar.Match(w, dash) | swar.Match(w, paren)
		if w&highBits != 0 { // a multi-byte character: △, ▲, −, －, （?
			m |= swar.Match(w, e2) | swar.Match(w, ef)
		}
		for ; m != 0; m &= m - 1 {
			if negativeAt(d, i+bits.TrailingZeros64(m)>>3) {
				return true
			}
		}
	}
	for ; i < len(d); i++ {
		if negativeAt(d, i) {
			return true
		}
	}
	return false
}

var (
	dash, paren, e2, ef = swar.Repeat('-'), swar.Repeat('('), swar.Repeat(0xE2), swar.Repeat(0xEF)
)

const highBits = 0x8080808080808080

// negativeAt reports whether d[j] starts a mark of a negative number.
func negativeAt(d []byte, j int) bool {
	switch d[j] {
	case '-':
		return j == 0 || j+1 >= len(d) || !isDigit(d[j-1]) || !isDigit(d[j+1])
	case '(':
		return true
	case 0xE2: // △ E2 96 B3, ▲ E2 96 B2, − E2 88 92
		return j+2 < len(d) && (d[j+1] == 0x96 && (d[j+2] == 0xB3 || d[j+2] == 0xB2) || d[j+1] == 0x88 && d[j+2] == 0x92)
	case 0xEF: // － EF BC 8D, （ EF BC 88
		return j+2 < len(d) && d[j+1] == 0xBC && (d[j+2] == 0x8D || d[j+2] == 0x88)
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
