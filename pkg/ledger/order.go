package ledger

import (
	"cmp"
	"fmt"
	"slices"
)

// By is the order of a ledger listing.
type By string

// The orders. Every order breaks ties by customer id, bytewise ascending.
const (
	ByCustomer By = "customer" // customers-file order, or customer id without one
	ByVisits   By = "visits"   // most visits first
	BySpend    By = "spend"    // highest spend first
	ByRecent   By = "recent"   // latest last visit first; customers without visits last
)

// Orders lists the orders, for flag help and completion.
var Orders = []string{string(ByCustomer), string(ByVisits), string(BySpend), string(ByRecent)}

// Order returns the entries in the order by, only the first top of them
// when top > 0. Choosing the top N keeps N entries at a time rather than
// sorting them all.
func (l *Ledger) Order(by By, top int) ([]int, error) {
	c, err := l.comparer(by)
	if err != nil {
		return nil, err
	}
	n := l.Len()
	if l.perStore {
		return l.orderPerStore(c, top), nil
	}
	if top <= 0 || top >= n {
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		if by != ByCustomer || l.known == nil {
			slices.SortFunc(all, c)
		}
		return all, nil
	}
	return selectTop(n, top, c), nil
}

// orderPerStore sorts the entries by store, then by c, and keeps the first
// top of each store when top > 0: each store's own ranking.
func (l *Ledger) orderPerStore(c func(i, j int) int, top int) []int {
	all := make([]int, l.Len())
	for i := range all {
		all[i] = i
	}
	stores := make([]string, len(all))
	for i := range all {
		stores[i] = l.Store(i)
	}
	slices.SortFunc(all, func(i, j int) int {
		if s := cmp.Compare(stores[i], stores[j]); s != 0 {
			return s
		}
		return c(i, j)
	})
	if top <= 0 {
		return all
	}
	var kept []int
	rank := 0
	for k, i := range all {
		if k == 0 || stores[i] != stores[all[k-1]] {
			rank = 0
		}
		if rank++; rank <= top {
			kept = append(kept, i)
		}
	}
	return kept
}

// comparer returns the comparison of two entries for an order.
func (l *Ledger) comparer(by By) (func(i, j int) int, error) {
	var first func(a, b *acc) int
	switch by {
	case ByCustomer:
		if l.known != nil && !l.perStore {
			return cmp.Compare[int], nil
		}
		first = func(*acc, *acc) int { return 0 }
	case ByVisits:
		first = func(a, b *acc) int { return cmp.Compare(b.visits, a.visits) }
	case BySpend:
		first = func(a, b *acc) int { return cmp.Compare(b.spend, a.spend) }
	case ByRecent:
		first = func(a, b *acc) int {
			if (a.visits == 0) != (b.visits == 0) {
				return cmp.Compare(b.visits, a.visits) // with visits first
			}
			return cmp.Compare(b.last, a.last)
		}
	default:
		return nil, fmt.Errorf("unknown order %q (choose one of visits, spend, recent, customer)", by)
	}
	return func(i, j int) int {
		if c := first(l.accs.at(i), l.accs.at(j)); c != 0 {
			return c
		}
		return l.compareIDs(i, j)
	}, nil
}

// selectTop returns the k smallest of 0..n-1 under c, sorted, using a heap
// of k whose root is the largest kept.
func selectTop(n, k int, c func(i, j int) int) []int {
	h := make([]int, 0, k)
	for i := 0; i < n; i++ {
		switch {
		case len(h) < k:
			h = append(h, i)
			up(h, len(h)-1, c)
		case c(i, h[0]) < 0:
			h[0] = i
			down(h, 0, c)
		}
	}
	slices.SortFunc(h, c)
	return h
}

func up(h []int, i int, c func(i, j int) int) {
	for i > 0 {
		p := (i - 1) / 2
		if c(h[i], h[p]) <= 0 {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func down(h []int, i int, c func(i, j int) int) {
	for {
		l, big := 2*i+1, i
		if l < len(h) && c(h[l], h[big]) > 0 {
			big = l
		}
		if r := l + 1; r < len(h) && c(h[r], h[big]) > 0 {
			big = r
		}
		if big == i {
			return
		}
		h[i], h[big] = h[big], h[i]
		i = big
	}
}
