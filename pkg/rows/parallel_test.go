package rows

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// blockFile is a file of n data rows, read in blocks of about 16 bytes so
// that there are many blocks.
func blockFile(t *testing.T, n int) *Reader {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,v\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d,%d\n", i, i*i)
	}
	r, err := NewReader(strings.NewReader(b.String()), Options{Name: "in.csv", BlockSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// firstLines is a work function: the first line of the block and its row count.
func firstLines(b *Block) ([2]int, error) {
	var res [2]int
	err := b.Each(func(rec *Record) error {
		if res[1] == 0 {
			res[0] = rec.Line
		}
		res[1]++
		return nil
	})
	return res, err
}

func TestEachBlockOrder(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 4} {
		r := blockFile(t, 500)
		var seqs []int
		next, rowsSeen := 2, 0
		err := EachBlock(context.Background(), r, workers, func(b *Block) ([3]int, error) {
			if workers > 1 && b.Seq%3 == 0 {
				time.Sleep(time.Millisecond) // finish out of order
			}
			res, err := firstLines(b)
			return [3]int{b.Seq, res[0], res[1]}, err
		}, func(v [3]int) error {
			seqs = append(seqs, v[0])
			if v[2] > 0 {
				if v[1] != next {
					return fmt.Errorf("block %d starts at line %d, want %d", v[0], v[1], next)
				}
				next += v[2]
			}
			rowsSeen += v[2]
			return nil
		})
		if err != nil {
			t.Fatalf("%d workers: %v", workers, err)
		}
		if rowsSeen != 500 {
			t.Errorf("%d workers: %d rows, want 500", workers, rowsSeen)
		}
		for i, s := range seqs {
			if s != i {
				t.Fatalf("%d workers: emit order %v", workers, seqs)
			}
		}
	}
}

// The error of the earliest block wins, even when a later block fails
// first, and nothing after it is emitted.
func TestEachBlockFirstErrorInFileOrder(t *testing.T) {
	errEarly, errLate := errors.New("early"), errors.New("late")
	for _, workers := range []int{1, 2, 4} {
		r := blockFile(t, 500)
		var emitted []int
		err := EachBlock(context.Background(), r, workers, func(b *Block) (int, error) {
			switch b.Seq {
			case 5:
				time.Sleep(20 * time.Millisecond)
				return b.Seq, errEarly
			case 6, 7:
				return b.Seq, errLate
			}
			return b.Seq, nil
		}, func(seq int) error {
			emitted = append(emitted, seq)
			return nil
		})
		if !errors.Is(err, errEarly) {
			t.Errorf("%d workers: got %v, want the error of block 5", workers, err)
		}
		if len(emitted) == 0 || emitted[len(emitted)-1] != 4 {
			t.Errorf("%d workers: emitted %v, want blocks up to 4", workers, emitted)
		}
	}
}

func TestEachBlockEmitError(t *testing.T) {
	stop := errors.New("disk full")
	r := blockFile(t, 500)
	n := 0
	err := EachBlock(context.Background(), r, 2, firstLines, func([2]int) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("got %v after %d emits, want the emit error after 3", err, n)
	}
}

// A bad row stops the file with its positioned error.
func TestEachBlockRowError(t *testing.T) {
	input := "id,v\n" + strings.Repeat("1,2\n", 100) + "3,4,5\n" + strings.Repeat("6,7\n", 100)
	r, err := NewReader(strings.NewReader(input), Options{Name: "in.csv", BlockSize: 32})
	if err != nil {
		t.Fatal(err)
	}
	err = EachBlock(context.Background(), r, 2, firstLines, func([2]int) error { return nil })
	if !errors.Is(err, ErrRagged) || err.Error() != "in.csv:102: row has 3 fields, the header has 2" {
		t.Errorf("got %v", err)
	}
}

// failingReader returns data, then an error instead of EOF.
type failingReader struct {
	data string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestEachBlockReadError(t *testing.T) {
	broken := errors.New("connection reset")
	// More than the reader reads at first (64 KiB with the encoding
	// named), so that the error comes while blocks are read rather than
	// from NewReader.
	const n = 30000
	src := &failingReader{data: "id,v\n" + strings.Repeat("1,2\n", n), err: broken}
	r, err := NewReader(src, Options{Name: "in.csv", BlockSize: 16, Encoding: "utf-8"})
	if err != nil {
		t.Fatal(err)
	}
	rowsSeen := 0
	err = EachBlock(context.Background(), r, 2, firstLines, func(v [2]int) error {
		rowsSeen += v[1]
		return nil
	})
	if !errors.Is(err, broken) || err.Error() != "in.csv: connection reset" {
		t.Errorf("got %v, want the read error", err)
	}
	if rowsSeen == 0 || rowsSeen > n {
		t.Errorf("%d rows emitted before the read error", rowsSeen)
	}
}

func TestEachBlockCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	emitted := 0
	err := EachBlock(ctx, blockFile(t, 500), 2, firstLines, func([2]int) error { emitted++; return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("already cancelled: got %v after %d blocks, want context.Canceled", err, emitted)
	}

	for _, workers := range []int{1, 2} {
		ctx, cancel = context.WithCancel(context.Background())
		emitted = 0
		err = EachBlock(ctx, blockFile(t, 2000), workers, firstLines, func([2]int) error {
			emitted++
			if emitted == 3 {
				cancel()
			}
			return nil
		})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%d workers, cancelled while running: got %v, want context.Canceled", workers, err)
		}
		if emitted != 3 {
			t.Errorf("%d workers: %d blocks emitted after cancelling at the third", workers, emitted)
		}
	}
}

// EachBlock returns only after its goroutines are done with the reader:
// reading on from the same reader afterwards must not race.
func TestEachBlockReturnsWhenDone(t *testing.T) {
	r := blockFile(t, 200)
	stop := errors.New("stop")
	_ = EachBlock(context.Background(), r, 4, firstLines, func([2]int) error { return stop })
	for {
		if _, err := r.NextBlock(); err != nil {
			if err != io.EOF {
				t.Fatal(err)
			}
			break
		}
	}
}
