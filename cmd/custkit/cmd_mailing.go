package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/mailing"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type mailingOptions struct {
	cmdutil.Base
	in                 cmdutil.Inputs
	out                cmdutil.Output
	channel            string
	consentColumn      string
	suppress           []string
	dedupe             mailing.Dedupe
	dedupeReport       string
	rejects            string
	layout             string
	emailCaseSensitive bool
	// customersGiven is set when --customers is on the command line, not
	// only in the environment or the config file.
	customersGiven bool
}

func newMailingCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *mailingOptions) error) *cobra.Command {
	opts := &mailingOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("mailing", "mailing --channel {email|post} [--customers <file>] [--suppress <file>]... [-o <file>]", "A clean mailing list: consent, suppression, duplicates merged", cmdutil.NoArgs, cmdutil.Runs(opts, runF, runMailing, func(cmd *cobra.Command, _ []string) { opts.customersGiven = cmd.Flags().Changed("customers") }), opts.in.Of(cmdutil.NeedCustomers), opts.out.Register)
	fl := cmd.Flags()
	cmdutil.EnumFlag(cmd, &opts.channel, "channel", "", "", mailing.Channels, "how the mail goes out (required)")
	fl.StringVar(&opts.consentColumn, "consent-column", "", "the `column` holding consent (default mail_opt_in for email, post_opt_in for post)")
	fl.StringSliceVar(&opts.suppress, "suppress", nil, "remove the customer ids, emails or phone numbers listed in `file` (repeatable)")
	fl.StringSliceVar(&opts.dedupe.By, "dedupe-by", nil, "merge duplicates by these `rules`: "+strings.Join(mailing.RuleNames, ", ")+" (default: --household for post, --person for email)")
	fl.BoolVar(&opts.dedupe.Household, "household", false, "one piece per household: merge by email, phone, address+kana, address+postal (default for post)")
	fl.BoolVar(&opts.dedupe.Person, "person", false, "one piece per person: merge by email, name+phone, address+kana (default for email)")
	fl.BoolVar(&opts.dedupe.Off, "no-dedupe", false, "keep duplicates")
	fl.StringVar(&opts.dedupeReport, "dedupe-report", "", "write every group of duplicates to `file`")
	fl.StringVar(&opts.rejects, "rejects", "", "write the rows that cannot be used, with the reason, to `file`")
	cmdutil.EnumFlag(cmd, &opts.layout, "layout", "", "", mailing.Layouts, "columns written (default post for --channel post, else all)")
	fl.BoolVar(&opts.emailCaseSensitive, "email-case-sensitive", false, "compare the part of email addresses before the @ with its case")
	return cmd
}

func runMailing(ctx context.Context, opts *mailingOptions) error {
	s, g := opts.Streams, opts.Global
	format, err := opts.out.ResolveFormat(s)
	if err != nil {
		return usererr.Usage(err)
	}
	q := mailing.Request{Channel: opts.channel, ConsentColumn: opts.consentColumn, Dedupe: opts.dedupe, Layout: opts.layout,
		EmailCaseSensitive: opts.emailCaseSensitive, VCard: format == output.VCard, Output: opts.out.Path, Rejects: opts.rejects, DedupeReport: opts.dedupeReport}
	mopts, err := q.Options()
	if err != nil {
		return err
	}
	mopts.Aliases = g.Cfg.KindAliases[schema.Customers.Name]
	if mopts.ConsentMarks, err = g.Cfg.Mailing.Marks(); err != nil {
		return fmt.Errorf("%s: %v", g.Cfg.Path, err)
	}
	path, err := mailing.Source(opts.customersGiven, s.StdinData, opts.in.Customers)
	if err != nil {
		return err
	}
	fs := opts.Files(ctx, &opts.in)
	defer fs.Close()
	for _, p := range opts.suppress {
		if mopts.Suppress == nil {
			mopts.Suppress = mailing.NewSuppression()
		}
		if f := fs.File(p, mailing.SuppressKind); fs.Err == nil {
			fs.Err = mopts.Suppress.LoadFile(f)
		}
	}
	if fs.Err != nil {
		return fs.Err
	}
	cust := fs.File(path, schema.Customers)
	if err := mailing.SourceError(fs.Err, path, opts.customersGiven); err != nil {
		return err
	}
	if opts.out.FormulaGuard == "auto" {
		opts.out.FormulaGuard = "on" // mailing lists are opened in spreadsheets
	}
	sides := []cmdutil.SideOutput{{Flag: "--rejects", Path: opts.rejects}, {Flag: "--dedupe-report", Path: opts.dedupeReport}}
	return fs.WriteSet(&opts.out, "mailing", sides, func(outs *cmdutil.OutputSet) ([]string, error) {
		return mailing.Write(ctx, cust, q, mopts, mailing.Outputs{List: outs.Main, Rejects: outs.Rows("--rejects"), Groups: outs.Rows("--dedupe-report")})
	})
}
