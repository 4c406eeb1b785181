package main

import (
	"context"
	"strings"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/spf13/cobra"
)

type redactOptions struct {
	cmdutil.Base
	in         cmdutil.Inputs
	out        cmdutil.Output
	when       cmdutil.Window // --as-of, for age bands
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

func newRedactCmd(s *cmdutil.Streams, g *cmdutil.Global, runF func(context.Context, *redactOptions) error) *cobra.Command {
	opts := &redactOptions{Base: cmdutil.Base{Streams: s, Global: g}}
	cmd := command("redact", "redact [<file>] [--policy <name>] [--drop <col>,...] [--hash <col>,...] [--mask <col>[:<how>]] [--generalise <col>[:<how>]] [--replace <col>:<value>]",
		"Remove, mask, pseudonymise or coarsen personal data in any CSV", cmdutil.AtMostOne("input file"),
		cmdutil.Runs(opts, runF, runRedact, func(cmd *cobra.Command, args []string) {
			opts.file = "-"
			if len(args) == 1 {
				opts.file = args[0]
			}
		}), opts.in.Of(0), opts.out.Register, opts.when.RegisterAsOf)
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
	s, g := opts.Streams, opts.Global
	if opts.newKey != "" {
		if err := redact.NewKeyFile(opts.newKey); err != nil {
			return err
		}
		g.Report(s, "redact", redact.NewKeyNote(opts.newKey))
		return nil
	}
	named, err := g.Cfg.Redact.Named(opts.policy, g.Cfg.Path)
	if err != nil {
		return err
	}
	policy, err := redact.Flags{Drop: opts.drop, Hash: opts.hash, Mask: opts.mask, Generalise: opts.generalise, Replace: opts.replace}.Policy(named)
	if err != nil {
		return err
	}
	ropts := redact.Options{Aliases: g.Cfg.KindAliases, ExcelSerial: g.Cfg.Dates.ExcelSerial}
	if policy.NeedsKey() {
		if ropts.Key, err = cmdutil.HashKey(ctx, s, opts.keyFile, redact.ErrNoKey); err != nil {
			return err
		}
	}
	if ropts.AsOf, err = opts.when.Date(time.Now); err != nil {
		return err
	}
	in, err := opts.in.OpenRows(ctx, s, g, opts.file, "the file argument")
	if err != nil {
		return err
	}
	defer in.Close()
	plan, err := redact.NewPlan(policy, in.Reader, ropts)
	if err != nil {
		return err
	}
	return opts.out.Write(ctx, s, g, "redact", []string{opts.file}, func(out *cmdutil.Target) ([]string, error) {
		st, err := redact.Run(ctx, in.Reader, plan, out, 0)
		return st.Lines(plan), err
	})
}
