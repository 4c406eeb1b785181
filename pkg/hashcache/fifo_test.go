//go:build unix

package hashcache

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A FIFO where the cache should be is an empty cache, not a read that
// waits for a writer for ever.
func TestFIFOCacheIsEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hashes.json")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan *Cache, 1)
	go func() { done <- Open(path) }()
	select {
	case c := <-done:
		if len(c.entries) != 0 {
			t.Errorf("cache has %d entries", len(c.entries))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Open of a FIFO did not return")
	}
}
