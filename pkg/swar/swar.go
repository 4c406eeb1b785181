// Package swar finds bytes eight at a time in a uint64 ("SIMD within a
// register"). The CSV reader uses it to find delimiters, quotes and line
// ends, and the CSV writer to decide whether a cell needs quoting.
package swar

// Lanes is 1 in every byte of a word; c * Lanes repeats c in every byte.
const Lanes = 0x0101010101010101

const low7 = 0x7f7f7f7f7f7f7f7f

// Repeat returns c in every byte of a word, the pattern Match takes.
func Repeat(c byte) uint64 { return uint64(c) * Lanes }

// Match returns a word with the high bit set in each byte of w that equals
// the byte repeated in pat (see Repeat), and zero elsewhere. It is exact:
// no carry crosses from one byte into the next, so bytes of multi-byte
// UTF-8 characters (all >= 0x80) never match an ASCII pattern.
func Match(w, pat uint64) uint64 {
	t := w ^ pat
	return ^((t&low7 + low7) | t | low7)
}

// Below returns a word with the high bit set in each byte of w below n,
// and zero elsewhere; n is at most 0x80. It is exact, as Match is: bytes
// of multi-byte UTF-8 characters (all >= 0x80) are never below n.
func Below(w uint64, n byte) uint64 {
	return ^((w & low7) + (0x80-uint64(n))*Lanes) & ^w & ^uint64(low7)
}
