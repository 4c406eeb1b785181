package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

// The wiring the commands that record a row share (contact add,
// complaint add, complaint update): what a row is checked against and
// how it is written is pkg/contactlog's, its vocabularies pkg/config's
// (FollowUp.StatusesIn, FollowUp.ChannelsIn).

// recordFlags are what every command that records a row takes: the
// customers file (the customer must be in it; the purge lock is beside
// it) and how long to wait for a purge.
type recordFlags struct {
	customer string
	staff    string
	wait     time.Duration
}

func (f *recordFlags) register(cmd *cobra.Command) {
	cmd.Flags().DurationVar(&f.wait, "wait", contactlog.DefaultWait, "how long to wait for a purge of the files to end before giving up (exit status 3)")
}

// to is how a row of kind is written to path, with the purge lock beside
// in's customers file, and an encrypted file opened with in's identity
// and encrypted again to the config's recipients; the package that writes
// the row sets what it requires.
func (f *recordFlags) to(s *cmdutil.Streams, g *cmdutil.Global, path string, kind schema.Kind, in *cmdutil.Inputs) contactlog.Options {
	var aliases schema.Aliases
	if g.Cfg != nil {
		aliases = g.Cfg.KindAliases[kind.Name]
	}
	return contactlog.Options{Path: path, Aliases: aliases, PurgeDir: filepath.Dir(in.Customers), Wait: f.wait,
		Crypt: g.RecordCrypt(s, in.Identity)}
}

// recordTarget checks that list names one file to write to.
func recordTarget(list, flag string) (string, error) {
	if err := cmdutil.Require(list, flag); err != nil {
		return "", err
	}
	return contactlog.Target(list, flag)
}

// findCustomer checks that id is in the customers file, in one streamed
// pass (read through the inputs, so that the access log records it), and
// returns how a new data file is written: like the customers file.
func findCustomer(ctx context.Context, s *cmdutil.Streams, g *cmdutil.Global, in *cmdutil.Inputs, id string) (contactlog.NewFile, error) {
	if err := cmdutil.Require(in.Customers, "customers"); err != nil {
		return contactlog.NewFile{}, err
	}
	if err := contactlog.CheckCustomer(id); err != nil {
		return contactlog.NewFile{}, err
	}
	cust, err := in.Open(ctx, s, g, in.Customers, schema.Customers)
	if err != nil {
		return contactlog.NewFile{}, err
	}
	defer cust.Close()
	return contactlog.FindCustomer(ctx, cust.Reader, cust.Binding, in.Customers, id)
}

// recordError gives a failed write its exit status: locked (which the
// command's help lists) for a purge that kept the files locked.
func recordError(err error, locked int) error {
	if errors.Is(err, contactlog.ErrPurging) {
		return &cmdutil.StatusError{Err: usererr.WithHint(err, "run it again when the purge has ended, or give --wait longer"), Status: locked}
	}
	return err
}

// reportRecorded prints what a recording command wrote, unless -q.
func reportRecorded(s *cmdutil.Streams, g *cmdutil.Global, verb, format string, args ...any) {
	g.Report(s, verb, fmt.Sprintf(format, args...))
}
