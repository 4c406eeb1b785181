// Package product selects sales lines by what was sold: product ids (exact
// or glob patterns such as P00*), categories, and words in the product name.
//
// It sits between [record] and the operations that filter sales (buyers,
// and any later command with a --product flag): an operation builds one
// [Matcher] from the user's selection and asks it about each line with
// [Matcher.Match], which only looks at the fields the selection needs.
//
// Each pattern, category and name word is a term; Match reports which terms
// a line matched as a [Set], so that a caller can tell "bought any of them"
// from "bought every one of them".
package product

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/custkit/custkit/pkg/schema"
)

// Selection is what the user asked for. An empty Selection matches every
// line.
type Selection struct {
	// Products are product ids, matched as text, or glob patterns in which
	// * stands for any run of characters and ? for one character.
	Products []string
	// Categories match a line's category as a whole, after normalisation
	// (NFKC, case folding, spaces and '-', '_', '・' ignored).
	Categories []string
	// NameContains match when the normalised product name contains the
	// normalised word, so that ｸﾀﾆ finds クタニ and KUTANI finds Kutani.
	NameContains []string
}

// MaxTerms is how many terms a Set can tell apart. Past it, terms share the
// last bit: "any" still works, "every one" needs at most MaxTerms terms.
const MaxTerms = 64

// Set holds the terms a line matched: bit i for term i, in the order
// products, categories, name words.
type Set uint64

// Matcher matches sales lines against a Selection. It is safe for
// concurrent use.
type Matcher struct {
	terms    int
	exact    map[string]Set // exact product ids
	single   []byte         // the one exact id, when that is the whole selection
	singleOf Set
	globs    []glob
	cats     map[string]Set // normalised category → terms
	words    []word
	// memo caches the terms of categories and product names already seen;
	// a sales file has few distinct ones compared with its lines.
	mu       sync.RWMutex
	memoCat  map[string]Set
	memoName map[string]Set
}

type glob struct {
	pattern []byte
	bit     Set
}

type word struct {
	norm string
	bit  Set
}

// memoLimit bounds the cache, so that a file with a unique name on every
// line cannot grow it without end.
const memoLimit = 1 << 16

// New builds a Matcher. An empty pattern, category or word is an error.
func New(sel Selection) (*Matcher, error) {
	m := &Matcher{exact: map[string]Set{}, cats: map[string]Set{}, memoCat: map[string]Set{}, memoName: map[string]Set{}}
	for _, p := range sel.Products {
		p = strings.TrimSpace(p)
		if p == "" {
			return nil, fmt.Errorf("empty product id")
		}
		bit := m.next()
		if strings.ContainsAny(p, "*?") {
			m.globs = append(m.globs, glob{[]byte(p), bit})
		} else {
			m.exact[p] |= bit
		}
	}
	for _, c := range sel.Categories {
		n := schema.Normalize(c)
		if n == "" {
			return nil, fmt.Errorf("empty category")
		}
		m.cats[n] |= m.next()
	}
	for _, w := range sel.NameContains {
		n := schema.Normalize(w)
		if n == "" {
			return nil, fmt.Errorf("empty name word")
		}
		m.words = append(m.words, word{n, m.next()})
	}
	if len(m.exact) == 1 && m.terms == 1 {
		for id, bit := range m.exact {
			m.single, m.singleOf = []byte(id), bit
		}
	}
	return m, nil
}

func (m *Matcher) next() Set {
	bit := Set(1) << min(m.terms, MaxTerms-1)
	m.terms++
	return bit
}

// Terms returns the number of terms in the selection.
func (m *Matcher) Terms() int { return m.terms }

// All returns the Set of every term.
func (m *Matcher) All() Set {
	if m.terms >= MaxTerms {
		return ^Set(0)
	}
	return Set(1)<<m.terms - 1
}

// Empty reports whether the selection has no terms (it matches everything).
func (m *Matcher) Empty() bool { return m.terms == 0 }

// NeedsID reports whether Match reads the product id, so that a caller can
// check the file has the column.
func (m *Matcher) NeedsID() bool { return len(m.exact) > 0 || len(m.globs) > 0 }

// NeedsCategory reports whether Match reads the category.
func (m *Matcher) NeedsCategory() bool { return len(m.cats) > 0 }

// NeedsName reports whether Match reads the product name.
func (m *Matcher) NeedsName() bool { return len(m.words) > 0 }

// Match returns the terms that a line with this product id, name and
// category matches; 0 means none. Fields the selection does not use may be
// nil. An empty Matcher returns 1 for every line.
func (m *Matcher) Match(id, name, category []byte) Set {
	if m.terms == 0 {
		return 1
	}
	if m.single != nil {
		if bytes.Equal(id, m.single) {
			return m.singleOf
		}
		return 0
	}
	var s Set
	if len(m.exact) > 0 {
		s |= m.exact[string(id)]
	}
	for _, g := range m.globs {
		if Glob(g.pattern, id) {
			s |= g.bit
		}
	}
	if len(m.cats) > 0 {
		s |= m.memo(m.memoCat, category, m.categoryTerms)
	}
	if len(m.words) > 0 {
		s |= m.memo(m.memoName, name, m.nameTerms)
	}
	return s
}

// memo returns compute(v), cached in cache.
func (m *Matcher) memo(cache map[string]Set, v []byte, compute func(string) Set) Set {
	m.mu.RLock()
	s, ok := cache[string(v)]
	m.mu.RUnlock()
	if ok {
		return s
	}
	s = compute(string(v))
	m.mu.Lock()
	if len(cache) < memoLimit {
		cache[string(v)] = s
	}
	m.mu.Unlock()
	return s
}

func (m *Matcher) categoryTerms(c string) Set { return m.cats[schema.Normalize(c)] }

func (m *Matcher) nameTerms(name string) Set {
	n := schema.Normalize(name)
	var s Set
	for _, w := range m.words {
		if strings.Contains(n, w.norm) {
			s |= w.bit
		}
	}
	return s
}

// Glob reports whether text matches pattern, where * matches any run of
// bytes (also none) and ? one character. Every other byte matches itself.
func Glob(pattern, text []byte) bool {
	// The classic backtracking match: remember the last star and retry it
	// one byte further on a mismatch. Linear in practice, never exponential.
	p, t := 0, 0
	star, mark := -1, 0
	for t < len(text) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, t
			p++
		case p < len(pattern) && pattern[p] == '?':
			p++
			t = min(t+charLen(text[t]), len(text))
		case p < len(pattern) && pattern[p] == text[t]:
			p++
			t++
		case star >= 0:
			p = star + 1
			mark = min(mark+charLen(text[mark]), len(text))
			t = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// charLen is the length of the UTF-8 sequence that starts with b, so that
// ? matches a whole character, not one byte of it.
func charLen(b byte) int {
	switch {
	case b < 0xC0:
		return 1
	case b < 0xE0:
		return 2
	case b < 0xF0:
		return 3
	}
	return 4
}
