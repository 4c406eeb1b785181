package rows

import (
	"math/bits"
	"unsafe"

	"github.com/custkit/custkit/pkg/bytemask"
)

// marks are where a block's delimiters, line ends and quotes are, found
// by package bytemask a window of the block at a time, ahead of the
// splitter: with AVX2 the bytes of a large file are looked at 32 an
// instruction instead of 8 a word (see split), and the splitter visits
// only the bits set. A block's parser has marks only where bytemask is
// fast (newBlock); the others split a word at a time.
//
// The marks of a window stay true while the splitter goes on: parsing
// changes the data only by unescaping a quoted field in place, within
// the record being parsed, and never the bytes after it, where the
// splitter looks next.
type marks struct {
	data           []byte // the block's data, which the marks are of
	from, n        int    // the window: groups from to from+n of data
	commas, others [window]uint64
	tail           [bytemask.Group]byte // the last, short group, padded
}

// window is the groups of 64 bytes marked at once: 4 KiB of data, whose
// marks (1 KiB) stay in the cache while the splitter reads them.
const window = 64

// newMarks returns the marks of data, none found yet, or nil where
// bytemask is not fast.
func newMarks(data []byte) *marks {
	if !bytemask.Fast {
		return nil
	}
	return &marks{data: data}
}

// of reports whether m are the marks of data: the same bytes, not a copy.
func (m *marks) of(data []byte) bool {
	return m != nil && unsafe.SliceData(m.data) == unsafe.SliceData(data) && len(m.data) == len(data)
}

// at returns the marks of group g of the data: its delimiters, and its
// line ends and quotes.
func (m *marks) at(g int, comma byte) (commas, others uint64) {
	if g < m.from || g >= m.from+m.n {
		m.mark(g, comma)
	}
	return m.commas[g-m.from], m.others[g-m.from]
}

// mark finds the marks of the window that starts at group g.
func (m *marks) mark(g int, comma byte) {
	data := m.data[g*bytemask.Group:]
	whole := min(window, len(data)/bytemask.Group)
	m.from, m.n = g, whole
	bytemask.Masks(m.commas[:whole], m.others[:whole], data[:whole*bytemask.Group], comma, '\n', '"')
	if rest := data[whole*bytemask.Group:]; whole < window && len(rest) > 0 {
		pad := byte(0)
		if comma == 0 {
			pad = 1
		}
		for i := range m.tail {
			m.tail[i] = pad
		}
		copy(m.tail[:], rest)
		bytemask.Masks(m.commas[whole:whole+1], m.others[whole:whole+1], m.tail[:], comma, '\n', '"')
		m.n++
	}
}

// splitMarked is split by the marks of the data. The fields go to a
// local slice, stored back before each return: appending to p.fields
// itself loaded and stored its header for every field.
func (p *parser) splitMarked(data []byte, pos, limit int) (next, lines int, ok, more bool) {
	start, fields := pos, p.fields
	for g := pos / bytemask.Group; g*bytemask.Group < len(data); g++ {
		commas, others := p.marks.at(g, p.comma)
		if g == pos/bytemask.Group { // the bits before pos are of the records before
			commas &= ^uint64(0) << (pos % bytemask.Group)
			others &= ^uint64(0) << (pos % bytemask.Group)
		}
		base := g * bytemask.Group
		if others == 0 {
			for ; commas != 0; commas &= commas - 1 {
				j := base + bits.TrailingZeros64(commas)
				fields = append(fields, data[start:j])
				if start = j + 1; len(fields) == limit {
					return p.full(fields, start)
				}
			}
			continue
		}
		for stops := commas | others; stops != 0; stops &= stops - 1 {
			k := bits.TrailingZeros64(stops)
			j := base + k
			if others>>k&1 != 0 {
				return p.end(data, fields, start, j)
			}
			fields = append(fields, data[start:j])
			if start = j + 1; len(fields) == limit {
				return p.full(fields, start)
			}
		}
	}
	return p.last(data, fields, start)
}

// rest is parser.restOf by the marks: a count of the bits of each group
// up to the first line end or quote.
func (m *marks) rest(data []byte, pos int, comma byte) (end int, quote bool, commas int) {
	for g := pos / bytemask.Group; g*bytemask.Group < len(data); g++ {
		c, o := m.at(g, comma)
		if g == pos/bytemask.Group {
			c &= ^uint64(0) << (pos % bytemask.Group)
			o &= ^uint64(0) << (pos % bytemask.Group)
		}
		if o != 0 {
			k := bits.TrailingZeros64(o)
			j := g*bytemask.Group + k
			if data[j] == '"' {
				return j, true, 0
			}
			return j, false, commas + bits.OnesCount64(c&(1<<k-1))
		}
		commas += bits.OnesCount64(c)
	}
	return len(data), false, commas
}
