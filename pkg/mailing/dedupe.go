package mailing

import (
	"cmp"
	"slices"
	"sync"
)

// dedupe groups rows that share a key (union-find over row numbers) and
// remembers, for the report, which key joined which rows.
//
// While the file is read, each row's keys are only collected, split into
// shards by hash; link then finds the rows that share a key on every core
// at once, one map per shard, each sized exactly, and joins them in row
// order, so that the result is the same as one map filled row by row.
type dedupe struct {
	shards [][]keyed // the keys of every row, by shard, in row order
	parent []int32   // union-find; a root is its group's first row
	size   []int32   // rows in the group, at its root
	edges  []edge    // the matches that joined two groups
	best   []int32   // at each root, the row kept (after pick)

	groups, merged, largest int
}

// keyed is one key of one row.
type keyed struct {
	key  key128
	row  int32
	rule Rule
}

// edge is a match between two rows by one rule: row a has a key that row b,
// further up the file, had first.
type edge struct {
	a, b int32
	rule Rule
}

func newDedupe(shards int) *dedupe { return &dedupe{shards: make([][]keyed, max(shards, 1))} }

// add collects the keys of row i.
func (d *dedupe) add(i int32, c *candidate) {
	for r := Rule(0); r < numRules; r++ {
		if c.has.Has(r) {
			k := c.keys[r]
			s := k.a % uint64(len(d.shards))
			d.shards[s] = append(d.shards[s], keyed{key: k, row: i, rule: r})
		}
	}
}

// link finds, for every key, the rows that share it, and joins each to the
// first row that had it, in row order and rule order.
func (d *dedupe) link(n int) {
	var matches []edge
	var mu sync.Mutex
	var wg sync.WaitGroup
	for s := range d.shards {
		wg.Go(func() {
			keys := d.shards[s]
			first := make(map[key128]int32, len(keys))
			var found []edge
			for _, k := range keys {
				if j, ok := first[k.key]; ok {
					found = append(found, edge{a: k.row, b: j, rule: k.rule})
				} else {
					first[k.key] = k.row
				}
			}
			d.shards[s] = nil
			mu.Lock()
			matches = append(matches, found...)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.SortFunc(matches, func(x, y edge) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.rule, y.rule))
	})
	d.parent, d.size = make([]int32, n), make([]int32, n)
	for i := range d.parent {
		d.parent[i], d.size[i] = int32(i), 1
	}
	for _, e := range matches {
		d.union(e.a, e.b, e.rule)
	}
}

func (d *dedupe) find(i int32) int32 {
	for d.parent[i] != i {
		d.parent[i] = d.parent[d.parent[i]]
		i = d.parent[i]
	}
	return i
}

// union joins the groups of a and b; the root with the smaller row number
// stays root, so a group's root is always its first row.
func (d *dedupe) union(a, b int32, r Rule) {
	ra, rb := d.find(a), d.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	d.parent[rb] = ra
	d.size[ra] += d.size[rb]
	d.edges = append(d.edges, edge{a: a, b: b, rule: r})
}

// pick links the rows that share keys and chooses the row kept in every group: the most recent purchase or
// registration, and on a tie the row further down the file (the later
// record). It flattens the union-find so that parent is the root.
func (d *dedupe) pick(rows []stored) {
	d.link(len(rows))
	d.best = make([]int32, len(d.parent))
	for i := range d.parent {
		i := int32(i)
		root := d.find(i)
		d.parent[i] = root
		if d.size[root] < 2 {
			continue
		}
		if root == i { // a group's first row is visited first
			d.best[root] = i
			n := int(d.size[root])
			d.groups++
			d.merged += n - 1
			d.largest = max(d.largest, n)
			continue
		}
		if rows[i].recency >= rows[d.best[root]].recency {
			d.best[root] = i
		}
	}
}

// kept reports whether row i is written: alone, or its group's pick.
func (d *dedupe) kept(i int32) bool {
	root := d.parent[i]
	return d.size[root] < 2 || d.best[root] == i
}

// Member is one row of a group of duplicates.
type Member struct {
	ID   string // customer id
	Line int    // line in the input
	Kept bool   // the row written for the group
	Rule Rule   // the rule that matched it ...
	With string // ... to this customer id
}

// Group is a group of rows found to be one recipient.
type Group struct {
	N       int // groups are numbered from 1 in the order of their first row
	Members []Member
}

// Groups calls fn for every group of two or more rows, in the order of
// their first rows; each member names one rule that matched it and the
// customer it matched. It does nothing when merging is off.
func (l *List) Groups(fn func(Group) error) error {
	d := l.dedupe
	if d == nil || d.groups == 0 {
		return nil
	}
	members := map[int32][]int32{}
	for i, root := range d.parent {
		if d.size[root] > 1 {
			members[root] = append(members[root], int32(i))
		}
	}
	first := map[int32]int{}
	for k, e := range d.edges {
		for _, m := range [2]int32{e.a, e.b} {
			if _, ok := first[m]; !ok {
				first[m] = k
			}
		}
	}
	n := 0
	for i, root := range d.parent {
		if root != int32(i) || d.size[root] < 2 {
			continue
		}
		n++
		g := Group{N: n}
		for _, m := range members[root] {
			e := d.edges[first[m]]
			other := e.b
			if other == m {
				other = e.a
			}
			g.Members = append(g.Members, Member{ID: l.id(m), Line: int(l.rows[m].line), Kept: d.best[root] == m, Rule: e.rule, With: l.id(other)})
		}
		if err := fn(g); err != nil {
			return err
		}
	}
	return nil
}
