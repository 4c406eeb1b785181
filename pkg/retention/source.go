package retention

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"

	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/infile"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// source is a data file being read, hashed as its bytes go by, so that the
// scan knows the exact version it planned for without a second read.
type source struct {
	*rows.Reader
	Binding *schema.Binding
	path    string
	f       *infile.File
	r       io.Reader // f, or f as ScanOptions.Watch follows it
	done    func()
	h       hash.Hash
	n       int64
	// plain is the decrypted stream of an encrypted file, nil for a
	// plain one; the rows are read from it while the file's own bytes
	// (the ciphertext) are hashed and counted.
	plain io.ReadCloser
}

// open opens path, detects its encoding and binds its header to kind.
// doing says what the read is for, to ScanOptions.Watch. A directory, a
// socket or a device is refused before it is opened, and a pipe (a legal
// hold from <(...)) is read only until ctx is cancelled.
func (st *state) open(ctx context.Context, path string, kind schema.Kind, doing string) (*source, error) {
	f, err := infile.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	s := &source{path: path, f: f, r: f, done: func() {}, h: sha256.New()}
	if st.opts.Watch != nil {
		if info, err := f.Stat(); err == nil {
			s.r, s.done = st.opts.Watch(doing, path, info.Size(), f)
		}
	}
	ropts := rows.Options{Name: path, IsHeader: func(h []string) bool {
		return kind.MapsRequired(h, st.opts.Aliases[kind.Name])
	}}
	if st.opts.EncodingOf != nil {
		ropts.Encoding = st.opts.EncodingOf(kind.Name, path)
	}
	if st.opts.HeaderRow != nil {
		ropts.HeaderRow = st.opts.HeaderRow(kind.Name, path)
	}
	var text io.Reader = s
	br := bufio.NewReader(s)
	if agefile.Is(path, agefile.Peek(br)) {
		if st.opts.Decrypt == nil {
			s.Close()
			return nil, fmt.Errorf("%s is encrypted (age), and this purge cannot decrypt it; give --identity <file>", path)
		}
		if s.plain, err = st.opts.Decrypt(path, br); err != nil {
			s.Close()
			return nil, err
		}
		text = s.plain
	} else {
		text = br
	}
	s.Reader, err = rows.NewReader(text, ropts)
	if err == nil {
		s.Binding, err = kind.Bind(s.Header(), st.opts.Aliases[kind.Name])
		if err != nil {
			err = &rows.Error{File: path, Line: s.HeaderLine(), Err: err}
		} else {
			s.Binding.ExcelSerial, s.Binding.Line = st.opts.ExcelSerial, s.HeaderLine()
			// A receipt's lines in one block, for a layout whose void
			// flag is on its first line only (record.VoidLines).
			s.KeepTogether(s.Binding.KeepTogether())
		}
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Read hashes and counts the bytes read from the file.
func (s *source) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.h.Write(p[:n])
	s.n += int64(n)
	return n, err
}

// finish hashes what the reader left unread (nothing, after the last row),
// closes the file and returns its SHA-256 and size, and its size and time
// as they were when it was read to the end.
func (s *source) finish() (string, int64, os.FileInfo, error) {
	defer s.Close()
	if s.plain != nil {
		// The end of the plain text is where age authenticates a file
		// cut off at a chunk's end: a damaged file fails here, before
		// its new version is committed. Once it has ended, the
		// decryption has stopped reading the file.
		if _, err := io.Copy(io.Discard, s.plain); err != nil {
			return "", 0, nil, fmt.Errorf("%s: %w", s.path, err)
		}
	}
	if _, err := io.Copy(io.Discard, s); err != nil {
		return "", 0, nil, err
	}
	info, err := s.f.Stat()
	if err != nil {
		return "", 0, nil, err
	}
	return hex.EncodeToString(s.h.Sum(nil)), s.n, info, nil
}

// Close closes the file without hashing the rest, for failed reads, and
// ends its watch. It may be called more than once.
func (s *source) Close() {
	if s.plain != nil {
		s.plain.Close()
	}
	s.done()
	s.done = func() {}
	s.f.Close()
}

// ErrChanged is wrapped by the error for a data file that changed between
// the scan and the rewrite: the purge stops before replacing anything.
var ErrChanged = errors.New("changed since the purge read it")

// changedError names the file that changed.
func changedError(path string) error {
	return fmt.Errorf("%s: %w; nothing was replaced (run purge again when nothing else writes the file)", path, ErrChanged)
}
