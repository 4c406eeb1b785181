//go:build unix

package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/manifest"
	"golang.org/x/sys/unix"
)

// joinTo runs custkit join on the test files in dir with -o out and returns
// the exit status, standard error and the manifest's entries.
func joinTo(t *testing.T, dir, out string) (int, string, []manifest.Entry) {
	t.Helper()
	s, _, errb := cmdutil.BufferStreams("")
	state := withStateHome(t, s)
	code := run([]string{"join", "--customers", filepath.Join(dir, "c.csv"), "--sales", filepath.Join(dir, "s.csv"), "-o", out}, s)
	entries, err := manifest.Read(filepath.Join(state, "custkit", "exports.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return code, errb.String(), entries
}

// The rows -o writes to a regular file, for comparison.
func joinedRows(t *testing.T, dir string) string {
	t.Helper()
	plain := filepath.Join(dir, "plain.csv")
	if code, errs, _ := joinTo(t, dir, plain); code != 0 {
		t.Fatalf("join -o plain.csv: exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(plain)
	if err != nil || len(b) == 0 {
		t.Fatalf("plain.csv: %q, %v", b, err)
	}
	return string(b)
}

// TestOutputFIFO checks that -o onto a FIFO writes the rows into it, for
// the reader at its other end, and leaves it a FIFO, untracked.
func TestOutputFIFO(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales})
	want := joinedRows(t, dir)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo) // blocks until custkit opens the other end
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	code, errs, entries := joinTo(t, dir, fifo)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	select {
	case g := <-got:
		if g != want {
			t.Errorf("the reader got %q, want %q", g, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader got nothing: the FIFO was never opened for writing")
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a FIFO: %v %v", fifo, st.Mode(), err)
	}
	if len(entries) != 0 {
		t.Errorf("a FIFO was tracked: %+v", entries)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".fifo.tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestOutputFIFOWithoutReader checks that waiting for a FIFO's reader ends
// when the run is interrupted.
func TestOutputFIFOWithoutReader(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	s, _, _ := cmdutil.BufferStreams("")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	g := &cmdutil.Global{Cfg: &cmdutil.Settings{}}
	start := time.Now()
	tg, err := (&cmdutil.Output{Path: fifo}).Open(ctx, s, g)
	if err == nil {
		tg.Abort()
	}
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("open took %v and returned %v; want the context's error soon after 200ms", time.Since(start), err)
	}
}

// TestOutputCharDevice checks that -o onto /dev/null, onto a symlink to
// it, and onto a character device made with mknod writes into the device
// and leaves it a character device, untracked.
func TestOutputCharDevice(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales})
	link := filepath.Join(dir, "null-link")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Fatal(err)
	}
	paths := []string{"/dev/null", link}
	made := filepath.Join(dir, "null")
	if runtime.GOOS != "linux" {
		t.Log("a made device is tried on Linux only, where 1:3 is /dev/null")
	} else if err := unix.Mknod(made, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
		t.Logf("mknod not permitted (%v): the made device is not tried", err)
	} else if f, err := os.OpenFile(made, os.O_WRONLY, 0); err != nil {
		t.Logf("the made device cannot be opened (%v): not tried", err)
	} else {
		f.Close()
		paths = append(paths, made)
	}
	for _, p := range paths {
		before, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		code, errs, entries := joinTo(t, dir, p)
		if code != 0 {
			t.Errorf("-o %s: exit %d: %s", p, code, errs)
		}
		after, err := os.Stat(p)
		if err != nil || after.Mode()&os.ModeCharDevice == 0 || !os.SameFile(before, after) || after.Mode() != before.Mode() {
			t.Errorf("-o %s: now %v (was %v), %v", p, after.Mode(), before.Mode(), err)
		}
		if len(entries) != 0 {
			t.Errorf("-o %s was tracked: %+v", p, entries)
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a symlink", link)
	}
}

// TestOutputThroughSymlink checks that -o onto a symlink to a regular file
// replaces the file it names and keeps the link, as with /dev/stdout when
// standard output is a file.
func TestOutputThroughSymlink(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales, "real.csv": "old\n"})
	want := joinedRows(t, dir)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("real.csv", link); err != nil {
		t.Fatal(err)
	}
	code, errs, entries := joinTo(t, dir, link)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "real.csv")); string(b) != want {
		t.Errorf("real.csv holds %q, want %q", b, want)
	}
	if len(entries) != 1 || entries[0].Path != filepath.Join(dir, "real.csv") {
		t.Errorf("manifest %+v, want the file the link names", entries)
	}
}

// TestOutputRefusedKinds checks that a socket is refused before anything
// is written (a directory: TestOutputIsDirectory).
func TestOutputRefusedKinds(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales})
	sock := filepath.Join(dir, "sock")
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: sock}); err != nil {
		t.Skipf("bind: %v", err)
	}
	code, errs, _ := joinTo(t, dir, sock)
	if want := "custkit: -o " + sock + " is a socket, which custkit cannot write to; give a file, a FIFO or - (standard output)\n"; code != cmdutil.ExitUsage || errs != want {
		t.Errorf("exit %d, %q; want 2 and %q", code, errs, want)
	}
	if st, err := os.Lstat(sock); err != nil || st.Mode()&os.ModeSocket == 0 {
		t.Errorf("the socket was replaced: %v", err)
	}
}

