package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/complaint"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type complaintAddOptions struct {
	streams *streams
	global  *globalOptions
	in      inputFlags
	rec     recordFlags
	product string
	summary string
	status  string
	at      string
}

type complaintUpdateOptions struct {
	streams    *streams
	global     *globalOptions
	in         inputFlags
	rec        recordFlags
	id         string
	status     string
	resolution string
	channel    string
	reopen     bool
}

// historyHelp says how a complaint's earlier states are kept.
const historyHelp = `A complaint is one row of the complaints file, which always shows its
present state. Its earlier states are kept in the contacts file: every
update also appends a contact with the customer, tied to the complaint by
its id at the start of the summary ("[C20261122-001] 未対応 → 対応中: ..."),
so that custkit history and custkit contacts show how it was handled.`

func newComplaintCmd(s *streams, g *globalOptions, addF func(context.Context, *complaintAddOptions) error, updateF func(context.Context, *complaintUpdateOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "complaint",
		Short: "Record a complaint and its handling",
		Long: `Complaint records a customer's complaint (add) and how it is handled
(update). "custkit complaints" lists them, oldest open first.

` + historyHelp + `

` + recordExit,
		Example: `  cp -r examples shop && custkit complaint add --config shop/custkit.yaml --customer 000101 --product P0002 --summary "箱の角が潰れていた" --staff 村田
  custkit complaint update C20261118-001 --config shop/custkit.yaml --status 完了 --staff 村田 --resolution "蓋を交換品に取り替え"`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newComplaintAddCmd(s, g, addF), newComplaintUpdateCmd(s, g, updateF))
	return cmd
}

func newComplaintAddCmd(s *streams, g *globalOptions, runF func(context.Context, *complaintAddOptions) error) *cobra.Command {
	opts := &complaintAddOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "add --customer <id> --summary <text> [--product <id>] [--status <status>] [--staff <name>] [--at <datetime>]",
		Short: "Append one complaint to the complaints file and print its id",
		Long: `Add appends one complaint to the complaints file (--complaints, or complaints:
in the config), in the file's own encoding, delimiter, line ends and column
order, and prints the id it gave the complaint: C, the day it was received,
and a number, C20261122-001 for the first of the day. A file that does not
exist yet is made with the standard header (customer_id, received_at,
product_id, summary, status, resolution, complaint_id, staff, closed_at,
category), mode 0600, in the encoding and line ends of the customers file.
The file's header needs columns for the customer, the id (complaint_id, or
受付番号, クレーム番号, 苦情番号 ...), when it was received, the summary
and the status, and for the product and staff when they are given.

The customer must be in the customers file. --status is one of the config's
follow_up.statuses (default: 未対応 (open), 対応中 (in progress), 完了
(closed)), by any of its spellings; default the first. --at is when the
complaint was received, default now.

` + recordingHelp + `

` + recordExit,
		Example: `  cp -r examples shop && custkit complaint add --config shop/custkit.yaml --customer 000101 --product P0002 --summary "箱の角が潰れていた" --staff 村田
  custkit complaint add --config shop/custkit.yaml --customer 000125 --summary "配送が遅れた" --status 対応中 --at 2026-11-22`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runComplaintAdd(cmd.Context(), opts)
		},
	}
	opts.in.register(cmd, needCustomers|needComplaints)
	opts.rec.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.rec.customer, "customer", "", "the customer's `id` in the customers file")
	fl.StringVar(&opts.product, "product", "", "the product complained about, by its `id`")
	fl.StringVar(&opts.summary, "summary", "", "what the customer complained of (not written to the access log)")
	fl.StringVar(&opts.status, "status", "", "the complaint's status: one of the config's follow_up.statuses (default the first)")
	fl.StringVar(&opts.rec.staff, "staff", "", "who took the complaint")
	fl.StringVar(&opts.at, "at", "", "when the complaint was received, as a date and time (default: now)")
	commandLineOnly(cmd, "customer", "product", "summary", "status", "staff", "at")
	_ = fl.SetAnnotation("summary", notLogged, []string{"true"})
	return cmd
}

// statuses is the config's follow_up.statuses.
func statuses(g *globalOptions) (contactlog.Vocab, error) {
	if g.cfg == nil {
		return contactlog.DefaultStatuses, nil
	}
	v, err := g.cfg.FollowUp.StatusVocab()
	if err != nil {
		return v, fmt.Errorf("%s: %v", g.cfg.file, err)
	}
	return v, nil
}

