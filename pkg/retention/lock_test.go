package retention

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLock(t *testing.T) {
	dir := t.TempDir()
	lock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(dir); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), filepath.Join(dir, LockName)) {
		t.Errorf("second lock: %v", err)
	}
	lock.Unlock()
	again, err := Lock(dir)
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	again.Unlock()
}

func TestFilesCheck(t *testing.T) {
	dir := t.TempDir()
	c := filepath.Join(dir, "c.csv")
	if err := os.WriteFile(c, []byte("customer_id\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := (Files{Customers: c, Sales: c}).Check(); err != nil {
		t.Errorf("regular files: %v", err)
	}
	if err := (Files{Customers: c, Sales: "-"}).Check(); !errors.Is(err, ErrStdin) {
		t.Errorf("standard input: %v", err)
	}
	var fe *FileError
	if err := (Files{Customers: c, Sales: c, Contacts: dir}).Check(); !errors.As(err, &fe) || fe.Kind != "contacts" {
		t.Errorf("a directory: %v", err)
	}
	if err := (Files{Customers: c, Sales: filepath.Join(dir, "none.csv")}).Check(); !errors.As(err, &fe) || fe.Kind != "sales" || !os.IsNotExist(errors.Unwrap(err)) {
		t.Errorf("a missing file: %v", err)
	}
	// A workbook (a zip archive) or an old .xls (a compound document),
	// whatever its name.
	for _, head := range []string{"PK\x03\x04\x14\x00", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"} {
		w := filepath.Join(dir, "book.csv")
		if err := os.WriteFile(w, []byte(head), 0o600); err != nil {
			t.Fatal(err)
		}
		var we *WorkbookError
		if err := (Files{Customers: c, Sales: w}).Check(); !errors.As(err, &we) || we.Path != w {
			t.Errorf("a workbook %q: %v", head, err)
		}
	}
}
