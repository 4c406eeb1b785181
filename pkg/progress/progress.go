// Package progress shows how far a long read has got, on one status line
// at the bottom of standard error. A Display owns that line: every input a
// command opens gets a Bar on it, and the Display draws one bar at a time,
// the input being read now, so that a command reading its customers and
// then its sales never has two bars fighting over the line. Messages
// written through the Display's writers clear the line first. When the
// caller has no terminal (a pipe, a test, -q) it has no Display, and a nil
// Display and a nil Bar do nothing, so commands use them unconditionally.
package progress

import (
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Delay is how long a display waits before drawing; short commands never
// show a bar.
const Delay = time.Second

// tick is how often the line is redrawn.
const tick = 200 * time.Millisecond

// clearLine returns the cursor to the start of the line and erases it.
const clearLine = "\r\033[K"

// Display is the status line of one run on a terminal.
type Display struct {
	w       io.Writer // the terminal the line is drawn on
	delay   time.Duration
	mu      sync.Mutex
	bars    []*Bar        // live bars, oldest first
	shown   bool          // a bar is drawn on the line now
	midLine bool          // the last message did not end its line
	stop    chan struct{} // closed to end the drawing goroutine; nil when none runs
}

// NewDisplay returns a display that draws on w, which must be a terminal.
func NewDisplay(w io.Writer) *Display {
	return &Display{w: w, delay: Delay}
}

// Start adds a bar for a read of total bytes (0 when the size is unknown,
// as for standard input). The line is drawn once bars have been live for
// Delay. Start on a nil Display returns a nil Bar.
func (d *Display) Start(label string, total int64) *Bar {
	if d == nil {
		return nil
	}
	b := &Bar{d: d, label: label, total: total, start: time.Now()}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.bars = append(d.bars, b)
	if d.stop == nil {
		d.stop = make(chan struct{})
		go d.loop(d.stop)
	}
	return b
}

// Writer returns a writer to w (the same terminal as the display: standard
// error, or standard output when that is the terminal too) that clears the
// status line before each write, so that a message never lands on a bar.
// The bar is redrawn on the next line at the next tick.
func (d *Display) Writer(w io.Writer) io.Writer {
	return &lineWriter{d: d, w: w}
}

type lineWriter struct {
	d *Display
	w io.Writer
}

func (lw *lineWriter) Write(p []byte) (int, error) {
	d := lw.d
	d.mu.Lock()
	defer d.mu.Unlock()
	d.clear()
	n, err := lw.w.Write(p)
	if n > 0 {
		d.midLine = p[n-1] != '\n'
	}
	return n, err
}

// loop draws the line every tick, from Delay after the first bar started
// until stop is closed (when the last bar is done).
func (d *Display) loop(stop chan struct{}) {
	wait := time.NewTimer(d.delay)
	defer wait.Stop()
	select {
	case <-stop:
		return
	case <-wait.C:
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		d.mu.Lock()
		select {
		case <-stop:
			d.mu.Unlock()
			return
		default:
		}
		d.draw(time.Now())
		d.mu.Unlock()
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// draw puts the current bar on the line; d.mu is held. Nothing is drawn
// while a message has left the cursor in the middle of a line.
func (d *Display) draw(now time.Time) {
	b := d.current()
	if b == nil || d.midLine {
		return
	}
	fmt.Fprint(d.w, clearLine+b.line(d.readingSince(b), now))
	d.shown = true
}

// readingSince is when b's input began to be read in earnest: when it was
// opened, or when the inputs opened before it were read to their end, if
// that was later (join opens its sales with its customers, and reads them
// after), so that the rate is that of this input alone.
func (d *Display) readingSince(b *Bar) time.Time {
	since := b.start
	for _, o := range d.bars {
		if o == b {
			break
		}
		if end := o.end.Load(); end != 0 && time.Unix(0, end).After(since) {
			since = time.Unix(0, end)
		}
	}
	return since
}

// current is the bar to show: the oldest one still reading (join reads
// its customers before its sales), or, once every input has been read to
// its end, the newest.
func (d *Display) current() *Bar {
	for _, b := range d.bars {
		if b.reading() {
			return b
		}
	}
	if len(d.bars) == 0 {
		return nil
	}
	return d.bars[len(d.bars)-1]
}

// clear erases the drawn bar; d.mu is held.
func (d *Display) clear() {
	if d.shown {
		fmt.Fprint(d.w, clearLine)
		d.shown = false
	}
}

// Bar counts the bytes of one input as they are read.
type Bar struct {
	d     *Display
	label string
	total int64
	start time.Time
	n     atomic.Int64
	end   atomic.Int64 // when the input was read to its end (UnixNano); 0 while reading
}

// reading reports whether the input has more to give.
func (b *Bar) reading() bool { return b.end.Load() == 0 }

// Reader counts what is read through r on the bar.
func (b *Bar) Reader(r io.Reader) io.Reader {
	if b == nil {
		return r
	}
	return &countingReader{r: r, b: b}
}

// Done removes the bar. When it was the last one, the drawing stops and
// the line is cleared. Done may be called more than once.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	d := b.d
	d.mu.Lock()
	defer d.mu.Unlock()
	i := slices.Index(d.bars, b)
	if i < 0 {
		return
	}
	d.bars = slices.Delete(d.bars, i, i+1)
	if len(d.bars) == 0 {
		close(d.stop)
		d.stop = nil
		d.clear()
	}
}

// line is the bar's text: the label, then for a known size a bar, the
// share read and the sizes, then the rate since the given time.
func (b *Bar) line(since, now time.Time) string {
	n := b.n.Load()
	if end := b.end.Load(); end != 0 {
		now = time.Unix(0, end)
	}
	rate := int64(0)
	if secs := now.Sub(since).Seconds(); secs > 0 {
		rate = int64(float64(n) / secs)
	}
	if b.total <= 0 {
		return fmt.Sprintf("%s %s  %s/s", b.label, Size(n), Size(rate))
	}
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
	return fmt.Sprintf("%s %s %3.0f%% %s / %s  %s/s", b.label, string(bar), frac*100, Size(n), Size(b.total), Size(rate))
}

type countingReader struct {
	r io.Reader
	b *Bar
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	read := c.b.n.Add(int64(n))
	// The end is an error (io.EOF) or, for a known size, the last byte:
	// a reader that knows where the data stops may never ask for more.
	if err != nil || c.b.total > 0 && read >= c.b.total {
		c.b.end.CompareAndSwap(0, time.Now().UnixNano())
	}
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
