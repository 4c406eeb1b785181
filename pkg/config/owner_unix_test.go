//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckConfigOwner(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "custkit.yaml")
	if err := os.WriteFile(file, []byte("sales: s.csv\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := checkOwner(file); err != nil {
		t.Fatalf("own 0600 file: %v", err)
	}
	if err := os.Chmod(file, 0o620); err != nil {
		t.Fatal(err)
	}
	if err := checkOwner(file); err == nil || !strings.Contains(err.Error(), "writable by other users (mode 0620)") {
		t.Errorf("group-writable: %v", err)
	}
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	if err := os.Chown(file, 4242, 4242); err != nil {
		t.Skipf("chown: %v", err)
	}
	err := checkOwner(file)
	if err == nil || !strings.Contains(err.Error(), "belongs to user 4242, not to you (user 0)") {
		t.Errorf("another user's file, read by root: %v", err)
	}
}
