package record

import (
	"sync"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// File is one input file as an operation reads it: its records, from the
// embedded rows.Reader (whose Name names the file in errors), and its
// header bound to the fields of its kind. Operations take their input
// files as Files, so that every entry point has the shape
// (ctx, input, options).
//
// A File may be several files read one after another (pkg/input). A later
// file read under its own binding (sales files, whose layouts may differ:
// a Smaregi export and an Airレジ one) carries that binding on each of its
// blocks ([rows.Block.Meta]); [File.Of] returns it, and [PerFile] keeps
// what an operation derives from it.
type File struct {
	*rows.Reader
	Binding *schema.Binding
}

// Decoder returns a decoder of the file's typed fields.
func (f File) Decoder() *Decoder { return NewDecoder(f.Name(), f.Binding) }

// Of returns the binding the records of b are read under: their own
// file's, attached to the block, or the first file's.
func (f File) Of(b *rows.Block) *schema.Binding {
	if own, ok := b.Meta().(*schema.Binding); ok && own != nil {
		return own
	}
	return f.Binding
}

// PerFile keeps what an operation derives from a file's binding (its sale
// scanner, its totals, the columns it reads), made once for the first
// file and once for each later file of a chain read under its own
// binding, the first time a block of it comes. It is looked up once per
// block, not per record: reading one file costs one comparison a block.
// It is safe for concurrent use by the workers of rows.EachBlock.
type PerFile[T any] struct {
	first  *schema.Binding
	firstV T
	make   func(*Decoder) (T, error)
	mu     sync.Mutex
	later  map[*schema.Binding]later[T]
}

type later[T any] struct {
	v   T
	err error
}

// NewPerFile makes make's value for the first file of f at once, so that
// a column the operation needs and the first file lacks is an error
// before anything is read, and returns it with the PerFile. make's error
// for a later file (a column that file lacks) comes from Of, when the
// reading reaches the file; its Decoder names that file.
func NewPerFile[T any](f File, make func(*Decoder) (T, error)) (*PerFile[T], T, error) {
	v, err := make(f.Decoder())
	if err != nil {
		return nil, v, err
	}
	return &PerFile[T]{first: f.Binding, firstV: v, make: make}, v, nil
}

// Of returns the value for the file b is of.
func (p *PerFile[T]) Of(b *rows.Block) (T, error) {
	own, ok := b.Meta().(*schema.Binding)
	if !ok || own == nil || own == p.first {
		return p.firstV, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	l, ok := p.later[own]
	if !ok {
		l.v, l.err = p.make(NewDecoder(b.File(), own))
		if p.later == nil {
			p.later = map[*schema.Binding]later[T]{}
		}
		p.later[own] = l
	}
	return l.v, l.err
}
