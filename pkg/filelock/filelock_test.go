package filelock

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestAcquireWaitsForUnlock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	first, err := Acquire(path, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan *Lock)
	go func() {
		l, err := Acquire(path, 0o600)
		if err != nil {
			t.Error(err)
		}
		got <- l
	}()
	select {
	case <-got:
		t.Fatal("second Acquire returned while the first lock was held")
	case <-time.After(100 * time.Millisecond):
	}
	if err := first.Unlock(); err != nil {
		t.Fatal(err)
	}
	select {
	case l := <-got:
		if l != nil {
			l.Unlock()
		}
	case <-time.After(5 * time.Second):
		t.Fatal("second Acquire still waiting after Unlock")
	}
}

func TestTryAcquire(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	first, err := TryAcquire(path, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if l, err := TryAcquire(path, 0o600); !errors.Is(err, ErrBusy) {
		t.Fatalf("second TryAcquire while held: %v, %v; want ErrBusy", l, err)
	}
	if err := first.Unlock(); err != nil {
		t.Fatal(err)
	}
	again, err := TryAcquire(path, 0o600)
	if err != nil {
		t.Fatalf("TryAcquire after Unlock: %v", err)
	}
	again.Unlock()
}

func TestTryAcquireShared(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	a, err := TryAcquireShared(path, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	b, err := TryAcquireShared(path, 0o600)
	if err != nil {
		t.Fatalf("second shared lock: %v; want both held at once", err)
	}
	if l, err := TryAcquire(path, 0o600); !errors.Is(err, ErrBusy) {
		t.Fatalf("exclusive while shared held: %v, %v; want ErrBusy", l, err)
	}
	a.Unlock()
	b.Unlock()
	ex, err := TryAcquire(path, 0o600)
	if err != nil {
		t.Fatalf("exclusive after the shared ones: %v", err)
	}
	if l, err := TryAcquireShared(path, 0o600); !errors.Is(err, ErrBusy) {
		t.Fatalf("shared while exclusive held: %v, %v; want ErrBusy", l, err)
	}
	ex.Unlock()
}
