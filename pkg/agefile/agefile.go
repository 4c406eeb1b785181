// Package agefile reads and writes files encrypted in the age format
// (filippo.io/age), so that they also open with the age tool: which files
// are encrypted ([Is], by name or by their first bytes), the identities
// that decrypt them ([LoadIdentities]: an identity file that only its
// owner may read, passphrase-protected or not), the recipients they are
// encrypted to ([ParseRecipients], [ReadRecipients]), a decrypting reader
// that works on its own goroutine ([Keyring.Decrypt]) and an encrypting
// writer ([Encrypt]). It knows nothing of the command line: a passphrase
// is asked for through the function the caller gives.
package agefile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
)

// Header is how every age file begins.
const Header = "age-encryption.org/v1"

// Ext is the file name extension of an encrypted file.
const Ext = ".age"

// Named reports whether name is the name of an encrypted file.
func Named(name string) bool { return strings.HasSuffix(strings.ToLower(name), Ext) }

// Is reports whether a file of name whose first bytes are head is
// encrypted: its name ends in .age, or it begins with the age header.
func Is(name string, head []byte) bool {
	return Named(name) || bytes.HasPrefix(head, []byte(Header))
}

// Peek reads from br, without consuming them, the bytes that tell an age
// file (see Is).
func Peek(br *bufio.Reader) []byte {
	head, _ := br.Peek(len(Header))
	return head
}

// FileIs reports whether the file at path is encrypted, by its name or its
// first bytes; a file that cannot be read is not (its open says why).
func FileIs(path string) bool {
	if Named(path) {
		return true
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(Header))
	n, _ := io.ReadFull(f, head)
	return Is(path, head[:n])
}

// A Keyring is the identities of one identity file, each with the
// recipient it decrypts for.
type Keyring struct {
	// Path is the identity file.
	Path       string
	identities []age.Identity
	recipients []string // of identities, in order
}

// Recipients are the recipients (public keys) of the keyring's
// identities, as age writes them (age1...).
func (k *Keyring) Recipients() []string { return k.recipients }

// LoadIdentities reads the identity file at path. A file that its group
// or others may read is refused: a key anyone can copy protects nothing.
// A passphrase-protected file (itself an age file, as age-keygen | age -p
// makes) is decrypted with the passphrase that passphrase returns; nil
// passphrase (no terminal to ask on) is an error that says so.
func LoadIdentities(path string, passphrase func(prompt string) ([]byte, error)) (*Keyring, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("identity file %s: %v", path, cause(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("identity file %s is not a regular file", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("identity file %s can be read by others (mode %04o); make it yours alone: chmod 600 %s", path, perm, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("identity file %s: %v", path, cause(err))
	}
	if bytes.HasPrefix(data, []byte(Header)) {
		if data, err = unlock(path, data, passphrase); err != nil {
			return nil, err
		}
	}
	ids, err := age.ParseIdentities(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("identity file %s holds no age identity (%v); make one with age-keygen -o %s", path, err, path)
	}
	k := &Keyring{Path: path}
	for _, id := range ids {
		var r string
		switch x := id.(type) {
		case *age.X25519Identity:
			r = x.Recipient().String()
		case *age.HybridIdentity:
			r = x.Recipient().String()
		}
		k.identities = append(k.identities, id)
		k.recipients = append(k.recipients, r)
	}
	return k, nil
}

// unlock decrypts a passphrase-protected identity file.
func unlock(path string, data []byte, passphrase func(string) ([]byte, error)) ([]byte, error) {
	if passphrase == nil {
		return nil, fmt.Errorf("identity file %s is protected by a passphrase, and there is no terminal to ask for it on; use an identity file without a passphrase for runs from a pipe or cron", path)
	}
	pass, err := passphrase("passphrase for " + path + ": ")
	if err != nil {
		return nil, fmt.Errorf("identity file %s: reading the passphrase: %v", path, err)
	}
	id, err := age.NewScryptIdentity(string(pass))
	if err != nil {
		return nil, fmt.Errorf("identity file %s: %v", path, err)
	}
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err == nil {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return nil, fmt.Errorf("identity file %s: wrong passphrase, or the file is damaged", path)
	}
	return data, nil
}

// matched wraps an identity to record whether it unwrapped the file key.
type matched struct {
	age.Identity
	hit *int
	i   int
}

func (m matched) Unwrap(s []*age.Stanza) ([]byte, error) {
	key, err := m.Identity.Unwrap(s)
	if err == nil {
		*m.hit = m.i
	}
	return key, err
}

// Decrypt returns the plain bytes of the age file read from src, named
// name in errors, and the recipient of the identity that opened it. The
// header is read and checked at once; the body is decrypted on its own
// goroutine, ahead of the reader. age authenticates the body per 64 KiB
// chunk and a cut-off file only at its end: the reader's last Read then
// fails, and a caller must not have acted on what it read before (see
// docs/privacy.md).
func (k *Keyring) Decrypt(name string, src io.Reader) (io.ReadCloser, string, error) {
	if k == nil || len(k.identities) == 0 {
		return nil, "", fmt.Errorf("%s is encrypted (age) and no identity was given; give --identity <file>, CUSTKIT_IDENTITY, or access: {identity: <file>} in the config file", name)
	}
	hit := -1
	ids := make([]age.Identity, len(k.identities))
	for i, id := range k.identities {
		ids[i] = matched{Identity: id, hit: &hit, i: i}
	}
	r, err := decryptPayload(src, ids)
	var nm *age.NoIdentityMatchError
	switch {
	case errors.As(err, &nm):
		return nil, "", fmt.Errorf("%s is not encrypted to the identity in %s; ask whoever encrypted it to add your recipient (custkit rekey)", name, k.Path)
	case err != nil:
		return nil, "", fmt.Errorf("%s is not a readable age file (%v): it is damaged or was cut off; restore it from a backup", name, err)
	}
	who := ""
	if hit >= 0 {
		who = k.recipients[hit]
	}
	return ahead(r), who, nil
}

// ahead reads r on its own goroutine into a pipe, so that decryption
// overlaps the parsing of what was decrypted; a failure of the body is
// reported as damage (the reader of the rows names the file). Closing the
// reader ends the goroutine and waits for it, so that nothing reads r (and
// what r reads from, such as the access log's hash of the file) once
// Close has returned.
func ahead(r io.Reader) io.ReadCloser {
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 256<<10)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				if _, werr := pw.Write(buf[:n]); werr != nil {
					return // the reader closed the pipe
				}
			}
			if err == io.EOF {
				pw.Close()
				return
			}
			if err != nil {
				pw.CloseWithError(fmt.Errorf("the encrypted data is damaged or was cut off (%v); nothing was written; restore the file from a backup", err))
				return
			}
		}
	}()
	return &aheadReader{PipeReader: pr, done: done}
}

