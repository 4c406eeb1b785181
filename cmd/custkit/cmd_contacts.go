package main

import (
	"context"
	"strings"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/contact"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/segment"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type contactsOptions struct {
	cmdutil.Base
	in       cmdutil.Inputs
	out      cmdutil.Output
	win      cmdutil.Window
	staff    []string
	channels []string
	customer string
	summary  bool
	by       string
	due      string
	segments []string
}

func newContactsCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *contactsOptions) error) *cobra.Command {
	opts := &contactsOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("contacts", "contacts --contacts <file> [--since <date>] [--staff <name>] [--channel <channel>] [--customer <id>] [--summary --by staff|channel|month] [--due <days> [--segment <name>]]", "List contacts newest first, count them, or plan the next calls", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runContacts), opts.in.Of(cmdutil.NeedContacts|cmdutil.NeedCustomers|cmdutil.NeedSales), opts.out.Register, opts.win.RegisterAsOf)
	fl := cmd.Flags()
	fl.StringVar(&opts.win.Since, "since", "", "only contacts on or after `date` (2026-01-01 or 2026/01/01)")
	fl.StringSliceVar(&opts.staff, "staff", nil, "only the contacts of these staff (repeat, or a comma list)")
	fl.StringSliceVar(&opts.channels, "channel", nil, "only the contacts by these channels, by any spelling of follow_up.channels (repeat, or a comma list)")
	fl.StringVar(&opts.customer, "customer", "", "only this customer's contacts, by `id`")
	fl.BoolVar(&opts.summary, "summary", false, "count the contacts --by a column instead of listing them")
	fl.StringVar(&opts.by, "by", "staff", "what --summary counts by: staff, channel or month")
	fl.StringVar(&opts.due, "due", "", "list the customers of --segment not contacted in this many `days` up to --as-of")
	fl.StringSliceVar(&opts.segments, "segment", nil, "with --due: the segments planned for (default loyal,at-risk; "+strings.Join(segment.Names, ", ")+")")
	_ = cmd.RegisterFlagCompletionFunc("segment", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return segment.Names, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runContacts(ctx context.Context, opts *contactsOptions) error {
	if err := cmdutil.Require(opts.in.Contacts, "contacts"); err != nil {
		return err
	}
	if opts.due != "" {
		return runContactsDue(ctx, opts)
	}
	if len(opts.segments) > 0 {
		return usererr.Usagef("--segment chooses the customers of --due: give --due <days> with it")
	}
	g := opts.Global
	by, err := contact.Bys.Parse(opts.by)
	if err != nil {
		return usererr.Usage(err)
	}
	vocab, err := g.Cfg.FollowUp.ChannelsIn(g.Cfg.Path)
	if err != nil {
		return err
	}
	win, _, err := opts.win.Window(g.Clock())
	if err != nil {
		return err
	}
	copts := contact.Options{Vocab: vocab, Since: win.Since, Staff: opts.staff, Channels: opts.channels, Customer: opts.customer,
		Aliases: g.Cfg.KindAliases[schema.Contacts.Name]}
	fs := opts.Files(ctx, &opts.in)
	defer fs.Close()
	f := fs.File(opts.in.Contacts, schema.Contacts)
	if fs.Err != nil {
		return fs.Err
	}
	if err := contact.CheckChannel(f, opts.summary, by, copts); err != nil {
		return err
	}
	found, err := contact.Run(ctx, f, copts)
	if err != nil {
		return err
	}
	return fs.Write(&opts.out, "contacts", func(out *cmdutil.Target) ([]string, error) {
		lines, err := contact.Write(found, opts.summary, by, vocab, out)
		return append(lines, contact.Warnings(f, opts.summary, copts)...), err
	})
}

// runContactsDue is contacts --due: the customers of the segments asked
// for that are due a contact.
func runContactsDue(ctx context.Context, opts *contactsOptions) error {
	g := opts.Global
	err := contact.DueAlone(contact.Flag{Name: "summary", Set: opts.summary}, contact.Flag{Name: "since", Set: opts.win.Since != ""},
		contact.Flag{Name: "staff", Set: len(opts.staff) > 0}, contact.Flag{Name: "channel", Set: len(opts.channels) > 0},
		contact.Flag{Name: "customer", Set: opts.customer != ""})
	if err != nil {
		return err
	}
	days, err := contact.ParseDays(opts.due)
	if err != nil {
		return err
	}
	sel, err := contact.ParseSegments(opts.segments)
	if err != nil {
		return err
	}
	if err := opts.in.Require(cmdutil.NeedCustomers | cmdutil.NeedSales); err != nil {
		return err
	}
	asOf, err := opts.win.Date(g.Clock())
	if err != nil {
		return err
	}
	dopts := contact.DueOptions{Settings: ledger.Settings{AsOf: asOf}, Segments: sel, Days: days}
	if dopts.Thresholds, err = cmdutil.Thresholds(g); err != nil {
		return err
	}
	fs := opts.Files(ctx, &opts.in)
	defer fs.Close()
	contacts := fs.File(opts.in.Contacts, schema.Contacts)
	in := ledger.Input{Customers: fs.Optional(opts.in.Customers, schema.Customers), Sales: fs.File(opts.in.Sales, schema.Sales)}
	return fs.Write(&opts.out, "contacts", func(out *cmdutil.Target) ([]string, error) {
		return contact.Due(ctx, in, contacts, dopts, out)
	})
}
