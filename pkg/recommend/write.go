package recommend

import (
	"context"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

// Request is what a recommendation was asked for besides the Options of
// Run: for whom, and how many rows.
type Request struct {
	Customer     string // suggest products for this customer; "" ranks what Options.Product's buyers also bought
	MinCustomers int    // rows bought by at least this many customers
	MinShared    int    // with Customer: neighbours share at least this many items (0: 2, or 1)
	Top          int    // keep the first Top rows; 0 keeps all
}

// Check refuses a request that cannot be answered, before any file is
// read: exactly one of a product and a customer, numbers from 0.
func (q Request) Check(product string) error {
	if (product == "") == (q.Customer == "") {
		return usererr.Usagef("give one of --product and --customer")
	}
	if q.Top < 0 || q.MinCustomers < 0 || q.MinShared < 0 {
		return usererr.Usagef("--top, --min-customers and --min-shared take numbers from 0")
	}
	return nil
}

// Write reads the sales into baskets and writes to out what the buyers
// of opts.Product also bought or, with q.Customer, the suggestions for
// that customer; it returns the lines for standard error.
func Write(ctx context.Context, sales record.File, opts Options, q Request, out sink.Rows) ([]string, error) {
	if err := q.Check(opts.Product); err != nil {
		return nil, err
	}
	if opts.PerStore && q.Customer != "" {
		return nil, usererr.Usagef("--per-store ranks what a product's buyers also bought at each store: give --product, not --customer")
	}
	b, err := Run(ctx, sales, opts)
	if err != nil {
		return nil, err
	}
	items := NewItems(opts.By, sales.Binding)
	var note string
	switch {
	case opts.PerStore:
		note, err = writePerStore(out, b, items, opts.Product, q)
	case q.Customer == "":
		note, err = writeAlsoBought(out, b, items, opts.Product, q)
	default:
		note, err = writeSuggestions(out, b, items, opts.By, q)
	}
	if err != nil {
		return nil, err
	}
	lines := []string{b.Summary(note)}
	if n := b.Twins().Note(); n != "" {
		lines = append(lines, n)
	}
	return append(lines, b.Stats.Warnings(sales.Name())...), nil
}

func writeAlsoBought(out sink.Rows, b *Baskets, items Items, product string, q Request) (string, error) {
	if err := out.WriteHeader(items.PairHeader()); err != nil {
		return "", err
	}
	buyers, pairs := b.AlsoBought(q.MinCustomers, q.Top)
	for _, p := range pairs {
		if err := out.Write(items.PairRow(p)); err != nil {
			return "", err
		}
	}
	return BuyersNote(product, buyers), nil
}

// writePerStore writes each store's pairs, a store column first.
func writePerStore(out sink.Rows, b *Baskets, items Items, product string, q Request) (string, error) {
	if err := out.WriteHeader(append([]string{"store"}, items.PairHeader()...)); err != nil {
		return "", err
	}
	stores, err := b.AlsoBoughtPerStore(q.MinCustomers, q.Top)
	if err != nil {
		return "", err
	}
	for _, s := range stores {
		for _, p := range s.Pairs {
			if err := out.Write(append([]string{s.Store}, items.PairRow(p)...)); err != nil {
				return "", err
			}
		}
	}
	return StoresNote(product, stores), nil
}

func writeSuggestions(out sink.Rows, b *Baskets, items Items, by By, q Request) (string, error) {
	sugg, nb, err := b.ForCustomer(q.Customer, q.MinShared, q.MinCustomers, q.Top)
	if err != nil {
		return "", err
	}
	if err := out.WriteHeader(items.SuggestionHeader()); err != nil {
		return "", err
	}
	for _, s := range sugg {
		if err := out.Write(items.SuggestionRow(s, nb, by)); err != nil {
			return "", err
		}
	}
	return NeighboursNote(q.Customer, nb, by), nil
}
