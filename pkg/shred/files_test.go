package shred

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	a, missing := filepath.Join(dir, "a.csv"), filepath.Join(dir, "missing.csv")
	if err := os.WriteFile(a, []byte("name\nx\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var reported []string
	var failure error
	report := func(f string, err error) {
		reported = append(reported, f)
		if err != nil {
			failure = err
		}
	}
	res := Files(context.Background(), []string{a, missing}, FilesOptions{Report: report})
	if !reflect.DeepEqual(res.Done, []string{a}) || res.Failed != 1 {
		t.Errorf("done %v, failed %d", res.Done, res.Failed)
	}
	if _, err := os.Lstat(a); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", a, err)
	}
	if !reflect.DeepEqual(reported, []string{a, missing}) || !errors.Is(failure, os.ErrNotExist) || failure.Error() != missing+": "+errors.Unwrap(failure).Error() {
		t.Errorf("reported %q, failure %v", reported, failure)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b := filepath.Join(dir, "b.csv")
	if err := os.WriteFile(b, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	var last error
	res = Files(ctx, []string{b}, FilesOptions{Report: func(_ string, err error) { last = err }})
	if res.Failed != 1 || len(res.Done) != 0 || !errors.Is(last, ErrInterrupted) {
		t.Errorf("interrupted: %+v, %v", res, last)
	}
	if _, err := os.Stat(b); err != nil {
		t.Errorf("an interrupted run touched %s: %v", b, err)
	}
}
