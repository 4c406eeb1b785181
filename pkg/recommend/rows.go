package recommend

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/schema"
)

// Items are the leading columns of a row: the item, and with products
// their name and category when the sales file has them.
type Items struct {
	Header     []string
	name, cats bool
}

// NewItems lays out the item columns for by, from the sales file's
// binding.
func NewItems(by By, sales *schema.Binding) Items {
	if by == ByCategory {
		return Items{Header: []string{"category"}}
	}
	c := Items{Header: []string{"product_id"}, name: sales.Col(schema.ProductName) >= 0, cats: sales.Col(schema.Category) >= 0}
	if c.name {
		c.Header = append(c.Header, "product_name")
	}
	if c.cats {
		c.Header = append(c.Header, "category")
	}
	return c
}

func (c Items) cells(item, name, category string, rest ...string) []string {
	row := []string{item}
	if c.name {
		row = append(row, name)
	}
	if c.cats {
		row = append(row, category)
	}
	return append(row, rest...)
}

// PairHeader is the header of AlsoBought's rows.
func (c Items) PairHeader() []string {
	return append(append([]string(nil), c.Header...), "customers", "support", "confidence", "lift")
}

// PairRow is a pair's row under PairHeader.
func (c Items) PairRow(p Pair) []string {
	return c.cells(p.Item, p.Name, p.Category, strconv.Itoa(p.Customers), ratio(p.Support), ratio(p.Confidence), ratio(p.Lift))
}

// SuggestionHeader is the header of ForCustomer's rows.
func (c Items) SuggestionHeader() []string {
	return append(append([]string(nil), c.Header...), "score", "customers", "reason")
}

// SuggestionRow is a suggestion's row under SuggestionHeader; the reason
// says how many of the neighbours nb bought it.
func (c Items) SuggestionRow(s Suggestion, nb Neighbours, by By) []string {
	reason := fmt.Sprintf("bought by %d of the %s %d+ %s", s.Customers, english.CountAs(nb.Count, "customer who shares", "customers who share"), nb.Shared, what(by))
	return c.cells(s.Item, s.Name, s.Category, ratio(s.Score), strconv.Itoa(s.Customers), reason)
}

// BuyersNote says, for standard error, how many customers bought product.
func BuyersNote(product string, buyers int) string {
	if buyers == 0 {
		return fmt.Sprintf("no customer bought %s", product)
	}
	return fmt.Sprintf("%s was bought by %s", product, english.Count(buyers, "customer"))
}

// StoresNote says, for standard error, how many customers bought product
// at each store (Options.PerStore).
func StoresNote(product string, stores []StorePairs) string {
	if len(stores) == 0 {
		return fmt.Sprintf("no customer bought %s", product)
	}
	parts := make([]string, len(stores))
	for i, s := range stores {
		parts[i] = fmt.Sprintf("%s at %s", english.Count(s.Buyers, "customer"), s.Store)
	}
	return fmt.Sprintf("%s was bought by %s", product, strings.Join(parts, ", "))
}

// NeighboursNote says, for standard error, how many customers share items
// with customer.
func NeighboursNote(customer string, nb Neighbours, by By) string {
	return fmt.Sprintf("%s %d+ %s with %s", english.CountAs(nb.Count, "customer shares", "customers share"), nb.Shared, what(by), customer)
}

// Summary is the report of the sales read, for standard error; note is
// BuyersNote's or NeighboursNote's.
func (b *Baskets) Summary(note string) string {
	st := b.Stats
	who := english.Count(b.Customers(), "customer")
	if b.opts.PerStore { // a customer of two stores is counted at each
		who = english.CountAs(b.Customers(), "customer of a store", "customers of the stores")
	}
	return fmt.Sprintf("%s: %d read for %s; left out: %s; %s",
		english.Count(st.Lines, "sales line"), st.Kept, who, st.LeftOut(), note)
}

// Twins are the customer ids read that are one after
// customer.NormalizeKey, unless the filter normalises them already; with
// PerStore, the customer part of each basket's key.
func (b *Baskets) Twins() customer.Twins {
	if b.opts.Filter.Normalize != nil {
		return customer.Twins{}
	}
	return customer.FindTwins(func(yield func([]byte) bool) {
		for _, s := range b.shards {
			for i := range s.customers.Len() {
				id := s.customers.IDBytes(i)
				if b.opts.PerStore {
					id = id[bytes.IndexByte(id, 0)+1:]
				}
				if !yield(id) {
					return
				}
			}
		}
	})
}

func what(by By) string {
	if by == ByCategory {
		return "categories"
	}
	return "products"
}

// ratio writes a measure with four decimal places.
func ratio(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }
