package join

import "unsafe"

// unsafeString views b as a string without copying. Only for bytes that are
// never modified afterwards: the Index's arena is append-only.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
