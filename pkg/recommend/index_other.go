//go:build !amd64

package recommend

const hasAVX2 = false

func indexAVX2(set *uint32, n int, key uint32) int { panic("recommend: no AVX2 on this architecture") }
