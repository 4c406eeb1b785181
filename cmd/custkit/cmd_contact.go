package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/contact"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type contactAddOptions struct {
	cmdutil.Base
	in      cmdutil.Inputs
	rec     recordFlags
	channel string
	summary string
	at      string
}

func newContactCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *contactAddOptions) error) *cobra.Command {
	cmd := command("contact", "contact", "Record a contact with a customer", cobra.NoArgs, nil)
	cmd.AddCommand(newContactAddCmd(s, g, runF))
	return cmd
}

func newContactAddCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *contactAddOptions) error) *cobra.Command {
	opts := &contactAddOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("contact add", "add --customer <id> --channel <channel> --staff <name> --summary <text> [--at <datetime>]", "Append one contact to the contacts file", cobra.NoArgs, cmdutil.Runs(opts, runF, runContactAdd), opts.in.Of(cmdutil.NeedCustomers|cmdutil.NeedContacts), opts.rec.register)
	fl := cmd.Flags()
	fl.StringVar(&opts.rec.customer, "customer", "", "the customer's `id` in the customers file")
	fl.StringVar(&opts.channel, "channel", "", "how the customer was contacted: one of the config's follow_up.channels")
	fl.StringVar(&opts.rec.staff, "staff", "", "who spoke with the customer")
	fl.StringVar(&opts.summary, "summary", "", "what was said (not written to the access log)")
	fl.StringVar(&opts.at, "at", "", "when the contact was, as a date and time (default: now)")
	cmdutil.CommandLineOnly(cmd, "customer", "channel", "staff", "summary", "at")
	_ = fl.SetAnnotation("summary", cmdutil.NotLogged, []string{"true"})
	return cmd
}

func runContactAdd(ctx context.Context, opts *contactAddOptions) error {
	s, g := opts.Streams, opts.Global
	path, err := recordTarget(opts.in.Contacts, "contacts")
	if err != nil {
		return err
	}
	vocab, err := g.Cfg.FollowUp.ChannelsIn(g.Cfg.Path)
	if err != nil {
		return err
	}
	e, err := contact.NewEntry(vocab, opts.rec.customer, opts.channel, opts.rec.staff, opts.summary)
	if err != nil {
		return err
	}
	if e.At, err = contactlog.At(opts.at, g.Clock()()); err != nil {
		return err
	}
	copts := opts.rec.to(s, g, path, schema.Contacts, &opts.in)
	if copts.New, err = findCustomer(ctx, s, g, &opts.in, e.Customer); err != nil {
		return err
	}
	if err := contact.Add(ctx, copts, e); err != nil {
		return recordError(err, cmdutil.ExitLocked)
	}
	g.Access.SetChange(audit.Change{Kind: "contact add", File: path, Customer: e.Customer, Staff: e.Staff, Channel: e.Channel})
	reportRecorded(s, g, "contact add", "recorded a %s contact with %s in %s", e.Channel, e.Customer, path)
	return nil
}
