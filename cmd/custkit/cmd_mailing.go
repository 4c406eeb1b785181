package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/mailing"
	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
)

type mailingOptions struct {
	streams            *streams
	global             *globalOptions
	in                 inputFlags
	out                outputFlags
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

func newMailingCmd(s *streams, g *globalOptions, runF func(context.Context, *mailingOptions) error) *cobra.Command {
	opts := &mailingOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "mailing --channel {email|post} [--customers <file>] [--suppress <file>]... [-o <file>]",
		Short: "A clean mailing list: consent, suppression, duplicates merged",
		Long: `Mailing turns customer rows (a customers file, or the output of buyers,
segment, events or join on standard input) into a list to send to, in four
steps:

  1. Everyone on a --suppress list is removed, before anything else. A
     suppression list is a CSV file with a customer_id, email or phone
     column (any of their names: 顧客番号, メールアドレス, 電話番号, ...);
     values match after normalisation: ids ignoring width and leading zeros,
     emails ignoring case, phone numbers by their digits (+81 as 0).
  2. Only those who agreed to the channel stay: mail_opt_in for email,
     post_opt_in for post, or the column named by --consent-column.
     Accepted values, in any width and case: 1/0, true/false, yes/no, y/n,
     OK/NG, 可/不可, ○/× (and 〇, the kanji zero, for ○), 有/無, 要/否,
     希望する/希望しない, 希望/不要, する/しない, and the shop's own marks
     listed in the config (mailing: {consent: {agreed: [済], refused:
     [辞退]}}). An empty cell is no consent; any other value is an error
     naming the file, line, column and value. A file without a consent column is an error too:
     custkit never assumes that everyone agreed.
  3. Rows that cannot be used are set aside with the reason: for email, a
     missing or invalid address; for post, an empty address, a postal code
     that is not 7 digits, or neither a name nor a company. --rejects FILE
     writes them (every column plus "reason"); standard error counts them.
  4. Duplicates (名寄せ) are merged, one row kept per group: the most recent
     last purchase or visit (last_purchase, last_visit, ...) or registration,
     the later row on a tie. Rules (--dedupe-by):
       email           the same address; the domain ignores case, and so
                       does the local part unless --email-case-sensitive
       name+phone      the same name, or the same name reading, and the
                       same phone number: one person
       phone           the same digits: ０９０-1234-5678 = 09012345678 =
                       +81 90 1234 5678: one household
       address+kana    the same address and name reading: one person
       address+postal  the same address and postal code: one household
     Names compare after NFKC without spaces, hiragana as katakana.
     Addresses compare after NFKC, with every hyphen and dash (‐ – — ー −)
     and space alike, 丁目/番地/番/号 as hyphens, kanji numbers before them
     as digits (三丁目 = 3-) and the prefecture left out.
     Email goes to a person: one message per person, merged by email,
     name+phone and address+kana; family members who share a phone or an
     address, each with their own name and email, each get their own.
     Post goes to a household: one postcard per household, merged by
     email, phone, address+kana and address+postal. --person or
     --household chooses the other; --dedupe-by names the rules.
     --dedupe-report FILE lists every group: the ids, the row kept and the
     rule that matched each; standard error names the rules used.
     --no-dedupe keeps every row.

A refusal holds for the person, not only for the row: a row that agreed
is not sent either when it is the same person (the same email, name and
phone, or address and name reading) as a row that refused, whatever the
rules, --no-dedupe included. A refusal never stops another member of the
household: when one of a family refused, the others are still sent to.

The list is written in input order. For post the columns are those of
宛名 (address label) software and print shops — 郵便番号, 住所1, 住所2,
会社名, 部署, 役職, 氏名, 敬称 — with 様 after a person's name and 御中 after
a company when no person is named, never both; 住所2 is the address2
column (住所2, 建物名) if the file has one, else the building after the
block number. For email, and with --layout all, every input column is kept.
--format vcard (or -o list.vcf) writes vCard 4.0 contacts instead.

CSV output has the spreadsheet formula guard on (--formula-guard off to
disable). --output-encoding utf-8-bom makes a file Excel opens correctly,
shift_jis one for older 宛名 software; a character Shift_JIS lacks (𠮷,
emoji) is an error naming the customer, never a silent "?". Files written
with -o are created with mode 0600.`,
		Example: `  # the postcard job: teacup buyers who agreed to post, once per household
  custkit buyers --config examples/custkit.yaml --product P0042 --within 12mo \
    | custkit mailing --channel post --suppress examples/unsubscribed.csv \
        --output-encoding shift_jis -o dm-list.csv
  custkit mailing --customers examples/customers.csv --channel email --rejects rejected.csv
  custkit mailing --customers examples/customers.csv --channel post --dedupe-report groups.csv -o list.csv
  # one postcard per person, not per household
  custkit mailing --customers examples/customers.csv --channel post --person -o list.csv
  custkit mailing --customers examples/customers.csv --channel email -o contacts.vcf`,
		Args: noArgs,
		RunE: runs(opts, runF, runMailing, func(cmd *cobra.Command, _ []string) { opts.customersGiven = cmd.Flags().Changed("customers") }),
	}
	opts.in.register(cmd, needCustomers)
	opts.out.register(cmd)
	fl := cmd.Flags()
	enumFlag(cmd, &opts.channel, "channel", "", "", mailing.Channels, "how the mail goes out (required)")
	fl.StringVar(&opts.consentColumn, "consent-column", "", "the `column` holding consent (default mail_opt_in for email, post_opt_in for post)")
	fl.StringSliceVar(&opts.suppress, "suppress", nil, "remove the customer ids, emails or phone numbers listed in `file` (repeatable)")
	fl.StringSliceVar(&opts.dedupe.By, "dedupe-by", nil, "merge duplicates by these `rules`: "+strings.Join(mailing.RuleNames, ", ")+" (default: --household for post, --person for email)")
	fl.BoolVar(&opts.dedupe.Household, "household", false, "one piece per household: merge by email, phone, address+kana, address+postal (default for post)")
	fl.BoolVar(&opts.dedupe.Person, "person", false, "one piece per person: merge by email, name+phone, address+kana (default for email)")
	fl.BoolVar(&opts.dedupe.Off, "no-dedupe", false, "keep duplicates")
	fl.StringVar(&opts.dedupeReport, "dedupe-report", "", "write every group of duplicates to `file`")
	fl.StringVar(&opts.rejects, "rejects", "", "write the rows that cannot be used, with the reason, to `file`")
	enumFlag(cmd, &opts.layout, "layout", "", "", mailing.Layouts, "columns written (default post for --channel post, else all)")
	fl.BoolVar(&opts.emailCaseSensitive, "email-case-sensitive", false, "compare the part of email addresses before the @ with its case")
	return cmd
}