// TestOutputIsStandardInput checks that -o naming the file standard input
// is redirected from is refused before anything is written, when standard
// input is an input.
func TestOutputIsStandardInput(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales})
	c := filepath.Join(dir, "c.csv")
	for _, args := range [][]string{
		{"join", "--customers", "-", "--sales", filepath.Join(dir, "s.csv"), "-o", c},
		{"join", "--customers", "-", "--sales", filepath.Join(dir, "s.csv"), "-o", filepath.Join(dir, "out.csv"), "--unmatched", c},
	} {
		f, err := os.Open(c)
		if err != nil {
			t.Fatal(err)
		}
		s, out, errb := cmdutil.BufferStreams("")
		s.In = f
		withStateHome(t, s)
		code := run(args, s)
		f.Close()
		flag := args[len(args)-2]
		if want := "custkit: " + flag + " " + c + " is also an input: standard input is read from it; write to another file\n"; code != cmdutil.ExitUsage || errb.String() != want || out.Len() != 0 {
			t.Errorf("%v: exit %d, %q; want 2 and %q", args, code, errb, want)
		}
		if b, _ := os.ReadFile(c); string(b) != testCustomers {
			t.Errorf("%v: c.csv changed: %q", args, b)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(left) != 0 {
			t.Errorf("temporary files left: %v", left)
		}
	}
}

// TestOutputLinkedToInput checks that -o onto a hard link or a symlink to
// a named input is refused and the input left as it was.
func TestOutputLinkedToInput(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales})
	hard, soft := filepath.Join(dir, "hard.csv"), filepath.Join(dir, "soft.csv")
	if err := os.Link(filepath.Join(dir, "s.csv"), hard); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("c.csv", soft); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{hard, soft} {
		code, errs, entries := joinTo(t, dir, p)
		if want := "custkit: -o " + p + " is also an input; write to another file\n"; code != cmdutil.ExitUsage || errs != want || len(entries) != 0 {
			t.Errorf("-o %s: exit %d, %q, %+v; want 2 and %q", p, code, errs, entries, want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "c.csv")); string(b) != testCustomers {
		t.Errorf("c.csv changed: %q", b)
	}
	if b, _ := os.ReadFile(hard); string(b) != testSales {
		t.Errorf("s.csv changed: %q", b)
	}
}

// TestOutputPathErrors checks that an -o that cannot be created names the
// path as given and the cause, never a temporary file.
func TestOutputPathErrors(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales, "file": "x"})
	for _, c := range []struct{ out, want string }{
		{filepath.Join(dir, "nodir", "x.csv"), "custkit: -o " + filepath.Join(dir, "nodir", "x.csv") + ": the directory " + filepath.Join(dir, "nodir") + " does not exist\n"},
		{filepath.Join(dir, "file", "x.csv"), "custkit: -o " + filepath.Join(dir, "file", "x.csv") + ": a part of the path before the file name is not a directory\n"},
	} {
		code, errs, _ := joinTo(t, dir, c.out)
		if code != 1 || !strings.HasPrefix(errs, c.want) || strings.Contains(errs, ".tmp-") {
			t.Errorf("-o %s: exit %d, %q; want 1 and %q", c.out, code, errs, c.want)
		}
	}
}

// TestOutputFIFOStalledReader checks that an interrupt ends a write that
// waits for a FIFO's reader to read, with the interrupt as its error.
func TestOutputFIFOStalledReader(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	opened := make(chan *os.File, 1)
	go func() {
		f, err := os.Open(fifo) // opens, never reads
		if err != nil {
			t.Error(err)
		}
		opened <- f
	}()
	s, _, _ := cmdutil.BufferStreams("")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	g := &cmdutil.Global{Cfg: &cmdutil.Settings{}}
	tg, err := (&cmdutil.Output{Path: fifo}).Open(ctx, s, g)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Abort()
	if r := <-opened; r != nil {
		defer r.Close()
	}
	if err := tg.WriteHeader([]string{"note"}); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(200*time.Millisecond, cancel)
	row := []string{strings.Repeat("x", 1000)}
	start := time.Now()
	for err == nil && time.Since(start) < 10*time.Second {
		err = tg.Write(row)
	}
	if err == nil {
		err = tg.Commit()
	}
	if !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Errorf("writing ended after %v with %v; want context.Canceled soon after 200ms", time.Since(start), err)
	}
}

// TestOutputDiskFull checks that -o onto a full file system is blamed on
// the disk and names the output, and that nothing is left there: a small
// tmpfs stands for the full disk (skipped where mounting is not allowed).
func TestOutputDiskFull(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("tmpfs is Linux's")
	}
	full := t.TempDir()
	if err := unix.Mount("tmpfs", full, "tmpfs", 0, "size=4k"); err != nil {
		t.Skipf("cannot mount a small tmpfs here: %v", err)
	}
	t.Cleanup(func() { unix.Unmount(full, 0) })
	var big strings.Builder
	big.WriteString(testSales)
	for i := 0; i < 400; i++ {
		big.WriteString("C1,R9,S1,1200\n")
	}
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales})
	if err := os.WriteFile(filepath.Join(dir, "s.csv"), []byte(big.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(full, "out.csv")
	code, errs, _ := joinTo(t, dir, out)
	if code != cmdutil.ExitFailure || !strings.Contains(errs, out) || !strings.Contains(errs, "no space left on device") || strings.Contains(errs, "s.csv") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 naming %s and the full disk, and no input line", code, errs, out)
	}
	if left, _ := os.ReadDir(full); len(left) != 0 {
		t.Errorf("left on the full disk: %v", left)
	}
}
