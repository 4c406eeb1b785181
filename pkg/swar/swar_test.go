package swar

import (
	"encoding/binary"
	"testing"
)

func TestMatch(t *testing.T) {
	for _, s := range []string{"a,b,c,d,", "\"\"\"\"\"\"\"\"", "漢字,か\n", "\x80\x81,\xff\x00\x2c\x2d\x2b", "........"} {
		w := binary.LittleEndian.Uint64([]byte(s))
		for _, c := range []byte{',', '"', '\n', 0, '.'} {
			m := Match(w, Repeat(c))
			for i := 0; i < 8; i++ {
				want := s[i] == c
				got := m>>(8*i+7)&1 == 1
				if got != want || m>>(8*i)&0x7f != 0 {
					t.Errorf("Match(%q, %q) byte %d = %v, want %v", s, c, i, got, want)
				}
			}
		}
	}
}

func TestBelow(t *testing.T) {
	for _, s := range []string{"a,b,c\td,", "\"\"\"\"\"\"\"\"", "漢字,か\n", "\x80\x81,\xff\x00\x2c\x2d\x2b", " \t\r\n()-0", "\x7f\x00\x01\x22\x23\x2c\x2d\x80"} {
		w := binary.LittleEndian.Uint64([]byte(s))
		for _, n := range []byte{1, '\n' + 1, '"' + 1, ',' + 1, '-', 0x7f, 0x80} {
			m := Below(w, n)
			for i := 0; i < 8; i++ {
				want := s[i] < n
				got := m>>(8*i+7)&1 == 1
				if got != want || m>>(8*i)&0x7f != 0 {
					t.Errorf("Below(%q, %#x) byte %d = %v, want %v", s, n, i, got, want)
				}
			}
		}
	}
}
