package ledger

import (
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/rows"
)

// Tap is another sum of the same sales lines, made in the ledger's pass so
// that a command that needs both (report) reads the file once. It sees
// every record, after the ledger has read it (filter or not), on the
// worker goroutine that reads the record's block, and merges each block's
// sums in file order, after the ledger has merged the same block.
type Tap interface {
	// Start is called once, before the first block, with the customers
	// file's index the ledger counts against (nil without one).
	Start(known *customer.Index) error
	// Block is called on the worker of b before the ledger reads it: line
	// is called with each of b's records, and merge once, in file order,
	// on the goroutine that merges the blocks. What line keeps of a
	// record must be copied: the block is reused once read. lookup is
	// the customers index's Lookup (-1 without an index), answered
	// without a second look-up for the id the ledger last looked up on
	// this worker, as it does for the first line of each run of a
	// receipt's lines.
	Block(b *rows.Block, lookup func(id []byte) int) (line func(*rows.Record) error, merge func() error, err error)
}
