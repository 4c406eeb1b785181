package rows

import (
	"context"
	"io"
	"runtime"
	"sync"
)

// Workers is the number of goroutines to parse blocks on by default: one
// per CPU the process may use.
func Workers() int { return runtime.GOMAXPROCS(0) }

// EachBlock reads r block by block and runs work on up to n blocks at once,
// then hands each result to emit in file order, on the calling goroutine.
// The first error in file order (from reading, work or emit) stops
// everything and is returned; a cancelled ctx stops it with ctx.Err().
//
// Memory stays bounded: at most about 2n blocks are read ahead of emit.
func EachBlock[T any](ctx context.Context, r *Reader, n int, work func(*Block) (T, error), emit func(T) error) error {
	if n < 1 {
		n = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		v   T
		err error
	}
	type job struct {
		b   *Block
		out chan result
	}
	jobs := make(chan job, n)
	order := make(chan chan result, 2*n)
	var wg sync.WaitGroup
	finished := false // the reader reached the end; read after order is closed
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				v, err := work(j.b)
				j.out <- result{v, err}
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for ctx.Err() == nil {
			b, err := r.NextBlock()
			out := make(chan result, 1)
			if err != nil {
				if err != io.EOF {
					out <- result{err: err}
					order <- out
				}
				finished = err == io.EOF
				return
			}
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			jobs <- job{b, out}
		}
	}()
	var first error
	for out := range order {
		if first != nil {
			continue // drain, so the reader and workers can finish
		}
		res := <-out
		if res.err == nil {
			res.err = ctx.Err()
		}
		if res.err == nil {
			res.err = emit(res.v)
		}
		if res.err != nil {
			first = res.err
			cancel()
		}
	}
	wg.Wait()
	if first == nil && !finished {
		first = ctx.Err() // cancelled before the end: not every block was seen
	}
	return first
}
