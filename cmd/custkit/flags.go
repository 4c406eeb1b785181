package main

import (
	"context"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/flagval"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/retention"

	"github.com/spf13/cobra"
)

// enumFlag registers a flag that takes one of a fixed set of words
// (flagval.Enum), with completion.
func enumFlag(cmd *cobra.Command, target *string, name, short, def string, allowed []string, usage string) {
	*target = def
	cmd.Flags().VarP(&flagval.Enum{Target: target, Allowed: allowed}, name, short, flagval.EnumUsage(usage, allowed))
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return allowed, cobra.ShellCompDirectiveNoFileComp
	})
}

// periodFlag registers a period flag; *set tells whether it was given.
func periodFlag(cmd *cobra.Command, p *parse.Period, set *bool, name, usage string) {
	cmd.Flags().Var(&flagval.Period{P: p, Given: set}, name, flagval.PeriodUsage(usage))
}

// windowFlag registers a period flag that selects a window (--within): a
// period of no time is refused, as it would select nothing.
func windowFlag(cmd *cobra.Command, p *parse.Period, set *bool, name, usage string) {
	cmd.Flags().Var(&flagval.Period{P: p, Given: set, Window: true}, name, flagval.PeriodUsage(usage))
}

// limitValue is --max-delete, checked when parsed.
func limitValue(l *retention.Limit, set *bool) *flagval.Limit {
	return &flagval.Limit{L: l, Given: set}
}

// hashKey reads the pseudonym key of redact and purge: --key-file, else
// CUSTKIT_HASH_KEY (see redact.ReadKey). ctx is the run's, nil in unit
// tests.
func hashKey(ctx context.Context, s *cmdutil.Streams, keyFile string, missing error) ([]byte, error) {
	return redact.ReadKey(ctx, keyFile, s.Getenv(redact.KeyEnv), missing)
}
