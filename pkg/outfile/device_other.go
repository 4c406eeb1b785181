//go:build !unix

package outfile

import (
	"context"
	"os"
)

// openDevice opens the device at path for writing, without creating or
// truncating it. Systems other than Unix have no FIFOs in the file system,
// so the open does not wait for a reader.
func openDevice(_ context.Context, path string, _ os.FileInfo) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY, 0)
}
