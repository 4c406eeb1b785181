package customer

import (
	"context"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// EveryColumn lists the columns of header, for a payload of every column.
func EveryColumn(header []string) []int {
	all := make([]int, len(header))
	for i := range all {
		all[i] = i
	}
	return all
}

// LoadEvery reads the customers file r (bound as b) into an Index whose
// payloads are every column, as [Listing] reads them.
func LoadEvery(ctx context.Context, r *rows.Reader, b *schema.Binding, keyNormalize bool) (*Index, error) {
	return LoadContext(ctx, r, b, LoadOptions{KeyNormalize: keyNormalize, Payload: PlainPayload(EveryColumn(r.Header()))})
}

// Listing lays out the rows of commands that list every customer with
// computed columns after theirs (ledger, segment): every column of the
// customers file when there is one, laid out by [Layout], else the
// customer id alone.
type Listing struct {
	idx    *Index // nil without a customers file
	layout Layout
}

// NewListing lays out the customers' columns (from idx, loaded by
// LoadEvery, or the id alone when idx is nil) before computed.
func NewListing(idx *Index, computed ...string) Listing {
	header := []string{string(schema.CustomerID)}
	if idx != nil {
		header = idx.Header
	}
	return Listing{idx: idx, layout: NewLayout(header, computed)}
}

// Header returns the output header.
func (l Listing) Header() []string { return l.layout.Header }

// Notes are the warnings about the customers file's columns that computed
// ones replace ([Layout.Notes]), naming the file as file.
func (l Listing) Notes(file string) []string { return l.layout.Notes(file) }

// Row returns the output row of customer cust (its number in the index),
// or of id when there is no customers file, followed by computed.
func (l Listing) Row(cust int, id string, computed ...string) []string {
	if l.idx == nil {
		return l.layout.Row([]string{id}, computed)
	}
	var fields [32]string // most customers files have fewer columns: no allocation
	return l.layout.Row(appendStrings(fields[:0], l.idx.Payload(cust)), computed)
}

// Normalizer is the id rewriting of --key-normalize ([NormalizeKey]) when
// on, else nil: the Normalize of a record.SaleFilter.
func Normalizer(on bool) func([]byte) ([]byte, bool) {
	if on {
		return NormalizeKey
	}
	return nil
}
