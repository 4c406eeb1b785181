package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

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

// recordingHelp is the part of the help every recording command shares.
const recordingHelp = `Several tills may record at once. Each write holds the purge lock (` + contactlog.PurgeLockName + `
beside the customers file) shared and the data file's own lock exclusively:
rows never interleave, and a purge never replaces the file while a row goes
in. While a purge runs, a write waits up to --wait, then gives up (exit
status 3) and writes nothing. See docs/recording.md for what this locking
does and does not guarantee on a shared folder (NFS, SMB).

The access log records who wrote, in which file, about which customer, and
the kind of change; never the text of a summary or resolution.`

// recordExit is the EXIT STATUS of the recording commands.
const recordExit = `EXIT STATUS
  0  the row was written
  1  nothing was written: an unknown customer or complaint, a value the
     file's encoding cannot hold, a header without a column the row needs
  2  usage error: a flag missing, an unknown channel or status
  3  a purge kept the files locked for longer than --wait; nothing was
     written`

// recordTarget checks that list names one file to write to.
func recordTarget(list, flag string) (string, error) {
	if err := require(list, flag); err != nil {
		return "", err
	}
	if list == "-" || strings.ContainsAny(list, ",*?[") {
		return "", usererr.Usagef("--%s must name the one file to write to, not %q", flag, list)
	}
	return list, nil
}

// findCustomer checks that id is in the customers file, in one streamed
// pass (read through the inputs, so that the access log records it), and
// returns how a new data file is written: like the customers file.
func findCustomer(ctx context.Context, s *streams, g *globalOptions, in *inputFlags, id string) (contactlog.NewFile, error) {
	var nf contactlog.NewFile
	if err := require(in.customers, "customers"); err != nil {
		return nf, err
	}
	if strings.TrimSpace(id) == "" {
		return nf, usererr.Usagef("--customer is required: the customer's id in the customers file")
	}
	cust, err := in.open(ctx, s, g, in.customers, schema.Customers)
	if err != nil {
		return nf, err
	}
	defer cust.Close()
	nf.Encoding, nf.Comma = cust.Reader.Encoding(), cust.Reader.Comma()
	switch {
	case cust.Reader.CRLF():
		nf.EOL = "\r\n"
	case cust.Reader.CR():
		nf.EOL = "\r"
	}
	want := []byte(id)
	found, err := customer.Select(ctx, cust.Reader, cust.Binding, func(k []byte) bool { return bytes.Equal(k, want) }, customer.SelectOptions{})
	if err != nil {
		return nf, err
	}
	if len(found) == 0 {
		return nf, usererr.WithHint(fmt.Errorf("customer %q is not in %s; nothing was written", id, in.customers),
			"ids match as text (000123 is not 123); find the id with custkit history or the customers file, or add the customer there first")
	}
	return nf, nil
}

// purgeDir is where a purge of these files keeps its lock: beside the
// customers file.
func purgeDir(customers string) string { return filepath.Dir(customers) }

// recordError gives a failed write its exit status: 3 for a purge that
// kept the files locked.
func recordError(err error) error {
	if errors.Is(err, contactlog.ErrPurging) {
		return &statusError{usererr.WithHint(err, "run it again when the purge has ended, or give --wait longer"), exitLocked}
	}
	return err
}

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
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runContactAdd(cmd.Context(), opts)
		},
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
	channels := contactlog.DefaultChannels
	if g.cfg != nil {
		if channels, err = g.cfg.FollowUp.ChannelVocab(); err != nil {
			return fmt.Errorf("%s: %v", g.cfg.file, err)
		}
	}
	for _, req := range []struct{ v, flag string }{{opts.channel, "channel"}, {opts.rec.staff, "staff"}, {opts.summary, "summary"}} {
		if strings.TrimSpace(req.v) == "" {
			return usererr.Usagef("--%s is required", req.flag)
		}
	}
	ch, err := channels.Find(opts.channel)
	if err != nil {
		return usererr.Usage(err)
	}
	at, err := when(opts.at, g)
	if err != nil {
		return err
	}
	nf, err := findCustomer(ctx, s, g, &opts.in, opts.rec.customer)
	if err != nil {
		return err
	}
	copts := contactlog.Options{Path: path, Kind: schema.Contacts, Aliases: aliasesOf(g, schema.Contacts),
		Required: []schema.Field{schema.CustomerID, schema.ContactedAt, schema.Staff, schema.Channel, schema.Summary},
		PurgeDir: purgeDir(opts.in.customers), Wait: opts.rec.wait, New: nf}
	_, err = contactlog.Append(ctx, copts, func(f *contactlog.File) ([]string, error) {
		row := f.Row()
		f.Set(row, schema.CustomerID, opts.rec.customer)
		f.Set(row, schema.ContactedAt, at)
		f.Set(row, schema.Staff, opts.rec.staff)
		f.Set(row, schema.Channel, ch.Name)
		f.Set(row, schema.Summary, opts.summary)
		return row, nil
	})
	if err != nil {
		return recordError(err)
	}
	g.access.SetChange(audit.Change{Kind: "contact add", File: path, Customer: opts.rec.customer, Staff: opts.rec.staff, Channel: ch.Name})
	if !g.quiet {
		fmt.Fprintf(s.err, "custkit: contact add: recorded a %s contact with %s in %s\n", ch.Name, opts.rec.customer, path)
	}
	return nil
}

// when is --at as written into the file (2026-11-22 10:15), or now.
func when(at string, g *globalOptions) (string, error) {
	const layout = "2006-01-02 15:04"
	if strings.TrimSpace(at) == "" {
		return g.clock()().Format(layout), nil
	}
	t, err := parse.Date(at)
	if err != nil {
		return "", usererr.Usagef("--at %q %v", at, err)
	}
	if !strings.Contains(at, ":") && !strings.Contains(at, "時") && !strings.Contains(at, "T") {
		return t.Format("2006-01-02"), nil // a day, without a time
	}
	return t.Format(layout), nil
}

// aliasesOf is the config's extra header names for kind.
func aliasesOf(g *globalOptions, kind schema.Kind) schema.Aliases {
	if g.cfg == nil {
		return nil
	}
	return g.cfg.aliases[kind.Name]
}
