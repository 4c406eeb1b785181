package cmdutil

import "context"

// Base is what the options of every command begin with, embedded: the
// run's streams and its global options (the flags every command has, the
// config, the access log). A command's options add only what is its own:
// the flag groups it registers (Inputs, Output, Window …) and its own
// flags.
type Base struct {
	Streams *Streams
	Global  *Global
}

// Files opens the run's inputs through in (see RunFiles).
func (b Base) Files(ctx context.Context, in *Inputs) *RunFiles {
	return OpenFiles(ctx, b.Streams, b.Global, in)
}
