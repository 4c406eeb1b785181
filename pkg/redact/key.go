package redact

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/custkit/custkit/pkg/infile"
)

// KeyEnv is the environment variable that holds the pseudonym key when no
// key file is given.
const KeyEnv = "CUSTKIT_HASH_KEY"

// KeyError is a pseudonym key that cannot be used, with what to do about
// it.
type KeyError struct {
	Err  error
	Hint string // what to do, for a line of its own
}

func (e *KeyError) Error() string { return e.Err.Error() }
func (e *KeyError) Unwrap() error { return e.Err }

// ReadKey reads the pseudonym key from keyFile, else from env (the value
// of KeyEnv); missing says why a key is needed when there is none.
// Surrounding white space is not part of the key, so a key file may end
// with a newline. redact and purge both read their key here, so that
// their pseudonyms of an id match. ctx, which may be nil, gives up the
// read of a key file that is a pipe (--key-file <(pass show custkit)).
// A key that is missing, too short or in a file others can read is a
// *KeyError.
func ReadKey(ctx context.Context, keyFile, env string, missing error) ([]byte, error) {
	key := env
	if keyFile != "" {
		data, err := readKeyFile(ctx, keyFile)
		if err != nil {
			return nil, err
		}
		key = string(data)
	}
	key = strings.TrimSpace(key)
	if key == "" {
		return nil, &KeyError{fmt.Errorf("%w (set %s or pass --key-file)", missing, KeyEnv),
			"create a key once with: custkit redact --new-key FILE, then use --key-file FILE"}
	}
	if len(key) < MinKeyLen {
		return nil, &KeyError{fmt.Errorf("the hash key is %d characters; it must have at least %d", len(key), MinKeyLen),
			"create a key with: custkit redact --new-key FILE"}
	}
	return []byte(key), nil
}

// readKeyFile refuses a key file that others can read or write, and one
// that is a directory, a socket or a device.
func readKeyFile(ctx context.Context, path string) ([]byte, error) {
	st, err := infile.Check(path)
	if err != nil {
		return nil, &KeyError{err, "check the path given to --key-file, or create a key with: custkit redact --new-key FILE"}
	}
	if runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0 {
		return nil, &KeyError{fmt.Errorf("key file %s has mode %04o: others can read or change it", path, st.Mode().Perm()),
			"make it yours alone: chmod 600 " + path}
	}
	return infile.ReadFile(ctx, path)
}

// NewKeyFile creates a key file, mode 0600, with 32 random bytes
// hex-encoded, and never overwrites one: the tokens made with the old key
// would stop matching (a *KeyError says so).
func NewKeyFile(path string) error {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return &KeyError{fmt.Errorf("%s already exists; a key is never overwritten, as the tokens made with it would stop matching", path),
			"use it with --key-file " + path + ", or choose another file name"}
	}
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(f, hex.EncodeToString(b[:])); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
