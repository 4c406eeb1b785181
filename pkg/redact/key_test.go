package redact

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestReadKey(t *testing.T) {
	ctx := context.Background()
	missing := errors.New("hashing needs a key")
	if k, err := ReadKey(ctx, "", "  0123456789abcdef\n", missing); err != nil || string(k) != "0123456789abcdef" {
		t.Errorf("from the environment: %q %v", k, err)
	}
	_, err := ReadKey(ctx, "", " ", missing)
	var ke *KeyError
	if !errors.Is(err, missing) || !errors.As(err, &ke) || !strings.Contains(ke.Hint, "--new-key") {
		t.Errorf("no key: %v", err)
	}
	if _, err := ReadKey(ctx, "", "short", missing); err == nil || err.Error() != "the hash key is 5 characters; it must have at least 16" {
		t.Errorf("short key: %v", err)
	}
	path := filepath.Join(t.TempDir(), "hash.key")
	if err := NewKeyFile(path); err != nil {
		t.Fatal(err)
	}
	k, err := ReadKey(ctx, path, "ignored-when-a-file-is-given", missing)
	if err != nil || len(k) != 64 {
		t.Errorf("new key file: %q %v", k, err)
	}
	if err := NewKeyFile(path); !errors.As(err, &ke) || !strings.Contains(err.Error(), "never overwritten") {
		t.Errorf("second NewKeyFile: %v", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadKey(ctx, path, "", missing); !errors.As(err, &ke) || ke.Hint != "make it yours alone: chmod 600 "+path {
		t.Errorf("readable by others: %v", err)
	}
}
