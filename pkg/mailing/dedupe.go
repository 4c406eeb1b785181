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
// shards by hash; matches then finds the rows that share a key on every
// core at once, one map per shard, each sized exactly, and they are joined
// in row order, so that the result is the same as one map filled row by
// row.
//
// The rows include those whose consent was refused. Before duplicates are
// merged, the rows of the same person ([PersonRules]) as a refused row are
// dropped; then the rows left are merged by the rules in use.
type dedupe struct {
	rules  Rules     // the rules that merge duplicates
	shards [][]keyed // the keys of every row, by shard, in row order
	unionFind
	edges []edge  // the matches that joined two groups
	best  []int32 // at each root, the row kept (after pick)
	drop  []bool  // rows never written: refused, or the same person as one

	groups, merged, largest, refusedElsewhere int
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

func newDedupe(shards int, rs Rules) *dedupe {
	return &dedupe{rules: rs, shards: make([][]keyed, max(shards, 1))}
}

// add collects the keys of row i.
func (d *dedupe) add(i int32, c *candidate) {
	for s := range numSlots {
		if c.has&(1<<s) != 0 {
			k := c.keys[s]
			sh := k.a % uint64(len(d.shards))
			d.shards[sh] = append(d.shards[sh], keyed{key: k, row: i, rule: slotRule(s)})
		}
	}
}

// matches finds, for every key of a rule in rs, the rows that share it,
// leaving out the rows in skip (if not nil), and returns each match to the
// first row that had the key, sorted in row order and rule order.
func (d *dedupe) matches(rs Rules, skip []bool) []edge {
	var matches []edge
	var mu sync.Mutex
	var wg sync.WaitGroup
	for s := range d.shards {
		wg.Go(func() {
			keys := d.shards[s]
			first := make(map[key128]int32, len(keys))
			var found []edge
			for _, k := range keys {
				if !rs.Has(k.rule) || skip != nil && skip[k.row] {
					continue
				}
				if j, ok := first[k.key]; ok {
					found = append(found, edge{a: k.row, b: j, rule: k.rule})
				} else {
					first[k.key] = k.row
				}
			}
			mu.Lock()
			matches = append(matches, found...)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.SortFunc(matches, func(x, y edge) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.rule, y.rule))
	})
	return matches
}

// unionFind is a forest of row numbers whose roots are the first rows of
// their groups.
type unionFind struct {
	parent []int32
	size   []int32 // rows in the group, at its root
}

func newUnionFind(n int) unionFind {
	u := unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = int32(i), 1
	}
	return u
}

func (u *unionFind) find(i int32) int32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// union joins the groups of a and b and reports whether they were two; the
// root with the smaller row number stays root, so a group's root is always
// its first row.
func (u *unionFind) union(a, b int32) bool {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return false
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
	return true
}

// refusals marks in d.drop the refused rows and every row of the same
// person as one of them: joined to it, directly or through other rows, by
// the rules that find a person. Rows of the same household are not.
func (d *dedupe) refusals(rows []stored) {
	d.drop = make([]bool, len(rows))
	refused := false
	for i := range rows {
		if rows[i].refused {
			d.drop[i], refused = true, true
		}
	}
	if !refused {
		return
	}
	u := newUnionFind(len(rows))
	for _, e := range d.matches(PersonRules, nil) {
		u.union(e.a, e.b)
	}
	refusedRoot := make([]bool, len(rows))
	for i := range rows {
		if rows[i].refused {
			refusedRoot[u.find(int32(i))] = true
		}
	}
	for i := range rows {
		if !rows[i].refused && refusedRoot[u.find(int32(i))] {
			d.drop[i] = true
			d.refusedElsewhere++
		}
	}
}

// pick drops the rows of people who refused, links the rows left that
// share keys and chooses the row kept in every group: the most recent
// purchase or registration, and on a tie the row further down the file
// (the later record). It flattens the union-find so that parent is the
// root.
func (d *dedupe) pick(rows []stored) {
	d.refusals(rows)
	var matches []edge
	if d.rules != 0 {
		matches = d.matches(d.rules, d.drop)
	}
	d.shards = nil
	d.unionFind = newUnionFind(len(rows))
	for _, e := range matches {
		if d.union(e.a, e.b) {
			d.edges = append(d.edges, e)
		}
	}
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

// kept reports whether row i is written: not dropped, and alone or its
// group's pick.
func (d *dedupe) kept(i int32) bool {
	root := d.parent[i]
	return !d.drop[i] && (d.size[root] < 2 || d.best[root] == i)
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
	if d.groups == 0 {
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
