package cmdutil

import (
	"fmt"
	"io"
	"os"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/keys"
	"github.com/custkit/custkit/pkg/outfile"
	"golang.org/x/term"
)

// The run's age keys (pkg/keys) wired to its config, streams and access
// log.

// KeyConfig is what the run's config says about keys.
func (g *Global) KeyConfig() keys.Config {
	if g.Cfg == nil {
		return keys.Config{}
	}
	return keys.Config{Access: g.Cfg.Access, File: g.Cfg.Path}
}

// Keyring loads the run's identity file once (keys.Keys.Ring).
func (g *Global) Keyring(s *Streams) (*agefile.Keyring, error) {
	return g.Keys.Ring(g.KeyConfig(), passphrasePrompt(s))
}

// passphrasePrompt asks for an identity file's passphrase on the terminal,
// without echo; nil when standard input or standard error is not a
// terminal (a pipe, cron), where no one could answer.
func passphrasePrompt(s *Streams) func(string) ([]byte, error) {
	in, ok := s.In.(*os.File)
	if !ok || !s.StdinTTY || !s.StderrTTY {
		return nil
	}
	return func(prompt string) ([]byte, error) {
		fmt.Fprint(s.Err, prompt)
		defer fmt.Fprintln(s.Err)
		return term.ReadPassword(int(in.Fd()))
	}
}

// Decrypt is input.Options.Decrypt, with the run's identity and access
// log.
func (g *Global) Decrypt(s *Streams) func(string, io.Reader) (io.ReadCloser, error) {
	return g.Keys.Decrypt(g.KeyConfig(), passphrasePrompt(s), g.Access)
}

// DecryptedBy names in the access log the member of staff whose key
// opened the run's first encrypted input.
func (g *Global) DecryptedBy(who string) { g.Keys.Opened(g.KeyConfig(), g.Access, who) }

// May refuses what the run's identity is not allowed to do (keys.Keys.May).
func (g *Global) May(s *Streams, perm, flag string) error {
	if g.Cfg == nil {
		return nil
	}
	return g.Keys.May(g.KeyConfig(), passphrasePrompt(s), perm, flag)
}

// ConfigError names the config file in an error about its settings.
func ConfigError(g *Global, err error) error { return g.KeyConfig().Err(err) }

// protect adds to an output's options what the run's keys ask of it: the
// file encrypted, standard output held until the encrypted inputs are
// read to their end, and the permissions of the staff member checked.
func (g *Global) protect(s *Streams, o *Output, opts *outfile.Options, inputs []string) error {
	if g.Cfg != nil {
		seal, err := g.KeyConfig().Seal(o.Path)
		if err != nil {
			return err
		}
		opts.Seal = seal
	}
	named := 0
	for _, in := range expandInputs(inputs) {
		if in != "-" && agefile.FileIs(in) {
			named++
		}
	}
	opts.Hold = func() bool { return g.Keys.Unread(named) }
	reveal, toFile := o.Reveal, o.ToFile()
	opts.Allow = func(personal bool) error {
		if reveal {
			if err := g.May(s, config.MayReveal, "--reveal"); err != nil {
				return err
			}
		}
		if toFile && personal {
			return g.May(s, config.MayExport, o.flag()+" with personal data")
		}
		return nil
	}
	return nil
}

// RecordCrypt is how contact and complaint writes open an encrypted
// contacts or complaints file (with the run's identity, identity being
// --identity, the access log opened first) and encrypt it again (to the
// config's recipients, the list rekey encrypts to).
func (g *Global) RecordCrypt(s *Streams, identity string) *contactlog.Crypt {
	if identity != "" {
		g.Keys.Flag = identity
	}
	decrypt := g.Decrypt(s)
	return &contactlog.Crypt{
		Decrypt: func(name string, r io.Reader) (io.ReadCloser, error) {
			if err := g.OpenLog(s); err != nil {
				return nil, err
			}
			return decrypt(name, r)
		},
		Seal: func(w io.Writer) (io.WriteCloser, error) { return g.KeyConfig().Reseal(w) },
	}
}

// RecipientsOf are the recipients of --to and --to-file, else the
// config's; verb names the command that needs one.
func RecipientsOf(g *Global, verb string, to []string, toFile string) ([]age.Recipient, error) {
	return g.KeyConfig().Recipients(verb, to, toFile)
}
