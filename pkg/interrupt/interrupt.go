// Package interrupt is how a custkit run answers SIGINT (Ctrl-C) and
// SIGTERM: the first cancels the run's context, so that the command stops
// reading and writing, removes its temporary files and exits 1; a second
// one, for a run whose cleanup does not end, ends the process at once.
package interrupt

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Context returns the run's context, which the first SIGINT or SIGTERM
// cancels. A second one prints "custkit: interrupted" on w and calls exit
// with the status a shell reports for a process the signal killed (see
// [Status]); temporary files (an -o file's .tmp) may be left then. stop
// restores the signals' default behaviour.
func Context(w io.Writer, exit func(int)) (ctx context.Context, stop func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go watch(sigs, done, cancel, w, exit)
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}

// watch cancels the run at the first signal from sigs and calls exit at
// the second, until done is closed.
func watch(sigs <-chan os.Signal, done <-chan struct{}, cancel func(), w io.Writer, exit func(int)) {
	select {
	case <-sigs:
		cancel()
	case <-done:
		return
	}
	select {
	case sig := <-sigs:
		fmt.Fprintln(w, "custkit: interrupted")
		exit(Status(sig))
	case <-done:
	}
}

// Status is the exit status of a process ended by sig: 128 plus the
// signal's number (130 for SIGINT, 143 for SIGTERM), as shells report it.
func Status(sig os.Signal) int {
	if n, ok := sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 128 + int(syscall.SIGINT)
}