func runComplaintAdd(ctx context.Context, opts *complaintAddOptions) error {
	s, g := opts.streams, opts.global
	path, err := recordTarget(opts.in.complaints, "complaints")
	if err != nil {
		return err
	}
	vocab, err := statuses(g)
	if err != nil {
		return err
	}
	if strings.TrimSpace(opts.summary) == "" {
		return usererr.Usagef("--summary is required")
	}
	status := vocab.Terms[0]
	if opts.status != "" {
		if status, err = vocab.Find(opts.status); err != nil {
			return usererr.Usage(err)
		}
	}
	at, err := when(opts.at, g)
	if err != nil {
		return err
	}
	received, _ := parse.Date(at)
	nf, err := findCustomer(ctx, s, g, &opts.in, opts.rec.customer)
	if err != nil {
		return err
	}
	required := []schema.Field{schema.CustomerID, schema.ComplaintID, schema.ReceivedAt, schema.Summary, schema.Status}
	if opts.product != "" {
		required = append(required, schema.ProductID)
	}
	if opts.rec.staff != "" {
		required = append(required, schema.Staff)
	}
	copts := contactlog.Options{Path: path, Kind: schema.Complaints, Aliases: aliasesOf(g, schema.Complaints),
		Required: required, PurgeDir: purgeDir(opts.in.customers), Wait: opts.rec.wait, New: nf}
	var id string
	_, err = contactlog.Append(ctx, copts, func(f *contactlog.File) ([]string, error) {
		ids := complaint.NewIDs(received)
		idCol := f.Binding.Col(schema.ComplaintID)
		if err := f.Each(ctx, func(rec *rows.Record) error { ids.See(rec.Field(idCol)); return nil }); err != nil {
			return nil, err
		}
		id = ids.Next()
		row := f.Row()
		f.Set(row, schema.ComplaintID, id)
		f.Set(row, schema.CustomerID, opts.rec.customer)
		f.Set(row, schema.ReceivedAt, at)
		f.Set(row, schema.ProductID, opts.product)
		f.Set(row, schema.Summary, opts.summary)
		f.Set(row, schema.Status, status.Name)
		f.Set(row, schema.Staff, opts.rec.staff)
		if status.Closed {
			f.Set(row, schema.ClosedAt, at)
		}
		return row, nil
	})
	if err != nil {
		return recordError(err)
	}
	g.access.SetChange(audit.Change{Kind: "complaint add", File: path, Customer: opts.rec.customer, Complaint: id, Staff: opts.rec.staff, Status: status.Name})
	fmt.Fprintln(s.out, id)
	if !g.quiet {
		fmt.Fprintf(s.err, "custkit: complaint add: recorded complaint %s (%s) of %s in %s\n", id, status.Name, opts.rec.customer, path)
	}
	return nil
}

func newComplaintUpdateCmd(s *streams, g *globalOptions, runF func(context.Context, *complaintUpdateOptions) error) *cobra.Command {
	opts := &complaintUpdateOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "update <complaint-id> --status <status> --staff <name> [--resolution <text>] [--reopen]",
		Short: "Change the status of one complaint",
		Long: `Update changes one complaint of the complaints file: its status, and its
resolution and staff when given. The file is written anew beside itself and
renamed into place, every byte outside the complaint's row as it was.
A status that counts as closed (follow_up.statuses, closed: true; default
完了) sets closed_at to today, when the file has that column; a closed
complaint changes only with --reopen, which clears closed_at.

` + historyHelp + ` The contact's channel is --channel (default the last
of follow_up.channels, その他), its staff --staff.

` + recordingHelp + `

` + recordExit,
		Example: `  cp -r examples shop && custkit complaint update C20261118-001 --config shop/custkit.yaml --status 完了 --staff 村田 --resolution "蓋を交換品に取り替え"
  custkit complaint update C20261118-001 --config shop/custkit.yaml --status 対応中 --staff 大野 --reopen --channel 電話`,
		Args: exactlyOne("complaint id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.id = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runComplaintUpdate(cmd.Context(), opts)
		},
	}
	opts.in.register(cmd, needCustomers|needContacts|needComplaints)
	opts.rec.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.status, "status", "", "the new status: one of the config's follow_up.statuses")
	fl.StringVar(&opts.resolution, "resolution", "", "how the complaint was resolved (not written to the access log)")
	fl.StringVar(&opts.rec.staff, "staff", "", "who handled it")
	fl.StringVar(&opts.channel, "channel", "", "the channel of the contact that records the change (default the last of follow_up.channels)")
	fl.BoolVar(&opts.reopen, "reopen", false, "allow changing a closed complaint")
	commandLineOnly(cmd, "status", "resolution", "staff", "channel", "reopen")
	_ = fl.SetAnnotation("resolution", notLogged, []string{"true"})
	return cmd
}

