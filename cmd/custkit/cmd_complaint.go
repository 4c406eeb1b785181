package main

import (
	"context"
	"fmt"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/complaint"
	"github.com/custkit/custkit/pkg/contact"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type complaintAddOptions struct {
	cmdutil.Base
	in      cmdutil.Inputs
	rec     recordFlags
	product string
	summary string
	status  string
	at      string
}

type complaintUpdateOptions struct {
	cmdutil.Base
	in         cmdutil.Inputs
	rec        recordFlags
	id         string
	status     string
	resolution string
	channel    string
	reopen     bool
}

func newComplaintCmd(s *cmdutil.Streams, g *cmdutil.Global, addF func(context.Context, *complaintAddOptions) error, updateF func(context.Context, *complaintUpdateOptions) error) *cobra.Command {
	cmd := command("complaint", "complaint", "Record a complaint and its handling", cobra.NoArgs, nil)
	cmd.AddCommand(newComplaintAddCmd(s, g, addF), newComplaintUpdateCmd(s, g, updateF))
	return cmd
}

func newComplaintAddCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *complaintAddOptions) error) *cobra.Command {
	opts := &complaintAddOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("complaint add", "add --customer <id> --summary <text> [--product <id>] [--status <status>] [--staff <name>] [--at <datetime>]", "Append one complaint to the complaints file and print its id", cobra.NoArgs, cmdutil.Runs(opts, runF, runComplaintAdd), opts.in.Of(cmdutil.NeedCustomers|cmdutil.NeedComplaints), opts.rec.register)
	fl := cmd.Flags()
	fl.StringVar(&opts.rec.customer, "customer", "", "the customer's `id` in the customers file")
	fl.StringVar(&opts.product, "product", "", "the product complained about, by its `id`")
	fl.StringVar(&opts.summary, "summary", "", "what the customer complained of (not written to the access log)")
	fl.StringVar(&opts.status, "status", "", "the complaint's status: one of the config's follow_up.statuses (default the first)")
	fl.StringVar(&opts.rec.staff, "staff", "", "who took the complaint")
	fl.StringVar(&opts.at, "at", "", "when the complaint was received, as a date and time (default: now)")
	cmdutil.CommandLineOnly(cmd, "customer", "product", "summary", "status", "staff", "at")
	_ = fl.SetAnnotation("summary", cmdutil.NotLogged, []string{"true"})
	return cmd
}

func runComplaintAdd(ctx context.Context, opts *complaintAddOptions) error {
	s, g := opts.Streams, opts.Global
	path, err := recordTarget(opts.in.Complaints, "complaints")
	if err != nil {
		return err
	}
	vocab, err := g.Cfg.FollowUp.StatusesIn(g.Cfg.Path)
	if err != nil {
		return err
	}
	e := complaint.Entry{Customer: opts.rec.customer, Product: opts.product, Summary: opts.summary, Staff: opts.rec.staff}
	if e.Status, err = complaint.NewStatus(vocab, opts.summary, opts.status); err != nil {
		return err
	}
	if e.At, err = contactlog.At(opts.at, g.Clock()()); err != nil {
		return err
	}
	copts := opts.rec.to(s, g, path, schema.Complaints, &opts.in)
	if copts.New, err = findCustomer(ctx, s, g, &opts.in, e.Customer); err != nil {
		return err
	}
	id, err := complaint.Add(ctx, copts, e)
	if err != nil {
		return recordError(err, cmdutil.ExitLocked)
	}
	g.Access.SetChange(audit.Change{Kind: "complaint add", File: path, Customer: e.Customer, Complaint: id, Staff: e.Staff, Status: e.Status.Name})
	fmt.Fprintln(s.Out, id)
	reportRecorded(s, g, "complaint add", "recorded complaint %s (%s) of %s in %s", id, e.Status.Name, e.Customer, path)
	return nil
}

func newComplaintUpdateCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *complaintUpdateOptions) error) *cobra.Command {
	opts := &complaintUpdateOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("complaint update", "update <complaint-id> --status <status> --staff <name> [--resolution <text>] [--reopen]", "Change the status of one complaint", cmdutil.ExactlyOne("complaint id"), cmdutil.Runs(opts, runF, runComplaintUpdate, func(_ *cobra.Command, args []string) { opts.id = args[0] }), opts.in.Of(cmdutil.NeedCustomers|cmdutil.NeedContacts|cmdutil.NeedComplaints), opts.rec.register)
	fl := cmd.Flags()
	fl.StringVar(&opts.status, "status", "", "the new status: one of the config's follow_up.statuses")
	fl.StringVar(&opts.resolution, "resolution", "", "how the complaint was resolved (not written to the access log)")
	fl.StringVar(&opts.rec.staff, "staff", "", "who handled it")
	fl.StringVar(&opts.channel, "channel", "", "the channel of the contact that records the change (default the last of follow_up.channels)")
	fl.BoolVar(&opts.reopen, "reopen", false, "allow changing a closed complaint")
	cmdutil.CommandLineOnly(cmd, "status", "resolution", "staff", "channel", "reopen")
	_ = fl.SetAnnotation("resolution", cmdutil.NotLogged, []string{"true"})
	return cmd
}

func runComplaintUpdate(ctx context.Context, opts *complaintUpdateOptions) error {
	s, g := opts.Streams, opts.Global
	path, err := recordTarget(opts.in.Complaints, "complaints")
	if err != nil {
		return err
	}
	contacts, err := recordTarget(opts.in.Contacts, "contacts")
	if err != nil {
		return usererr.WithHint(err, "a complaint's earlier states are kept as contacts")
	}
	vocab, err := g.Cfg.FollowUp.StatusesIn(g.Cfg.Path)
	if err != nil {
		return err
	}
	chans, err := g.Cfg.FollowUp.ChannelsIn(g.Cfg.Path)
	if err != nil {
		return err
	}
	status, channel, err := complaint.NewChange(vocab, chans, opts.status, opts.rec.staff, opts.channel)
	if err != nil {
		return err
	}
	if err := cmdutil.Require(opts.in.Customers, "customers"); err != nil {
		return err
	}
	now := g.Clock()()
	c := complaint.Change{ID: opts.id, Status: status, Staff: opts.rec.staff, Resolution: opts.resolution, Reopen: opts.reopen,
		Statuses: vocab, Today: now.Format("2006-01-02")}
	u, err := complaint.Update(ctx, opts.rec.to(s, g, path, schema.Complaints, &opts.in), c)
	if err != nil {
		return recordError(err, cmdutil.ExitLocked)
	}
	g.Access.SetChange(audit.Change{Kind: "complaint update", File: path, Customer: u.Customer, Complaint: opts.id, Staff: opts.rec.staff, Status: status.Name})
	e := contact.Entry{Customer: u.Customer, At: now.Format(contactlog.TimeLayout), Staff: opts.rec.staff, Channel: channel.Name, Summary: c.History(u.Before)}
	if err := contact.Add(ctx, opts.rec.to(s, g, contacts, schema.Contacts, &opts.in), e); err != nil {
		return recordError(fmt.Errorf("complaint %s is now %s, but its history could not be added to %s: %w", opts.id, status.Name, contacts, err), cmdutil.ExitLocked)
	}
	reportRecorded(s, g, "complaint update", "%s: %s → %s, recorded in %s and %s", opts.id, u.Before, status.Name, path, contacts)
	return nil
}
