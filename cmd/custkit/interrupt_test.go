//go:build unix

package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
)

// These tests run the real binary (the test binary acting as custkit, see
// TestMain) on inputs that make a read wait: a FIFO with no writer, a
// pipe whose producer never writes. A signal must end the run promptly.

// ends is how long a signalled run may take to end on a loaded machine.
const ends = 5 * time.Second

// started is a custkit process under test and its standard error.
type started struct {
	cmd    *exec.Cmd
	stderr syncBuffer
	done   chan error
}

// syncBuffer is a buffer that the test reads while the process writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startCustkit starts command (custkit, or a test binary's own command)
// in dir.
func startCustkit(t *testing.T, dir string, stdin *os.File, command string, args ...string) *started {
	t.Helper()
	p := &started{cmd: exec.Command(command, args...), done: make(chan error, 1)}
	p.cmd.Dir = dir
	p.cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, ".state"), "XDG_CONFIG_HOME="+filepath.Join(dir, ".config"), noRaceExitSleep)
	p.cmd.Stderr = &p.stderr
	if stdin != nil {
		p.cmd.Stdin = stdin
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// working waits until the process has begun its run: it holds a file of
// dir open, or one of its threads waits in the open of a FIFO with no
// writer (/proc/PID). custkit sets its signal handling before it opens any
// input, so a signal sent then is its to handle; the Go runtime catches
// SIGTERM from the start and, before that, dies of it, and on a loaded
// machine the start may take longer than any fixed sleep.
func (p *started) working(t *testing.T, dir string) {
	t.Helper()
	proc := fmt.Sprintf("/proc/%d", p.cmd.Process.Pid)
	if _, err := os.Stat(proc); err != nil {
		t.Skipf("cannot tell when the process has begun: %v", err)
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		fds, _ := filepath.Glob(proc + "/fd/*")
		for _, fd := range fds {
			if target, err := os.Readlink(fd); err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
				return
			}
		}
		chans, _ := filepath.Glob(proc + "/task/*/wchan")
		for _, c := range chans {
			if b, err := os.ReadFile(c); err == nil && string(b) == "wait_for_partner" {
				return
			}
		}
	}
	t.Fatal("the process did not begin its run within a minute")
}

// wait waits for the process to end and returns its exit status; the test
// fails if it does not end within ends.
func (p *started) wait(t *testing.T, what string) int {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err // for the cleanup
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return 0
	case <-time.After(ends):
		t.Fatalf("%s: still running %v after the signal; stderr: %s", what, ends, p.stderr.String())
		return -1
	}
}

// fifoShop writes the examples' customers into a new directory, with a FIFO
// named sales.csv beside them.
func fifoShop(t *testing.T) (dir, fifo string) {
	t.Helper()
	dir = t.TempDir()
	cust, err := os.ReadFile("../../examples/customers.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "customers.csv"), cust, 0o600); err != nil {
		t.Fatal(err)
	}
	fifo = filepath.Join(dir, "sales.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return dir, fifo
}

// noOutput fails the test if dir holds anything but the inputs (and the
// state directory): no -o file, no temporary file.
func noOutput(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case "customers.csv", "sales.csv", ".state", ".config":
		default:
			t.Errorf("%s left in the shop folder", e.Name())
		}
	}
}

// TestSignalDuringFIFOOpen: --sales names a FIFO that nobody writes, so
// opening it waits; SIGTERM or SIGINT ends the run at once, exit 1, with
// the interrupt's message and no output file.
func TestSignalDuringFIFOOpen(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir, _ := fifoShop(t)
			p := startCustkit(t, dir, nil, "custkit", "join", "--customers", "customers.csv", "--sales", "sales.csv", "-o", "out.csv")
			p.working(t, dir)
			time.Sleep(200 * time.Millisecond)
			if err := p.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if code := p.wait(t, "join on a FIFO without a writer"); code != cmdutil.ExitFailure {
				t.Errorf("exit status %d, want %d; stderr: %s", code, cmdutil.ExitFailure, p.stderr.String())
			}
			if got, want := p.stderr.String(), "custkit: interrupted; no output file was written\n"; got != want {
				t.Errorf("stderr %q, want %q", got, want)
			}
			noOutput(t, dir)
		})
	}
}

