//go:build !amd64

package bytemask

const fast = false

func masksAVX2(commas, others *uint64, data *byte, n int, comma, b, c byte) {
	panic("bytemask: no AVX2 on this architecture")
}
