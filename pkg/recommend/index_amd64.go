package recommend

import "golang.org/x/sys/cpu"

var hasAVX2 = cpu.X86.HasAVX2

// indexAVX2 is index for n >= 8 entries, with AVX2.
//
//go:noescape
func indexAVX2(set *uint32, n int, key uint32) int
