package manifest

import (
	"errors"
	"os"
	"time"
)

// Lookup returns the entry for file, an absolute path.
func Lookup(entries []Entry, file string) (Entry, bool) {
	for _, e := range entries {
		if e.Path == file {
			return e, true
		}
	}
	return Entry{}, false
}

// ForShop returns the entries of shop: the copies made with that config
// file ("" for those made without one). entries is left as it is.
func ForShop(entries []Entry, shop string) []Entry {
	var out []Entry
	for _, e := range entries {
		if e.Shop == shop {
			out = append(out, e)
		}
	}
	return out
}

// Expired returns the entries past their expiry at t. entries is left as
// it is.
func Expired(entries []Entry, t time.Time) []Entry {
	var out []Entry
	for _, e := range entries {
		if e.Expired(t) {
			out = append(out, e)
		}
	}
	return out
}

// ShredTime is the instant a copy must be expired at to be destroyed:
// asOf, but never later than now, so that a date in the future (a
// mistyped --as-of) never destroys a copy that has not expired yet.
func ShredTime(asOf, now time.Time) time.Time {
	if now.Before(asOf) {
		return now
	}
	return asOf
}

// Paths returns the paths of entries.
func Paths(entries []Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Path
	}
	return out
}

// RemoveAll returns entries without those for files.
func RemoveAll(entries []Entry, files []string) []Entry {
	for _, f := range files {
		entries = Remove(entries, f)
	}
	return entries
}

// Untrack removes the entries for files from the manifest at path: the
// copies were destroyed. A manifest that does not exist is not created,
// and one is not touched for no files.
func Untrack(path string, files []string) error {
	if _, err := os.Stat(path); len(files) == 0 || errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return Update(path, func(entries []Entry) ([]Entry, error) {
		return RemoveAll(entries, files), nil
	})
}
