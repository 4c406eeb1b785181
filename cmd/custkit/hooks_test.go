package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/interrupt"
	"github.com/rogpeppe/go-internal/testscript"
)

// The commands below exist in the test binary only. They run custkit with
// the hook that purge calls after each step that changes a file, or with a
// clock fixed on a day, which the shipped binary never sets (no flag or
// variable reaches them).

// atDate runs "custkit-at DATE PROGRAM args...": PROGRAM (custkit,
// custkit-crash-after or custkit-pause-after) on a clock that says it is
// noon on DATE, so that a purge can run "today" on a fixed day.
func atDate(args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: custkit-at YYYY-MM-DD PROGRAM args...")
		return 2
	}
	day, err := time.ParseInLocation("2006-01-02", args[0], time.Local)
	if err != nil {
		fmt.Fprintf(os.Stderr, "custkit-at: %v\n", err)
		return 2
	}
	now := func() time.Time { return day.Add(12 * time.Hour) }
	switch args[1] {
	case "custkit":
		return runAt(args[2:], fakeTerminal(cmdutil.SystemStreams()), nil, now)
	case "custkit-crash-after":
		return crashAfter(args[2:], now)
	case "custkit-pause-after":
		return pauseAfter(args[2:], now)
	}
	fmt.Fprintf(os.Stderr, "custkit-at: unknown program %q\n", args[1])
	return 2
}

// crashedStatus is the exit status of a run stopped by crashAfter, as a
// shell reports a process killed by SIGKILL.
const crashedStatus = 137

// crashAfter runs "custkit-crash-after N custkit-args...": custkit, stopped
// dead after its Nth file step, as kill -9 would stop it: no deferred
// cleanup runs. A run with fewer steps finishes normally.
func crashAfter(args []string, now func() time.Time) int {
	n, rest, err := hookArgs(args, 1)
	if err != nil {
		fmt.Fprintln(os.Stderr, "usage: custkit-crash-after N custkit-args...")
		return 2
	}
	count := 0
	return runAt(rest, cmdutil.SystemStreams(), func(op string) {
		if count++; count == n {
			fmt.Fprintf(os.Stderr, "custkit-crash-after: stopped after step %d: %s\n", n, op)
			os.Exit(crashedStatus)
		}
	}, now)
}

// pauseAfter runs "custkit-pause-after N FILE custkit-args...": custkit,
// which after its Nth file step creates FILE and waits until FILE.go
// exists, so that a script can act while a purge holds its lock.
func pauseAfter(args []string, now func() time.Time) int {
	n, rest, err := hookArgs(args, 2)
	if err != nil {
		fmt.Fprintln(os.Stderr, "usage: custkit-pause-after N FILE custkit-args...")
		return 2
	}
	signal, rest := rest[0], rest[1:]
	count := 0
	return runAt(rest, cmdutil.SystemStreams(), func(string) {
		if count++; count != n {
			return
		}
		if err := os.WriteFile(signal, nil, 0o600); err != nil {
			panic(err)
		}
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(signal + ".go"); err == nil {
				return
			}
		}
		panic("custkit-pause-after: nobody created " + signal + ".go")
	}, now)
}

// hookArgs reads N and checks that at least min arguments precede the
// custkit arguments.
func hookArgs(args []string, min int) (int, []string, error) {
	if len(args) < min {
		return 0, nil, errors.New("too few arguments")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 1 {
		return 0, nil, errors.New("N must be a positive number")
	}
	return n, args[1:], nil
}

// cmdExitCode runs a program and checks its exit status, keeping its
// output for stdout and stderr: exitcode 3 custkit purge ...
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N program args...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else {
		ts.Check(err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdWaitFile waits up to a minute for a file to appear: waitfile paused
func cmdWaitFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile file")
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
			return
		}
	}
	ts.Fatalf("%s did not appear within a minute", args[0])
}

// stuck runs "custkit-stuck": a run under custkit's signal handling whose
// cleanup, after the first interrupt, never ends. It prints "ready" on
// standard output once the handler is in place and "cleaning up" on
// standard error when the first signal arrives; only a second one can
// end it.
func stuck() int {
	ctx, stop := interrupt.Context(os.Stderr, os.Exit)
	defer stop()
	fmt.Println("ready")
	<-ctx.Done()
	fmt.Fprintln(os.Stderr, "cleaning up")
	time.Sleep(time.Minute)
	return 0
}

// fakeTerminal makes standard output a terminal CUSTKIT_TEST_TTY_WIDTH
// columns wide, when that is set: the scripts draw tables as a terminal of
// that width would show them (COLUMNS, which a user may set, is read by
// cmdutil.SystemStreams as the real program reads it). Only the test binary reads
// the variable.
func fakeTerminal(s *cmdutil.Streams) *cmdutil.Streams {
	if n, err := strconv.Atoi(os.Getenv("CUSTKIT_TEST_TTY_WIDTH")); err == nil && n > 0 {
		s.StdoutTTY, s.Width = true, n
	}
	return s
}
