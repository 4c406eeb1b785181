package main

import (
	"fmt"
	"io"
	"os"

	"filippo.io/age"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/keys"
	"github.com/custkit/custkit/pkg/outfile"
	"golang.org/x/term"
)

// The run's age keys (pkg/keys) wired to its config, streams and access
// log.

// keyConfig is what the run's config says about keys.
func (g *globalOptions) keyConfig() keys.Config {
	if g.cfg == nil {
		return keys.Config{}
	}
	return keys.Config{Access: g.cfg.Access, File: g.cfg.file}
}

// keyring loads the run's identity file once (keys.Keys.Ring).
func (g *globalOptions) keyring(s *cmdutil.Streams) (*agefile.Keyring, error) {
	return g.keys.Ring(g.keyConfig(), passphrasePrompt(s))
}

// passphrasePrompt asks for an identity file's passphrase on the terminal,
// without echo; nil when standard input or standard error is not a
// terminal (a pipe, cron), where no one could answer.
func passphrasePrompt(s *cmdutil.Streams) func(string) ([]byte, error) {
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

// decrypt is input.Options.Decrypt, with the run's identity and access
// log.
func (g *globalOptions) decrypt(s *cmdutil.Streams) func(string, io.Reader) (io.ReadCloser, error) {
	return g.keys.Decrypt(g.keyConfig(), passphrasePrompt(s), g.access)
}

// decryptedBy names in the access log the member of staff whose key
// opened the run's first encrypted input.
func (g *globalOptions) decryptedBy(who string) { g.keys.Opened(g.keyConfig(), g.access, who) }

// may refuses what the run's identity is not allowed to do (keys.Keys.May).
func (g *globalOptions) may(s *cmdutil.Streams, perm, flag string) error {
	if g.cfg == nil {
		return nil
	}
	return g.keys.May(g.keyConfig(), passphrasePrompt(s), perm, flag)
}

// configError names the config file in an error about its settings.
func configError(g *globalOptions, err error) error { return g.keyConfig().Err(err) }

// protect adds to an output's options what the run's keys ask of it: the
// file encrypted, standard output held while encrypted inputs are read,
// and the permissions of the staff member checked.
func (g *globalOptions) protect(s *cmdutil.Streams, o *outputFlags, opts *outfile.Options, inputs []string) error {
	if g.cfg != nil {
		seal, err := g.keyConfig().Seal(o.path)
		if err != nil {
			return err
		}
		opts.Seal = seal
	}
	named := false
	for _, in := range expandInputs(inputs) {
		named = named || (in != "-" && agefile.FileIs(in))
	}
	opts.Hold = func() bool { return named || g.keys.Encrypted() }
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
// --identity, the access log opened first) and encrypt it again (to the
// config's recipients, the list rekey encrypts to).
func (g *globalOptions) recordCrypt(s *cmdutil.Streams, identity string) *contactlog.Crypt {
	if identity != "" {
		g.keys.Flag = identity
	}
	decrypt := g.decrypt(s)
	return &contactlog.Crypt{
		Decrypt: func(name string, r io.Reader) (io.ReadCloser, error) {
			if err := g.openLog(s); err != nil {
				return nil, err
			}
			return decrypt(name, r)
		},
		Seal: func(w io.Writer) (io.WriteCloser, error) { return g.keyConfig().Reseal(w) },
	}
}

// recipientsOf are the recipients of --to and --to-file, else the
// config's; verb names the command that needs one.
func recipientsOf(g *globalOptions, verb string, to []string, toFile string) ([]age.Recipient, error) {
	return g.keyConfig().Recipients(verb, to, toFile)
}
