package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/outfile"
	"github.com/custkit/custkit/pkg/usererr"
	"golang.org/x/term"
)

// keys is the run's age identity and what it decrypted: the identity file
// from --identity (or CUSTKIT_IDENTITY), else access.identity, loaded once
// when an encrypted input is opened or a permission is checked; the
// recipient of the identity that decrypted an input, for the access log's
// staff member; and whether any input was encrypted (standard output is
// then held until the run has read its inputs to the end).
type keys struct {
	flag      string // --identity
	ring      *agefile.Keyring
	err       error
	loaded    bool
	decrypted string // the recipient that opened an input, "" if none did
	encrypted bool   // an input was encrypted
}

// identityPath is the identity file of the run: --identity (which
// CUSTKIT_IDENTITY fills), else access.identity; "" if none.
func (g *globalOptions) identityPath() string {
	if g.keys.flag != "" {
		return g.keys.flag
	}
	if g.cfg != nil {
		return g.cfg.Access.Identity
	}
	return ""
}

// keyring loads the run's identity file once; nil and no error when none
// is named.
func (g *globalOptions) keyring(s *streams) (*agefile.Keyring, error) {
	if g.keys.loaded {
		return g.keys.ring, g.keys.err
	}
	g.keys.loaded = true
	path := g.identityPath()
	if path == "" {
		return nil, nil
	}
	g.keys.ring, g.keys.err = agefile.LoadIdentities(path, passphrasePrompt(s))
	return g.keys.ring, g.keys.err
}

// passphrasePrompt asks for an identity file's passphrase on the terminal,
// without echo; nil when standard input or standard error is not a
// terminal (a pipe, cron), where no one could answer.
func passphrasePrompt(s *streams) func(string) ([]byte, error) {
	in, ok := s.in.(*os.File)
	if !ok || !s.stdinTTY || !s.stderrTTY {
		return nil
	}
	return func(prompt string) ([]byte, error) {
		fmt.Fprint(s.err, prompt)
		defer fmt.Fprintln(s.err)
		return term.ReadPassword(int(in.Fd()))
	}
}

// decrypt is input.Options.Decrypt: the plain bytes of an encrypted input,
// opened with the run's identity; the recipient that opened it is kept
// for the access log.
func (g *globalOptions) decrypt(s *streams) func(string, io.Reader) (io.ReadCloser, error) {
	return func(name string, r io.Reader) (io.ReadCloser, error) {
		g.keys.encrypted = true
		ring, err := g.keyring(s)
		if err != nil {
			return nil, err
		}
		plain, who, err := ring.Decrypt(name, r)
		if err != nil {
			return nil, err
		}
		g.decryptedBy(who)
		return plain, nil
	}
}

// decryptedBy keeps the recipient that opened the run's first encrypted
// input, and names its member of staff in the access log.
func (g *globalOptions) decryptedBy(who string) {
	if g.keys.decrypted == "" {
		g.keys.decrypted = who
		g.access.SetStaff(g.staffName(who))
	}
}

// staffName is the name access.staff gives recipient, else the recipient
// itself.
func (g *globalOptions) staffName(recipient string) string {
	if name, _, ok := g.cfg.Access.Member([]string{recipient}); ok {
		return name
	}
	return recipient
}

// may refuses what the run's identity is not allowed to do (perm, which
// flag names), when the config names the staff and the run has an
// identity; a run without either is not checked (the key, not this check,
// is the boundary). The member is the one whose identity decrypted an
// input, else the one of the identity file named.
func (g *globalOptions) may(s *streams, perm, flag string) error {
	if g.cfg == nil || len(g.cfg.Access.Staff) == 0 {
		return nil
	}
	recipients := []string{g.keys.decrypted}
	if g.keys.decrypted == "" {
		ring, err := g.keyring(s)
		if err != nil {
			return err
		}
		if ring == nil {
			return nil
		}
		recipients = ring.Recipients()
	}
	name, m, ok := g.cfg.Access.Member(recipients)
	if !ok {
		return fmt.Errorf("%s needs the %s permission, and the identity in %s is not named in access.staff of the config file", flag, perm, g.identityPath())
	}
	if !m.Allows(perm) {
		return fmt.Errorf("%s needs the %s permission, which access.staff.%s.may does not give %s", flag, perm, name, name)
	}
	return nil
}

