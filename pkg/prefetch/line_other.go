//go:build !amd64 && !arm64

package prefetch

import "unsafe"

// line does nothing where the package has no prefetch instruction.
func line(unsafe.Pointer) {}
