package main

import (
	"context"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/redact"
	"github.com/spf13/cobra"
)

type redactOptions struct {
	streams    *streams
	global     *globalOptions
	in         inputFlags
	out        outputFlags
	when       windowFlags // --as-of, for age bands
	file       string
	policy     string
	drop       []string
	hash       []string
	mask       []string
	generalise []string
	replace    []string
	keyFile    string
	newKey     string
}

func newRedactCmd(s *streams, g *globalOptions, runF func(context.Context, *redactOptions) error) *cobra.Command {
	opts := &redactOptions{streams: s, global: g}
	cmd := &cobra.Command{
		Use:   "redact [<file>] [--policy <name>] [--drop <col>,...] [--hash <col>,...] [--mask <col>[:<how>]] [--generalise <col>[:<how>]] [--replace <col>:<value>]",
		Short: "Remove, mask, pseudonymise or coarsen personal data in any CSV",
		Long: `Redact copies a CSV file (or standard input) with a redaction policy applied,
so that a list handed to a printer, a mailing service or an analyst holds
only what they need. It streams: any size of file, in constant memory.

A rule names a column by logical field (phone finds 電話番号, tel and
携帯番号 alike, and every such column) or by its header as written:

  --drop phone,email          remove the columns
  --hash customer_id          replace each value with a keyed pseudonym: 16
                              letters and digits (HMAC-SHA-256), the same for
                              the same value in every file and every run with
                              the same key, so redacted files still join
  --mask name                 keep the first character, mask the rest
  --mask phone:last=4         keep the last 4 (the default for phone numbers)
  --mask email:first=2,char=● email keeps its domain; char sets the mask
  --generalise birthday       age band as of --as-of ("40-49"); :year gives
                              the year (the default for other dates)
  --generalise postal_code    the first 3 digits (postal3)
  --generalise address        the prefecture; :prefecture-city adds the city
                              or ward (横浜市, 渋谷区)
  --replace memo:(removed)    a constant

Empty values stay empty. Columns no rule names pass through; redact says
which of them hold personal data.

A policy is a set of rules named in the config file and used with
--policy; rules given as flags add to it, and win for the same column:

  redact:
    policies:
      printer:
        drop: [phone, email, birthday]
        hash: [customer_id]
        mask: {name: "first=1"}
        generalise: {postal_code: postal3, address: prefecture-city}

The hash key is never in the config file: it comes from --key-file (a file
only you can read, mode 0600) or the CUSTKIT_HASH_KEY variable. Create one
with --new-key FILE and keep it safe: another key gives other tokens. There
is no unkeyed hash: a plain hash of a phone number is undone by hashing
every possible number.

An -o file that still holds personal data is recorded in the export
manifest (see "custkit exports") with --purpose and --expires.`,
		Example: `  custkit redact --new-key hash.key
  custkit redact examples/customers.csv --key-file hash.key --hash customer_id \
    --drop phone,email --mask name --generalise address:prefecture-city
  custkit redact examples/customers.csv --drop phone,email,birthday --generalise postal_code \
    -o dm-list.csv --purpose "autumn DM" --expires 30d`,
		Args: atMostOne("input file"),
		RunE: runs(opts, runF, runRedact, func(cmd *cobra.Command, args []string) {
			opts.file = "-"
			if len(args) == 1 {
				opts.file = args[0]
			}
		}),
	}
	opts.in.register(cmd, 0)
	opts.out.register(cmd)
	opts.when.registerAsOf(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.policy, "policy", "", "apply the redaction policy `name` from the config file")
	fl.StringSliceVar(&opts.drop, "drop", nil, "remove the `columns`")
	fl.StringSliceVar(&opts.hash, "hash", nil, "replace the values of the `columns` with keyed pseudonyms")
	fl.StringArrayVar(&opts.mask, "mask", nil, "mask a `column[:how]`; how: first=N,last=N,char=C")
	fl.StringArrayVar(&opts.generalise, "generalise", nil, "coarsen a `column[:how]`; how: "+strings.Join(redact.Generalisations, ", "))
	fl.StringArrayVar(&opts.replace, "replace", nil, "replace each value of a column with a constant: `column:value`")
	fl.StringVar(&opts.keyFile, "key-file", "", "read the hash key from `file` (mode 0600; default: CUSTKIT_HASH_KEY)")
	fl.StringVar(&opts.newKey, "new-key", "", "write a new random hash key to `file` (mode 0600) and exit")
	return cmd
}

func runRedact(ctx context.Context, opts *redactOptions) error {
	s, g := opts.streams, opts.global
	if opts.newKey != "" {
		if err := redact.NewKeyFile(opts.newKey); err != nil {
			return err
		}
		g.report(s, "redact", redact.NewKeyNote(opts.newKey))
		return nil
	}
	named, err := g.cfg.Redact.Named(opts.policy, g.cfg.file)
	if err != nil {
		return err
	}
	policy, err := redact.Flags{Drop: opts.drop, Hash: opts.hash, Mask: opts.mask, Generalise: opts.generalise, Replace: opts.replace}.Policy(named)
	if err != nil {
		return err
	}
	ropts := redact.Options{Aliases: g.cfg.aliases, ExcelSerial: g.cfg.Dates.ExcelSerial}
	if policy.NeedsKey() {
		if ropts.Key, err = hashKey(ctx, s, opts.keyFile, redact.ErrNoKey); err != nil {
			return err
		}
	}
	if ropts.AsOf, err = opts.when.date(time.Now); err != nil {
		return err
	}
	in, err := opts.in.openRows(ctx, s, g, opts.file, "the file argument")
	if err != nil {
		return err
	}
	defer in.Close()
	plan, err := redact.NewPlan(policy, in.Name(), in.Header(), ropts)
	if err != nil {
		return err
	}
	return opts.out.write(ctx, s, g, "redact", []string{opts.file}, func(out *target) ([]string, error) {
		st, err := redact.Run(ctx, in.Reader, plan, out, 0)
		return st.Lines(plan), err
	})
}
