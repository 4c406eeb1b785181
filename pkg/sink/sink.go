// Package sink declares where operations put the rows they produce, without
// knowing the output format: the writers of pkg/output satisfy these
// interfaces, and operations (join, redact, the purge) accept them, so that
// operations never import pkg/output.
package sink

// Rows receives a header and rows one at a time.
type Rows interface {
	WriteHeader(cols []string) error
	Write(row []string) error
}

// Encoder is the fast path of Rows: cells are encoded on worker goroutines
// (AppendCells and AppendRowEnd, each with its own dst, safe for concurrent
// use) and the encoded rows written in file order with WriteEncoded.
// Writers of streaming formats (csv, tsv, json, jsonl) satisfy it. This is
// how an operation that works on several cores formats rows without a lock
// per row, and how a join encodes each customer's columns only once.
type Encoder interface {
	AppendCells(dst []byte, cells [][]byte, start int) []byte
	AppendRowEnd(dst []byte) []byte
	WriteEncoded(p []byte) error
	// Verbatim reports whether cells that need no change, joined by
	// comma, are already their encoding, so that a record's raw bytes
	// (rows.Record.Raw) can be copied as they stand: true for a CSV or
	// TSV writer of that delimiter that may alter no cell.
	Verbatim(comma byte) bool
}

// Encodable is a Rows that has a fast path which is not the Rows itself,
// such as an output that counts the rows encoded through it. Encoder
// returns nil when there is none.
type Encodable interface {
	Encoder() Encoder
}

// EncoderOf returns the fast path of out, or nil when out has none (a
// printed format, which must see rows one by one) or is nil.
func EncoderOf(out Rows) Encoder {
	switch o := out.(type) {
	case Encodable:
		return o.Encoder()
	case Encoder:
		return o
	}
	return nil
}

// Personal is a Rows that can be told that its rows are personal data
// whatever its columns are called: the file outputs, which are then made
// mode 0600 and tracked as exports.
type Personal interface {
	HoldsPersonal()
}

// DeclarePersonal tells out, when it is a [Personal], that its rows are
// personal data. An operation calls it before the header of an output
// whose columns say nothing of a person but whose rows are about people
// (mailing's dedupe report: which customers share an email, a phone or
// an address).
func DeclarePersonal(out Rows) {
	if p, ok := out.(Personal); ok {
		p.HoldsPersonal()
	}
}
