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
