package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
)

// State is what became of a tracked copy.
type State string

// The states of a copy.
const (
	Present State = "present" // the file is there with the recorded contents
	Changed State = "changed" // the file is there with other contents
	Missing State = "missing" // no file at the path
)

// Check looks at the copy on disk: whether it still exists and still has
// the recorded SHA-256.
func Check(e Entry) (State, error) {
	sum, err := HashFile(e.Path)
	if errors.Is(err, os.ErrNotExist) {
		return Missing, nil
	}
	if err != nil {
		return "", err
	}
	if sum != e.SHA256 {
		return Changed, nil
	}
	return Present, nil
}

// HashFile returns the hex SHA-256 of a file's contents.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
