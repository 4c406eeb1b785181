package retention

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/filelock"
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
	s := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(s, []byte("customer_id\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := (Files{Customers: c, Sales: s}).Check(); err != nil {
		t.Errorf("regular files: %v", err)
	}
	if err := (Files{Customers: c, Sales: "-"}).Check(); !errors.Is(err, ErrStdin) {
		t.Errorf("standard input: %v", err)
	}
	var fe *FileError
	if err := (Files{Customers: c, Sales: s, Contacts: dir}).Check(); !errors.As(err, &fe) || fe.Kind != "contacts" {
		t.Errorf("a directory: %v", err)
	}
	// One file given twice would be replaced twice; a copy is a file of
	// its own.
	cp := filepath.Join(dir, "s (1).csv")
	if err := os.WriteFile(cp, []byte("customer_id\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := (Files{Customers: c, Sales: s, MoreSales: []string{cp}}).Check(); err != nil {
		t.Errorf("a copy: %v", err)
	}
	dot := dir + "/./s.csv"
	if err := (Files{Customers: c, Sales: s, MoreSales: []string{cp, dot}}).Check(); !errors.As(err, &fe) || fe.Kind != "sales" ||
		err.Error() != fmt.Sprintf("%q is the same file as %q: purge would replace it twice; give it once; nothing was changed", dot, s) {
		t.Errorf("a file by two paths: %v", err)
	}
	if err := (Files{Customers: c, Sales: s, Complaints: c}).Check(); !errors.As(err, &fe) || fe.Kind != "complaints" ||
		err.Error() != fmt.Sprintf("%q is given twice: purge would replace it twice; give it once; nothing was changed", c) {
		t.Errorf("a file of two kinds: %v", err)
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

// A purge that starts while a till writes a row (the lock held shared)
// waits for the write instead of taking it for another purge.
func TestLockWaitsForTills(t *testing.T) {
	dir := t.TempDir()
	till, err := filelock.TryAcquireShared(filepath.Join(dir, LockName), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(100 * time.Millisecond)
		till.Unlock()
		close(released)
	}()
	lock, err := Lock(dir)
	if err != nil {
		t.Fatalf("Lock while a till writes: %v", err)
	}
	defer lock.Unlock()
	select {
	case <-released:
	default:
		t.Fatal("Lock returned before the till's write ended")
	}
}

// Tills that never let go make the purge give up after TillWait; another
// purge makes it give up at once.
func TestLockGivesUp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, LockName)
	defer func(w time.Duration) { TillWait = w }(TillWait)
	TillWait = 50 * time.Millisecond
	till, err := filelock.TryAcquireShared(path, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(dir); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "tills") {
		t.Fatalf("Lock with a stuck till: %v, want ErrLocked naming the tills", err)
	}
	till.Unlock()
	other, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Unlock()
	TillWait = time.Hour
	start := time.Now()
	if _, err := Lock(dir); !errors.Is(err, ErrLocked) || time.Since(start) > 5*time.Second {
		t.Fatalf("Lock with another purge: %v after %s, want ErrLocked at once", err, time.Since(start))
	}
}
