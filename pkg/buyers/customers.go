package buyers

import (
	"context"
	"sync"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Customers is the customers file a listing looks buyers up in; a nil
// Reader means there is none.
type Customers struct {
	Reader  *rows.Reader
	Binding *schema.Binding
}

// ListOptions say how buyers are listed.
type ListOptions struct {
	Sort SortKey
	// KeyNormalize matches the customers file's ids after
	// [customer.NormalizeKey], as Options.KeyNormalize groups the lines.
	KeyNormalize bool
}

// Listing is the output of buyers: one row per buyer, the customer's own
// columns then [Columns]. Without a customers file a row is customer_id
// and the purchase columns.
type Listing struct {
	Header []string
	Buyers []Buyer // the buyers listed, sorted; ID is the customers file's spelling
	// Unknown are the keys of buyers the customers file lacks, left out
	// of the listing, and UnknownLines their matching lines.
	Unknown      []string
	UnknownLines int
	// Near counts the lines of Unknown whose id the customers file has
	// after customer.NormalizeKey.
	Near   customer.NearMiss
	layout customer.Layout
	fields map[string][]string // a buyer's customer row, by key
}

// List looks the buyers up in the customers file, if there is one: a buyer
// it has gets its columns, a buyer it lacks is left out and counted. The
// file is streamed once, keeping only the buyers' rows. The rest are
// sorted by opts.Sort.
func List(ctx context.Context, cust Customers, bs []Buyer, opts ListOptions) (*Listing, error) {
	l := &Listing{layout: customer.NewLayout([]string{string(schema.CustomerID)}, Columns)}
	if cust.Reader != nil {
		var err error
		if bs, err = l.lookUp(ctx, cust, bs, opts.KeyNormalize); err != nil {
			return nil, err
		}
	}
	Sort(bs, opts.Sort)
	l.Header, l.Buyers = l.layout.Header, bs
	return l, nil
}

// lookUp finds the buyers' rows in the customers file and returns the
// buyers it has.
func (l *Listing) lookUp(ctx context.Context, cust Customers, bs []Buyer, keyNormalize bool) ([]Buyer, error) {
	want := make(map[string]bool, len(bs))
	for _, b := range bs {
		want[b.Key] = true
	}
	// An id of the customers file that a buyer's has only after
	// NormalizeKey (101 for 000101) is noted, for the hint.
	// want is called on several goroutines at once: near has a lock.
	var wantNear, near map[string]string
	var mu sync.Mutex
	if !keyNormalize {
		wantNear, near = make(map[string]string, len(bs)), map[string]string{}
		for _, b := range bs {
			n, _ := customer.NormalizeKey([]byte(b.Key))
			wantNear[string(n)] = b.Key
		}
	}
	found, err := customer.Select(ctx, cust.Reader, cust.Binding, func(k []byte) bool {
		if want[string(k)] {
			return true
		}
		if wantNear != nil {
			if n, _ := customer.NormalizeKey(k); wantNear[string(n)] != "" {
				mu.Lock()
				if _, ok := near[string(n)]; !ok {
					near[string(n)] = string(k)
				}
				mu.Unlock()
			}
		}
		return false
	}, customer.SelectOptions{KeyNormalize: keyNormalize})
	if err != nil {
		return nil, err
	}
	l.fields = make(map[string][]string, len(found))
	for _, r := range found {
		l.fields[r.Key] = r.Fields
	}
	idCol := cust.Binding.Col(schema.CustomerID)
	known := bs[:0]
	for _, b := range bs {
		f, ok := l.fields[b.Key]
		if !ok {
			l.Unknown = append(l.Unknown, b.Key)
			l.UnknownLines += b.Lines
			if n, _ := customer.NormalizeKey([]byte(b.Key)); near[string(n)] != "" {
				l.Near.Merge(customer.NearMiss{Lines: b.Lines, Sales: b.Key, Customer: near[string(n)]})
			}
			continue
		}
		b.ID = f[idCol]
		known = append(known, b)
	}
	l.layout = customer.NewLayout(cust.Reader.Header(), Columns)
	return known, nil
}

// Row returns the output row of b, one of l.Buyers.
func (l *Listing) Row(b Buyer) []string {
	f, ok := l.fields[b.Key]
	if !ok {
		f = []string{b.ID}
	}
	return l.layout.Row(f, b.Cells())
}
