//go:build !unix

package outfile

// umask is the file mode creation mask; systems without one (Windows) keep
// only a read-only bit, which custkit never sets.
var umask uint32
