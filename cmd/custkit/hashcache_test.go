package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/hashcache"
)

// readTracked reads file through a fresh access's tracking, as an input of
// one run, and returns what the log would record and whether the hash came
// from the cache.
func readTracked(t *testing.T, cache *hashcache.Cache, file string, now time.Time) (string, bool) {
	t.Helper()
	a := &access{now: func() time.Time { return now }, hashes: cache}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(io.Discard, a.track(file, f, true)); err != nil {
		t.Fatal(err)
	}
	in := a.inputs[0]
	cached := in.cached != ""
	return in.record().SHA256, cached
}

func TestInputHashCache(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sales.csv")
	os.WriteFile(file, []byte("customer_id,amount\nC1,100\n"), 0o600)
	fi, _ := os.Stat(file)
	if _, err := hashcache.IdentityOf(fi); err != nil {
		t.Skip("no file identity on this system")
	}
	sum := func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }
	cache := hashcache.Open(filepath.Join(dir, "hashes.json"))
	later := time.Now().Add(time.Minute) // the file settled long before

	got, cached := readTracked(t, cache, file, later)
	if want := sum([]byte("customer_id,amount\nC1,100\n")); got != want || cached {
		t.Fatalf("first run: %s cached=%v, want %s hashed", got, cached, want)
	}
	got2, cached := readTracked(t, cache, file, later)
	if got2 != got || !cached {
		t.Fatalf("second run: %s cached=%v, want the same hash from the cache", got2, cached)
	}
	os.WriteFile(file, []byte("customer_id,amount\nC1,999\n"), 0o600)
	got3, cached := readTracked(t, cache, file, later.Add(time.Minute))
	if want := sum([]byte("customer_id,amount\nC1,999\n")); got3 != want || cached {
		t.Fatalf("after a change: %s cached=%v, want %s hashed anew", got3, cached, want)
	}
}
