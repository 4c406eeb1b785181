package ledger

import (
	"cmp"
	"slices"
)

// visitLog is the visits counted, 12 bytes a visit, kept so that a line
// out of date order can be told from the visits already counted. It is cut
// into shards by customer number, and a shard into chunks of fixed size,
// so that growing never copies it (the copies would be garbage as large as
// the log) and a shard sorted is small.
//
// A visit logged by a line that [Ledger.add] settles (a later day, or a
// visit of the latest day not yet seen) is a new one, so a file in date
// order logs each visit once and nothing else: the log is the file's
// distinct visits. A line that add cannot settle (out of date order, or a
// day with more visits than the two add keeps) is logged as doubtful; it
// may repeat a visit of the log. When a shard's doubtful visits since it
// was last compacted reach its size then (or compactMin), the shard is
// sorted and its repeats dropped. So a shard holds at most twice its
// customers' distinct visits, plus compactMin, whatever the order of the
// lines: a file of shuffled lines costs what the same lines in date order
// cost, at most twice over, never one entry a line.
type visitLog struct {
	shards  [logShards]logShard
	scratch []visit // one shard's visits being sorted
}

// logShards is the number of shards: customer c is in shard c%logShards.
const logShards = 256

// compactMin is the fewest doubtful visits a shard takes before it is
// compacted, so that small shards are not sorted over and over.
const compactMin = 256

// shardChunk is the visits of a full chunk of a shard.
const shardChunk = 1024

// logShard is one shard of the log.
type logShard struct {
	chunks    [][]visit // all full but the last
	n         int       // visits held
	compacted int       // n after the last compaction
	doubtful  int       // visits logged as doubtful since then
	unsure    bool      // a customer of the shard is to be recounted
}

// visit is a logged visit: a customer number and the hash of the visit's
// receipt key, in two halves so that a visit is 12 bytes, not 16.
type visit struct {
	cust   int32
	hi, lo uint32
}

func compareVisits(a, b visit) int {
	if c := cmp.Compare(a.cust, b.cust); c != 0 {
		return c
	}
	if c := cmp.Compare(a.hi, b.hi); c != 0 {
		return c
	}
	return cmp.Compare(a.lo, b.lo)
}

// add logs visit h of customer c; doubtful says it may repeat one logged.
func (v *visitLog) add(c int, h uint64, doubtful bool) {
	s := &v.shards[c%logShards]
	s.push(visit{int32(c), uint32(h >> 32), uint32(h)})
	if !doubtful {
		return
	}
	s.unsure = true
	if s.doubtful++; s.doubtful >= max(s.compacted, compactMin) {
		v.compact(s)
	}
}

// push appends a visit to the shard's last chunk, or to a new one. The
// first chunk grows as a slice does, so that a small log stays small.
func (s *logShard) push(v visit) {
	k := len(s.chunks)
	if k == 0 || len(s.chunks[k-1]) >= shardChunk {
		s.chunks = append(s.chunks, nil)
		if k++; k > 1 {
			s.chunks[k-1] = make([]visit, 0, shardChunk)
		}
	}
	s.chunks[k-1] = append(s.chunks[k-1], v)
	s.n++
}

// gather copies the shard's visits that keep says to v.scratch.
func (v *visitLog) gather(s *logShard, keep func(visit) bool) []visit {
	v.scratch = v.scratch[:0]
	for _, ch := range s.chunks {
		for _, x := range ch {
			if keep == nil || keep(x) {
				v.scratch = append(v.scratch, x)
			}
		}
	}
	return v.scratch
}

// compact sorts the shard and drops repeated visits; the chunks no longer
// needed are given back.
func (v *visitLog) compact(s *logShard) {
	all := v.gather(s, nil)
	slices.SortFunc(all, compareVisits)
	all = slices.Compact(all)
	k := 0
	for len(all) > 0 {
		n := min(len(all), cap(s.chunks[k]))
		s.chunks[k] = append(s.chunks[k][:0], all[:n]...)
		all = all[n:]
		k++
	}
	clear(s.chunks[k:])
	s.chunks = s.chunks[:k]
	s.n = 0
	for _, ch := range s.chunks {
		s.n += len(ch)
	}
	s.compacted, s.doubtful = s.n, 0
}

// len returns the number of visits held, repeats included.
func (v *visitLog) len() int {
	n := 0
	for i := range v.shards {
		n += v.shards[i].n
	}
	return n
}

// recount sets the visits of the unsure customers to their number of
// distinct visits in the log. It sorts a copy of the unsure customers'
// visits of one shard at a time, so that a file with a few unsure
// customers costs little, and the copy is at most one shard.
func (l *Ledger) recount() {
	if l.unsure == 0 {
		return
	}
	unsure := func(v visit) bool { return l.accs.at(int(v.cust)).unsure }
	for k := range l.log.shards {
		s := &l.log.shards[k]
		if !s.unsure {
			continue
		}
		mine := l.log.gather(s, unsure)
		slices.SortFunc(mine, compareVisits)
		for i, v := range mine {
			a := l.accs.at(int(v.cust))
			if i == 0 || mine[i-1].cust != v.cust {
				a.visits = 0
			}
			if i == 0 || mine[i-1] != v {
				a.visits++
			}
		}
	}
	l.log.scratch = nil
}