// TestSignalDuringPipeRead: the FIFO's writer sends the header and then
// nothing, and standard input is a pipe whose producer never writes: the
// reads wait, and SIGTERM ends them.
func TestSignalDuringPipeRead(t *testing.T) {
	t.Run("fifo", func(t *testing.T) {
		dir, fifo := fifoShop(t)
		p := startCustkit(t, dir, nil, "custkit", "join", "--customers", "customers.csv", "--sales", "sales.csv", "-o", "out.csv")
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // waits for custkit to open it
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		if _, err := w.WriteString("receipt_id,customer_id,sold_at,amount\n"); err != nil {
			t.Fatal(err)
		}
		p.working(t, dir)
		time.Sleep(200 * time.Millisecond)
		p.cmd.Process.Signal(syscall.SIGTERM)
		if code := p.wait(t, "join on a stalled FIFO"); code != cmdutil.ExitFailure {
			t.Errorf("exit status %d, want %d; stderr: %s", code, cmdutil.ExitFailure, p.stderr.String())
		}
		noOutput(t, dir)
	})
	t.Run("stdin", func(t *testing.T) {
		dir, _ := fifoShop(t)
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		p := startCustkit(t, dir, r, "custkit", "join", "--customers", "customers.csv", "--sales", "-", "-o", "out.csv")
		r.Close()
		p.working(t, dir)
		time.Sleep(200 * time.Millisecond)
		p.cmd.Process.Signal(syscall.SIGTERM)
		if code := p.wait(t, "join on a silent standard input"); code != cmdutil.ExitFailure {
			t.Errorf("exit status %d, want %d; stderr: %s", code, cmdutil.ExitFailure, p.stderr.String())
		}
		noOutput(t, dir)
	})
}

// TestFIFOInput: a FIFO with a writer is read like the file it carries.
func TestFIFOInput(t *testing.T) {
	sales, err := os.ReadFile("../../examples/sales.csv")
	if err != nil {
		t.Fatal(err)
	}
	dir, fifo := fifoShop(t)
	ref := t.TempDir()
	for _, name := range []string{"customers.csv", "sales.csv"} {
		src := filepath.Join("../../examples", name)
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ref, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want := startCustkit(t, ref, nil, "custkit", "join", "--customers", "customers.csv", "--sales", "sales.csv", "-o", "out.csv")
	if code := want.wait(t, "join on a file"); code != 0 {
		t.Fatalf("join on a file: exit %d: %s", code, want.stderr.String())
	}
	p := startCustkit(t, dir, nil, "custkit", "join", "--customers", "customers.csv", "--sales", "sales.csv", "-o", "out.csv")
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(sales); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if code := p.wait(t, "join on a FIFO"); code != 0 {
		t.Fatalf("join on a FIFO: exit %d: %s", code, p.stderr.String())
	}
	got, err := os.ReadFile(filepath.Join(dir, "out.csv"))
	if err != nil {
		t.Fatal(err)
	}
	exp, err := os.ReadFile(filepath.Join(ref, "out.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, exp) {
		t.Errorf("join of a FIFO wrote %d bytes, of the file %d: they differ", len(got), len(exp))
	}
}

// TestSecondSignal: the first signal cancels the run, whose cleanup here
// never ends; the second ends the process at once with the status a shell
// gives a process the signal killed.
func TestSecondSignal(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			p := &started{cmd: exec.Command("custkit-stuck"), done: make(chan error, 1)}
			p.cmd.Env = append(os.Environ(), noRaceExitSleep)
			p.cmd.Stdout = w
			p.cmd.Stderr = &p.stderr
			if err := p.cmd.Start(); err != nil {
				t.Fatal(err)
			}
			w.Close()
			go func() { p.done <- p.cmd.Wait() }()
			t.Cleanup(func() {
				p.cmd.Process.Kill()
				<-p.done
			})
			if line, err := bufio.NewReader(r).ReadString('\n'); line != "ready\n" {
				t.Fatalf("custkit-stuck printed %q, %v", line, err)
			}
			p.cmd.Process.Signal(tt.sig)
			// The first signal only cancels: the process is still there.
			deadline := time.Now().Add(ends)
			for !strings.Contains(p.stderr.String(), "cleaning up") && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			select {
			case err := <-p.done:
				p.done <- err
				t.Fatalf("ended after the first signal: %v; stderr: %s", err, p.stderr.String())
			default:
			}
			p.cmd.Process.Signal(tt.sig)
			if code := p.wait(t, "a run stuck in its cleanup"); code != tt.code {
				t.Errorf("exit status %d, want %d", code, tt.code)
			}
			if got, want := p.stderr.String(), "cleaning up\ncustkit: interrupted\n"; got != want {
				t.Errorf("stderr %q, want %q", got, want)
			}
		})
	}
}
