package retention

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"

	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/replace"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
)

// The temporary files beside a file (see replace.TempName): the new
// version before it is renamed into place, and a second name for the old
// version, kept until it is shredded.
const (
	newSuffix = ".purge-new"
	oldSuffix = ".purge-old"
)

// writer writes the new version of one data file as a temporary file
// beside it. Rows keep the file's encoding, delimiter and line ends, so
// that the shop's other tools read the new file as they read the old one;
// fields are quoted only where they need it.
type writer struct {
	path, tmp string
	token     func(customer int) []byte
	f         *os.File
	h         hash.Hash
	sealed    io.WriteCloser // the encryption of an encrypted file's new version, nil for a plain one
	out       output.Writer
	enc       sink.Encoder
	idCol     int
	keep      []bool      // the columns an anonymised customer keeps
	personal  []bool      // the personal columns besides the id, other ids too, which a pseudonymised row empties
	read      os.FileInfo // the old version as read to the end
}

func newWriter(path string, token func(int) []byte) *writer {
	return &writer{path: path, tmp: replace.TempName(path, newSuffix), token: token}
}

// start creates the temporary file, with the old file's mode (and owner,
// where the system allows), and writes src's header to it. The new
// version of an encrypted file is encrypted through seal as it is
// written: the temporary file only ever holds ciphertext.
func (w *writer) start(src *source, aliases map[string]schema.Aliases, seal func(io.Writer) (io.WriteCloser, error)) error {
	st, err := os.Stat(w.path)
	if err != nil {
		return err
	}
	w.f, err = os.OpenFile(w.tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := w.f.Chmod(st.Mode().Perm()); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("%s: %w", w.tmp, err)
	}
	keepOwner(w.f, st)
	w.h = sha256.New()
	format := output.CSV
	if src.Comma() == '\t' {
		format = output.TSV
	}
	var dst io.Writer = io.MultiWriter(w.f, w.h)
	if src.plain != nil {
		if seal == nil {
			return fmt.Errorf("%s is encrypted, and there is no recipient to encrypt its new version to; nothing was changed", w.path)
		}
		if w.sealed, err = seal(dst); err != nil {
			return fmt.Errorf("%s: %w", w.path, err)
		}
		dst = w.sealed
	}
	w.out, err = output.New(dst, output.Options{Format: format, Encoding: src.Encoding(), CRLF: src.CRLF(), CR: src.CR()})
	if err != nil {
		return fmt.Errorf("%s: %w", w.path, err)
	}
	w.enc = w.out.(sink.Encoder)
	w.idCol = src.Binding.Col(schema.CustomerID)
	w.keep = anonymousColumns(src.Binding)
	w.personal = make([]bool, len(src.Header()))
	for i, f := range schema.PersonalColumns(src.Header(), aliases, nil) {
		w.personal[i] = f != "" && i != w.idCol
	}
	// Another column that holds a customer id (Smaregi's 会員ID, the
	// register's own number beside the 会員コード the file is keyed on)
	// names the customer as the key does: a pseudonymised row empties it.
	for _, c := range src.Binding.OtherIDColumns(aliases[src.Binding.Kind.Name]) {
		w.personal[c] = true
	}
	// A title row above the header is the shop's, not a customer's: it
	// stays. (Empty rows and repeats of the header hold nothing and are
	// not written back.)
	var above []byte
	for _, row := range src.Above() {
		cells := make([][]byte, len(row))
		for i, c := range row {
			cells[i] = []byte(c)
		}
		above = w.enc.AppendRowEnd(w.enc.AppendCells(above, cells, 0))
	}
	if len(above) > 0 {
		if err := w.enc.WriteEncoded(above); err != nil {
			return err
		}
	}
	return w.out.WriteHeader(src.Header())
}

// appendRow encodes one row that stays, changed as its fate says. It is
// safe for concurrent use.
func (w *writer) appendRow(dst []byte, fields [][]byte, fate Fate, customer int) []byte {
	switch fate {
	case Pseudonymised:
		// The line stays as bookkeeping, but nothing in it names the
		// customer: the id becomes the token, and the personal columns
		// some registers copy into every line (Airレジ's 顧客名) are emptied.
		for i, f := range fields {
			switch {
			case i == w.idCol:
				f = w.token(customer)
			case w.personal[i]:
				f = nil
			}
			dst = w.enc.AppendCells(dst, [][]byte{f}, i)
		}
	case Anonymised:
		for i, f := range fields {
			switch {
			case i == w.idCol:
				f = w.token(customer)
			case !w.keep[i]:
				f = nil
			}
			dst = w.enc.AppendCells(dst, [][]byte{f}, i)
		}
	default:
		dst = w.enc.AppendCells(dst, fields, 0)
	}
	return w.enc.AppendRowEnd(dst)
}

func (w *writer) write(p []byte) error { return w.enc.WriteEncoded(p) }

// commit flushes and syncs the temporary file and returns its SHA-256.
func (w *writer) commit() (string, error) {
	if err := w.out.Close(); err != nil {
		return "", fmt.Errorf("%s: %w", w.tmp, err)
	}
	if w.sealed != nil {
		if err := w.sealed.Close(); err != nil {
			return "", fmt.Errorf("%s: %w", w.tmp, err)
		}
	}
	if err := w.f.Sync(); err != nil {
		return "", fmt.Errorf("%s: %w", w.tmp, err)
	}
	if err := w.f.Close(); err != nil {
		return "", fmt.Errorf("%s: %w", w.tmp, err)
	}
	w.f = nil
	return hex.EncodeToString(w.h.Sum(nil)), nil
}

// close closes the temporary file after a failure; the caller destroys it.
func (w *writer) close() {
	if w.f != nil {
		w.f.Close()
		w.f = nil
	}
}