// aheadReader is the reading end of ahead's pipe.
type aheadReader struct {
	*io.PipeReader
	done chan struct{}
}

// Close closes the pipe, which ends the goroutine's next write, and waits
// for the goroutine to end.
func (a *aheadReader) Close() error {
	err := a.PipeReader.Close()
	<-a.done
	return err
}

// ParseRecipients parses recipient strings (age1...). what names where they
// came from, for the error.
func ParseRecipients(list []string, what string) ([]age.Recipient, error) {
	var out []age.Recipient
	for _, s := range list {
		s = strings.TrimSpace(s)
		rs, err := age.ParseRecipients(strings.NewReader(s))
		if err != nil || len(rs) != 1 {
			return nil, fmt.Errorf("%s: %q is not an age recipient (a public key such as age1...; age-keygen -y <identity file> prints one)", what, short(s))
		}
		out = append(out, rs...)
	}
	return out, nil
}

// ReadRecipients reads a recipients file: one recipient a line, blank
// lines and # comments ignored.
func ReadRecipients(path string) ([]age.Recipient, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("recipients file %s: %v", path, cause(err))
	}
	var list []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			list = append(list, line)
		}
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("recipients file %s names no recipient", path)
	}
	return ParseRecipients(list, "recipients file "+path)
}

// Encrypt returns a writer that encrypts to recipients what is written to
// it and writes the ciphertext to dst; Close writes the last chunk and
// must be called before dst is finished.
func Encrypt(dst io.Writer, recipients []age.Recipient) (io.WriteCloser, error) {
	if len(recipients) == 0 {
		return nil, errors.New("no recipient to encrypt to; set access: {recipients: [age1...]} in the config file")
	}
	return age.Encrypt(dst, recipients...)
}

// short is s cut to a length fit for an error line; a secret key is never
// repeated.
func short(s string) string {
	if strings.HasPrefix(strings.ToUpper(s), "AGE-SECRET-KEY") {
		return "AGE-SECRET-KEY-…"
	}
	if len(s) > 24 {
		return s[:24] + "…"
	}
	return s
}

// cause is err without the operation and path of an *os.PathError.
func cause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
