package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
)

// base is what the options of every command begin with, embedded: the
// run's streams and its global options (the flags every command has, the
// config, the access log). A command's options add only what is its own:
// the flag groups it registers (inputFlags, outputFlags, windowFlags …)
// and its own flags.
type base struct {
	streams *cmdutil.Streams
	global  *globalOptions
}

// files opens the run's inputs through in (see runFiles).
func (b base) files(ctx context.Context, in *inputFlags) *runFiles {
	return openFiles(ctx, b.streams, b.global, in)
}
