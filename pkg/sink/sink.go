// Package sink declares where operations put the rows they produce, without
// knowing the output format: the writers of pkg/output satisfy these
// interfaces, and operations (join, redact) accept them, so that operations
// never import pkg/output.
package sink

// Rows receives a header and rows one at a time.
type Rows interface {
	WriteHeader(cols []string) error
	Write(row []string) error
}

// Encoder is the fast path of Rows: cells are encoded on worker goroutines
// (AppendCells and AppendRowEnd, each with its own dst, safe for concurrent
// use) and the encoded rows written in file order with WriteEncoded.
// Writers of streaming formats satisfy it.
type Encoder interface {
	AppendCells(dst []byte, cells [][]byte, start int) []byte
	AppendRowEnd(dst []byte) []byte
	WriteEncoded(p []byte) error
}
