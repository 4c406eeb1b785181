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
	// NotRegular: a device, pipe, socket, directory or symbolic link is at
	// the path. It is never opened (that could block) nor shredded.
	NotRegular State = "not a regular file"
)

// Check looks at the copy on disk: whether it still exists, is a regular
// file and still has the recorded SHA-256. What is not a regular file is
// found with a look at the path alone, never by opening it.
func Check(e Entry) (State, error) {
	sum, err := hash(e.Path, true)
	if errors.Is(err, os.ErrNotExist) {
		return Missing, nil
	}
	if errors.Is(err, ErrNotRegular) {
		return NotRegular, nil
	}
	if err != nil {
		return "", err
	}
	if sum != e.SHA256 {
		return Changed, nil
	}
	return Present, nil
}

// HashFile returns the hex SHA-256 of a regular file's contents; what is
// not a regular file is refused with ErrNotRegular, unopened.
func HashFile(path string) (string, error) { return hash(path, false) }

func hash(path string, nofollow bool) (string, error) {
	f, err := openRegular(path, nofollow)
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
