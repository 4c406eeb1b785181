package customer

import (
	"encoding/binary"

	"github.com/custkit/custkit/pkg/rows"
)

// Cell returns cell k of a payload made by PlainPayload, without copying
// or splitting the others; nil if the payload has fewer cells. Sorting
// customers by a column of theirs uses it.
func Cell(p []byte, k int) []byte {
	for i := 0; len(p) > 0; i++ {
		n, w := binary.Uvarint(p)
		if i == k {
			return p[w : w+int(n)]
		}
		p = p[w+int(n):]
	}
	return nil
}

// PlainPayload is the LoadOptions.Payload for the slow path and for listing
// customers: the chosen columns, each as a varint length and its bytes.
func PlainPayload(cols []int) func([]byte, *rows.Record) []byte {
	return func(dst []byte, rec *rows.Record) []byte {
		for _, c := range cols {
			dst = binary.AppendUvarint(dst, uint64(len(rec.Fields[c])))
			dst = append(dst, rec.Fields[c]...)
		}
		return dst
	}
}

// AppendCells appends the cells of a payload made by PlainPayload to dst,
// as slices of p.
func AppendCells(dst [][]byte, p []byte) [][]byte {
	for len(p) > 0 {
		n, k := binary.Uvarint(p)
		end := k + int(n)
		dst = append(dst, p[k:end:end])
		p = p[end:]
	}
	return dst
}

// SplitCells takes apart a payload made by PlainPayload.
func SplitCells(p []byte) []string {
	return appendStrings(make([]string, 0, countCells(p)), p)
}

// appendStrings appends the cells of a payload made by PlainPayload to
// dst as strings. The cells share one string: a row costs one copy of its
// payload, not one a cell.
func appendStrings(dst []string, p []byte) []string {
	s := string(p)
	for i := 0; i < len(p); {
		n, k := binary.Uvarint(p[i:])
		i += k
		dst = append(dst, s[i:i+int(n)])
		i += int(n)
	}
	return dst
}

// countCells counts the cells of a payload made by PlainPayload.
func countCells(p []byte) int {
	c := 0
	for i := 0; i < len(p); c++ {
		n, k := binary.Uvarint(p[i:])
		i += k + int(n)
	}
	return c
}
