package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/input"
	"github.com/custkit/custkit/pkg/rekey"
	"github.com/custkit/custkit/pkg/retention"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type rekeyOptions struct {
	cmdutil.Base
	in       cmdutil.Inputs
	to       []string
	toFile   string
	identity string
	force    bool
}

func newRekeyCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *rekeyOptions) error) *cobra.Command {
	opts := &rekeyOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("rekey", "rekey [--to <recipient>|--to-file <file>] [--identity <file>]", "Re-encrypt the shop's encrypted files to a new list of recipients", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runRekey))
	fl := cmd.Flags()
	const list = " (default: the config's %s:); a comma list or a quoted glob; \"-\" for standard input is refused, as rekey replaces files"
	fl.Var(input.FileList{P: &opts.in.Customers}, "customers", fmt.Sprintf("customers `file`s to re-encrypt"+list, "customers"))
	fl.Var(input.FileList{P: &opts.in.Sales}, "sales", fmt.Sprintf("sales `file`s to re-encrypt"+list, "sales"))
	fl.Var(input.FileList{P: &opts.in.Contacts}, "contacts", fmt.Sprintf("contacts `file`s to re-encrypt"+list, "contacts"))
	fl.Var(input.FileList{P: &opts.in.Complaints}, "complaints", fmt.Sprintf("complaints `file`s to re-encrypt"+list, "complaints"))
	fl.StringArrayVar(&opts.to, "to", nil, "encrypt to this age `recipient` (age1...); repeat for several")
	fl.StringVar(&opts.toFile, "to-file", "", "encrypt to the recipients of this `file`, one a line")
	fl.StringVar(&opts.identity, "identity", "", "age identity `file` that opens the files now; default: access.identity in the config file")
	fl.BoolVar(&opts.force, "force", false, "re-encrypt even when the run's own identity is not among the new recipients")
	cmdutil.CommandLineOnly(cmd, "force")
	return cmd
}

func runRekey(ctx context.Context, opts *rekeyOptions) error {
	s, g := opts.Streams, opts.Global
	g.Keys.Flag = opts.identity
	in := opts.in
	files, err := rekey.Files(in.Customers, in.Sales, in.Contacts, in.Complaints)
	if err != nil {
		return err
	}
	rs, err := cmdutil.RecipientsOf(g, "rekey", opts.to, opts.toFile)
	if err != nil {
		return err
	}
	to := make([]string, len(rs))
	for i, r := range rs {
		to[i] = fmt.Sprint(r)
	}
	ring, err := g.Keyring(s)
	if err != nil {
		return err
	}
	if ring != nil && !opts.force && !slices.ContainsFunc(ring.Recipients(), func(r string) bool { return slices.Contains(to, r) }) {
		return usererr.WithHint(fmt.Errorf("the identity in %s is not among the new recipients: it would not open the files after this run; nothing was changed", ring.Path),
			"add its recipient to --to, --to-file or access.recipients, or run rekey with the key of a member of staff who stays; --force re-encrypts anyway")
	}
	if err := g.OpenLog(s); err != nil {
		return err
	}
	// The purge lock and the journal live beside the customers file, as
	// purge's do.
	dir := filepath.Dir(files[0])
	if cs, _ := input.ExpandFiles(opts.in.Customers, "--customers"); len(cs) > 0 {
		dir = filepath.Dir(cs[0])
	}
	lock, err := retention.Lock(dir)
	if errors.Is(err, retention.ErrLocked) {
		return &cmdutil.StatusError{Err: fmt.Errorf("a purge or rekey is running on these files (it holds %s); nothing was changed", filepath.Join(dir, retention.LockName)), Status: cmdutil.ExitLocked}
	}
	if err != nil {
		return err
	}
	defer lock.Unlock()
	decrypt := g.Decrypt(s)
	shredder := g.Shredder(s)
	r := &rekey.Runner{
		Dir: dir,
		Decrypt: func(name string, rd io.Reader) (io.ReadCloser, error) {
			return decrypt(name, g.Access.Track(name, rd, true))
		},
		Shred:   shredder.File,
		AfterOp: g.AfterFileOp,
	}
	res, err := r.Run(ctx, files, to)
	if err != nil {
		if ctx.Err() != nil && r.Pending() {
			return errors.New("rekey interrupted; the files already replaced stay so, and the next rekey finishes the run")
		}
		return err
	}
	if !res.Resumed.IsZero() {
		fmt.Fprintf(s.Out, "finished the rekey started %s\n", res.Resumed.Local().Format(time.RFC3339))
	}
	for _, f := range res.Files {
		fmt.Fprintf(s.Out, "re-encrypted %s to %s\n", f, english.Count(len(to), "recipient"))
	}
	// Said even with -q: an old version deleted unshredded is one that
	// could not be destroyed.
	for _, n := range res.Notes() {
		cmdutil.Noter(s, "rekey")(n)
	}
	shredder.Tell()
	// The run is in the access log before its journal goes, as a purge's.
	if err := g.LogNow(s, true); err != nil {
		return err
	}
	return r.Finish()
}
