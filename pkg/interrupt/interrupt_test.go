package interrupt

import (
	"bytes"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestOnSignals checks the handler alone, with the exit it would call
// recorded: the first signal cancels, the second exits with 128 plus its
// number, and nothing happens once the run is done.
func TestOnSignals(t *testing.T) {
	for _, tt := range []struct {
		second os.Signal
		code   int
	}{{os.Interrupt, 130}, {syscall.SIGTERM, 143}} {
		sigs := make(chan os.Signal, 2)
		done := make(chan struct{})
		cancelled := make(chan struct{})
		exited := make(chan int, 1)
		var w bytes.Buffer
		go watch(sigs, done, func() { close(cancelled) }, &w, func(code int) { exited <- code })
		sigs <- syscall.SIGTERM
		select {
		case <-cancelled:
		case <-time.After(5 * time.Second):
			t.Fatal("the first signal did not cancel the run")
		}
		select {
		case code := <-exited:
			t.Fatalf("the first signal exited (%d)", code)
		default:
		}
		sigs <- tt.second
		select {
		case code := <-exited:
			if code != tt.code {
				t.Errorf("second %v: exit %d, want %d", tt.second, code, tt.code)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("the second %v did not exit", tt.second)
		}
		if got := w.String(); got != "custkit: interrupted\n" {
			t.Errorf("printed %q", got)
		}
		close(done)
	}

	// A run that ended: the handler returns without cancelling.
	sigs := make(chan os.Signal, 2)
	done := make(chan struct{})
	returned := make(chan struct{})
	go func() {
		watch(sigs, done, func() { t.Error("cancelled after the run ended") }, &bytes.Buffer{}, func(int) { t.Error("exited after the run ended") })
		close(returned)
	}()
	close(done)
	select {
	case <-returned:
	case <-time.After(5 * time.Second):
		t.Fatal("the handler did not return when the run ended")
	}
}

func TestStatus(t *testing.T) {
	if Status(os.Interrupt) != 130 || Status(syscall.SIGTERM) != 143 || Status(os.Kill) != 137 {
		t.Errorf("Status: %d %d %d", Status(os.Interrupt), Status(syscall.SIGTERM), Status(os.Kill))
	}
}
