package main

import (
	"context"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/contact"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
)

type contactAddOptions struct {
	streams *streams
	global  *globalOptions
	in      inputFlags
	rec     recordFlags
	channel string
	summary string
	at      string
}

func newContactCmd(s *streams, g *globalOptions, runF func(context.Context, *contactAddOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "contact",
		Short: "Record a contact with a customer",
		Long: `Contact records what staff and a customer said to each other: when, by which
channel, who, and what. "custkit contacts" lists them (see also custkit
history).

` + recordExit,
		Example: `  cp -r examples shop && custkit contact add --config shop/custkit.yaml --customer 000101 --channel 電話 --staff 村田 --summary "入荷の連絡"
  custkit contacts --config shop/custkit.yaml --customer 000101`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newContactAddCmd(s, g, runF))
	return cmd
}

func newContactAddCmd(s *streams, g *globalOptions, runF func(context.Context, *contactAddOptions) error) *cobra.Command {
	opts := &contactAddOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "add --customer <id> --channel <channel> --staff <name> --summary <text> [--at <datetime>]",
		Short: "Append one contact to the contacts file",
		Long: `Add appends one row to the contacts file (--contacts, or contacts: in the
config), in the file's own encoding, delimiter, line ends and column order;
a value with the delimiter, a quote or a line break is quoted. A file that
does not exist yet is made with the standard header (customer_id,
contacted_at, staff, channel, summary), mode 0600, in the encoding and line
ends of the customers file. The file's header needs a column for each of
them.

The customer must be in the customers file (ids match as text). The channel
is one of the config's follow_up.channels (default: 電話 (phone), 来店
(visit), メール (email), LINE, 手紙 (letter), その他 (other)), by any of
its spellings; the file gets its first name. --at is when the contact was
(2026-11-22 10:15, 2026/11/22 ...), default now. A value the file's
encoding cannot hold (𠮷 in a Shift_JIS file) is an error, and nothing is
written.

` + recordingHelp + `

` + recordExit,
		Example: `  cp -r examples shop && custkit contact add --config shop/custkit.yaml --customer 000101 --channel 電話 --staff 村田 --summary "入荷の連絡"
  custkit contact add --customers shop/customers.csv --contacts shop/contacts.csv --customer 000125 --channel visit --staff 大野 --summary "湯呑みを見に来店" --at "2026-11-22 10:15"`,
		Args: cobra.NoArgs,
		RunE: runs(opts, runF, runContactAdd),
	}
	opts.in.register(cmd, needCustomers|needContacts)
	opts.rec.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.rec.customer, "customer", "", "the customer's `id` in the customers file")
	fl.StringVar(&opts.channel, "channel", "", "how the customer was contacted: one of the config's follow_up.channels")
	fl.StringVar(&opts.rec.staff, "staff", "", "who spoke with the customer")
	fl.StringVar(&opts.summary, "summary", "", "what was said (not written to the access log)")
	fl.StringVar(&opts.at, "at", "", "when the contact was, as a date and time (default: now)")
	commandLineOnly(cmd, "customer", "channel", "staff", "summary", "at")
	_ = fl.SetAnnotation("summary", notLogged, []string{"true"})
	return cmd
}

func runContactAdd(ctx context.Context, opts *contactAddOptions) error {
	s, g := opts.streams, opts.global
	path, err := recordTarget(opts.in.contacts, "contacts")
	if err != nil {
		return err
	}
	vocab, err := channels(g)
	if err != nil {
		return err
	}
	e, err := contact.NewEntry(vocab, opts.rec.customer, opts.channel, opts.rec.staff, opts.summary)
	if err != nil {
		return err
	}
	if e.At, err = contactlog.At(opts.at, g.clock()()); err != nil {
		return err
	}
	copts := opts.rec.to(s, g, path, schema.Contacts, &opts.in)
	if copts.New, err = findCustomer(ctx, s, g, &opts.in, e.Customer); err != nil {
		return err
	}
	if err := contact.Add(ctx, copts, e); err != nil {
		return recordError(err, exitLocked)
	}
	g.access.SetChange(audit.Change{Kind: "contact add", File: path, Customer: e.Customer, Staff: e.Staff, Channel: e.Channel})
	reportRecorded(s, g, "contact add", "recorded a %s contact with %s in %s", e.Channel, e.Customer, path)
	return nil
}
