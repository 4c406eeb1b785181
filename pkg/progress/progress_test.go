package progress

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"},
		{999, "999 B"},
		{1000, "1.0 kB"},
		{1500, "1.5 kB"},
		{999_949, "999.9 kB"},
		{999_950, "1.0 MB"},
		{999_999, "1.0 MB"},
		{1_000_000, "1.0 MB"},
		{1_234_567_890, "1.2 GB"},
		{999_999_999_999, "1.0 TB"},
		{9_223_372_036_854_775_807, "9.2 EB"},
	}
	for _, tt := range tests {
		if got := Size(tt.n); got != tt.want {
			t.Errorf("Size(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// Without a terminal there is no Display: a nil Display hands out nil
// Bars, whose methods do nothing, so commands use them without checking.
func TestNoTerminal(t *testing.T) {
	var d *Display
	b := d.Start("reading sales.csv", 100)
	if b != nil {
		t.Fatalf("Start on a nil Display = %v, want nil", b)
	}
	src := strings.NewReader("some data")
	if r := b.Reader(src); r != io.Reader(src) {
		t.Error("a nil bar wraps the reader")
	}
	b.Done()
}

// syncBuffer is a terminal for tests: the drawing goroutine writes to it
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A short command finishes before the delay and never shows a bar.
func TestNotShownForShortWork(t *testing.T) {
	var term syncBuffer
	d := NewDisplay(&term)
	b := d.Start("reading", 9)
	data, err := io.ReadAll(b.Reader(strings.NewReader("123456789")))
	b.Done()
	if err != nil || string(data) != "123456789" {
		t.Fatalf("read %q %v", data, err)
	}
	if got := b.n.Load(); got != 9 {
		t.Errorf("counted %d bytes, want 9", got)
	}
	if term.String() != "" {
		t.Errorf("wrote %q for work shorter than the delay", term.String())
	}
}

func TestBarLine(t *testing.T) {
	now := time.Now()
	b := &Bar{label: "reading sales.csv", total: 4_000_000, start: now.Add(-2 * time.Second)}
	b.n.Store(1_000_000)
	if got, want := b.line(b.start, now), "reading sales.csv ██████░░░░░░░░░░░░░░░░░░  25% 1.0 MB / 4.0 MB  500.0 kB/s"; got != want {
		t.Errorf("known size:\n got %q\nwant %q", got, want)
	}
	b.total = 0
	if got, want := b.line(b.start, now), "reading sales.csv 1.0 MB  500.0 kB/s"; got != want {
		t.Errorf("unknown size:\n got %q\nwant %q", got, want)
	}
	// Once the input is read, the rate is that of the read, not of the
	// time since.
	b.end.Store(now.Add(-time.Second).UnixNano())
	if got, want := b.line(b.start, now), "reading sales.csv 1.0 MB  1.0 MB/s"; got != want {
		t.Errorf("after the end:\n got %q\nwant %q", got, want)
	}
}

// Two inputs open at once share one line: the one being read is drawn,
// then, once it is read to its end, the next; never both.
func TestOneBarAtATime(t *testing.T) {
	var term bytes.Buffer
	d := &Display{w: &term, delay: time.Hour} // the test draws
	cust := d.Start("reading customers.csv", 10)
	sales := d.Start("reading sales.csv", 20)
	cr, sr := cust.Reader(strings.NewReader("0123456789")), sales.Reader(strings.NewReader("01234567890123456789"))
	sr.Read(make([]byte, 5)) // a reader looks at the first block when it opens

	d.draw(time.Now())
	if got := lastLine(term.String()); !strings.HasPrefix(got, "reading customers.csv ") {
		t.Errorf("while customers are read, the line is %q", got)
	}
	io.ReadAll(cr)
	if got := d.readingSince(sales); got.UnixNano() != cust.end.Load() {
		t.Errorf("the sales are read since %v, want the end of the customers, %v", got, time.Unix(0, cust.end.Load()))
	}
	if got := d.readingSince(cust); got != cust.start {
		t.Errorf("the customers are read since %v, want their start %v", got, cust.start)
	}
	d.draw(time.Now())
	if got := lastLine(term.String()); !strings.HasPrefix(got, "reading sales.csv ") || !strings.Contains(got, " 25% ") {
		t.Errorf("once customers are read, the line is %q", got)
	}
	io.ReadAll(sr)
	d.draw(time.Now())
	if got := lastLine(term.String()); !strings.Contains(got, "reading sales.csv ████████████████████████ 100% ") {
		t.Errorf("once everything is read, the line is %q", got)
	}
	if strings.Contains(term.String(), "\n") {
		t.Errorf("the bars took more than one line: %q", term.String())
	}
	cust.Done()
	sales.Done()
	if !strings.HasSuffix(term.String(), "/s"+clearLine) {
		t.Errorf("the line is not cleared when the last bar is done: %q", term.String())
	}
}

// lastLine is what a terminal shows after out: the text after the last
// clearing of the line.
func lastLine(out string) string {
	i := strings.LastIndex(out, clearLine)
	return out[i+len(clearLine):]
}

// A message clears the bar first, and no bar is drawn after a message that
// left the cursor in the middle of a line.
func TestMessagesClearTheLine(t *testing.T) {
	var term bytes.Buffer
	d := &Display{w: &term, delay: time.Hour} // the test draws
	b := d.Start("reading sales.csv", 0)
	defer b.Done()
	stderr := d.Writer(&term)
	d.draw(time.Now())
	io.WriteString(stderr, "custkit: join: 3 rows written\n")
	if got, want := term.String(), clearLine+"reading sales.csv 0 B  0 B/s"+clearLine+"custkit: join: 3 rows written\n"; got != want {
		t.Errorf("message after a bar:\n got %q\nwant %q", got, want)
	}
	term.Reset()
	io.WriteString(stderr, "a,b,")
	d.draw(time.Now())
	if got := term.String(); got != "a,b," {
		t.Errorf("a bar was drawn after half a line: %q", got)
	}
	io.WriteString(stderr, "c\n")
	d.draw(time.Now())
	if got := term.String(); got != "a,b,c\n"+clearLine+"reading sales.csv 0 B  0 B/s" {
		t.Errorf("no bar after the line ended: %q", got)
	}
}

// The drawing goroutine starts after the delay, redraws, and stops with the
// last bar.
func TestDisplayDraws(t *testing.T) {
	var term syncBuffer
	d := &Display{w: &term, delay: time.Millisecond}
	b := d.Start("reading sales.csv", 0)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(term.String(), "reading sales.csv") {
		if time.Now().After(deadline) {
			t.Fatal("no bar drawn after the delay")
		}
		time.Sleep(time.Millisecond)
	}
	b.Done()
	done := term.String()
	if !strings.HasSuffix(done, clearLine) {
		t.Errorf("the line is not cleared at the end: %q", done)
	}
	time.Sleep(3 * tick)
	if term.String() != done {
		t.Errorf("drawn after the last bar was done: %q", strings.TrimPrefix(term.String(), done))
	}
	// A later input starts the display again.
	b = d.Start("reading customers.csv", 0)
	b.Done()
}