func runComplaintUpdate(ctx context.Context, opts *complaintUpdateOptions) error {
	s, g := opts.streams, opts.global
	path, err := recordTarget(opts.in.complaints, "complaints")
	if err != nil {
		return err
	}
	contacts, err := recordTarget(opts.in.contacts, "contacts")
	if err != nil {
		return usererr.WithHint(err, "a complaint's earlier states are kept as contacts")
	}
	vocab, err := statuses(g)
	if err != nil {
		return err
	}
	channels := contactlog.DefaultChannels
	if g.cfg != nil {
		if channels, err = g.cfg.FollowUp.ChannelVocab(); err != nil {
			return fmt.Errorf("%s: %v", g.cfg.file, err)
		}
	}
	if strings.TrimSpace(opts.status) == "" {
		return usererr.Usagef("--status is required")
	}
	if strings.TrimSpace(opts.rec.staff) == "" {
		return usererr.Usagef("--staff is required: who handled the complaint")
	}
	status, err := vocab.Find(opts.status)
	if err != nil {
		return usererr.Usage(err)
	}
	channel := channels.Terms[len(channels.Terms)-1]
	if opts.channel != "" {
		if channel, err = channels.Find(opts.channel); err != nil {
			return usererr.Usage(err)
		}
	}
	if err := require(opts.in.customers, "customers"); err != nil {
		return err
	}
	now := g.clock()()
	today := now.Format("2006-01-02")
	required := []schema.Field{schema.ComplaintID, schema.CustomerID, schema.Status}
	if opts.resolution != "" {
		required = append(required, schema.Resolution)
	}
	copts := contactlog.Options{Path: path, Kind: schema.Complaints, Aliases: aliasesOf(g, schema.Complaints),
		Required: required, PurgeDir: purgeDir(opts.in.customers), Wait: opts.rec.wait}
	var before, customerID string
	match := func(l *contactlog.Layout, rec *rows.Record) bool {
		return strings.TrimSpace(rec.Field(l.Binding.Col(schema.ComplaintID))) == opts.id
	}
	_, _, err = contactlog.Rewrite(ctx, copts, match, func(l *contactlog.Layout, old []string) ([]string, error) {
		row := append([]string(nil), old...)
		before = old[l.Binding.Col(schema.Status)]
		customerID = strings.TrimSpace(old[l.Binding.Col(schema.CustomerID)])
		if vocab.Closed(before) && !opts.reopen {
			return nil, usererr.WithHint(fmt.Errorf("complaint %s is closed (%s); nothing was written", opts.id, before), "give --reopen to change a closed complaint")
		}
		l.Set(row, schema.Status, status.Name)
		l.Set(row, schema.Staff, opts.rec.staff)
		if opts.resolution != "" {
			l.Set(row, schema.Resolution, opts.resolution)
		}
		if status.Closed && !vocab.Closed(before) {
			l.Set(row, schema.ClosedAt, today)
		} else if !status.Closed {
			l.Set(row, schema.ClosedAt, "")
		}
		return row, nil
	})
	if errors.Is(err, contactlog.ErrNotFound) {
		return fmt.Errorf("no complaint %s in %s; nothing was written (custkit complaints lists them)", opts.id, path)
	}
	if err != nil {
		return recordError(err)
	}
	g.access.SetChange(audit.Change{Kind: "complaint update", File: path, Customer: customerID, Complaint: opts.id, Staff: opts.rec.staff, Status: status.Name})
	summary := fmt.Sprintf("[%s] %s → %s", opts.id, before, status.Name)
	if opts.resolution != "" {
		summary += ": " + opts.resolution
	}
	hopts := contactlog.Options{Path: contacts, Kind: schema.Contacts, Aliases: aliasesOf(g, schema.Contacts),
		Required: []schema.Field{schema.CustomerID, schema.ContactedAt, schema.Staff, schema.Channel, schema.Summary},
		PurgeDir: purgeDir(opts.in.customers), Wait: opts.rec.wait}
	_, err = contactlog.Append(ctx, hopts, func(f *contactlog.File) ([]string, error) {
		row := f.Row()
		f.Set(row, schema.CustomerID, customerID)
		f.Set(row, schema.ContactedAt, now.Format("2006-01-02 15:04"))
		f.Set(row, schema.Staff, opts.rec.staff)
		f.Set(row, schema.Channel, channel.Name)
		f.Set(row, schema.Summary, summary)
		return row, nil
	})
	if err != nil {
		return recordError(fmt.Errorf("complaint %s is now %s, but its history could not be added to %s: %w", opts.id, status.Name, contacts, err))
	}
	if !g.quiet {
		fmt.Fprintf(s.err, "custkit: complaint update: %s: %s → %s, recorded in %s and %s\n", opts.id, before, status.Name, path, contacts)
	}
	return nil
}
