package main

import (
	"math/rand/v2"
	"strings"
	"time"
)

// appendField appends v as one CSV field, quoted when it holds a comma, a
// double quote or a line break.
func appendField(l []byte, v string) []byte {
	if !strings.ContainsAny(v, ",\"\r\n") {
		return append(l, v...)
	}
	l = append(l, '"')
	for i := 0; i < len(v); i++ {
		if v[i] == '"' {
			l = append(l, '"')
		}
		l = append(l, v[i])
	}
	return append(l, '"')
}

// appendPad appends n >= 0 in decimal, with leading zeros to width digits.
func appendPad(l []byte, n, width int) []byte {
	var d [20]byte
	i := len(d)
	for n > 0 || i > len(d)-width {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return append(l, d[i:]...)
}

// appendDate appends t as YYYY-MM-DD.
func appendDate(l []byte, t time.Time) []byte {
	y, m, d := t.Date()
	l = appendPad(l, y, 4)
	l = appendPad(append(l, '-'), int(m), 2)
	return appendPad(append(l, '-'), d, 2)
}

// appendClock appends a second of the day as hh:mm:ss.
func appendClock(l []byte, sec int) []byte {
	l = appendPad(l, sec/3600, 2)
	l = appendPad(append(l, ':'), sec/60%60, 2)
	return appendPad(append(l, ':'), sec%60, 2)
}

// sampler draws indexes in proportion to integer weights in constant time
// (Vose's alias method). It uses integers only, so that the same seed gives
// the same draws on every platform.
type sampler struct {
	keep  []uint64 // draw i when a uniform value below total is < keep[i]
	alias []int32  // else draw alias[i]
	total uint64
}

// newSampler builds a sampler; at least one weight must be positive.
func newSampler(weights []uint64) sampler {
	n := uint64(len(weights))
	s := sampler{keep: make([]uint64, n), alias: make([]int32, n)}
	for _, w := range weights {
		s.total += w
	}
	// Scaled so that the average weight is total: a column holding exactly
	// total is full.
	var small, large []int32
	for i, w := range weights {
		s.keep[i] = w * n
		if s.keep[i] < s.total {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		lo, hi := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		s.alias[lo] = hi
		s.keep[hi] -= s.total - s.keep[lo]
		if s.keep[hi] < s.total {
			large = large[:len(large)-1]
			small = append(small, hi)
		}
	}
	for _, i := range append(small, large...) {
		s.keep[i] = s.total
		s.alias[i] = i
	}
	return s
}

func (s *sampler) draw(r *rand.Rand) int {
	i := r.IntN(len(s.keep))
	if r.Uint64N(s.total) < s.keep[i] {
		return i
	}
	return int(s.alias[i])
}