// sealFor is the outfile.Options.Seal of an -o path: encryption to the
// configured recipients when the path ends in .age or the config asks
// for every output encrypted; nil otherwise.
func (g *globalOptions) sealFor(path string) (func(io.Writer) (io.WriteCloser, error), error) {
	if path == "" || path == "-" || g.cfg == nil || (!agefile.Named(path) && !g.cfg.Access.EncryptOutputs) {
		return nil, nil
	}
	rs, err := g.cfg.Access.AllRecipients()
	if err != nil {
		return nil, configError(g, err)
	}
	if len(rs) == 0 {
		return nil, usererr.WithHint(fmt.Errorf("-o %s is to be encrypted, and the config names no recipient", path), "set access: {recipients: [age1...]} (or recipients_file:) in the config file")
	}
	return func(w io.Writer) (io.WriteCloser, error) { return agefile.Encrypt(w, rs) }, nil
}

// configError names the config file in an error about its settings.
func configError(g *globalOptions, err error) error {
	if g.cfg.file == "" || strings.HasPrefix(err.Error(), g.cfg.file) {
		return err
	}
	return fmt.Errorf("%s: %v", g.cfg.file, err)
}

// protect adds to an output's options what the run's keys ask of it: the
// file encrypted, standard output held while encrypted inputs are read,
// and the permissions of the staff member checked.
func (g *globalOptions) protect(s *streams, o *outputFlags, opts *outfile.Options, inputs []string) error {
	seal, err := g.sealFor(o.path)
	if err != nil {
		return err
	}
	opts.Seal = seal
	named := false
	for _, in := range expandInputs(inputs) {
		named = named || (in != "-" && agefile.FileIs(in))
	}
	opts.Hold = func() bool { return named || g.keys.encrypted }
	reveal, toFile := o.reveal, o.toFile()
	opts.Allow = func(personal bool) error {
		if reveal {
			if err := g.may(s, config.MayReveal, "--reveal"); err != nil {
				return err
			}
		}
		if toFile && personal {
			return g.may(s, config.MayExport, o.flag()+" with personal data")
		}
		return nil
	}
	return nil
}

// recordCrypt is how contact and complaint writes open an encrypted
// contacts or complaints file (with the run's identity, identity being
// --identity) and encrypt it again (to the config's recipients, the list
// rekey encrypts to).
func (g *globalOptions) recordCrypt(s *streams, identity string) *contactlog.Crypt {
	if identity != "" {
		g.keys.flag = identity
	}
	decrypt := g.decrypt(s)
	return &contactlog.Crypt{
		Decrypt: func(name string, r io.Reader) (io.ReadCloser, error) {
			if err := g.openLog(s); err != nil {
				return nil, err
			}
			return decrypt(name, r)
		},
		Seal: func(w io.Writer) (io.WriteCloser, error) {
			rs, err := g.cfg.Access.AllRecipients()
			if err != nil {
				return nil, configError(g, err)
			}
			if len(rs) == 0 {
				return nil, usererr.WithHint(errors.New("the file is encrypted, and the config names no recipient to encrypt it to again; nothing was written"), "set access: {recipients: [age1...]} (or recipients_file:) in the config file, the recipients the files are encrypted to")
			}
			return agefile.Encrypt(w, rs)
		},
	}
}

// recipientsOf are the recipients of --to and --to-file, else the
// config's; verb names the command that needs one.
func recipientsOf(g *globalOptions, verb string, to []string, toFile string) ([]age.Recipient, error) {
	if len(to) == 0 && toFile == "" {
		rs, err := g.cfg.Access.AllRecipients()
		if err != nil {
			return nil, configError(g, err)
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