func runMailing(ctx context.Context, opts *mailingOptions) error {
	s, g := opts.streams, opts.global
	format, err := opts.out.resolveFormat(s)
	if err != nil {
		return usererr.Usage(err)
	}
	q := mailing.Request{Channel: opts.channel, ConsentColumn: opts.consentColumn, Dedupe: opts.dedupe, Layout: opts.layout,
		EmailCaseSensitive: opts.emailCaseSensitive, VCard: format == output.VCard, Output: opts.out.path, Rejects: opts.rejects, DedupeReport: opts.dedupeReport}
	mopts, err := q.Options()
	if err != nil {
		return err
	}
	mopts.Aliases = g.cfg.aliases[schema.Customers.Name]
	if mopts.ConsentMarks, err = g.cfg.Mailing.Marks(); err != nil {
		return fmt.Errorf("%s: %v", g.cfg.file, err)
	}
	path, err := mailing.Source(opts.customersGiven, s.stdinData, opts.in.customers)
	if err != nil {
		return err
	}
	fs := openFiles(ctx, s, g, &opts.in)
	defer fs.Close()
	for _, p := range opts.suppress {
		if mopts.Suppress == nil {
			mopts.Suppress = mailing.NewSuppression()
		}
		if f := fs.file(p, mailing.SuppressKind); fs.err == nil {
			fs.err = mopts.Suppress.LoadFile(f)
		}
	}
	if fs.err != nil {
		return fs.err
	}
	cust := fs.file(path, schema.Customers)
	if err := mailing.SourceError(fs.err, path, opts.customersGiven); err != nil {
		return err
	}
	if opts.out.formulaGuard == "auto" {
		opts.out.formulaGuard = "on" // mailing lists are opened in spreadsheets
	}
	sides := []sideOutput{{"--rejects", opts.rejects}, {"--dedupe-report", opts.dedupeReport}}
	return fs.writeSet(&opts.out, "mailing", sides, func(outs *outputSet) ([]string, error) {
		return mailing.Write(ctx, cust, q, mopts, mailing.Outputs{List: outs.main, Rejects: outs.rows("--rejects"), Groups: outs.rows("--dedupe-report")})
	})
}
