package main

import (
	"context"
	"fmt"

	"filippo.io/age"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/infile"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/spf13/cobra"
)

type encryptOptions struct {
	cmdutil.Base
	files  []string
	to     []string
	toFile string
}

func newEncryptCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *encryptOptions) error) *cobra.Command {
	opts := &encryptOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("encrypt", "encrypt [--to <recipient>|--to-file <file>] <file>...", "Replace files with their age-encrypted versions", cmdutil.AtLeastOne("file to encrypt", "custkit encrypt customers.csv"), cmdutil.Runs(opts, runF, runEncrypt, func(_ *cobra.Command, args []string) { opts.files = args }))
	fl := cmd.Flags()
	fl.StringArrayVar(&opts.to, "to", nil, "encrypt to this age `recipient` (age1...); repeat for several")
	fl.StringVar(&opts.toFile, "to-file", "", "encrypt to the recipients of this `file`, one a line")
	return cmd
}

func runEncrypt(ctx context.Context, opts *encryptOptions) error {
	s, g := opts.Streams, opts.Global
	rs, err := opts.recipients()
	if err != nil {
		return err
	}
	if err := g.OpenLog(s); err != nil {
		return err
	}
	var done []string
	var failed error
	for _, path := range opts.files {
		if err := encryptOne(ctx, g, path, rs); err != nil {
			fmt.Fprintf(s.Err, "custkit: encrypt: %s\n", cmdutil.OneLine(err.Error()))
			failed = err
			continue
		}
		fmt.Fprintf(s.Out, "encrypted %s to %s\n", path, path+agefile.Ext)
		done = append(done, path)
	}
	if len(done) > 0 {
		res := g.ShredFiles(ctx, s, done, 1)
		if err := shred.Failed(res.Failed, len(done), "plain file"); err != nil {
			return err
		}
	}
	if failed != nil {
		return fmt.Errorf("%d of %d files could not be encrypted", len(opts.files)-len(done), len(opts.files))
	}
	return nil
}

// recipients are --to and --to-file, else the config's.
func (opts *encryptOptions) recipients() ([]age.Recipient, error) {
	return cmdutil.RecipientsOf(opts.Global, "encrypt", opts.to, opts.toFile)
}

// encryptOne writes path's encrypted version beside it; the access log
// records path as read.
func encryptOne(ctx context.Context, g *cmdutil.Global, path string, rs []age.Recipient) error {
	if agefile.FileIs(path) {
		return fmt.Errorf("%s is encrypted already", path)
	}
	f, err := infile.Open(ctx, path)
	if err != nil {
		return err
	}
	defer f.Close()
	if !f.Regular() {
		return fmt.Errorf("%s is not a regular file; encrypt replaces files", path)
	}
	if err := agefile.WriteEncrypted(path+agefile.Ext, g.Access.Track(path, f, true), rs); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}
