// Package progress shows how far a long read has got, on standard error,
// only when that is a terminal and the user has not asked for quiet. In a
// pipe, in a test or with -q it is a no-op, so commands can always use it.
package progress

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Bar reports bytes read against a known or unknown total.
type Bar struct {
	w       io.Writer
	label   string
	total   int64
	done    atomic.Int64
	start   time.Time
	stop    chan struct{}
	stopped sync.WaitGroup
	shown   bool
}

// Delay is how long work runs before the bar appears; short commands never
// show one.
const Delay = time.Second

// Start returns a running bar, or nil (a valid no-op Bar) when enabled is
// false. total may be 0 when the size is unknown (standard input).
func Start(w io.Writer, enabled bool, label string, total int64) *Bar {
	if !enabled {
		return nil
	}
	b := &Bar{w: w, label: label, total: total, start: time.Now(), stop: make(chan struct{})}
	b.stopped.Add(1)
	go b.loop()
	return b
}

// Reader counts what is read through r on the bar.
func (b *Bar) Reader(r io.Reader) io.Reader {
	if b == nil {
		return r
	}
	return &countingReader{r: r, n: &b.done}
}

// Done stops the bar and clears its line.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	close(b.stop)
	b.stopped.Wait()
	if b.shown {
		fmt.Fprint(b.w, "\r\033[K")
	}
}

func (b *Bar) loop() {
	defer b.stopped.Done()
	delay := time.NewTimer(Delay)
	defer delay.Stop()
	select {
	case <-b.stop:
		return
	case <-delay.C:
	}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		b.draw()
		select {
		case <-b.stop:
			return
		case <-tick.C:
		}
	}
}

func (b *Bar) draw() {
	b.shown = true
	n := b.done.Load()
	secs := time.Since(b.start).Seconds()
	rate := float64(n) / secs
	if b.total > 0 {
		frac := min(float64(n)/float64(b.total), 1)
		const width = 24
		filled := int(frac * width)
		bar := make([]rune, width)
		for i := range bar {
			bar[i] = '░'
			if i < filled {
				bar[i] = '█'
			}
		}
		fmt.Fprintf(b.w, "\r\033[K%s %s %3.0f%% %s / %s  %s/s", b.label, string(bar), frac*100, Size(n), Size(b.total), Size(int64(rate)))
		return
	}
	fmt.Fprintf(b.w, "\r\033[K%s %s  %s/s", b.label, Size(n), Size(int64(rate)))
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// Size formats a byte count for people: 512 B, 1.5 MB, 1.0 GB.
func Size(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	// Move up a unit while the value would print as 1000.0 or more, so
	// that 999,999 bytes is 1.0 MB rather than 1000.0 kB.
	f, exp := float64(n)/unit, 0
	for f >= unit-0.05 && exp < 5 {
		f /= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", f, "kMGTPE"[exp])
}
