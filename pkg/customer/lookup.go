package customer

import (
	"bytes"

	"github.com/custkit/custkit/pkg/prefetch"
)

// BatchSize is how many ids [Index.FindAll] is best given at once. With a
// large customers file, looking up an id touches two places in memory that
// are seldom in the cache: its slot in the table and its entry (id and
// payload). Asking for the slots of a whole batch first, then the
// entries, lets the processor fetch them all at once instead of waiting
// for each in turn.
const BatchSize = 32

// batchSize is BatchSize, for the loading of the index.
const batchSize = BatchSize

// Probe is one id that [Index.FindAll] looks up, and what it found.
type Probe struct {
	ID      []byte // the id to find; an empty one is never found
	Payload []byte // the customer's payload, when Found; it aliases the index
	Found   bool
	h       hash
	ref     uint64 // the first entry whose hash tag matches, if tagged
	tagged  bool
}

// Batch is a batch of ids to look up together. Each goroutine that looks
// ids up has its own.
type Batch struct {
	Probes []Probe
}

// Add queues id for the next FindAll.
func (b *Batch) Add(id []byte) { b.Probes = append(b.Probes, Probe{ID: id}) }

// Reset empties the batch for the next ids.
func (b *Batch) Reset() { b.Probes = b.Probes[:0] }

// FindAll looks up every id of b and sets each probe's Found and Payload.
// Each step is a loop of its own, so that the memory that may miss the
// cache is asked for back to back (package prefetch) and arrives
// together.
func (x *Index) FindAll(b *Batch) {
	t := &x.table
	ps := b.Probes
	for i := range ps {
		if p := &ps[i]; len(p.ID) > 0 {
			p.h = t.hash(p.ID)
		}
	}
	for i := range ps {
		prefetch.Of(&t.slots[ps[i].h.start(t.mask)])
	}
	for i := range ps {
		if p := &ps[i]; len(p.ID) > 0 {
			p.ref, p.tagged = t.candidate(p.h)
		}
	}
	for i := range ps {
		if p := &ps[i]; p.tagged {
			x.prefetch(p.ref)
		}
	}
	for i := range ps {
		if p := &ps[i]; p.tagged {
			p.Payload, p.Found = x.confirm(p)
		}
	}
}

// confirm compares a probe's id with the entry its tag matched, and probes
// on when another id with the same tag came first.
func (x *Index) confirm(p *Probe) ([]byte, bool) {
	if key, pl := x.entry(p.ref); bytes.Equal(key, p.ID) {
		return pl, true
	}
	c, pl := x.find(p.ID)
	return pl, c >= 0
}
