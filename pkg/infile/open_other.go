//go:build !unix

package infile

import (
	"context"
	"os"
)

func openFile(path string) (*os.File, error) { return os.Open(path) }

// openPipe opens a named pipe, on systems where opening one does not wait
// for a writer.
func openPipe(_ context.Context, path string) (*os.File, error) { return os.Open(path) }

func blocking(*os.File) error { return nil }
