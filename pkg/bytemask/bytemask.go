// Package bytemask finds where three given bytes occur in data, 64 bytes
// to a word: the delimiters, line ends and quotes a CSV splitter stops
// at. On amd64 with AVX2 it compares 32 bytes an instruction, which is
// several times faster than eight bytes a word in Go (package swar); Fast
// says whether it does. Elsewhere Masks is a plain loop, correct but
// slower than a SWAR splitter, and callers should split their own way.
package bytemask

// Fast reports whether Masks runs on vector instructions here.
var Fast = fast

// Group is the number of bytes one mask word covers.
const Group = 64

// Masks sets, for each group g of 64 bytes of data, bit k of commas[g]
// when data[64g+k] is comma, and of others[g] when it is b or c. data
// must hold 64 bytes a word of commas, and others as many words.
func Masks(commas, others []uint64, data []byte, comma, b, c byte) {
	n := len(commas)
	if len(others) != n || len(data) != n*Group {
		panic("bytemask: data must hold 64 bytes per mask word")
	}
	if n == 0 {
		return
	}
	if Fast {
		masksAVX2(&commas[0], &others[0], &data[0], n, comma, b, c)
		return
	}
	masksGo(commas, others, data, comma, b, c)
}

// masksGo is Masks a byte at a time.
func masksGo(commas, others []uint64, data []byte, comma, b, c byte) {
	for g := range commas {
		var cm, om uint64
		for k, x := range data[g*Group : (g+1)*Group] {
			switch x {
			case comma:
				cm |= 1 << k
			case b, c:
				om |= 1 << k
			}
		}
		commas[g], others[g] = cm, om
	}
}
