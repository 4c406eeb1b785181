package progress

import (
	"bytes"
	"io"
	"strings"
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

// A disabled bar is a nil *Bar whose methods do nothing, so commands use
// it without checking.
func TestDisabledBar(t *testing.T) {
	var out bytes.Buffer
	b := Start(&out, false, "reading sales.csv", 100)
	if b != nil {
		t.Fatalf("Start(enabled=false) = %v, want nil", b)
	}
	src := strings.NewReader("some data")
	if r := b.Reader(src); r != io.Reader(src) {
		t.Error("a disabled bar wraps the reader")
	}
	b.Done()
	if out.Len() != 0 {
		t.Errorf("a disabled bar wrote %q", out.String())
	}
}

// A short command finishes before the bar's delay and never shows it.
func TestBarNotShownForShortWork(t *testing.T) {
	var out bytes.Buffer
	b := Start(&out, true, "reading", 9)
	data, err := io.ReadAll(b.Reader(strings.NewReader("123456789")))
	b.Done()
	if err != nil || string(data) != "123456789" {
		t.Fatalf("read %q %v", data, err)
	}
	if got := b.done.Load(); got != 9 {
		t.Errorf("counted %d bytes, want 9", got)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q for work shorter than the delay", out.String())
	}
}

func TestBarDraw(t *testing.T) {
	var out bytes.Buffer
	b := &Bar{w: &out, label: "reading sales.csv", total: 4_000_000, start: time.Now().Add(-2 * time.Second)}
	b.done.Store(1_000_000)
	b.draw()
	got := out.String()
	if !strings.HasPrefix(got, "\r\033[Kreading sales.csv ██████░░░░░░░░░░░░░░░░░░  25% 1.0 MB / 4.0 MB  ") || !strings.HasSuffix(got, "kB/s") {
		t.Errorf("known total: %q", got)
	}
	out.Reset()
	b.total = 0
	b.draw()
	if got := out.String(); !strings.HasPrefix(got, "\r\033[Kreading sales.csv 1.0 MB  ") {
		t.Errorf("unknown total: %q", got)
	}
	// Once shown, Done clears the line.
	b.stop = make(chan struct{})
	b.Done()
	if !strings.HasSuffix(out.String(), "/s\r\033[K") {
		t.Errorf("Done after drawing: %q", out.String())
	}
}
