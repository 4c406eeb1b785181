// Package keys holds a run's age keys and what custkit's access: settings
// make of them: the identity file, loaded once (Keys.Ring); the member of
// staff whose key opened an input (Keys.Opened), for the access log; the
// permission check of access.staff (Keys.May); and who outputs and
// rewritten files are encrypted to (Config.Seal, Reseal, PurgeSeal,
// Recipients).
package keys

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/usererr"
)

// Config is what the config says about a run's keys: its access:
// section (identity, recipients, staff and their permissions) and the
// config file it came from, which errors about those settings name.
type Config struct {
	Access config.Access
	File   string
}

// Keys are a run's age identity and what it decrypted: the identity file
// of --identity (Flag), else access.identity, loaded once when an
// encrypted input is opened or a permission is checked; the recipient of
// the identity that decrypted an input, for the access log's member of
// staff; and how many encrypted inputs were opened and read to their end
// (standard output is held until they all are).
type Keys struct {
	Flag      string // --identity, which CUSTKIT_IDENTITY fills
	ring      *agefile.Keyring
	err       error
	loaded    bool
	decrypted string       // the recipient that opened an input, "" if none did
	opened    atomic.Int32 // encrypted inputs opened
	read      atomic.Int32 // of those, read to their end
}

// Unread says whether an encrypted input is still to be read to its end,
// where age authenticates it whole: one that was opened and not read to
// the end, or fewer read to the end than named, the encrypted inputs
// named on the command line or in the config.
func (k *Keys) Unread(named int) bool {
	read := int(k.read.Load())
	return int(k.opened.Load()) > read || named > read
}

// Path is the identity file of the run: --identity, else
// access.identity; "" if none.
func (k *Keys) Path(c Config) string {
	if k.Flag != "" {
		return k.Flag
	}
	return c.Access.Identity
}

// Ring loads the run's identity file once, asking prompt for its
// passphrase (nil where no one could answer); nil and no error when none
// is named.
func (k *Keys) Ring(c Config, prompt func(string) ([]byte, error)) (*agefile.Keyring, error) {
	if k.loaded {
		return k.ring, k.err
	}
	k.loaded = true
	path := k.Path(c)
	if path == "" {
		return nil, nil
	}
	k.ring, k.err = agefile.LoadIdentities(path, prompt)
	return k.ring, k.err
}

// Decrypt is input.Options.Decrypt: the plain bytes of an encrypted
// input, opened with the run's identity; the member of staff whose key
// opened it goes to rec.
func (k *Keys) Decrypt(c Config, prompt func(string) ([]byte, error), rec *access.Record) func(string, io.Reader) (io.ReadCloser, error) {
	return func(name string, r io.Reader) (io.ReadCloser, error) {
		ring, err := k.Ring(c, prompt)
		if err != nil {
			return nil, err
		}
		plain, who, err := ring.Decrypt(name, r)
		if err != nil {
			return nil, err
		}
		k.Opened(c, rec, who)
		k.opened.Add(1)
		return &toEnd{ReadCloser: plain, read: &k.read}, nil
	}
}

// toEnd counts in read the input once it is read to its end: its last
// Read said io.EOF, which the decrypting reader says only once the file
// was authenticated whole.
type toEnd struct {
	io.ReadCloser
	read *atomic.Int32
	done bool
}

func (t *toEnd) Read(p []byte) (int, error) {
	n, err := t.ReadCloser.Read(p)
	if err == io.EOF && !t.done {
		t.done = true
		t.read.Add(1)
	}
	return n, err
}

// Opened keeps the recipient that opened the run's first encrypted input
// and names its member of staff in rec: the name access.staff gives it,
// else the recipient itself.
func (k *Keys) Opened(c Config, rec *access.Record, who string) {
	if k.decrypted != "" {
		return
	}
	k.decrypted = who
	name, _, ok := c.Access.Member([]string{who})
	if !ok {
		name = who
	}
	rec.SetStaff(name)
}

