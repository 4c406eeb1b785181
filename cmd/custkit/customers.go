package main

import (
	"context"
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/join"
)

// customerColumns are the leading cells of commands that list every
// customer with computed columns after theirs (ledger, segment): every
// column of the customers file when one is given, laid out by
// customer.Layout, else the customer id alone.
type customerColumns struct {
	idx    *join.Index // nil without a customers file
	layout customer.Layout
}

// loadCustomers reads the customers file into an index whose payloads are
// every column, for customerColumns.
func loadCustomers(ctx context.Context, in *input, keyNormalize bool) (*join.Index, error) {
	all := make([]int, len(in.Header()))
	for i := range all {
		all[i] = i
	}
	return join.LoadContext(ctx, in.Reader, in.Binding, join.LoadOptions{KeyNormalize: keyNormalize, Payload: join.PlainPayload(all)})
}

// newCustomerColumns lays out the customers' columns (from idx, or the id
// alone when idx is nil) before computed.
func newCustomerColumns(idx *join.Index, computed ...string) customerColumns {
	header := []string{"customer_id"}
	if idx != nil {
		header = idx.Header
	}
	return customerColumns{idx: idx, layout: customer.NewLayout(header, computed)}
}

// header returns the output header.
func (c customerColumns) header() []string { return c.layout.Header }

// row returns the output row of customer cust (its number in the index),
// or of id when there is no customers file, followed by computed.
func (c customerColumns) row(cust int, id string, computed ...string) []string {
	if c.idx == nil {
		return c.layout.Row([]string{id}, computed)
	}
	return c.layout.Row(join.SplitCells(c.idx.Payload(cust)), computed)
}

// normalizer is the id rewriting of --key-normalize, or nil without it.
func normalizer(keyNormalize bool) func([]byte) ([]byte, bool) {
	if keyNormalize {
		return join.NormalizeKey
	}
	return nil
}
