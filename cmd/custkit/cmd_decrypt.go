package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/manifest"

	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/infile"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type decryptOptions struct {
	cmdutil.Base
	files    []string
	output   string
	identity string
}

func newDecryptCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *decryptOptions) error) *cobra.Command {
	opts := &decryptOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("decrypt", "decrypt [--identity <file>] [-o <file>] <file.age>...", "Write the plain versions of age-encrypted files", cmdutil.AtLeastOne("file to decrypt", "custkit decrypt customers.csv.age"), cmdutil.Runs(opts, runF, runDecrypt, func(_ *cobra.Command, args []string) { opts.files = args }))
	fl := cmd.Flags()
	fl.StringVarP(&opts.output, "output", "o", "", "write the plain contents to this `file` (one input only)")
	fl.StringVar(&opts.identity, "identity", "", "age identity `file` that decrypts the files; default: access.identity in the config file")
	return cmd
}

func runDecrypt(ctx context.Context, opts *decryptOptions) error {
	s, g := opts.Streams, opts.Global
	if opts.output != "" && len(opts.files) > 1 {
		return usererr.Usagef("-o names one file, and %d were given; leave -o out to write each beside its .age file", len(opts.files))
	}
	if opts.output == "" {
		for _, f := range opts.files {
			if !agefile.Named(f) {
				return usererr.Usagef("%s does not end in .age; give -o <file> for its plain contents", f)
			}
		}
	}
	g.Keys.Flag = opts.identity
	if err := g.OpenLog(s); err != nil {
		return err
	}
	ring, err := g.Keyring(s)
	if err != nil {
		return err
	}
	failed := 0
	for _, path := range opts.files {
		dst := opts.output
		if dst == "" {
			dst = path[:len(path)-len(agefile.Ext)]
		}
		if err := decryptOne(ctx, s, g, ring, path, dst, opts.output != ""); err != nil {
			if ring == nil {
				return err // the same for every file
			}
			fmt.Fprintf(s.Err, "custkit: decrypt: %s\n", cmdutil.OneLine(err.Error()))
			failed++
			continue
		}
		fmt.Fprintf(s.Out, "decrypted %s to %s\n", path, dst)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be decrypted", failed, len(opts.files))
	}
	return nil
}

// decryptOne writes path's plain contents to dst; the access log records
// path as read, and the staff member whose identity opened it.
// A file at dst is replaced only when -o named it.
func decryptOne(ctx context.Context, s *cmdutil.Streams, g *cmdutil.Global, ring *agefile.Keyring, path, dst string, replace bool) error {
	if _, err := os.Lstat(dst); err == nil && !replace {
		return fmt.Errorf("%s exists already; move it away, or name the output with -o", dst)
	}
	f, err := infile.Open(ctx, path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = ring.WriteDecrypted(dst, path, g.Access.Track(path, f, f.Regular()), func(who string) error {
		g.DecryptedBy(who)
		return g.May(s, config.MayExport, "decrypt")
	}, func(sum string) error { return trackPlain(g, s, dst, sum) })
	return err
}

// trackPlain records a plain copy written by decrypt in the export
// manifest, as every -o file with personal data is, so that it expires
// (retention.exports.keep) and is shredded with the other exports.
func trackPlain(g *cmdutil.Global, s *cmdutil.Streams, dst, sum string) error {
	if g.Cfg == nil || g.Access == nil {
		return nil // a unit test of runDecrypt without the root command
	}
	path, err := g.ManifestPath(s)
	if err != nil {
		return err
	}
	keep, err := g.Cfg.Retention.ExportsKeep()
	if err != nil {
		return cmdutil.ConfigError(g, err)
	}
	now := g.Clock()()
	e := manifest.Entry{Path: access.AbsPath(dst), SHA256: sum, Purpose: "decrypt", Created: now.Truncate(time.Second),
		Expires: keep.After(now).Truncate(time.Second), Shop: g.Shop()}
	if err := manifest.Add(path, e); err != nil {
		return fmt.Errorf("export manifest: %w", err)
	}
	return nil
}
