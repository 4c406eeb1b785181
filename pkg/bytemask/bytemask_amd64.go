package bytemask

import "golang.org/x/sys/cpu"

var fast = cpu.X86.HasAVX2

// masksAVX2 is Masks for n groups, with AVX2.
//
//go:noescape
func masksAVX2(commas, others *uint64, data *byte, n int, comma, b, c byte)