// May refuses what the run's identity is not allowed to do (perm, which
// flag names), when the config names the staff and the run has an
// identity; a run without either is not checked (the key, not this
// check, is the boundary). The member is the one whose identity
// decrypted an input, else the one of the identity file.
func (k *Keys) May(c Config, prompt func(string) ([]byte, error), perm, flag string) error {
	if len(c.Access.Staff) == 0 {
		return nil
	}
	recipients := []string{k.decrypted}
	if k.decrypted == "" {
		ring, err := k.Ring(c, prompt)
		if err != nil {
			return err
		}
		if ring == nil {
			return nil
		}
		recipients = ring.Recipients()
	}
	name, m, ok := c.Access.Member(recipients)
	if !ok {
		return fmt.Errorf("%s needs the %s permission, and the identity in %s is not named in access.staff of the config file", flag, perm, k.Path(c))
	}
	if !m.Allows(perm) {
		return fmt.Errorf("%s needs the %s permission, which access.staff.%s.may does not give %s", flag, perm, name, name)
	}
	return nil
}

// Err names the config file in an error about its settings.
func (c Config) Err(err error) error {
	if c.File == "" || strings.HasPrefix(err.Error(), c.File) {
		return err
	}
	return fmt.Errorf("%s: %v", c.File, err)
}

// recipients are the config's recipients (access.recipients and
// recipients_file).
func (c Config) recipients() ([]age.Recipient, error) {
	rs, err := c.Access.AllRecipients()
	if err != nil {
		return nil, c.Err(err)
	}
	return rs, nil
}

// hintRecipients is what to do when the config names no recipient.
const hintRecipients = "set access: {recipients: [age1...]} (or recipients_file:) in the config file"

// Seal is the outfile.Options.Seal of an -o path: encryption to the
// config's recipients when the path ends in .age or the config asks for
// every output encrypted; nil otherwise.
func (c Config) Seal(path string) (func(io.Writer) (io.WriteCloser, error), error) {
	if path == "" || path == "-" || (!agefile.Named(path) && !c.Access.EncryptOutputs) {
		return nil, nil
	}
	rs, err := c.recipients()
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, usererr.WithHint(fmt.Errorf("-o %s is to be encrypted, and the config names no recipient", path), hintRecipients)
	}
	return func(w io.Writer) (io.WriteCloser, error) { return agefile.Encrypt(w, rs) }, nil
}

// Reseal encrypts a contacts or complaints file again after a write, to
// the config's recipients; an error when it names none.
func (c Config) Reseal(w io.Writer) (io.WriteCloser, error) {
	rs, err := c.recipients()
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, usererr.WithHint(errors.New("the file is encrypted, and the config names no recipient to encrypt it to again; nothing was written"), hintRecipients+", the recipients the files are encrypted to")
	}
	return agefile.Encrypt(w, rs)
}

// PurgeSeal encrypts a purge's new versions of encrypted data files to
// the config's recipients; nil when the config names none, and the purge
// then refuses encrypted files.
func (c Config) PurgeSeal() (func(io.Writer) (io.WriteCloser, error), error) {
	rs, err := c.recipients()
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	return func(w io.Writer) (io.WriteCloser, error) { return agefile.Encrypt(w, rs) }, nil
}

// Recipients are the recipients of --to and --to-file, else the
// config's; verb names the command that needs one.
func (c Config) Recipients(verb string, to []string, toFile string) ([]age.Recipient, error) {
	if len(to) == 0 && toFile == "" {
		rs, err := c.recipients()
		if err != nil {
			return nil, err
		}
		if len(rs) == 0 {
			return nil, usererr.Usagef("%s needs a recipient: give --to age1... or --to-file <file>, or set access: {recipients: [age1...]} in the config file", verb)
		}
		return rs, nil
	}
	rs, err := agefile.ParseRecipients(to, "--to")
	if err != nil {
		return nil, err
	}
	if toFile != "" {
		more, err := agefile.ReadRecipients(toFile)
		if err != nil {
			return nil, err
		}
		rs = append(rs, more...)
	}
	return rs, nil
}
