//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/manifest"
)

// runWithin runs one command line in-process and fails the test when it
// has not ended after limit: a run that waits on a pipe never ends.
func runWithin(t *testing.T, limit time.Duration, s *cmdutil.Streams, args ...string) int {
	t.Helper()
	done := make(chan int, 1)
	go func() { done <- run(args, s) }()
	select {
	case code := <-done:
		return code
	case <-time.After(limit):
		t.Fatalf("custkit %s still running after %v", strings.Join(args, " "), limit)
		return -1
	}
}

// A tracked export replaced by a FIFO: list and the nightly shred end in
// under a second, the one reporting the pipe and the other refusing it.
func TestExportsWithAFIFOEndAtOnce(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "dm.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	s, out, errb := cmdutil.BufferStreams("")
	state := withStateHome(t, s)
	created := time.Now().AddDate(0, 0, -40)
	e := manifest.Entry{Path: fifo, Rows: 1, Created: created, Expires: created.AddDate(0, 0, 30)}
	if err := manifest.Add(filepath.Join(state, "custkit", "exports.csv"), e); err != nil {
		t.Fatal(err)
	}
	if code := runWithin(t, time.Second, s, "exports", "list", "--format", "csv"); code != 0 || !strings.Contains(out.String(), fifo+",not a regular file,") {
		t.Errorf("exports list: exit %d\n%s%s", code, out, errb)
	}
	out.Reset()
	errb.Reset()
	if code := runWithin(t, time.Second, s, "exports", "shred", "--expired"); code != 1 || !strings.Contains(errb.String(), fifo+" is not a regular file") {
		t.Errorf("exports shred --expired: exit %d, want 1\n%s%s", code, out, errb)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe did not stay a pipe: %v, %v", st, err)
	}
}

// An access log or manifest that belongs to another user is refused before
// anything is read; a config someone else wrote cannot point custkit at a
// file of theirs. As root the file is given away; otherwise a file root
// owns stands in.
func TestStateFilesOfAnotherUserAreRefused(t *testing.T) {
	dir := t.TempDir()
	theirs := filepath.Join(dir, "theirs.jsonl")
	if os.Geteuid() == 0 {
		if err := os.WriteFile(theirs, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(theirs, 65534, 65534); err != nil {
			t.Skip(err)
		}
	} else {
		theirs = "/etc/passwd"
		if st, err := os.Stat(theirs); err != nil || access.OwnedByUser(st) {
			t.Skip("no file of another user to try")
		}
	}
	before, _ := os.ReadFile(theirs)
	for _, c := range []struct{ yaml, what string }{
		{"audit: {log: " + theirs + "}\n", "access log"},
		{"exports: {manifest: " + theirs + "}\n", "export manifest"},
	} {
		cfg := filepath.Join(dir, "custkit.yaml")
		if err := os.WriteFile(cfg, []byte(c.yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		customers := filepath.Join(dir, "c.csv")
		os.WriteFile(customers, []byte("customer_id,name,phone\nC1,山田太郎,090-1111-2222\n"), 0o600)
		s, out, errb := cmdutil.BufferStreams("")
		withStateHome(t, s)
		code := run([]string{"redact", "--config", cfg, customers, "--drop", "phone", "-o", filepath.Join(dir, "out.csv")}, s)
		want := "custkit: " + c.what + " " + theirs + " belongs to another user\n"
		if code != 1 || !strings.HasPrefix(errb.String(), want) && !strings.Contains(errb.String(), "\n"+want) {
			t.Errorf("%s of another user: exit %d, stderr\n%s\nwant the line %q", c.what, code, errb, want)
		}
		if out.Len() != 0 {
			t.Errorf("%s of another user: printed %q", c.what, out)
		}
		if _, err := os.Stat(filepath.Join(dir, "out.csv")); err == nil {
			t.Errorf("%s of another user: out.csv was written", c.what)
		}
	}
	if after, _ := os.ReadFile(theirs); string(after) != string(before) {
		t.Errorf("%s changed", theirs)
	}
}
