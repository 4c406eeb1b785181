package agefile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/atomicfile"
)

// WriteEncrypted writes what src reads, encrypted to recipients, to dst,
// atomically and with mode 0600: only ciphertext reaches the disk, and dst
// appears only whole. An existing dst is refused: it may be the only copy
// of other data.
func WriteEncrypted(dst string, src io.Reader, recipients []age.Recipient) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s exists already; move it away, or decrypt it first", dst)
	}
	f, err := atomicfile.Create(dst, 0o600)
	if err != nil {
		return err
	}
	defer f.Abort()
	w, err := Encrypt(f, recipients)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, src); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return f.Commit()
}

// WriteDecrypted decrypts the age file src reads (named name) with k into
// dst, atomically and with mode 0600; allow, given the recipient that
// opened it, may refuse before anything is written; track, when not nil,
// is given the SHA-256 of the plain contents once they are all written,
// before dst becomes visible (the export manifest records it), and may
// refuse too. A damaged or cut-off file leaves no dst. It returns the
// recipient that opened src.
func (k *Keyring) WriteDecrypted(dst, name string, src io.Reader, allow func(recipient string) error, track func(sha256 string) error) (string, error) {
	plain, who, err := k.Decrypt(name, src)
	if err != nil {
		return "", err
	}
	defer plain.Close()
	if err := allow(who); err != nil {
		return who, err
	}
	f, err := atomicfile.Create(dst, 0o600)
	if err != nil {
		return who, err
	}
	defer f.Abort()
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(f, h), plain); err != nil {
		return who, fmt.Errorf("%s: %v", name, err)
	}
	if track != nil {
		if err := track(hex.EncodeToString(h.Sum(nil))); err != nil {
			return who, err
		}
	}
	return who, f.Commit()
}
