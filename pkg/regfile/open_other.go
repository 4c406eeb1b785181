//go:build !unix

package regfile

// Other systems have neither flag; the look after the open still refuses
// what is not a regular file.
const (
	nonBlock = 0
	noFollow = 0
)
